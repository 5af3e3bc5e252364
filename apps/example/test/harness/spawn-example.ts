import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterEach } from 'vitest'
import { tempDir } from './temp-dir.js'

const ENTRY = fileURLToPath(new URL('./example-process.ts', import.meta.url))
const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Seconds a child may take to listen: tsx compiles the sources first, which took over 30 s with
 * every package testing at once and other work on a 2-core machine.
 */
const START_TIMEOUT = 90

const children: ChildProcess[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map(stop))
})

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

/** An example running in a process of its own, stopped after the current test. */
export interface ExampleProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly base: string
  /** What it printed so far. */
  output(): string
}

/**
 * Starts the example from source in a child process (node with tsx and the `@crumbs/source`
 * condition, as vitest resolves it) on a free loopback port, with `env` and a temp folder as
 * its app folder; resolves once it listens.
 */
export async function spawnExample(env: NodeJS.ProcessEnv): Promise<ExampleProcess> {
  const child = spawn(process.execPath, ['--conditions=@crumbs/source', '--import', 'tsx', ENTRY], {
    cwd: APP_DIR,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      EXAMPLE_APP_DIR: tempDir('process'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not listening after ${START_TIMEOUT} s:\n${output}`)),
      START_TIMEOUT * 1000,
    )
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      const match = output.match(/Listening on http:\/\/localhost:(\d+)/)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited (${code}) before listening:\n${output}`))
    })
  })
  return { base: `http://127.0.0.1:${port}`, output: () => output }
}
