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
      sessionMode: 'store',
      sessionFormat: 'sealed',
      production: false,
    })
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
    })
  })

  it.each([
    ['PORT', { PORT: '3000x' }],
    ['PORT', { PORT: '70000' }],
    ['SESSION_MODE', { SESSION_MODE: 'memory' }],
    ['SESSION_FORMAT', { SESSION_MODE: 'cookie', SESSION_FORMAT: 'jwt' }],
    ['SESSION_FORMAT', { SESSION_FORMAT: 'flask' }],
  ])('names %s when it is wrong', (variable, env) => {
    expect(() => loadConfig(env, APP)).toThrow(StartupError)
    expect(() => loadConfig(env, APP)).toThrow(expect.objectContaining({ variable }))
  })
})
