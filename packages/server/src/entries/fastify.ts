// @crumbs/server/fastify: a plugin for Fastify 5.

export type { CrumbsRequest } from '../adapters/crumbs-request.js'
export { csrf } from '../adapters/fastify/fastify-csrf.js'
export type { FastifySessionPlugin } from '../adapters/fastify/fastify-session.js'
export { session } from '../adapters/fastify/fastify-session.js'
export type { NodeCsrfOptions } from '../adapters/node/node-csrf.js'
export type { CsrfOptions } from '../engine/csrf-check.js'
export { verifyCsrfToken } from '../engine/csrf-check.js'
export type {
  CookieJar,
  DeleteCookieOptions,
  RequestCookies,
  SetCookieOptions,
} from '../engine/request-cookies.js'
export type { SessionOptions } from '../engine/session-options.js'
