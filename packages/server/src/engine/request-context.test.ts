import { CrumbsError, createKeyring } from '@crumbs/core'
import type { MaybePromise } from '@crumbs/core/engine'
import { describe, expect, it, vi } from 'vitest'
import { codeOf, rejectionCode } from '../../test/harness/code-of.js'
import { MemoryPort } from '../../test/harness/memory-port.js'
import { RequestContext } from './request-context.js'
import { createSessionEngine } from './session-engine.js'
import { SessionState } from './session-state.js'

const SECRET = 'request-context-test-secret-0123456789'
const keyring = createKeyring(SECRET)
const keys = () => keyring

/** A promise and the functions that settle it. */
function deferred() {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/**
 * A context with a session attached whose commit is `commit`: the context's own rules, with
 * the session's persistence played by the test.
 */
function contextWith(commit: () => MaybePromise<void> = () => undefined, port = new MemoryPort()) {
  const context = new RequestContext(port, keys)
  const session = new SessionState(undefined, 0, {
    beforeChange: () => context.beforeChange(),
    onRead: () => context.markPersonal(),
    anonymousCsrfToken: () => undefined,
    regenerate: async () => {},
    destroy: async () => {},
    save: () => context.save(),
  })
  const commits = vi.fn(commit)
  context.attach({ session, commit: commits })
  return { context, port, commits }
}

describe('RequestContext', () => {
  describe('commit', () => {
    it('runs the session commit once and answers a later call as done', () => {
      const { context, commits } = contextWith()
      expect(context.commit()).toBeUndefined()
      expect(context.commit()).toBeUndefined()
      expect(commits).toHaveBeenCalledTimes(1)
    })

    it('hands a call made while the commit waits the same promise', async () => {
      const store = deferred()
      const { context, commits } = contextWith(() => store.promise)
      const first = context.commit()
      const second = context.commit()
      expect(first).toBeInstanceOf(Promise)
      expect(second).toBe(first)
      store.resolve()
      await first
      expect(context.commit()).toBeUndefined()
      expect(commits).toHaveBeenCalledTimes(1)
    })

    it('throws to its first caller only, and owes nothing after a commit that threw', () => {
      const tooLarge = new CrumbsError('COOKIE_TOO_LARGE', 'too large')
      const { context, commits } = contextWith(() => {
        throw tooLarge
      })
      context.oweCommit()
      expect(codeOf(() => context.commit())).toBe('COOKIE_TOO_LARGE')
      // The failure went to whoever committed (a route's save(), which may have handled it).
      expect(context.commit()).toBeUndefined()
      expect(context.commitOwed).toBe(false)
      expect(commits).toHaveBeenCalledTimes(1)
    })

    it('shares a running commit, and answers at once after it rejected', async () => {
      const down = new CrumbsError('STORE_UNAVAILABLE', 'down')
      const store = deferred()
      const { context, commits } = contextWith(() => store.promise)
      const first = context.commit()
      expect(context.commit()).toBe(first)
      store.reject(down)
      await expect(first).rejects.toBe(down)
      expect(context.commit()).toBeUndefined()
      expect(commits).toHaveBeenCalledTimes(1)
    })

    it('runs the session commit even when nothing is owed', () => {
      const { context, commits } = contextWith()
      expect(context.commitOwed).toBe(false)
      context.commit()
      expect(commits).toHaveBeenCalledTimes(1)
    })

    it('throws HEADERS_SENT when the headers went out with a commit owed, without committing', () => {
      const { context, port, commits } = contextWith()
      context.oweCommit()
      port.sendHeaders()
      expect(codeOf(() => context.commit())).toBe('HEADERS_SENT')
      expect(context.commit()).toBeUndefined()
      expect(commits).not.toHaveBeenCalled()
    })

    it('does nothing, and throws nothing, when the headers went out with nothing owed', () => {
      const { context, port, commits } = contextWith()
      port.sendHeaders()
      expect(context.commit()).toBeUndefined()
      expect(commits).not.toHaveBeenCalled()
      expect(port.setCookies).toEqual([])
    })

    it('throws MIDDLEWARE_MISSING before a session is attached', () => {
      const context = new RequestContext(new MemoryPort(), keys)
      expect(codeOf(() => context.commit())).toBe('MIDDLEWARE_MISSING')
    })
  })

  describe('commitOwed, oweCommit and whenCommitOwed', () => {
    it('owes nothing until something changes or is read', () => {
      const { context } = contextWith()
      expect(context.commitOwed).toBe(false)
      // A plain cookie goes to the response at once.
      context.cookies.setCookie('theme', 'dark')
      expect(context.commitOwed).toBe(false)
      context.session.get('anything')
      expect(context.commitOwed).toBe(true)
    })

    it('owes a commit after oweCommit(), a session change or a signed cookie', () => {
      const owed = contextWith().context
      owed.oweCommit()
      expect(owed.commitOwed).toBe(true)

      const changed = contextWith().context
      changed.session.set('username', 'john')
      expect(changed.commitOwed).toBe(true)

      const signed = contextWith().context
      signed.cookies.setCookie('remember', 'john', { signed: true })
      expect(signed.commitOwed).toBe(true)
    })

    it('owes nothing once the commit ran, or failed', async () => {
      const done = contextWith().context
      done.oweCommit()
      done.commit()
      expect(done.commitOwed).toBe(false)

      const failed = contextWith(() => Promise.reject(new Error('down'))).context
      failed.oweCommit()
      await rejectionCode(failed.save())
      expect(failed.commitOwed).toBe(false)
    })

    it('owes the wait for a commit still running (a save() not awaited), then nothing', async () => {
      const store = deferred()
      const { context } = contextWith(() => store.promise)
      context.oweCommit()
      const running = context.commit()
      expect(context.commitOwed).toBe(true)
      store.resolve()
      await running
      expect(context.commitOwed).toBe(false)
    })

    it('calls a listener once, when a commit first comes to be owed', () => {
      const { context } = contextWith()
      const listener = vi.fn()
      context.whenCommitOwed(listener)
      expect(listener).not.toHaveBeenCalled()
      context.oweCommit()
      context.session.set('username', 'john')
      context.oweCommit()
      expect(listener).toHaveBeenCalledTimes(1)
    })

    it('calls a listener at once when a commit is already owed', () => {
      const { context } = contextWith()
      context.oweCommit()
      const listener = vi.fn()
      context.whenCommitOwed(listener)
      expect(listener).toHaveBeenCalledTimes(1)
      context.oweCommit()
      expect(listener).toHaveBeenCalledTimes(1)
    })

    it('never calls a listener when nothing is owed', () => {
      const { context, port } = contextWith()
      const listener = vi.fn()
      context.whenCommitOwed(listener)
      context.commit()
      port.sendHeaders()
      expect(listener).not.toHaveBeenCalled()
    })
  })

  describe('assertWritable and beforeChange', () => {
    it('pass, and beforeChange owes a commit, while the response can still change', () => {
      const { context } = contextWith()
      context.assertWritable()
      expect(context.commitOwed).toBe(false)
      context.beforeChange()
      expect(context.commitOwed).toBe(true)
    })

    it('throw HEADERS_SENT once the headers were sent, owing nothing', () => {
      const { context, port } = contextWith()
      port.sendHeaders()
      expect(codeOf(() => context.assertWritable())).toBe('HEADERS_SENT')
      expect(codeOf(() => context.beforeChange())).toBe('HEADERS_SENT')
      expect(context.commitOwed).toBe(false)
    })

    it('throw HEADERS_SENT once the commit ran', () => {
      const { context } = contextWith()
      context.commit()
      expect(codeOf(() => context.assertWritable())).toBe('HEADERS_SENT')
      expect(codeOf(() => context.beforeChange())).toBe('HEADERS_SENT')
    })

    it('throw HEADERS_SENT while the commit is running and after it failed', async () => {
      const store = deferred()
      const { context } = contextWith(() => store.promise)
      const committing = context.commit()
      expect(codeOf(() => context.beforeChange())).toBe('HEADERS_SENT')
      store.reject(new Error('down'))
      await rejectionCode(committing as Promise<void>)
      expect(codeOf(() => context.beforeChange())).toBe('HEADERS_SENT')
    })

    it('guard the session and the cookies alike', () => {
      const { context, port } = contextWith()
      port.sendHeaders()
      expect(codeOf(() => context.session.set('username', 'john'))).toBe('HEADERS_SENT')
      expect(codeOf(() => context.cookies.setCookie('theme', 'dark'))).toBe('HEADERS_SENT')
      expect(codeOf(() => context.cookies.setCookie('r', 'j', { signed: true }))).toBe(
        'HEADERS_SENT',
      )
      expect(codeOf(() => context.cookies.deleteCookie('theme'))).toBe('HEADERS_SENT')
    })
  })

  describe('signed cookies', () => {
    it('refuses a bad signed cookie at the call and leaves nothing owed', () => {
      const { context } = contextWith()
      expect(codeOf(() => context.cookies.setCookie('bad name', 'x', { signed: true }))).toBe(
        'INVALID_COOKIE_NAME',
      )
      expect(context.commitOwed).toBe(false)
    })

    it('writes their lines at the commit, before the session cookie', async () => {
      const engine = createSessionEngine({ secret: SECRET })
      const port = new MemoryPort()
      const context = await engine.begin(port)
      context.cookies.setCookie('remember', 'john', { signed: true })
      context.session.set('username', 'john')
      expect(port.setCookies).toEqual([])
      await context.commit()
      expect(port.setCookies.map((line) => line.slice(0, line.indexOf('=')))).toEqual([
        'remember',
        '__Host-session',
      ])
    })

    it('writes them when the session itself has nothing to write', async () => {
      const { context, port, commits } = contextWith()
      context.cookies.setCookie('remember', 'john', { signed: true })
      await context.commit()
      expect(port.cookie('remember')?.value).toMatch(/^john\./)
      expect(commits).toHaveBeenCalledTimes(1)
    })

    it('read back with getSigned on the next request, and not when tampered', async () => {
      const first = contextWith()
      first.context.cookies.setCookie('remember', 'john', { signed: true, httpOnly: true })
      await first.context.commit()
      const cookie = first.port.nextCookieHeader()

      const next = contextWith(undefined, new MemoryPort({ cookie }))
      await expect(next.context.cookies.getSigned('remember')).resolves.toBe('john')
      expect(next.context.cookies.get('remember')).toMatch(/^john\./)

      const forged = cookie.replace('remember=john.', 'remember=jane.')
      const tampered = contextWith(undefined, new MemoryPort({ cookie: forged }))
      await expect(tampered.context.cookies.getSigned('remember')).resolves.toBeUndefined()
      await expect(tampered.context.cookies.getSigned('absent')).resolves.toBeUndefined()
    })

    it.each([
      ['non-ASCII and spaces', 'jöhn doe'],
      ['separators', 'a;b=c'],
      ['quotes', '"q"'],
      ['a percent sign', '%41'],
      ['nothing', ''],
    ])('round-trip a value with %s', async (_, value) => {
      const first = contextWith()
      first.context.cookies.setCookie('remember', value, { signed: true })
      await first.context.commit()
      const cookie = first.port.nextCookieHeader()
      const next = contextWith(undefined, new MemoryPort({ cookie }))
      await expect(next.context.cookies.getSigned('remember')).resolves.toBe(value)
    })

    it('refuse an impossible cookie at the call, with its code', () => {
      const { context } = contextWith()
      expect(codeOf(() => context.cookies.setCookie('bad name', 'j', { signed: true }))).toBe(
        'INVALID_COOKIE_NAME',
      )
      expect(
        codeOf(() => context.cookies.setCookie('r', 'j', { signed: true, sameSite: 'none' })),
      ).toBe('SAMESITE_NONE_REQUIRES_SECURE')
    })
  })

  describe('session', () => {
    it('throws MIDDLEWARE_MISSING before attach()', () => {
      const context = new RequestContext(new MemoryPort(), keys)
      expect(codeOf(() => context.session)).toBe('MIDDLEWARE_MISSING')
    })

    it('is the attached session', () => {
      const { context } = contextWith()
      context.session.set('username', 'john')
      expect(context.session.get('username')).toBe('john')
    })
  })

  describe('save', () => {
    it('resolves once the commit is done, after which commit() answers done', async () => {
      const { context, commits } = contextWith()
      context.session.set('username', 'john')
      await expect(context.save()).resolves.toBeUndefined()
      expect(context.commit()).toBeUndefined()
      expect(commits).toHaveBeenCalledTimes(1)
    })

    it.each([
      [
        'HEADERS_SENT',
        'the headers went out with a change owed',
        () => {
          const { context, port } = contextWith()
          context.oweCommit()
          port.sendHeaders()
          return context
        },
      ],
      [
        'COOKIE_TOO_LARGE',
        'the session commit throws',
        () =>
          contextWith(() => {
            throw new CrumbsError('COOKIE_TOO_LARGE', 'too large')
          }).context,
      ],
      [
        'STORE_UNAVAILABLE',
        'the session commit rejects',
        () =>
          contextWith(() => Promise.reject(new CrumbsError('STORE_UNAVAILABLE', 'down'))).context,
      ],
      [
        'MIDDLEWARE_MISSING',
        'no session is attached',
        () => new RequestContext(new MemoryPort(), keys),
      ],
    ])('rejects with %s where commit() would fail: %s', async (code, _, make) => {
      const saving = make().save()
      expect(saving).toBeInstanceOf(Promise)
      expect(await rejectionCode(saving)).toBe(code)
    })
  })
})
