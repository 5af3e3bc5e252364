import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { resolveSecretKey } from './resolve-secret-key.js'
import { StartupError } from './startup-error.js'

const tempDir = () => mkdtempSync(join(tmpdir(), 'crumbs-example-secret-'))

describe('resolveSecretKey', () => {
  it('uses SECRET_KEY when set, in production too', () => {
    const warn = vi.fn()
    const key = 'a-generated-key-of-forty-bytes-0123456789'
    expect(resolveSecretKey({ secretKey: key, production: true, dataDir: tempDir(), warn })).toBe(
      key,
    )
    expect(warn).not.toHaveBeenCalled()
  })

  it('refuses to start in production without SECRET_KEY', () => {
    const start = () =>
      resolveSecretKey({ secretKey: undefined, production: true, dataDir: tempDir() })
    expect(start).toThrow(StartupError)
    expect(start).toThrow(expect.objectContaining({ variable: 'SECRET_KEY' }))
  })

  it('generates a development key once, keeps it private, and warns each start', () => {
    const dataDir = join(tempDir(), 'nested')
    const warn = vi.fn()
    const first = resolveSecretKey({ secretKey: '', production: false, dataDir, warn })
    const second = resolveSecretKey({ secretKey: undefined, production: false, dataDir, warn })
    expect(first).toMatch(/^[\w-]{43}$/)
    expect(second).toBe(first)
    expect(readFileSync(join(dataDir, 'secret-key'), 'utf8').trim()).toBe(first)
    expect(statSync(join(dataDir, 'secret-key')).mode & 0o777).toBe(0o600)
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    expect(warn).toHaveBeenCalledTimes(2)
  })
})
