// What `next start` does before it loads any app code: Next's request storage is built on the
// AsyncLocalStorage it puts on globalThis.
import 'next/dist/server/node-environment-baseline.js'
