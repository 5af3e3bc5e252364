import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The README's Next.js recipes in a real Next.js app (frameworks/next-app): `next build`, then
// `next start` on 127.0.0.1, driven over HTTP as a browser without JavaScript would.
const app = fileURLToPath(new URL('../next-app/', import.meta.url))
const next = fileURLToPath(new URL('../node_modules/next/dist/bin/next', import.meta.url))
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }

/** Runs `next …` in the app, resolving with its output once it prints `until` (or exits 0). */
function runNext(args: string[], until?: RegExp): Promise<{ child: ChildProcess; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [next, ...args], { cwd: app, env })
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk
      if (until?.test(output)) resolve({ child, output })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code === 0 && until === undefined) resolve({ child, output })
      else reject(new Error(`next ${args.join(' ')} exited with ${code}:\n${output}`))
    })
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

const cookieAfter = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ')

describe('Next.js recipes on next start', () => {
  let server: ChildProcess | undefined
  let base = ''

  beforeAll(async () => {
    await runNext(['build'])
    const port = await freePort()
    const started = await runNext(['start', '-p', String(port), '-H', '127.0.0.1'], /Ready/)
    server = started.child
    base = `http://127.0.0.1:${port}`
  }, 300_000)

  afterAll(() => {
    server?.kill()
  })

  it('logs in through the route handler and reads the session back', async () => {
    const body = new FormData()
    body.set('username', 'olga')
    const login = await fetch(`${base}/api/me`, { method: 'POST', body, redirect: 'manual' })
    expect(login.status).toBe(303)
    // Next puts X-Forwarded-Proto: http on the request, so this plain-http cookie is Secure.
    expect(login.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^__Host-session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/),
    ])
    const me = await fetch(`${base}/api/me`, { headers: { cookie: cookieAfter(login) } })
    expect(await me.json()).toEqual({ username: 'olga' })
    expect(me.headers.getSetCookie()).toEqual([])
    expect(me.headers.get('cache-control')).toMatch(/private/)
  })

  it('logs in through the server action of a form posted without JavaScript', async () => {
    const page = await (await fetch(`${base}/`)).text()
    const action = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(page)?.[1]
    expect(action).toBeDefined()
    const body = new FormData()
    body.set(action!, '')
    body.set('username', 'ivan')
    const login = await fetch(`${base}/`, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: { origin: base },
    })
    expect([login.status, login.headers.get('location')]).toEqual([303, '/'])
    // Written by Next from what the action gave cookies().set().
    expect(login.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^__Host-session=[^;]+; Path=\/; Secure; HttpOnly; SameSite=lax$/),
    ])
    const me = await fetch(`${base}/api/me`, { headers: { cookie: cookieAfter(login) } })
    expect(await me.json()).toEqual({ username: 'ivan' })
  })
})
