import { afterEach, describe, expect, it, vi } from 'vitest'
import { createExampleLog } from './example-log.js'
import { StartupError } from './startup-error.js'
import { reportStartupFailure } from './startup-failure.js'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('reportStartupFailure', () => {
  const env = { REDIS_URL: 'redis://admin:hunter2@cache:6379' }

  it.each([
    ['a StartupError', new StartupError('Cannot reach Redis at redis://admin:hunter2@cache:6379.')],
    // What crumbs throws for a weak SECRET_KEY: a CrumbsError, told apart by its code.
    [
      'a refused secret',
      Object.assign(new Error('The secret is too weak.'), { code: 'SECRET_WEAK' }),
    ],
  ])('prints %s as one sentence', (_name, error) => {
    const print = vi.spyOn(console, 'error').mockImplementation(() => {})
    reportStartupFailure(error, createExampleLog(env))
    const [line] = print.mock.calls[0] as [string]
    expect(line).toBe(
      `\n✖ The example cannot start: ${createExampleLog(env).redact(error.message)}\n`,
    )
    expect(line).not.toContain('hunter2')
    expect(line).not.toMatch(/\n\s+at /)
  })

  it('prints anything else with its stack, redacted', () => {
    const print = vi.spyOn(console, 'error').mockImplementation(() => {})
    reportStartupFailure(new Error('boom: password hunter2 refused'), createExampleLog(env))
    const [line] = print.mock.calls[0] as [string]
    expect(line).toContain('Error: boom: password *** refused')
    expect(line).toMatch(/\n\s+at /)
  })
})
