import { Buffer } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createFlaskCodec } from './create-flask-codec.js'
import { FlaskTuple } from './flask-tuple.js'

interface Vector {
  name: string
  secrets: string[]
  salt?: string
  timestamp: number
  cookie: string
  compressed: boolean
  keyIndex: number
  exact: boolean
  note?: string
  data: Record<string, unknown>
}

const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/flask-vectors.json', import.meta.url), 'utf8'),
) as { flask: string; itsdangerous: string; vectors: Vector[] }
const vectors = fixture.vectors.map((vector) => [vector.name, vector] as const)
const exactVectors = vectors.filter(([, vector]) => vector.exact)

/** The fixture notation (see scripts/flask-vectors.py) as the codec decodes it, or as input. */
function revive(value: unknown, tuple: (items: unknown[]) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => revive(item, tuple))
  if (typeof value !== 'object' || value === null) return value
  const record = value as Record<string, unknown>
  if ('$bytes' in record) return new Uint8Array(Buffer.from(String(record.$bytes), 'base64'))
  if ('$date' in record) return new Date(Number(record.$date) * 1000)
  if ('$int' in record) return BigInt(String(record.$int))
  if ('$tuple' in record) return tuple(revive(record.$tuple, tuple) as unknown[])
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revive(v, tuple)]))
}

const expected = (vector: Vector) => revive(vector.data, (items) => items)
const input = (vector: Vector) =>
  revive(vector.data, (items) => new FlaskTuple(items)) as Record<string, unknown>
const codecFor = (vector: Vector) =>
  createFlaskCodec({ secrets: vector.secrets, ...(vector.salt ? { salt: vector.salt } : {}) })
const issuedAt = (vector: Vector) => new Date(vector.timestamp * 1000)

/** The JSON text inside a cookie, inflated when it carries the `.` marker. */
function payloadJson(cookie: string): string {
  const payload = cookie.slice(0, cookie.lastIndexOf('.', cookie.lastIndexOf('.') - 1))
  const bytes = Buffer.from(payload.replace(/^\./, ''), 'base64url')
  return (payload.startsWith('.') ? inflateSync(bytes) : bytes).toString('utf8')
}

describe(`createFlaskCodec against Flask ${fixture.flask} / itsdangerous ${fixture.itsdangerous}`, () => {
  it.each(vectors)('decodes the %s vector to the data Flask signed', async (_, vector) => {
    const result = await codecFor(vector).decode(vector.cookie, { now: issuedAt(vector) })
    expect(result).toEqual({
      valid: true,
      data: expected(vector),
      issuedAt: issuedAt(vector),
      keyIndex: vector.keyIndex,
      rotated: vector.keyIndex > 0,
    })
  })

  // Deflate goes through pako, a port of the zlib Python links, so even compressed cookies match.
  it.each(exactVectors)(
    'encodes the %s vector to the exact cookie Flask wrote',
    async (_, vector) => {
      const codec = codecFor(vector)
      const cookie = await codec.encode(input(vector), issuedAt(vector))
      expect(cookie).toBe(vector.cookie)
      expect(await codec.decode(cookie, { now: issuedAt(vector) })).toMatchObject({
        valid: true,
        data: expected(vector),
        keyIndex: 0,
      })
    },
  )

  it.each(vectors.filter(([, vector]) => !vector.exact))(
    'round-trips the %s vector to equal data, though not equal bytes',
    async (_, vector) => {
      const codec = codecFor(vector)
      const decoded = await codec.decode(vector.cookie)
      if (!decoded.valid) throw new Error(`vector ${vector.name} did not decode`)
      const again = await codec.decode(await codec.encode(decoded.data, issuedAt(vector)))
      expect(again).toMatchObject({ valid: true, data: expected(vector) })
    },
  )

  it.each(
    ['username', 'permanent', 'flashes', 'tag-like-keys'].map((name) => [
      name,
      fixture.vectors.find((vector) => vector.name === name)!,
    ]),
  )('re-encodes the decoded %s session to the bytes Flask wrote', async (_, vector) => {
    const codec = codecFor(vector)
    const decoded = await codec.decode(vector.cookie)
    if (!decoded.valid) throw new Error(`vector ${vector.name} did not decode`)
    expect(payloadJson(await codec.encode(decoded.data, issuedAt(vector)))).toBe(
      payloadJson(vector.cookie),
    )
  })

  it.each(vectors)('rejects every single-bit flip of the %s vector', async (_, vector) => {
    const codec = codecFor(vector)
    const { cookie } = vector
    let accepted = 0
    for (let i = 0; i < cookie.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = String.fromCharCode(cookie.charCodeAt(i) ^ (1 << bit))
        const mutated = cookie.slice(0, i) + flipped + cookie.slice(i + 1)
        if ((await codec.decode(mutated)).valid) accepted++
      }
    }
    expect(accepted).toBe(0)
  })

  it('rejects the vectors under a different secret', async () => {
    const other = createFlaskCodec({ secrets: ['another-secret-0123456789abcdef0123456789'] })
    for (const [, vector] of vectors) {
      expect(await other.decode(vector.cookie)).toEqual({ valid: false, reason: 'mismatch' })
    }
  })
})
