import { deepStrictEqual, strictEqual } from 'node:assert/strict'
import * as crumbs from '@crumbs/core'
import { parse as cookieParse, serialize as cookieSerialize } from 'cookie'
import { sign as signatureSign, unsign as signatureUnsign } from 'cookie-signature'
import { sealData, unsealData } from 'iron-session'
import { atLeast, type RatioTarget } from '../report/ratio-target.js'
import { fetchWebCryptoCase } from './fetch-web-crypto-case.js'
import {
  COOKIE_VALUE,
  LARGE_HEADER,
  LARGE_READS,
  SECRET,
  SESSION_DATA,
  SESSION_ID,
  SMALL_HEADER,
  SMALL_READS,
} from './micro-fixtures.js'

/** One crumbs-versus-anchor pair, timed as ops/s on both sides. */
export interface MicroCase {
  readonly id: string
  readonly label: string
  /** Which crumbs build runs: the `node` export condition, or the Web Crypto file. */
  readonly build: 'node' | 'web'
  readonly anchor: string
  readonly crumbs: () => unknown
  readonly anchorFn: () => unknown
  /** The goal for crumbs ops/s ÷ anchor ops/s; none for informational rows. */
  readonly target?: RatioTarget
  /** Throws when the two sides disagree, so a broken pair is never timed. */
  readonly check: () => Promise<void>
}

/** The @crumbs/core module: the working tree's, or a before-build's. */
export type Core = typeof import('@crumbs/core')

// Reads land here rather than in a fresh array, so neither side pays for an allocation the
// other would not; the sink escapes, so the reads cannot be optimised away.
const sink: (string | undefined)[] = [undefined, undefined, undefined]

const ironOptions = { password: SECRET }
// iron-session seals with a 14-day TTL by default; crumbs gets the same expiry to seal in.
const IRON_TTL_SECONDS = 14 * 24 * 3600

function parseCases(core: Core): MicroCase[] {
  const pairs = [
    {
      id: 'parse-large',
      label: 'parse 10 cookies + 3 reads',
      header: LARGE_HEADER,
      reads: LARGE_READS,
      found: 3,
    },
    {
      id: 'parse-small',
      label: 'parse 2 cookies + 3 reads',
      header: SMALL_HEADER,
      reads: SMALL_READS,
      found: 2,
    },
  ]
  return pairs.map(({ id, label, header, reads, found }) => {
    const [a, b, c] = reads
    const ours = () => {
      const cookies = core.parseCookie(header)
      sink[0] = cookies.get(a)
      sink[1] = cookies.get(b)
      sink[2] = cookies.get(c)
      return sink
    }
    const theirs = () => {
      const cookies = cookieParse(header)
      sink[0] = cookies[a]
      sink[1] = cookies[b]
      sink[2] = cookies[c]
      return sink
    }
    return {
      id,
      label,
      build: 'node',
      anchor: 'cookie',
      crumbs: ours,
      anchorFn: theirs,
      target: atLeast(1),
      check: async () => {
        const mine = [...ours()]
        deepStrictEqual(mine, [...theirs()])
        strictEqual(mine.filter((value) => value !== undefined).length, found)
      },
    }
  })
}

function serializeCase(core: Core): MicroCase {
  const attributes = {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 3600,
  } as const
  const ours = () => core.serializeCookie('session', COOKIE_VALUE, attributes)
  const theirs = () => cookieSerialize('session', COOKIE_VALUE, attributes)
  // Attribute order and case differ between the two; the set of attributes must not.
  const normalise = (line: string) => line.toLowerCase().split('; ').sort()
  return {
    id: 'serialize',
    label: 'serialize session cookie, 5 attributes',
    build: 'node',
    anchor: 'cookie',
    crumbs: ours,
    anchorFn: theirs,
    target: atLeast(1),
    check: async () => deepStrictEqual(normalise(ours()), normalise(theirs())),
  }
}

async function cryptoCases(core: Core, build: 'node' | 'web'): Promise<MicroCase[]> {
  const keys = core.createKeyring(SECRET)
  const tokenOptions = { keys, name: 'session' }
  const sealOptions = { keys, name: 'session', maxAge: IRON_TTL_SECONDS }
  const ourToken = await core.sign(SESSION_ID, tokenOptions)
  const theirToken = signatureSign(SESSION_ID, SECRET)
  const suffix = build === 'web' ? ' (Web Crypto build)' : ''
  const info = build === 'web'
  const json = JSON.stringify(SESSION_DATA)

  // JSON.stringify and JSON.parse run on our side too: iron-session does both inside.
  const ourRoundTrip = async () => {
    const sealed = await core.seal(JSON.stringify(SESSION_DATA), sealOptions)
    const opened = await core.unseal(sealed, tokenOptions)
    if (!opened.valid) throw new Error(`unseal failed: ${opened.reason}`)
    return JSON.parse(opened.value) as unknown
  }
  const theirRoundTrip = async () => {
    const sealed = await sealData(SESSION_DATA, ironOptions)
    return unsealData(sealed, ironOptions)
  }

  return [
    {
      id: `sign-${build}`,
      label: `sign${suffix}`,
      build,
      anchor: 'cookie-signature',
      crumbs: () => core.sign(SESSION_ID, tokenOptions),
      anchorFn: () => signatureSign(SESSION_ID, SECRET),
      ...(info ? {} : { target: atLeast(0.9) }),
      check: async () => {
        strictEqual(await core.sign(SESSION_ID, tokenOptions), ourToken)
        strictEqual(signatureSign(SESSION_ID, SECRET), theirToken)
      },
    },
    {
      id: `unsign-${build}`,
      label: `unsign${suffix}`,
      build,
      anchor: 'cookie-signature',
      crumbs: () => core.unsign(ourToken, tokenOptions),
      anchorFn: () => signatureUnsign(theirToken, SECRET),
      ...(info ? {} : { target: atLeast(0.9) }),
      check: async () => {
        const result = await core.unsign(ourToken, tokenOptions)
        strictEqual(result.valid && result.value, SESSION_ID)
        strictEqual(signatureUnsign(theirToken, SECRET), SESSION_ID)
      },
    },
    {
      id: `seal-unseal-${build}`,
      label: `seal + unseal ${json.length} B JSON${suffix}`,
      build,
      anchor: 'iron-session',
      crumbs: ourRoundTrip,
      anchorFn: theirRoundTrip,
      ...(info ? {} : { target: atLeast(20) }),
      check: async () => {
        deepStrictEqual(await ourRoundTrip(), SESSION_DATA)
        deepStrictEqual(await theirRoundTrip(), SESSION_DATA)
      },
    },
  ]
}

/**
 * The Web Crypto build, loaded by file path: under Node the package's `node` condition always
 * serves the node:crypto build, and `exports` does not list the other file.
 */
async function loadWebBuild(): Promise<Core> {
  const nodeBuild = import.meta.resolve('@crumbs/core')
  return (await import(new URL('./index.js', nodeBuild).href)) as Core
}

/** Every micro-benchmark pair, checked to agree before anything is timed. */
export async function microCases(): Promise<MicroCase[]> {
  const web = await loadWebBuild()
  const cases = [
    ...parseCases(crumbs),
    serializeCase(crumbs),
    ...(await cryptoCases(crumbs, 'node')),
    ...(await cryptoCases(web, 'web')),
    await fetchWebCryptoCase(),
  ]
  for (const pair of cases) {
    try {
      await pair.check()
    } catch (error) {
      throw new Error(`micro case ${pair.id}: the two sides disagree`, { cause: error })
    }
  }
  return cases
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error))

/**
 * The crumbs side of each pair in `ids` on another build of @crumbs/core (`BENCH_BEFORE`'s node
 * and, when it has one, Web Crypto build), each checked as its pair is: by case id, the function
 * to time, or why that side cannot be timed (its check failed, or its core lacks what the case
 * calls). An older core that answers differently is reported there, never timed.
 */
export async function crumbsSides(
  ids: readonly string[],
  node: Core,
  web: Core | undefined,
): Promise<Map<string, (() => unknown) | Error>> {
  const sides = new Map<string, (() => unknown) | Error>()
  let setUp: Error | undefined
  const collect = async (make: () => MicroCase[] | Promise<MicroCase[]>) => {
    try {
      for (const pair of await make()) {
        try {
          await pair.check()
          sides.set(pair.id, pair.crumbs)
        } catch (error) {
          sides.set(pair.id, new Error('its answer differs from the anchor', { cause: error }))
        }
      }
    } catch (error) {
      setUp ??= asError(error)
    }
  }
  await collect(() => parseCases(node))
  await collect(() => [serializeCase(node)])
  await collect(() => cryptoCases(node, 'node'))
  if (web !== undefined) await collect(() => cryptoCases(web, 'web'))
  for (const id of ids) {
    if (!sides.has(id)) sides.set(id, setUp ?? new Error('the before build has no such case'))
  }
  return sides
}
