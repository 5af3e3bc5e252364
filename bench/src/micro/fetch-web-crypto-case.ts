import { strictEqual } from 'node:assert/strict'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { atLeast } from '../report/ratio-target.js'
import type { MicroCase } from './micro-cases.js'
import { SECRET, SESSION_DATA } from './micro-fixtures.js'

type FetchEntry = typeof import('@crumbs/server/fetch')

/**
 * The built `@crumbs/server/fetch` bundled as a worker bundler would (no `node` export
 * condition, so @crumbs/core's Web Crypto build), written to a temporary file and imported.
 */
async function loadWorkerBundle(): Promise<FetchEntry> {
  const result = await build({
    entryPoints: [fileURLToPath(import.meta.resolve('@crumbs/server/fetch'))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['worker', 'import', 'default'],
    mainFields: ['module', 'main'],
    external: ['hono'],
    write: false,
    logLevel: 'silent',
  })
  const file = join(await mkdtemp(join(tmpdir(), 'crumbs-bench-')), 'fetch-worker.mjs')
  await writeFile(file, result.outputFiles[0]!.text)
  return (await import(pathToFileURL(file).href)) as FetchEntry
}

const URL_ = 'http://localhost/'

/**
 * A sealed-session request through the fetch entry on Web Crypto (open the cookie, count a view,
 * seal it again: one AES-GCM decrypt and one encrypt, plus the engine, the JSON, the app's
 * Response and the one crumbs returns with Set-Cookie), against the floor under it: one `crypto.subtle.encrypt` and one `decrypt`
 * of the same session JSON with a key already imported. Issue #14's target: within 1.5× of that
 * floor's cost, so at least 1/1.5 of its ops/s.
 */
export async function fetchWebCryptoCase(): Promise<MicroCase> {
  const { withSession } = await loadWorkerBundle()
  const handler = withSession({ secret: SECRET }, (request, { session }) => {
    if (new URL(request.url).pathname === '/login') {
      for (const [key, value] of Object.entries(SESSION_DATA)) session.set(key, value)
    } else {
      session.set('views', Number(session.get('views')) + 1)
    }
    return new Response('ok')
  })
  const login = await handler(new Request(`${URL_}login`))
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!
  // The host builds the Request; the same one serves every call (nothing reads its body).
  const request = new Request(URL_, { headers: { cookie } })
  const ours = () => handler(request)

  const plaintext = new TextEncoder().encode(
    JSON.stringify({ data: SESSION_DATA, createdAt: 1_732_465_210, touchedAt: 1_732_465_210 }),
  )
  const raw = crypto.getRandomValues(new Uint8Array(32))
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
  const theirs = async () => {
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plaintext)
    return crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed)
  }

  return {
    id: 'fetch-sealed-web',
    label: `sealed-session request, fetch entry (Web Crypto build)`,
    build: 'web',
    anchor: 'crypto.subtle AES-GCM encrypt + decrypt',
    crumbs: ours,
    anchorFn: theirs,
    target: atLeast(0.67),
    check: async () => {
      const response = await ours()
      strictEqual(response.status, 200)
      strictEqual(response.headers.getSetCookie().length, 1)
      strictEqual(new Uint8Array(await theirs()).length, plaintext.length)
    },
  }
}
