import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { redactSecrets } from './redact-secrets.js'

const token = () => randomBytes(32).toString('base64url')

describe('redactSecrets', () => {
  it.each([
    ['a session id', () => `reading crumbs:sess:${token()} failed`],
    ['a signed cookie value', () => `cookie session=${token()}.${token()} refused`],
    ['a revocation stamp (16 bytes)', () => `stamp ${randomBytes(16).toString('base64url')}`],
    ['a hex key', () => `key ${randomBytes(16).toString('hex')}`],
  ])('hides %s', (_, make) => {
    const text = make()
    const secret = text.match(/[A-Za-z0-9_-]{22,}/)![0]
    const redacted = redactSecrets(text)
    expect(redacted).not.toContain(secret)
    expect(redacted).toContain('[redacted]')
  })

  it.each([
    ['redis://default:p4ss@10.0.0.5:6379/0', 'redis://***@10.0.0.5:6379/0'],
    ['postgres://app:s3cr@t@db.internal/app', 'postgres://***@db.internal/app'],
    ['rediss://:only-a-password@cache:6380', 'rediss://***@cache:6380'],
  ])('hides the credentials of %s', (url, expected) => {
    expect(redactSecrets(`connect failed: ${url}`)).toBe(`connect failed: ${expected}`)
  })

  it.each([
    'connect ECONNREFUSED 127.0.0.1:6379',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'The redis session store failed during get.',
    'at RedisSessionStore.get (/app/node_modules/@crumbs/server/dist/stores/redis.js:12:5)',
  ])('leaves %j as it is', (text) => {
    expect(redactSecrets(text)).toBe(text)
  })
})
