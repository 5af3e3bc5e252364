import type { FlashMessage, SessionRecord, SessionStamp } from '@crumbs/core'

/**
 * The compact JSON a cookie session carries:
 * `{"d":data,"c":createdAt,"t":touchedAt,"p":1,"f":[[category,message]],"x":csrf,"u":userId,"r":[id,issuedAt]}`,
 * times in Unix seconds (the stamp's issue time in milliseconds), optional fields omitted.
 */
interface RecordJson {
  d: Record<string, unknown>
  c: number
  t: number
  p?: 1
  f?: [string, string][]
  x?: string
  u?: string
  r?: [string, number]
}

/** Serializes a record for a cookie. */
export function stringifyRecord(record: SessionRecord): string {
  const json: RecordJson = { d: record.data, c: record.createdAt, t: record.touchedAt }
  if (record.permanent) json.p = 1
  if (record.flashes && record.flashes.length > 0) {
    json.f = record.flashes.map((f) => [f.category, f.message])
  }
  if (record.csrf !== undefined) json.x = record.csrf
  if (record.userId !== undefined) json.u = record.userId
  if (record.stamp !== undefined) json.r = [record.stamp.id, record.stamp.issuedAt]
  return JSON.stringify(json)
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0

function parseFlashes(value: unknown): FlashMessage[] | undefined {
  if (!Array.isArray(value)) return undefined
  const out: FlashMessage[] = []
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length !== 2) return undefined
    const [category, message] = entry as unknown[]
    if (typeof category !== 'string' || typeof message !== 'string') return undefined
    out.push({ category, message })
  }
  return out
}

/**
 * Parses what {@link stringifyRecord} wrote, or `undefined` for anything else. Only ever called
 * on authenticated bytes, but still checked field by field so a format mix-up cannot crash.
 */
export function parseRecord(text: string): SessionRecord | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined // not JSON: the caller reports a malformed cookie
  }
  if (!isObject(json) || !isObject(json.d) || !isTime(json.c) || !isTime(json.t)) return undefined
  if (json.p !== undefined && json.p !== 1) return undefined
  if (json.x !== undefined && typeof json.x !== 'string') return undefined
  if (json.u !== undefined && typeof json.u !== 'string') return undefined
  const record: { -readonly [K in keyof SessionRecord]: SessionRecord[K] } = {
    data: json.d,
    createdAt: json.c,
    touchedAt: json.t,
    permanent: json.p === 1,
  }
  if (json.f !== undefined) {
    const flashes = parseFlashes(json.f)
    if (flashes === undefined) return undefined
    if (flashes.length > 0) record.flashes = flashes
  }
  if (json.x !== undefined) record.csrf = json.x
  if (json.u !== undefined) record.userId = json.u
  if (json.r !== undefined) {
    const stamp = parseStamp(json.r)
    if (stamp === undefined) return undefined
    record.stamp = stamp
  }
  return record
}

/** A stamp as the codecs write it, `[id, issuedAt]`, or `undefined` for anything else. */
export function parseStamp(value: unknown): SessionStamp | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined
  const [id, issuedAt] = value as unknown[]
  if (typeof id !== 'string' || !STAMP_ID.test(id) || !isTime(issuedAt)) return undefined
  return { id, issuedAt }
}

const STAMP_ID = /^[A-Za-z0-9_-]{1,64}$/
