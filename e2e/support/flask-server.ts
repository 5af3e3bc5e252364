import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { stopChild, waitForLine } from './child-process.js'

/** The interpreter with Flask: Debian's python3-flask unless FLASK_PYTHON says otherwise. */
export const FLASK_PYTHON = process.env.FLASK_PYTHON || '/usr/bin/python3'

/** How to get Flask, for skip and failure messages. */
export const HOW_TO_GET_FLASK =
  'apt-get install -y python3-flask (Debian/Ubuntu), or set FLASK_PYTHON to a Python that has Flask'

const APP = fileURLToPath(new URL('../flask/app.py', import.meta.url))

/** Whether {@link FLASK_PYTHON} can import flask. */
export function hasFlask(): boolean {
  return spawnSync(FLASK_PYTHON, ['-c', 'import flask'], { timeout: 15_000 }).status === 0
}

/** A running e2e/flask/app.py. */
export interface FlaskServer {
  readonly url: string
  stop(): Promise<void>
}

/** Starts the Flask app on 127.0.0.1 with `secretKey` and waits until it listens. */
export async function startFlask(secretKey: string): Promise<FlaskServer> {
  const child = spawn(FLASK_PYTHON, [APP], {
    env: { PATH: process.env.PATH, SECRET_KEY: secretKey, PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  try {
    const match = await waitForLine(child, /PORT (\d+)/, 20)
    // Werkzeug logs each request on stderr; keep the pipes flowing.
    child.stdout?.resume()
    child.stderr?.resume()
    return { url: `http://127.0.0.1:${match[1]}`, stop: () => stopChild(child) }
  } catch (error) {
    await stopChild(child)
    throw new Error(`The Flask app did not start: ${(error as Error).message}`)
  }
}
