import { describe, expect, it } from 'vitest'
import { MemoryPort } from '../../test/harness/memory-port.js'
import { isLocalDevelopment, isSecureRequest } from './request-security.js'

const plain = (host: string, peerAddress?: string, headers: Record<string, string> = {}) =>
  new MemoryPort({
    encrypted: false,
    host,
    headers,
    ...(peerAddress === undefined ? {} : { peerAddress }),
  })

describe('isSecureRequest', () => {
  it('believes the transport: a TLS connection is secure whatever its headers say', () => {
    const port = new MemoryPort({ encrypted: true, headers: { 'x-forwarded-proto': 'http' } })
    expect(isSecureRequest(port, false)).toBe(true)
    expect(isSecureRequest(port, true)).toBe(true)
  })

  it.each([
    ['X-Forwarded-Proto: https', { 'x-forwarded-proto': 'https' }],
    ['Forwarded: proto=https', { forwarded: 'for=203.0.113.9;proto=https' }],
    ['a quoted Forwarded proto', { forwarded: 'for="[2001:db8::1]";proto="HTTPS"' }],
  ])('believes %s only from a trusted proxy', (_, headers) => {
    const port = plain('app.example', '10.0.0.2', headers)
    expect(isSecureRequest(port, false)).toBe(false)
    expect(isSecureRequest(port, true)).toBe(true)
  })

  it("reads the client's hop, the first element, of a Forwarded chain", () => {
    const port = plain('app.example', '10.0.0.2', {
      forwarded: 'for=203.0.113.9;proto=http, for=10.0.0.1;proto=https',
    })
    expect(isSecureRequest(port, true)).toBe(false)
  })

  it('never takes a local Host header for TLS', () => {
    expect(isSecureRequest(plain('127.0.0.1:3000', '127.0.0.1'), true)).toBe(false)
  })
})

describe('isLocalDevelopment', () => {
  it.each([
    ['localhost', 'localhost:3000', '127.0.0.1'],
    ['127.0.0.1', '127.0.0.1:3000', '127.0.0.1'],
    ['[::1]', '[::1]:8080', '::1'],
    ['a .localhost name', 'app.localhost', '127.0.0.1'],
    ['an IPv4-mapped loopback peer', 'localhost', '::ffff:127.0.0.1'],
    ['a host that cannot tell its peer', 'localhost', undefined],
  ])('is true for %s', (_, host, peer) => {
    expect(isLocalDevelopment(plain(host, peer))).toBe(true)
  })

  it.each([
    ['a Host: localhost sent from another machine', 'localhost', '192.168.1.9'],
    ['a LAN host name', '192.168.1.20:3000', '127.0.0.1'],
    ['a development domain', 'myapp.test', '127.0.0.1'],
    ['a name that only starts like localhost', 'localhost.evil.example', '127.0.0.1'],
  ])('is false for %s', (_, host, peer) => {
    expect(isLocalDevelopment(plain(host, peer))).toBe(false)
  })

  it.each(['forwarded', 'x-forwarded-proto', 'x-forwarded-for', 'x-forwarded-host'])(
    'is false for a loopback request that came through a proxy (%s)',
    (header) => {
      expect(isLocalDevelopment(plain('127.0.0.1:3000', '127.0.0.1', { [header]: 'x' }))).toBe(
        false,
      )
    },
  )
})
