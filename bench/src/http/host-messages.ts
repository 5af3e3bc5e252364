/** What the bench sends a server host over IPC. */
export type HostCommand = { readonly type: 'start' } | { readonly type: 'stop' }

/** What a server host answers over IPC. */
export type HostReport =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'started' }
  | { readonly type: 'stopped'; readonly window: CpuWindow }
  /** The server module could not start (e.g. its store is unreachable); the host then exits. */
  | { readonly type: 'failed'; readonly reason: string }

/** The server's own cost over one measured window. */
export interface CpuWindow {
  /** User CPU time of the whole server process (every thread), in µs. */
  readonly userMicros: number
  /** System CPU time, in µs. */
  readonly systemMicros: number
  /** Requests the server received in the window. */
  readonly requests: number
  /** Wall-clock time from the window's start to its last request's arrival, in ms. */
  readonly wallMs: number
}
