import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from './load-config.js'
import { StartupError } from './startup-error.js'

const APP = '/srv/example'

describe('loadConfig', () => {
  it('defaults to SQLite store sessions on 127.0.0.1:3000', () => {
    expect(loadConfig({}, APP)).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: join(APP, '.data', 'example.db'),
      dataDir: join(APP, '.data'),
      redisUrl: undefined,
      redisClusterUrls: [],
      databaseUrl: undefined,
      sessionMode: 'store',
      sessionFormat: 'sealed',
      production: false,
      secretKeyFallbacks: [],
      seedDemoUsers: true,
      trustProxy: false,
    })
  })

  it('seeds the demo users outside production only, unless told', () => {
    expect(loadConfig({}, APP).seedDemoUsers).toBe(true)
    expect(loadConfig({ NODE_ENV: 'production' }, APP).seedDemoUsers).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO_USERS: '1' }, APP).seedDemoUsers).toBe(
      true,
    )
    expect(loadConfig({ SEED_DEMO_USERS: 'false' }, APP).seedDemoUsers).toBe(false)
  })

  it('reads DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://app@db.internal/app' }, APP).databaseUrl).toBe(
      'postgresql://app@db.internal/app',
    )
  })

  it('reads REDIS_CLUSTER_URLS as a comma-separated list of nodes', () => {
    const env = { REDIS_CLUSTER_URLS: 'redis://:pw@10.0.0.1:7001, redis://:pw@10.0.0.2:7002/,' }
    expect(loadConfig(env, APP).redisClusterUrls).toEqual([
      'redis://:pw@10.0.0.1:7001',
      'redis://:pw@10.0.0.2:7002/',
    ])
  })

  it('reads SECRET_KEY_FALLBACKS as a comma-separated list, skipping blanks', () => {
    const config = loadConfig({ SECRET_KEY_FALLBACKS: ' old-one , ,older-one,' }, APP)
    expect(config.secretKeyFallbacks).toEqual(['old-one', 'older-one'])
  })

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '::1',
        DATABASE_PATH: '/var/lib/example.db',
        REDIS_URL: 'redis://127.0.0.1:6379',
        SESSION_MODE: 'cookie',
        SESSION_FORMAT: 'flask',
        NODE_ENV: 'production',
        TRUST_PROXY: 'true',
        SEED_DEMO_USERS: '1',
      },
      APP,
    )
    expect(config).toMatchObject({
      port: 0,
      host: '::1',
      databasePath: '/var/lib/example.db',
      redisUrl: 'redis://127.0.0.1:6379',
      sessionMode: 'cookie',
      sessionFormat: 'flask',
      production: true,
      trustProxy: true,
      seedDemoUsers: true,
    })
  })

  it.each([
    ['PORT', { PORT: '3000x' }],
    ['PORT', { PORT: '70000' }],
    ['SESSION_MODE', { SESSION_MODE: 'memory' }],
    ['SESSION_FORMAT', { SESSION_MODE: 'cookie', SESSION_FORMAT: 'jwt' }],
    ['SESSION_FORMAT', { SESSION_FORMAT: 'flask' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }],
    ['SEED_DEMO_USERS', { SEED_DEMO_USERS: '2' }],
    ['REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }],
    ['REDIS_CLUSTER_URLS', { REDIS_CLUSTER_URLS: 'redis://a:7001,http://b:7002' }],
    ['REDIS_CLUSTER_URLS', { REDIS_CLUSTER_URLS: 'redis://a:7001,not a url' }],
    ['REDIS_CLUSTER_URLS', { REDIS_CLUSTER_URLS: 'redis://a:7001/2' }],
    ['REDIS_CLUSTER_URLS', { REDIS_CLUSTER_URLS: 'redis://:one@a:7001,redis://:two@b:7002' }],
    ['REDIS_CLUSTER_URLS', { REDIS_CLUSTER_URLS: 'redis://a:7001,rediss://b:7002' }],
    ['REDIS_CLUSTER_URLS', { REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_URLS: 'redis://a:7001' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@db/app' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['DATABASE_PATH', { DATABASE_URL: 'postgres://db/app', DATABASE_PATH: '/var/lib/example.db' }],
  ])('names %s when it is wrong', (variable, env) => {
    expect(() => loadConfig(env, APP)).toThrow(StartupError)
    expect(() => loadConfig(env, APP)).toThrow(expect.objectContaining({ variable }))
  })

  it('never echoes a malformed URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:hunter2@[bad' }, APP)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    )
    for (const REDIS_CLUSTER_URLS of [
      'redis://:hunter2@a:7001,redis://:hunter2@[bad',
      'redis://:hunter2@a:7001,redis://:hunter3@b:7002',
    ]) {
      expect(() => loadConfig({ REDIS_CLUSTER_URLS }, APP)).toThrow(
        expect.objectContaining({ message: expect.not.stringMatching(/hunter[23]/) }),
      )
    }
  })
})
