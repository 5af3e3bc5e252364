import type { Session } from '@crumbs/core'
import type { CookieJar } from '../../src/engine/request-cookies.js'
import type { SessionOptions } from '../../src/engine/session-options.js'
import type { RunningHost } from './loopback.js'

// What every host of the adapter contract shares: the scenario app's view of a request and
// its answer, and the host interface (hosts.ts lists the hosts).

/** A request as the scenario apps see it, whatever the host. */
export interface AppRequest {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
}

/** What the scenario apps get from crumbs, whatever the host. */
export interface AppContext {
  readonly session: Session
  readonly cookies: CookieJar
}

export interface AppResponse {
  readonly status?: number
  readonly body: string
  /** Response headers the app sets itself (a Cache-Control of its own, say). */
  readonly headers?: Readonly<Record<string, string>>
  /** Runs once the response has gone out (to prove late changes are refused). */
  readonly after?: () => void
}

export type App = (req: AppRequest, ctx: AppContext) => AppResponse | Promise<AppResponse>

export interface HostOptions {
  readonly session: SessionOptions
  /** Put the CSRF check in front of the app. */
  readonly csrf?: boolean
}

export interface Host {
  readonly name: string
  start(options: HostOptions, app: App): Promise<RunningHost>
}

export function appRequest(method: string, url: string): AppRequest {
  const parsed = new URL(url, 'http://placeholder')
  return { method, path: parsed.pathname, query: parsed.searchParams }
}
