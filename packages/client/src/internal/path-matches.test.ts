import { describe, expect, it } from 'vitest'
import { pathMatches } from './path-matches.js'

describe('pathMatches', () => {
  it.each([
    ['/', '/', true],
    ['/app', '/', true],
    ['/app', '/app', true],
    ['/app/page', '/app', true],
    ['/app/page', '/app/', true],
    ['/application', '/app', false],
    ['/', '/app', false],
    ['/App', '/app', false],
  ])('matches request path %j with cookie path %j: %j', (request, cookie, expected) => {
    expect(pathMatches(request, cookie)).toBe(expected)
  })
})
