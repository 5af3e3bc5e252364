import { isIPv4, isIPv6 } from 'node:net'
import type { Request } from 'express'

/** Expands an IPv6 address (no zone) to its eight groups, as numbers. */
function groupsOf(address: string): number[] | undefined {
  const [head = '', tail] = address.split('::')
  const parse = (part: string) => (part === '' ? [] : part.split(':'))
  let left = parse(head)
  let right = tail === undefined ? [] : parse(tail)
  // An embedded IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) is two groups.
  const last = (right.length > 0 ? right : left).at(-1)
  if (last !== undefined && isIPv4(last)) {
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number]
    const pair = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)]
    if (right.length > 0) right = [...right.slice(0, -1), ...pair]
    else left = [...left.slice(0, -1), ...pair]
  }
  const missing = 8 - left.length - right.length
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => Number.parseInt(g, 16))
}

/**
 * The key a client address is counted under: an IPv4 address as it is (also when it arrives
 * IPv4-mapped, `::ffff:203.0.113.7`), an IPv6 address as its /64, since one host usually holds
 * a whole /64 and could otherwise take a fresh address for every attempt.
 */
export function addressKey(address: string): string {
  if (isIPv4(address)) return address
  const bare = address.split('%', 1)[0]!
  if (!isIPv6(bare)) return address
  const groups = groupsOf(bare.toLowerCase())
  if (groups === undefined) return address
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6)
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.')
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`
}

/**
 * The client's address for throttling: the socket's peer, or with TRUST_PROXY the address the
 * proxy appended last to X-Forwarded-For (Express' `req.ip` under `trust proxy` 1).
 */
export function clientAddress(req: Request): string {
  return addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown')
}
