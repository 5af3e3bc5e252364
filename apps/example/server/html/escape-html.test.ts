import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeHtml } from './escape-html.js'

const decodeEntities = (html: string) =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')

describe('escapeHtml', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['"quoted"', '&quot;quoted&quot;'],
    ["it's", 'it&#39;s'],
    ['a & b', 'a &amp; b'],
    ['&amp;', '&amp;amp;'],
    ['plain', 'plain'],
  ])('escapes %j as %j', (text, html) => {
    expect(escapeHtml(text)).toBe(html)
  })

  it('leaves no markup characters and loses nothing', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const html = escapeHtml(text)
        expect(html).not.toMatch(/[<>"']/)
        expect(decodeEntities(html)).toBe(text)
      }),
    )
  })
})
