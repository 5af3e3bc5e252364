// The packages as a user gets them: packed once with `pnpm pack`, installed with npm from the
// tarballs (no workspace links) into throwaway apps under the system temp dir, then
// type-checked, built and driven over real HTTP on 127.0.0.1. Installs are the slow part: one
// per app kind (ESM, plain fetch without hono, CommonJS), run at once and sharing one npm cache.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const require = createRequire(import.meta.url)
const { loginFlow } = require('./login-flow.cjs')

const consumers = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const root = path.resolve(consumers, '..')
const PACKAGES = ['core', 'server', 'client']
const BOTH = ['serve-fetch.ts', 'users.ts']
const SECRET = randomBytes(32).toString('base64url')
// One npm cache for every install, kept between runs so a rerun installs offline.
const npmCache = path.join(os.tmpdir(), 'crumbs-consumers-npm-cache')
const env = { ...process.env, SECRET_KEY: SECRET, NODE_ENV: 'test' }

/** Runs a command; resolves with its exit code and combined output. */
function run(command, args, { cwd, timeout = 180_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: signal === null ? code : `killed by ${signal}`, output })
    })
  })
}

/** {@link run}, failing with the command's output unless it exits 0. */
async function mustRun(command, args, options) {
  const { code, output } = await run(command, args, options)
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${options?.cwd}) exited ${code}:\n${output}`)
  }
  return output
}

const tsc = (dir, project) =>
  mustRun('node', ['node_modules/typescript/bin/tsc', '-p', project], {
    cwd: dir,
    timeout: 300_000,
  })

/** `fn` run once, on first call; later calls share its promise. */
function once(fn) {
  let result
  return () => {
    result ??= fn()
    return result
  }
}

/** Starts `file` with node, waits for its `listening <url>` line, returns the URL and a stop. */
function startServer(dir, file) {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [file], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const fail = (why) => {
      child.kill()
      reject(new Error(`${file} ${why}:\n${output}`))
    }
    const timer = setTimeout(() => fail('did not listen within 30 s'), 30_000)
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.stdout.on('data', (chunk) => {
      output += chunk
      const url = /listening (http:\/\/\S+)/.exec(output)?.[1]
      if (url !== undefined) {
        clearTimeout(timer)
        resolve({ url, stop: () => child.kill() })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(`exited ${code} before listening`)
    })
  })
}

async function loginFlowOf(dir, file) {
  const server = await startServer(dir, file)
  try {
    await loginFlow(server.url)
  } finally {
    server.stop()
  }
}

/** The versions pinned once in pnpm-workspace.yaml's catalog. */
async function readCatalog() {
  const yaml = await readFile(path.join(root, 'pnpm-workspace.yaml'), 'utf8')
  const section = yaml.slice(yaml.indexOf('\ncatalog:\n')).split(/\n(?=\S)/)[1] ?? ''
  const catalog = new Map()
  for (const [, name, version] of section.matchAll(/^ {2}"?([^":\s]+)"?:\s*(\S+)/gm)) {
    catalog.set(name, version)
  }
  return catalog
}

/** Copies apps/<kind> into `work`, points its dependencies at the tarballs, installs with npm. */
async function install(work, kind, tarballs, catalog, crumbs, shared) {
  const dir = path.join(work, kind)
  await cp(path.join(consumers, 'apps', kind), dir, { recursive: true })
  await mkdir(path.join(dir, 'src', 'shared'))
  for (const file of shared) {
    await cp(path.join(consumers, 'apps', 'shared', file), path.join(dir, 'src', 'shared', file))
  }
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'))
  for (const [name, version] of Object.entries(manifest.dependencies)) {
    if (version !== 'catalog:') continue
    assert.ok(catalog.has(name), `${name} is not in the pnpm catalog`)
    manifest.dependencies[name] = catalog.get(name)
  }
  for (const name of crumbs) manifest.dependencies[`@crumbs/${name}`] = `file:${tarballs[name]}`
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2))
  const started = Date.now()
  await mustRun(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
      '--cache',
      npmCache,
    ],
    { cwd: dir, timeout: 240_000 },
  )
  console.log(`# npm install (${kind}): ${((Date.now() - started) / 1000).toFixed(1)} s`)
  // The tarballs, not a registry copy, and one copy of @crumbs/core.
  for (const name of crumbs) {
    const installed = JSON.parse(
      await readFile(path.join(dir, 'node_modules', '@crumbs', name, 'package.json'), 'utf8'),
    )
    assert.equal(installed.version, tarballs.version, `@crumbs/${name} in ${kind}`)
  }
  for (const name of crumbs.filter((name) => name !== 'core')) {
    const nested = path.join(dir, 'node_modules', '@crumbs', name, 'node_modules', '@crumbs')
    assert.ok(!existsSync(nested), `${kind}: @crumbs/${name} installed its own @crumbs/core`)
  }
  return dir
}

/** The ```ts blocks of the READMEs, each as a module; `<!-- not-compiled: why -->` skips one. */
async function readmeBlocks() {
  const sources = ['README.md']
  for (const name of PACKAGES) sources.push(`packages/${name}/README.md`)
  for (const name of await readdir(path.join(root, 'docs', 'migrating'))) {
    if (name.endsWith('.md')) sources.push(`docs/migrating/${name}`)
  }
  const blocks = []
  const skipped = []
  for (const source of sources) {
    const text = await readFile(path.join(root, source), 'utf8')
    for (const match of text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)) {
      const line = text.slice(0, match.index).split('\n').length
      const before = text.slice(0, match.index).trimEnd().split('\n').at(-1) ?? ''
      const where = `${source}:${line}`
      const skip = /^<!-- not-compiled: (.+) -->$/.exec(before)
      if (skip) skipped.push(`${where} (${skip[1]})`)
      else blocks.push({ where, code: match[1] })
    }
  }
  return { blocks, skipped }
}

describe('the packed packages in fresh apps', { concurrency: 3 }, () => {
  let work
  let tarballs
  let esm
  let fetchOnly
  let cjs
  /** The type check that also emits each app's JavaScript, run once for its tests. */
  let compiled
  /** The same apps checked under `moduleResolution: bundler`. */
  let bundlerChecks
  /** The READMEs' TypeScript blocks, and the ones marked not to compile. */
  let readme

  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'crumbs-consumers-'))
    const packed = path.join(work, 'tarballs')
    await mkdir(packed)
    tarballs = {}
    await Promise.all(
      PACKAGES.map(async (name) => {
        const output = await mustRun('pnpm', ['pack', '--pack-destination', packed], {
          cwd: path.join(root, 'packages', name),
        })
        const file = output.trim().split('\n').at(-1)
        tarballs[name] = path.isAbsolute(file) ? file : path.join(packed, path.basename(file))
        assert.ok(existsSync(tarballs[name]), `pnpm pack gave no tarball for ${name}: ${output}`)
      }),
    )
    tarballs.version = JSON.parse(
      await readFile(path.join(root, 'packages', 'core', 'package.json'), 'utf8'),
    ).version
    const catalog = await readCatalog()
    ;[esm, fetchOnly, cjs] = await Promise.all([
      install(work, 'esm', tarballs, catalog, ['core', 'server', 'client'], BOTH),
      install(work, 'fetch', tarballs, catalog, ['core', 'server'], BOTH),
      install(work, 'cjs', tarballs, catalog, ['core', 'server'], ['users.ts']),
    ])
    readme = await readmeBlocks()
    const dir = path.join(esm, 'readme')
    await mkdir(dir)
    await cp(path.join(consumers, 'readme-context.d.ts'), path.join(dir, 'context.d.ts'))
    for (const { where, code } of readme.blocks) {
      await writeFile(path.join(dir, `${where.replace(/[^A-Za-z0-9]+/g, '-')}.ts`), code)
    }
    bundlerChecks = {
      esm: once(() => tsc(esm, 'tsconfig.bundler.json')),
      fetch: once(() => tsc(fetchOnly, 'tsconfig.bundler.json')),
    }
    compiled = {
      esm: once(() => tsc(esm, 'tsconfig.json')),
      fetch: once(() => tsc(fetchOnly, 'tsconfig.json')),
      cjs: once(() => tsc(cjs, 'tsconfig.json')),
    }
  })

  after(async () => {
    if (work !== undefined && process.env.KEEP_CONSUMERS === undefined) {
      await rm(work, { recursive: true, force: true })
    } else if (work !== undefined) console.log(`# kept ${work}`)
  })

  it('packs README, LICENSE and both builds into every tarball, js-cookie as a range', async () => {
    for (const name of PACKAGES) {
      const listing = (await mustRun('tar', ['-tzf', tarballs[name]])).split('\n')
      for (const file of [
        'README.md',
        'LICENSE',
        'package.json',
        'dist/index.js',
        'dist/index.cjs',
        'dist/index.d.ts',
        'dist/index.d.cts',
      ]) {
        assert.ok(listing.includes(`package/${file}`), `${name} tarball lacks ${file}`)
      }
      assert.ok(!listing.some((file) => file.startsWith('package/src/')), `${name} ships src/`)
    }
    const client = JSON.parse(
      await readFile(path.join(esm, 'node_modules', '@crumbs', 'client', 'package.json'), 'utf8'),
    )
    assert.match(client.dependencies['js-cookie'], /^\^3\./)
  })

  it('type-checks the ESM apps, the Vite page and the README blocks (nodenext, then bundler)', async () => {
    await compiled.esm()
    await bundlerChecks.esm()
  })

  it('fails the type check when an expected error disappears (@ts-expect-error)', async () => {
    const source = await readFile(path.join(esm, 'src', 'express5.ts'), 'utf8')
    const fixed = source.replace(
      "req.session.set('username', 42)",
      "req.session.set('username', 'eve')",
    )
    assert.notEqual(fixed, source)
    await mkdir(path.join(esm, 'mutant'), { recursive: true })
    await cp(path.join(esm, 'src', 'shared'), path.join(esm, 'mutant', 'shared'), {
      recursive: true,
    })
    await writeFile(path.join(esm, 'mutant', 'express5.ts'), fixed)
    await writeFile(
      path.join(esm, 'tsconfig.mutant.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: { noEmit: true },
        include: ['mutant'],
      }),
    )
    const { code, output } = await run(
      'node',
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.mutant.json'],
      { cwd: esm },
    )
    assert.notEqual(code, 0)
    assert.match(output, /error TS2578: Unused '@ts-expect-error' directive/)
  })

  it('runs the login flow on Express 5 (ESM)', async () => {
    await compiled.esm()
    await loginFlowOf(esm, 'build/src/express5.js')
  })

  it('runs the login flow on Hono (@crumbs/server/hono)', async () => {
    await compiled.esm()
    await loginFlowOf(esm, 'build/src/hono.js')
  })

  it('runs the login flow on node:http', async () => {
    await compiled.esm()
    await loginFlowOf(esm, 'build/src/node-http.js')
  })

  it('runs the login flow with the ESM and CommonJS builds in one process', async () => {
    await compiled.esm()
    await loginFlowOf(esm, 'build/src/mixed.js')
  })

  it('builds the Vite page on @crumbs/client and reports its gzip size', async () => {
    await mustRun(
      'node',
      [
        'node_modules/vite/bin/vite.js',
        'build',
        'web',
        '--outDir',
        '../web-dist',
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: esm },
    )
    const assets = path.join(esm, 'web-dist', 'assets')
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'))
    assert.ok(scripts.length > 0, 'vite emitted no script')
    let gzip = 0
    for (const name of scripts) gzip += gzipSync(await readFile(path.join(assets, name))).length
    console.log(`# Vite page (createCookieJar, enumCodec, stringCodec): ${gzip} B gzip`)
  })

  it('compiles every ```ts block of the READMEs against the tarballs (nodenext, then bundler)', async () => {
    // The blocks are files of the ESM app's program (readme/), written before it compiles.
    assert.ok(readme.blocks.length > 10, `only ${readme.blocks.length} README blocks found`)
    console.log(
      `# README blocks: ${readme.blocks.length} compiled, ${readme.skipped.length} skipped`,
    )
    for (const note of readme.skipped) console.log(`#   skipped ${note}`)
    await compiled.esm()
    await bundlerChecks.esm()
  })

  it('type-checks a plain fetch app without hono installed, skipLibCheck off', async () => {
    assert.ok(!existsSync(path.join(fetchOnly, 'node_modules', 'hono')), 'hono got installed')
    await compiled.fetch()
    await bundlerChecks.fetch()
  })

  it('runs the login flow on a plain fetch handler (@crumbs/server/fetch)', async () => {
    await compiled.fetch()
    await loginFlowOf(fetchOnly, 'build/src/fetch.js')
  })

  it('type-checks the CommonJS app (module commonjs, then node16) and runs the login flow', async () => {
    await compiled.cjs()
    await tsc(cjs, 'tsconfig.node16.json')
    await loginFlowOf(cjs, 'build/main.js')
  })

  it('runs the CommonJS app under Jest 30', async () => {
    await cp(
      path.join(consumers, 'test', 'login-flow.cjs'),
      path.join(cjs, 'test', 'login-flow.cjs'),
    )
    await compiled.cjs()
    await mustRun('node', ['node_modules/jest/bin/jest.js', '--ci'], { cwd: cjs })
  })
})
