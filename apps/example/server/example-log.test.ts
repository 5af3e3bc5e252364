import { afterEach, describe, expect, it, vi } from 'vitest'
import { createExampleLog } from './example-log.js'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('createExampleLog', () => {
  it('formats like the console, stacks included, and redacts every line', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const log = createExampleLog({ DATABASE_URL: 'postgres://app:topsecret@db/app' })
    log.error('[example] GET /:', new Error('lost postgres://app:topsecret@db/app (topsecret)'))
    const [line] = error.mock.calls[0] as [string]
    expect(line).toContain('[example] GET /: Error: lost postgres://***@db/app (***)')
    expect(line).toMatch(/\n\s+at /)
    expect(line).not.toContain('topsecret')
  })

  it('redacts warnings and information too', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const info = vi.spyOn(console, 'log').mockImplementation(() => {})
    const log = createExampleLog({ REDIS_URL: 'redis://:hunter22@cache' })
    log.warn('%s', 'redis://:hunter22@cache')
    log.info({ url: 'redis://:hunter22@cache' })
    expect(String(warn.mock.calls[0])).toBe('redis://***@cache')
    expect(String(info.mock.calls[0])).not.toContain('hunter22')
  })

  it("redacts the password of REDIS_CLUSTER_URLS' nodes where it appears alone", () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const log = createExampleLog({
      REDIS_CLUSTER_URLS: 'redis://:clusterpass@a:7001,redis://:clusterpass@b:7002',
    })
    log.error('auth failed with clusterpass at redis://:clusterpass@b:7002')
    expect(String(error.mock.calls[0])).toBe('auth failed with *** at redis://***@b:7002')
  })
})
