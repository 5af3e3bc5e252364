import { createKeyring, generateSessionId } from '@crumbs/core'
import { signMaybeSync, unsignMaybeSync } from '@crumbs/core/engine'
import { describe, expect, it } from 'vitest'
import { SignedIds } from './signed-ids.js'

const SECRET = 'signed-ids-test-secret-0123456789abcdef0123'
const OLD = 'signed-ids-old-secret-0123456789abcdef01234'
const PURPOSE = 'session-id'
const keys = createKeyring([SECRET, OLD])

const signed = (id: string, name = 'session', secret = SECRET) =>
  signMaybeSync(id, { keys: createKeyring(secret), name, purpose: PURPOSE }) as string

/** A token with one character of its tag changed. */
const tamper = (token: string) =>
  token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.slice(-1)

describe('SignedIds', () => {
  it('answers as unsign does, the first time and from memory', () => {
    const ids = new SignedIds(keys, PURPOSE)
    const id = generateSessionId()
    const token = signed(id)
    const expected = unsignMaybeSync(token, { keys, name: 'session', purpose: PURPOSE })
    expect(ids.verify(token, 'session')).toEqual(expected)
    expect(ids.size).toBe(1)
    expect(ids.verify(token, 'session')).toEqual(expected)
    expect(expected).toMatchObject({ valid: true, value: id, rotated: false })
  })

  it('refuses a changed tag, another name or another purpose even once the id is known', () => {
    const ids = new SignedIds(keys, PURPOSE)
    const token = signed(generateSessionId())
    expect(ids.verify(token, 'session')).toMatchObject({ valid: true })
    expect(ids.verify(tamper(token), 'session')).toEqual({ valid: false, reason: 'mismatch' })
    expect(ids.verify(token, '__Host-session')).toEqual({ valid: false, reason: 'mismatch' })
    const otherPurpose = new SignedIds(keys, 'cookie')
    expect(otherPurpose.verify(token, 'session')).toEqual({ valid: false, reason: 'mismatch' })
    // The id without its tag, or with the dot replaced, is not the known token either.
    const dot = token.length - 44
    expect(ids.verify(`${token.slice(0, dot)}x${token.slice(dot + 1)}`, 'session')).toMatchObject({
      valid: false,
    })
    expect(ids.verify(token.slice(0, dot), 'session')).toMatchObject({ valid: false })
    // And a token that verified once still does.
    expect(ids.verify(token, 'session')).toMatchObject({ valid: true })
  })

  it('keeps only tokens that verified', () => {
    const ids = new SignedIds(keys, PURPOSE)
    const token = signed(generateSessionId())
    for (let i = 0; i < 5; i++) ids.verify(tamper(token), 'session')
    ids.verify('garbage', 'session')
    expect(ids.size).toBe(0)
  })

  it('remembers a token signed by an old secret as rotated, and the new one once it comes', () => {
    const ids = new SignedIds(keys, PURPOSE)
    const id = generateSessionId()
    const old = signed(id, 'session', OLD)
    expect(ids.verify(old, 'session')).toMatchObject({ valid: true, value: id, rotated: true })
    expect(ids.verify(old, 'session')).toMatchObject({ rotated: true })
    const fresh = signed(id)
    expect(ids.verify(fresh, 'session')).toMatchObject({ valid: true, value: id, rotated: false })
    expect(ids.verify(fresh, 'session')).toMatchObject({ rotated: false })
    expect(ids.size).toBe(1)
  })

  it('forgets the oldest past its limit and verifies it again when it comes back', () => {
    const ids = new SignedIds(keys, PURPOSE, 3)
    const tokens = Array.from({ length: 5 }, () => signed(generateSessionId()))
    for (const token of tokens) expect(ids.verify(token, 'session')).toMatchObject({ valid: true })
    expect(ids.size).toBe(3)
    expect(ids.verify(tokens[0]!, 'session')).toMatchObject({ valid: true })
    expect(ids.size).toBe(3)
  })
})
