#!/usr/bin/env node
// Measures what a page pays for a get+set+remove cookie entry with @crumbs/client (what it
// uses of @crumbs/core included) and with js-cookie, universal-cookie and typescript-cookie: each
// entry bundled the same way (esbuild, ESM, browser, minified, no legal comments) and gzipped
// at level 9. `node scripts/measure-size.mjs` prints a table; `--json` prints JSON.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url))

/** How far the @crumbs/client entry may exceed js-cookie's, in gzipped bytes. */
export const BUDGET_OVER_JS_COOKIE = 600

/** The entries, each doing the same get, set and remove of one cookie. */
export const ENTRIES = Object.freeze({
  '@crumbs/client': `
    import { defineCookies, getCookie, removeCookie, setCookie, stringCodec } from '@crumbs/client'
    const cookies = defineCookies({ theme: { codec: stringCodec() } })
    getCookie(cookies, 'theme'); setCookie(cookies, 'theme', 'dark'); removeCookie(cookies, 'theme')`,
  'js-cookie': `
    import Cookies from 'js-cookie'
    Cookies.get('theme'); Cookies.set('theme', 'dark'); Cookies.remove('theme')`,
  'universal-cookie': `
    import Cookies from 'universal-cookie'
    const cookies = new Cookies()
    cookies.get('theme'); cookies.set('theme', 'dark'); cookies.remove('theme')`,
  'typescript-cookie': `
    import { getCookie, removeCookie, setCookie } from 'typescript-cookie'
    getCookie('theme'); setCookie('theme', 'dark'); removeCookie('theme')`,
})

/**
 * The first code block under the README's "One function per operation", exactly as printed,
 * so the size the README claims for it is measured on its own text.
 */
export function readmeExample() {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('### One function per operation'))
  const block = /```ts\n([\s\S]*?)```/.exec(section)
  if (block === null)
    throw new Error('README.md has no example under "One function per operation".')
  return block[1]
}

/**
 * For comparison, not budgeted: the same get, set and remove through `createCookieJar`, whose
 * methods bundle every operation (subscribe, fromHeader, the run-time schema and option checks),
 * and the README's function-API example (an `enumCodec` cookie with a default and attributes).
 */
export const BREAKDOWN = Object.freeze({
  '@crumbs/client createCookieJar': `
    import { createCookieJar, stringCodec } from '@crumbs/client'
    const jar = createCookieJar({ theme: { codec: stringCodec() } })
    jar.get('theme'); jar.set('theme', 'dark'); jar.remove('theme')`,
  '@crumbs/client README example': readmeExample(),
})

/**
 * Not budgeted: what `@crumbs/client/react` adds to a page, the hook and what it uses of the
 * client (js-cookie included), with React itself left out as the page's own; and the same with
 * `CookieProvider`, for a server-rendered app.
 */
export const REACT_ENTRIES = Object.freeze({
  '@crumbs/client/react useCookie': `
    import { defineCookies, stringCodec } from '@crumbs/client'
    import { useCookie } from '@crumbs/client/react'
    const cookies = defineCookies({ theme: { codec: stringCodec() } })
    export const Theme = () => useCookie(cookies, 'theme')`,
  '@crumbs/client/react useCookie + CookieProvider': `
    import { defineCookies, stringCodec } from '@crumbs/client'
    import { CookieProvider, useCookie } from '@crumbs/client/react'
    const cookies = defineCookies({ theme: { codec: stringCodec() } })
    export const Theme = () => useCookie(cookies, 'theme')
    export { CookieProvider }`,
})

/** Modules a page brings itself, left out of every bundle measured here. */
const EXTERNAL = ['react']

/** Bundles one entry's source and returns its minified and gzipped sizes in bytes. */
export async function measureEntry(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGE_DIR, sourcefile: 'entry.mjs' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    external: EXTERNAL,
    write: false,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].contents
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength }
}

/**
 * Measures every entry in one run. `@crumbs/client` resolves to its built `dist`, so build
 * the package first (`pnpm build`).
 */
export async function measureSizes() {
  if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
    throw new Error('@crumbs/client is not built: run `pnpm build` first.')
  }
  const rows = []
  for (const [name, source] of Object.entries(ENTRIES)) {
    rows.push({ name, ...(await measureEntry(source)) })
  }
  const breakdown = []
  for (const [name, source] of Object.entries(BREAKDOWN)) {
    breakdown.push({ name, ...(await measureEntry(source)) })
  }
  const react = []
  for (const [name, source] of Object.entries(REACT_ENTRIES)) {
    react.push({ name, ...(await measureEntry(source)) })
  }
  const jsCookie = rows.find((row) => row.name === 'js-cookie').gzip
  const ours = rows.find((row) => row.name === '@crumbs/client').gzip
  return {
    rows,
    breakdown,
    react,
    budget: { overJsCookie: BUDGET_OVER_JS_COOKIE, limit: jsCookie + BUDGET_OVER_JS_COOKIE },
    ours,
    overJsCookie: ours - jsCookie,
  }
}

/** The measurement as a Markdown table. */
export function formatTable({ rows, breakdown, react, budget, overJsCookie }) {
  const lines = [
    '| get+set+remove entry | minified (B) | min+gzip -9 (B) |',
    '| --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.name} | ${row.minified} | ${row.gzip} |`),
    ...breakdown.map((row) => `| (breakdown) ${row.name} | ${row.minified} | ${row.gzip} |`),
    ...react.map((row) => `| (React external) ${row.name} | ${row.minified} | ${row.gzip} |`),
    '',
    `@crumbs/client is ${overJsCookie} B over js-cookie (budget: ${budget.overJsCookie} B, limit ${budget.limit} B).`,
  ]
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await measureSizes()
  console.log(process.argv.includes('--json') ? JSON.stringify(sizes, null, 2) : formatTable(sizes))
}
