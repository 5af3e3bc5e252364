import { Buffer } from 'node:buffer'
import { createHmac } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeOf } from '../../../test/harness/code-of.js'
import { createFlaskCodec, MAX_FLASK_PAYLOAD_BYTES } from './create-flask-codec.js'
import { FlaskTuple } from './flask-tuple.js'

const SECRET = 'unit-test-secret-0123456789abcdef0123456789'
const OLD_SECRET = 'unit-test-old-secret-0123456789abcdef012345'
const NOW = new Date('2024-05-01T12:00:00Z')
const codec = createFlaskCodec({ secrets: [SECRET] })

/** Signs an arbitrary payload the way itsdangerous does, to reach the checks behind the HMAC. */
function signRaw(payload: string, timestamp = 'ZjIu0A', secret = SECRET): string {
  const key = createHmac('sha1', secret).update('cookie-session').digest()
  const value = `${payload}.${timestamp}`
  return `${value}.${createHmac('sha1', key).update(value).digest('base64url')}`
}
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64url')

const good = await codec.encode({ username: 'john' }, NOW)

describe('createFlaskCodec', () => {
  it('decodes what it encodes, with the signing time in whole seconds', async () => {
    const cookie = await codec.encode({ username: 'john' }, new Date('2024-05-01T12:00:00.999Z'))
    expect(await codec.decode(cookie, { now: NOW })).toEqual({
      valid: true,
      data: { username: 'john' },
      issuedAt: NOW,
      keyIndex: 0,
      rotated: false,
    })
  })

  it('writes flashes as tuples whether given arrays or FlaskTuples', async () => {
    const fromArrays = await codec.encode({ _flashes: [['message', 'Hi']] }, NOW)
    const fromTuples = await codec.encode({ _flashes: [new FlaskTuple(['message', 'Hi'])] }, NOW)
    expect(fromArrays).toBe(fromTuples)
    expect(Buffer.from(fromArrays.split('.')[0]!, 'base64url').toString()).toBe(
      '{"_flashes":[{" t":["message","Hi"]}]}',
    )
  })

  it('verifies with a fallback secret and reports the rotation', async () => {
    const old = await createFlaskCodec({ secrets: [OLD_SECRET] }).encode({ a: 1 }, NOW)
    const rotating = createFlaskCodec({ secrets: [SECRET, OLD_SECRET] })
    expect(await rotating.decode(old)).toMatchObject({ valid: true, keyIndex: 1, rotated: true })
  })

  it('signs with the newest secret only', async () => {
    const cookie = await createFlaskCodec({ secrets: [SECRET, OLD_SECRET] }).encode({ a: 1 }, NOW)
    expect(await codec.decode(cookie)).toMatchObject({ valid: true, keyIndex: 0 })
    expect(await createFlaskCodec({ secrets: [OLD_SECRET] }).decode(cookie)).toEqual({
      valid: false,
      reason: 'mismatch',
    })
  })

  it('binds the salt into the key', async () => {
    const salted = createFlaskCodec({ secrets: [SECRET], salt: 'other-salt' })
    expect(await salted.decode(await codec.encode({ a: 1 }))).toEqual({
      valid: false,
      reason: 'mismatch',
    })
  })

  it('accepts a cookie exactly max age old', async () => {
    const cookie = await codec.encode({ a: 1 }, NOW)
    const now = new Date(NOW.getTime() + 60_000)
    expect((await codec.decode(cookie, { maxAge: 60, now })).valid).toBe(true)
  })

  it('ignores the signing time when no max age is given, as itsdangerous does', async () => {
    const cookie = await codec.encode({ a: 1 }, NOW)
    expect((await codec.decode(cookie, { now: new Date(0) })).valid).toBe(true)
  })

  it.each([
    ['older than max age', 61],
    ['dated in the future', -1],
  ])('expires a cookie %s', async (_, ageSeconds) => {
    const cookie = await codec.encode({ a: 1 }, NOW)
    const now = new Date(NOW.getTime() + ageSeconds * 1000)
    expect(await codec.decode(cookie, { maxAge: 60, now })).toEqual({
      valid: false,
      reason: 'expired',
    })
  })

  it.each([
    ['an empty string', '', 'malformed'],
    ['no dots', 'abcdef', 'malformed'],
    ['one dot', 'abc.def', 'malformed'],
    ['a lone dot before the signature', `.${'A'.repeat(27)}`, 'malformed'],
    ['a character outside base64url', good.replace('.', '!.'), 'malformed'],
    ['non-ASCII', `é${good}`, 'malformed'],
    ['an oversized value', 'a'.repeat(MAX_FLASK_PAYLOAD_BYTES + 1), 'malformed'],
    ['a truncated signature', good.slice(0, -1), 'mismatch'],
    // itsdangerous' lenient base64 accepts this one; crumbs takes only the canonical spelling.
    ['padding after the signature', `${good}=`, 'malformed'],
    ['a changed payload', `x${good}`, 'mismatch'],
    ['a changed timestamp', good.replace('.', '.A'), 'mismatch'],
    [
      'a swapped signature',
      `${good.slice(0, good.lastIndexOf('.'))}.${'A'.repeat(27)}`,
      'mismatch',
    ],
  ])('rejects %s', async (_, cookie, reason) => {
    expect(await codec.decode(cookie)).toEqual({ valid: false, reason })
  })

  it.each([
    ['a payload that is not base64url', signRaw('ab$c'), 'malformed'],
    ['a payload of impossible base64 length', signRaw('abcde'), 'malformed'],
    ['an empty payload', signRaw(''), 'malformed'],
    ['a payload that is not JSON', signRaw(b64('{"a":')), 'malformed'],
    ['a top-level array', signRaw(b64('[1,2]')), 'malformed'],
    ['a top-level tagged tuple', signRaw(b64('{" t":[["a",1]]}')), 'malformed'],
    ['invalid UTF-8', signRaw(b64(Buffer.from([0x7b, 0xff, 0x7d]))), 'malformed'],
    ['a byte-order mark', signRaw(b64('\ufeff{}')), 'malformed'],
    ['a corrupt zlib stream', signRaw(`.${b64('not zlib')}`), 'malformed'],
    [
      'a truncated zlib stream',
      signRaw(`.${b64(deflateSync('{"a":1}').subarray(0, 6))}`),
      'malformed',
    ],
    ['a nine-byte timestamp', signRaw(b64('{}'), b64(Buffer.alloc(9, 1))), 'malformed'],
    [
      'a timestamp past year 9999',
      signRaw(b64('{}'), b64(Buffer.from('3b00000000', 'hex'))),
      'malformed',
    ],
    ['a bad bytes tag', signRaw(b64('{"b":{" b":"@@"}}')), 'malformed'],
  ])('rejects a signed cookie with %s', async (_, cookie, reason) => {
    expect(await codec.decode(cookie)).toEqual({ valid: false, reason })
  })

  it('refuses a zip bomb without inflating past the limit', async () => {
    const bomb = deflateSync(`{"a":"${'a'.repeat(20 * 1024 * 1024)}"}`)
    const cookie = signRaw(`.${b64(bomb)}`)
    expect(cookie.length).toBeLessThan(MAX_FLASK_PAYLOAD_BYTES)
    expect(await codec.decode(cookie)).toEqual({ valid: false, reason: 'malformed' })
  })

  it('accepts a compressed payload just under the limit', async () => {
    const text = `{"a":"${'a'.repeat(MAX_FLASK_PAYLOAD_BYTES - 8)}"}`
    expect((await codec.decode(signRaw(`.${b64(deflateSync(text))}`))).valid).toBe(true)
  })

  it('compresses only when that saves more than the marker costs', async () => {
    expect((await codec.encode({ a: 1 })).startsWith('.')).toBe(false)
    expect((await codec.encode({ a: 'x'.repeat(200) })).startsWith('.')).toBe(true)
  })

  it.each([
    ['no secrets', { secrets: [] }, 'SECRET_MISSING'],
    ['a missing secrets option', {}, 'SECRET_MISSING'],
    ['an empty secret', { secrets: [''] }, 'SECRET_MISSING'],
    ['a 31-byte secret', { secrets: ['x'.repeat(31)] }, 'SECRET_TOO_SHORT'],
    ['a short fallback', { secrets: [SECRET, 'short'] }, 'SECRET_TOO_SHORT'],
    ['a predictable secret', { secrets: ['a'.repeat(32)] }, 'SECRET_WEAK'],
    [
      'a non-boolean allowWeakSecret',
      { secrets: [SECRET], allowWeakSecret: 'yes' },
      'INVALID_OPTION',
    ],
    [
      'an empty secret, even with allowWeakSecret',
      { secrets: [''], allowWeakSecret: true },
      'SECRET_MISSING',
    ],
    ['a secret that is not a string', { secrets: [42] }, 'INVALID_OPTION'],
    ['secrets that are not an array', { secrets: SECRET }, 'INVALID_OPTION'],
    ['an empty salt', { secrets: [SECRET], salt: '' }, 'INVALID_OPTION'],
  ])('throws at creation for %s', async (_, options, code) => {
    expect(codeOf(() => createFlaskCodec(options as never))).toBe(code)
  })

  it("accepts the seed app's 11-byte key with allowWeakSecret, and reads what Flask signed with it", async () => {
    const weak = createFlaskCodec({ secrets: ['mysecretkey'], allowWeakSecret: true })
    const cookie = await weak.encode({ username: 'john' })
    expect(await weak.decode(cookie)).toMatchObject({ valid: true, data: { username: 'john' } })
    expect(codeOf(() => createFlaskCodec({ secrets: ['mysecretkey'] }))).toBe('SECRET_TOO_SHORT')
  })

  it('counts secret length in UTF-8 bytes', async () => {
    expect(codeOf(() => createFlaskCodec({ secrets: ['àáâãäåæçèéêëìíîï'] }))).toBeUndefined()
    expect(codeOf(() => createFlaskCodec({ secrets: ['àáâãäåæçèéêëìíî'] }))).toBe(
      'SECRET_TOO_SHORT',
    )
  })

  it.each([
    ['a negative max age', () => codec.decode(good, { maxAge: -1 })],
    ['a NaN max age', () => codec.decode(good, { maxAge: Number.NaN })],
    ['an invalid now', () => codec.decode(good, { now: new Date(Number.NaN) })],
    ['a time before 1970', () => codec.encode({}, new Date(-1000))],
    ['data that is not a plain object', () => codec.encode(new Map() as never)],
    ['a function value', () => codec.encode({ f: () => 1 })],
  ])('throws INVALID_OPTION for %s', async (_, run) => {
    expect(codeOf(run)).toBe('INVALID_OPTION')
  })

  it('round-trips arbitrary JSON session data', async () => {
    const data = fc.dictionary(fc.string(), fc.jsonValue().map(withoutNegativeZero))
    await fc.assert(
      fc.asyncProperty(data, async (session) => {
        const result = await codec.decode(await codec.encode(session, NOW))
        expect(result.valid && result.data).toEqual(session)
      }),
    )
  })

  it('never throws on arbitrary strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        expect((await codec.decode(text)).valid).toBe(false)
      }),
    )
  })
})

// Python has no -0 integer and crumbs writes integral numbers as ints, so -0 comes back as 0.
function withoutNegativeZero(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value))
}
