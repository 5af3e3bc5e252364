import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CookieMap, parseCookie } from './parse-cookie.js'
import { serializeCookie } from './serialize-cookie.js'

/** A map that has built its index, so lookups no longer scan the header. */
function indexed(header: string): CookieMap {
  const cookies = parseCookie(header)
  expect(cookies.size).toBeGreaterThanOrEqual(0)
  return cookies
}

const tokenName = fc
  .stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/)
  .filter((name) => !/^__(secure|host)-/i.test(name))

const cookieishValue = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom(';', ',', ' ', '\t', '"', '\\', '%', '%2', '=', 'a', 'é', '😀', '\u00a0'),
  }),
)

const headerFragment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    ';',
    '; ',
    '=',
    ' = ',
    '"',
    '\\',
    '%',
    '%zz',
    '%E2%82',
    '%C3%A9',
    '\t',
    '__proto__',
  ),
  fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([n, v]) => `${n}=${v}`),
)
const cookieHeader = fc.array(headerFragment, { maxLength: 16 }).map((parts) => parts.join(''))

describe('parseCookie', () => {
  it.each([null, undefined, '', '   ', ';;;'])('has no cookies for %j', (header) => {
    const cookies = parseCookie(header)
    expect(cookies.size).toBe(0)
    expect([...cookies]).toEqual([])
    expect(cookies.get('a')).toBeUndefined()
  })

  it('reads each pair by name', () => {
    const cookies = parseCookie('theme=dark; lang=en-US; sid=abc.def')
    expect(cookies.get('theme')).toBe('dark')
    expect(cookies.get('lang')).toBe('en-US')
    expect(cookies.get('sid')).toBe('abc.def')
    expect(cookies.get('missing')).toBeUndefined()
    expect(cookies.has('lang')).toBe(true)
    expect(cookies.has('missing')).toBe(false)
    expect(cookies.size).toBe(3)
  })

  it('keeps the first value when a name repeats', () => {
    for (const cookies of [parseCookie('a=1; b=x; a=2'), indexed('a=1; b=x; a=2')]) {
      expect(cookies.get('a')).toBe('1')
    }
  })

  it('returns every value of a repeated name in header order from getAll', () => {
    const cookies = parseCookie('id=/deep; other=1; id=/; id=root')
    expect(cookies.getAll('id')).toEqual(['/deep', '/', 'root'])
    expect(cookies.getAll('other')).toEqual(['1'])
    expect(cookies.getAll('missing')).toEqual([])
    expect(cookies.size).toBe(2)
  })

  it('returns a fresh array from getAll each time', () => {
    const cookies = parseCookie('a=1; a=2')
    cookies.getAll('a').push('3')
    expect(cookies.getAll('a')).toEqual(['1', '2'])
  })

  it.each([
    ['a=b', 'b'],
    [' a = b ', 'b'],
    ['\ta\t=\tb\t', 'b'],
    ['a=b=c', 'b=c'],
    ['a=', ''],
    ['a= ', ''],
    ['a="b"', 'b'],
  ])('reads %j as a = %j', (header, value) => {
    expect(parseCookie(header).get('a')).toBe(value)
    expect(indexed(header).get('a')).toBe(value)
  })

  it.each([
    ['a=\u00a0b', '\u00a0b'],
    ['a=b\u00a0', 'b\u00a0'],
    ['a=\u3000b', '\u3000b'],
  ])('keeps whitespace other than SP and HTAB in %j', (header, value) => {
    expect(parseCookie(header).get('a')).toBe(value)
  })

  it('keeps whitespace other than SP and HTAB in names', () => {
    const cookies = parseCookie('\u00a0a=1')
    expect(cookies.get('a')).toBeUndefined()
    expect(cookies.get('\u00a0a')).toBe('1')
  })

  it.each([
    ['noequals', []],
    ['=x', []],
    [' = x', []],
    ['noequals; b=2', [['b', '2']]],
    [
      'a=1;; ;b=2',
      [
        ['a', '1'],
        ['b', '2'],
      ],
    ],
    [
      'a=1; junk; b=2; =3; c=4',
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '4'],
      ],
    ],
    ['junk1; junk2; x=1', [['x', '1']]],
  ])('skips malformed pairs in %j', (header, entries) => {
    expect([...parseCookie(header)]).toEqual(entries)
  })

  it('does not see a name inside another pair', () => {
    const cookies = parseCookie('xa=1; b=a=2; c=3 a=4; a x=5')
    expect(cookies.get('a')).toBeUndefined()
    expect(cookies.get('x')).toBeUndefined()
    expect(cookies.get('a x')).toBe('5')
    expect(cookies.get('c')).toBe('3 a=4')
  })

  it.each(['', ' a', 'a ', 'a=b', 'a;b'])('finds nothing under the impossible name %j', (name) => {
    const header = 'a=1; a=b=2; a;b=3; a =4'
    expect(parseCookie(header).get(name)).toBeUndefined()
    expect(indexed(header).get(name)).toBeUndefined()
  })

  describe('decoding', () => {
    it.each([
      ['%20', ' '],
      ['%3B%2C', ';,'],
      ['%E2%82%AC', '€'],
      ['%F0%9F%98%80', '😀'],
      ['a%25b', 'a%b'],
      ['+', '+'],
    ])('percent-decodes %j to %j', (raw, value) => {
      expect(parseCookie(`a=${raw}`).get('a')).toBe(value)
    })

    it.each(['%', '%2', '%zz', '100%', '%E2%82', '%FF', '%C0%AF', '%ED%A0%80'])(
      'keeps the malformed escape %j raw',
      (raw) => {
        expect(parseCookie(`a=${raw}`).get('a')).toBe(raw)
      },
    )

    it.each([
      ['"abc"', 'abc'],
      ['""', ''],
      ['"a\\054b"', 'a,b'],
      ['"a\\073b"', 'a;b'],
      ['"a\\"b"', 'a"b'],
      ['"a\\\\b"', 'a\\b'],
      ['"\\303\\251t\\303\\251"', 'été'],
      ['"\\342\\202\\254 sign"', '€ sign'],
      ['"\\q"', 'q'],
      ['"\\400"', '400'],
      ['"a\\"', 'a\\'],
      ['"%41"', '%41'],
    ])('decodes the Werkzeug-quoted value %j to %j', (raw, value) => {
      expect(parseCookie(`a=${raw}`).get('a')).toBe(value)
    })

    it.each(['"', '"abc', 'abc"', 'a"b'])('keeps the unbalanced quote in %j', (raw) => {
      expect(parseCookie(`a=${raw}`).get('a')).toBe(raw)
    })

    it('decodes every value that getAll, values, entries and forEach return', () => {
      const cookies = parseCookie('a=%20; b="x\\054y"; a=%21')
      const seen: string[] = []
      cookies.forEach((value, name) => {
        seen.push(`${name}:${value}`)
      })
      expect(cookies.getAll('a')).toEqual([' ', '!'])
      expect([...cookies.values()]).toEqual([' ', 'x,y'])
      expect([...cookies.entries()]).toEqual([
        ['a', ' '],
        ['b', 'x,y'],
      ])
      expect(seen).toEqual(['a: ', 'b:x,y'])
    })
  })

  describe('iteration', () => {
    const header = 'b=1; 2=two; a=3; b=4; 1=one'

    it('yields each distinct name once, in header order, with its first value', () => {
      const cookies = parseCookie(header)
      expect([...cookies.keys()]).toEqual(['b', '2', 'a', '1'])
      expect([...cookies.values()]).toEqual(['1', 'two', '3', 'one'])
      expect([...cookies]).toEqual([...cookies.entries()])
      expect(Object.fromEntries(cookies)).toEqual({ b: '1', 2: 'two', a: '3', 1: 'one' })
    })

    it('calls forEach with value, name, the map and thisArg', () => {
      const cookies = parseCookie(header)
      const calls: unknown[][] = []
      const self = { tag: 'self' }
      cookies.forEach(function (this: unknown, value, name, map) {
        calls.push([value, name, map === cookies, this])
      }, self)
      expect(calls).toEqual([
        ['1', 'b', true, self],
        ['two', '2', true, self],
        ['3', 'a', true, self],
        ['one', '1', true, self],
      ])
    })

    it('names its type CookieMap', () => {
      expect(Object.prototype.toString.call(parseCookie(''))).toBe('[object CookieMap]')
    })
  })

  describe('prototype names', () => {
    const names = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
    ]

    it.each(names)('reads %s as an ordinary cookie', (name) => {
      const header = `${name}=polluted; ${name}=again; after=1`
      for (const cookies of [parseCookie(header), indexed(header)]) {
        expect(cookies.get(name)).toBe('polluted')
        expect(cookies.getAll(name)).toEqual(['polluted', 'again'])
        expect(cookies.has(name)).toBe(true)
        expect(cookies.get('after')).toBe('1')
      }
      expect(Object.fromEntries(parseCookie(header))).toEqual(
        Object.fromEntries([
          [name, 'polluted'],
          ['after', '1'],
        ]),
      )
    })

    it.each(names)('does not find %s when it was not sent', (name) => {
      for (const cookies of [parseCookie('a=1'), indexed('a=1')]) {
        expect(cookies.get(name)).toBeUndefined()
        expect(cookies.has(name)).toBe(false)
        expect(cookies.getAll(name)).toEqual([])
      }
    })

    it('leaves Object.prototype untouched', () => {
      const cookies = parseCookie('__proto__=x; constructor=y; polluted=1; toString=z')
      expect(cookies.size).toBe(4)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.prototype.toString.call({})).toBe('[object Object]')
      expect(Object.getPrototypeOf({})).toBe(Object.prototype)
    })
  })

  it('parses 8 KB of junk without throwing', () => {
    let junk = ''
    for (let i = 0; junk.length < 8192; i++) {
      junk +=
        String.fromCharCode((i * 7919) % 0x250) +
        (i % 13 === 0 ? '; ' : '') +
        (i % 17 === 0 ? '=' : '')
    }
    const cookies = parseCookie(junk)
    for (const [name, value] of cookies) {
      expect(cookies.getAll(name)[0]).toBe(value)
    }
    expect(cookies.size).toBeGreaterThan(0)
    expect(parseCookie(junk).get('x')).toBeUndefined()
  })

  it('switches from scanning to an index after many reads without changing answers', () => {
    const header = Array.from({ length: 200 }, (_, i) => `c${i}=v${i}`).join('; ')
    const cookies = parseCookie(header)
    for (let i = 0; i < 200; i++) expect(cookies.get(`c${i}`)).toBe(`v${i}`)
    expect(cookies.get('c200')).toBeUndefined()
  })

  describe('properties', () => {
    it('never throws on arbitrary headers', () => {
      fc.assert(
        fc.property(cookieHeader, fc.string({ maxLength: 4 }), (header, name) => {
          const cookies = parseCookie(header)
          expect(cookies.get(name)).toBe(cookies.getAll(name)[0])
          expect(cookies.has(name)).toBe(cookies.getAll(name).length > 0)
          let size = 0
          for (const [key, value] of cookies) {
            expect(cookies.getAll(key)[0]).toBe(value)
            size++
          }
          expect(cookies.size).toBe(size)
        }),
        { numRuns: 10_000 },
      )
    })

    it('answers get the same by scanning and by index', () => {
      fc.assert(
        fc.property(cookieHeader, fc.array(fc.string({ maxLength: 4 })), (header, extra) => {
          const full = indexed(header)
          for (const name of [...full.keys(), ...extra]) {
            expect(parseCookie(header).get(name)).toBe(full.get(name))
            expect(parseCookie(header).has(name)).toBe(full.has(name))
            expect(full.getAll(name)[0]).toBe(full.get(name))
          }
        }),
        { numRuns: 2_000 },
      )
    })

    it('reads back any value serializeCookie wrote under any token name', () => {
      fc.assert(
        fc.property(tokenName, cookieishValue, (name, value) => {
          expect(parseCookie(serializeCookie(name, value)).get(name)).toBe(value)
        }),
        { numRuns: 2_000 },
      )
    })

    it('reads back every cookie of a header joined from serialized pairs', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.tuple(tokenName, cookieishValue), {
            selector: ([name]) => name,
            minLength: 1,
            maxLength: 8,
          }),
          (pairs) => {
            const header = pairs.map(([name, value]) => serializeCookie(name, value)).join('; ')
            const cookies = parseCookie(header)
            expect(cookies.size).toBe(pairs.length)
            for (const [name, value] of pairs) expect(cookies.get(name)).toBe(value)
            expect([...cookies]).toEqual(pairs)
          },
        ),
        { numRuns: 1_000 },
      )
    })
  })
})
