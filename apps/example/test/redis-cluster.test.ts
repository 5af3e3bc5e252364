import { randomBytes } from 'node:crypto'
import { Cluster } from 'ioredis'
import { afterAll, expect, it } from 'vitest'
import { Browser } from './harness/browser.js'
import { CLUSTER_URLS, describeWithCluster } from './harness/redis-cluster-env.js'
import { spawnExample } from './harness/spawn-example.js'
import { newSecretKey, startExample } from './harness/start-example.js'

/** Logs in through the JSON API, as the page's script does, and checks the answer. */
async function apiLogIn(browser: Browser, username: string, password: string): Promise<void> {
  // The login form's page hands out the csrf_token cookie the page's script sends back.
  await browser.formToken()
  const response = await browser.postJson(
    '/api/login',
    { username, password },
    { 'x-csrf-token': browser.jar.get('csrf_token') ?? '' },
  )
  expect(response.status).toBe(200)
}

/** Who the JSON API says is logged in, through `browser`'s cookies. */
async function me(browser: Browser): Promise<unknown> {
  const response = await browser.send('/api/me')
  expect(response.status).toBe(200)
  return ((await response.json()) as { user: unknown }).user
}

/** A browser on `base` holding `from`'s cookies: the same login replayed elsewhere. */
function copyOf(from: Browser, base: string): Browser {
  const copy = new Browser(base, from.headers)
  for (const [name, value] of from.jar) copy.jar.set(name, value)
  return copy
}

/** Deletes the throttle counters of `address` from every master of the cluster. */
async function deleteThrottleKeys(address: string): Promise<void> {
  const ports = CLUSTER_URLS.map((url) => Number(new URL(url).port))
  const client = new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })))
  try {
    await client.ping()
    for (const node of client.nodes('master')) {
      const keys = await node.keys(`crumbs-example:login-*${address}*`)
      for (const key of keys) await client.del(key)
    }
  } finally {
    client.disconnect()
  }
}

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
})

describeWithCluster('the example on a Redis Cluster (REDIS_CLUSTER_URLS)', () => {
  it('shares a login between two processes, and a logout on either ends it on both', async () => {
    // A client address of this run only (under TRUST_PROXY), so the throttle keys are ours.
    const address = `2001:db8:${randomBytes(2).toString('hex')}::${randomBytes(2).toString('hex')}`
    const env = {
      REDIS_CLUSTER_URLS: CLUSTER_URLS.slice(0, 2).join(','),
      SECRET_KEY: newSecretKey(),
      SEED_DEMO_USERS: '1',
      TRUST_PROXY: '1',
    }
    const [a, b] = await Promise.all([spawnExample(env), spawnExample(env)])
    expect(a.output()).toContain('Redis Cluster (127.0.0.1:')
    const headers = { 'x-forwarded-for': address }

    cleanups.push(() => deleteThrottleKeys(address))

    const onA = new Browser(a.base, headers)
    await apiLogIn(onA, 'john', 'password123')
    expect(await me(onA)).toEqual({ username: 'john' })
    const onB = copyOf(onA, b.base)
    expect(await me(onB)).toEqual({ username: 'john' })

    const before = copyOf(onA, a.base)
    const logout = await onB.postJson(
      '/api/logout',
      {},
      { 'x-csrf-token': onB.jar.get('csrf_token') ?? '' },
    )
    expect(logout.status).toBe(200)
    expect(await me(before)).toBeNull()
    expect(await me(copyOf(before, b.base))).toBeNull()

    // The login throttle counts on the cluster too: failures on A and B add up.
    const failOn = async (base: string) =>
      (await new Browser(base, headers).tryLogIn('jane', 'wrong')).status
    for (const base of [a.base, b.base, a.base, b.base, a.base])
      expect(await failOn(base)).toBe(401)
    expect((await new Browser(b.base, headers).tryLogIn('jane', 'secret123')).status).toBe(429)

    // Two processes compile the sources with tsx first, slowly while every package tests at once.
  }, 120_000)

  it('refuses to start when no node of REDIS_CLUSTER_URLS answers, naming the variable', async () => {
    const start = startExample({ REDIS_CLUSTER_URLS: 'redis://:hunter22@127.0.0.1:1' })
    await expect(start).rejects.toMatchObject({ variable: 'REDIS_CLUSTER_URLS' })
    await expect(start).rejects.toMatchObject({ message: expect.not.stringContaining('hunter22') })
  })
})
