import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)

/** The warnings of test/fixtures/uncommitted-scope.ts, in a process that can force collection. */
async function warningsFor(mode: string, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    [
      '--expose-gc',
      '--conditions=@crumbs/source',
      '--import',
      'tsx',
      'test/fixtures/uncommitted-scope.ts',
      mode,
    ],
    { env: { ...process.env, NODE_ENV: 'development', ...env } },
  )
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as string[]
}

describe('createSessions: the warning for a scope never committed', () => {
  it.each(['change', 'cookie'])(
    'warns when the commit of a scope with a %s is collected uncommitted',
    async (mode) => {
      const warnings = await warningsFor(mode)
      expect(warnings.length).toBeGreaterThan(0)
      expect(warnings[0]).toMatch(/never committed/)
    },
  )

  it.each(['commit', 'read'])('stays silent for a scope that did %s', async (mode) => {
    expect(await warningsFor(mode)).toEqual([])
  })

  it('stays silent under NODE_ENV=production', async () => {
    expect(await warningsFor('change', { NODE_ENV: 'production' })).toEqual([])
  })
})
