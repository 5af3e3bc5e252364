import type { SessionRecord } from '@crumbs/core'
import { describe, expect, it } from 'vitest'
import { SessionState } from './session-state.js'

type Data = { username: string; views: number; __proto__: string }

const hooks = (writable = true, reads: string[] = []) => ({
  beforeChange() {
    if (!writable) throw Object.assign(new Error('sent'), { code: 'HEADERS_SENT' })
  },
  onRead() {
    reads.push('read')
  },
  // This engine keeps a visitor's token in the session (as without a strong keyring).
  anonymousCsrfToken: () => undefined,
  regenerate: async () => {},
  destroy: async () => {},
  save: async () => {},
})

const record = (
  data: Record<string, unknown>,
  extra: Partial<SessionRecord> = {},
): SessionRecord => ({
  data,
  createdAt: 100,
  touchedAt: 200,
  permanent: false,
  ...extra,
})

describe('SessionState', () => {
  it('throws a TypeError naming session.set on an express-session style assignment', () => {
    const session = new SessionState<Data>(undefined, 1, hooks())
    const assign = () => {
      ;(session as unknown as Record<string, unknown>).username = 'eve'
    }
    expect(assign).toThrow(TypeError)
    expect(assign).toThrow(/session\.set\('username', value\)/)
    expect(session.get('username')).toBeUndefined()
    // The accessor it has is still an accessor.
    session.permanent = true
    expect(session.permanent).toBe(true)
  })

  it('calls an express-session style callback with the outcome, and never leaves a rejection', async () => {
    const failing = { ...hooks(), save: () => Promise.reject(new Error('down')) }
    const session = new SessionState<Data>(undefined, 1, failing)
    const outcomes: unknown[] = []
    await session.regenerate((error) => outcomes.push(error ?? 'ok'))
    await session.save((error) => outcomes.push((error as Error).message))
    expect(outcomes).toEqual(['ok', 'down'])
    expect(() => session.destroy('nope' as never)).toThrow(TypeError)
  })

  it.each([
    ['get', (s: SessionState<Data>) => s.get('username')],
    ['has', (s: SessionState<Data>) => s.has('username')],
    ['keys', (s: SessionState<Data>) => s.keys()],
    ['toJSON', (s: SessionState<Data>) => s.toJSON()],
    ['csrfToken', (s: SessionState<Data>) => s.csrfToken()],
    ['flashes', (s: SessionState<Data>) => s.flashes()],
  ])('reports the first read by %s, once', (_, read) => {
    const reads: string[] = []
    const session = new SessionState<Data>(record({ username: 'john' }), 300, hooks(true, reads))
    read(session)
    read(session)
    expect(reads).toEqual(['read'])
  })

  it('reports no read for what the engine itself asks (toRecord, flags, times)', () => {
    const reads: string[] = []
    const session = new SessionState<Data>(record({ username: 'john' }), 300, hooks(true, reads))
    session.set('views', 1)
    session.toRecord(300, 'username')
    void [session.isNew, session.modified, session.empty, session.permanent, session.createdAt]
    expect(reads).toEqual([])
  })

  it('behaves like Flask’s session dict', () => {
    const session = new SessionState<Data>(undefined, 1, hooks())
    expect(session.isNew).toBe(true)
    expect(session.get('username')).toBeUndefined()
    session.set('username', 'john')
    expect(session.has('username')).toBe(true)
    expect(session.get('username')).toBe('john')
    expect(session.pop('username')).toBe('john')
    expect(session.pop('username')).toBeUndefined()
    expect(session.has('username')).toBe(false)
    expect(session.modified).toBe(true)
  })

  it('treats __proto__ as an ordinary key', () => {
    const session = new SessionState<Data>(record(JSON.parse('{"__proto__":"x"}')), 1, hooks())
    expect(session.get('__proto__')).toBe('x')
    session.set('__proto__', 'y')
    const data = session.toRecord(1, undefined).data
    expect(Object.keys(data)).toEqual(['__proto__'])
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toBe('y')
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype)
    expect(JSON.parse(JSON.stringify(session))).toEqual(JSON.parse('{"__proto__":"y"}'))
    expect(Object.getOwnPropertyDescriptor(session.toJSON(), '__proto__')?.value).toBe('y')
    expect(({} as Record<string, unknown>).y).toBeUndefined()
  })

  it('sets __proto__ as a key on a fresh session and after clear(), never as the prototype', () => {
    const session = new SessionState<Data>(record({ username: 'john' }), 1, hooks())
    session.clear()
    session.set('__proto__', 'polluted')
    expect(session.keys()).toEqual(['__proto__'])
    const data = session.toRecord(1, undefined).data
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toBe('polluted')
    expect(session.pop('__proto__')).toBe('polluted')
    expect(session.has('__proto__')).toBe(false)
  })

  it('does not mark a read-only request as modified', () => {
    const session = new SessionState<Data>(record({ username: 'john' }), 300, hooks())
    session.get('username')
    session.has('views')
    session.pop('views')
    session.flashes()
    expect(session.modified).toBe(false)
  })

  it('clears data, flashes and the CSRF token', () => {
    const session = new SessionState<Data>(
      record({ username: 'john' }, { csrf: 't', flashes: [{ category: 'm', message: 'hi' }] }),
      1,
      hooks(),
    )
    session.clear()
    expect(session.empty).toBe(true)
    expect(session.keys()).toEqual([])
  })

  it('takes flashed messages once, by category when asked', () => {
    const session = new SessionState<Data>(undefined, 1, hooks())
    session.flash('saved')
    session.flash('oops', 'error')
    expect(session.flashes({ categories: ['error'] })).toEqual([
      { category: 'error', message: 'oops' },
    ])
    expect(session.flashes()).toEqual([{ category: 'message', message: 'saved' }])
    expect(session.flashes()).toEqual([])
  })

  it('keeps one CSRF token for the life of the session and renews it on regenerate', () => {
    const session = new SessionState<Data>(undefined, 1, hooks())
    const token = session.csrfToken()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(session.csrfToken()).toBe(token)
    session.renew(2)
    expect(session.csrfToken()).not.toBe(token)
  })

  it('names the user from userKey in the record', () => {
    const session = new SessionState<Data>(undefined, 1, hooks())
    session.set('username', 'john')
    expect(session.toRecord(5, 'username')).toMatchObject({
      userId: 'john',
      createdAt: 1,
      touchedAt: 5,
    })
    expect(session.toRecord(5, undefined)).not.toHaveProperty('userId')
  })

  it('replays its own changes on top of a newer record', () => {
    const session = new SessionState<Data>(record({ views: 1 }), 1, hooks())
    session.set('username', 'john')
    session.pop('views')
    session.rebase(record({ views: 2, theme: 'dark' }))
    expect(session.toRecord(1, undefined).data).toEqual({ theme: 'dark', username: 'john' })
  })

  it('refuses changes once the response can no longer carry them', () => {
    const session = new SessionState<Data>(record({ username: 'john' }), 1, hooks(false))
    expect(session.get('username')).toBe('john')
    expect(() => session.set('username', 'jane')).toThrow(
      expect.objectContaining({ code: 'HEADERS_SENT' }),
    )
    expect(() => session.flash('x')).toThrow(expect.objectContaining({ code: 'HEADERS_SENT' }))
    expect(() => {
      session.permanent = true
    }).toThrow(expect.objectContaining({ code: 'HEADERS_SENT' }))
  })

  it('reads only the own keys of the data it was loaded with', () => {
    const session = new SessionState<Record<string, unknown>>(record({ a: 1 }), 1, hooks())
    for (const key of ['toString', 'constructor', 'hasOwnProperty']) {
      expect(session.get(key)).toBeUndefined()
      expect(session.has(key)).toBe(false)
    }
    expect(session.keys()).toEqual(['a'])
    expect(session.empty).toBe(false)
    expect(new SessionState(record({}), 1, hooks()).empty).toBe(true)
  })

  it('never changes the record it was loaded from', () => {
    const loaded = record(
      { username: 'john', views: 1 },
      { flashes: [{ category: 'message', message: 'hi' }], csrf: 'token' },
    )
    const before = structuredClone(loaded)
    const session = new SessionState<Data>(loaded, 300, hooks())
    session.set('views', 2)
    session.pop('username')
    session.flash('another')
    expect(session.flashes()).toHaveLength(2)
    session.clear()
    expect(loaded).toEqual(before)
    expect(session.toRecord(301, undefined).data).toEqual({})
  })

  it('hands an unchanged session its loaded data, and a changed one a fresh object', () => {
    const loaded = record({ username: 'john' })
    const session = new SessionState<Data>(loaded, 300, hooks())
    expect(session.toRecord(301, undefined).data).toBe(loaded.data)
    session.set('views', 1)
    const written = session.toRecord(302, undefined).data
    expect(written).not.toBe(loaded.data)
    expect(written).toEqual({ username: 'john', views: 1 })
  })
})
