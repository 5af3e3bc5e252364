import { connect } from 'node:net'

/** Redis for the shared-login test; CI starts one on the default port. */
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379'

/** Whether Redis answers PING at {@link REDIS_URL} within two seconds. */
export function redisReachable(url: string = REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379) })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(2000, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    // An authenticated Redis answers -NOAUTH: reachable, and the app will say what is wrong.
    socket.once('data', (data) => done(/^[+-]/.test(data.toString())))
  })
}
