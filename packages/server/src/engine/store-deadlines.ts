import { CrumbsError, isCrumbsError, type MaybePromise } from '@crumbs/core'

/** One store call in flight: when it gives up, and how. */
interface PendingCall {
  readonly giveUpAt: number
  readonly operation: string
  readonly reject: (error: unknown) => void
}

/**
 * Runs store calls under one deadline each. A failure or a timeout becomes `STORE_UNAVAILABLE`
 * with the cause kept, so the app can answer 503 and the process keeps running.
 *
 * Every call of one engine has the same timeout, so calls give up in the order they started:
 * one timer, armed for the oldest call in flight, serves them all, instead of a timer set and
 * cleared around every call. A call that settles just leaves the set; when the timer fires it
 * rejects what is overdue and re-arms for the oldest call still waiting, or stops when nothing
 * waits. The timer is unref'd, so it never holds a process open: a call in flight holds its own
 * socket. Times come from `Date.now()`, which fake timers move together with `setTimeout`.
 */
export class StoreDeadlines {
  readonly #timeoutMs: number
  readonly #timeoutSeconds: number
  /** Calls in flight in start order (a Set keeps insertion order), so the oldest is first. */
  readonly #pending = new Set<PendingCall>()
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(timeoutSeconds: number) {
    this.#timeoutSeconds = timeoutSeconds
    this.#timeoutMs = timeoutSeconds * 1000
  }

  /** `call()`'s result, or `STORE_UNAVAILABLE` when it fails or outlasts the timeout. */
  run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    let result: Promise<T>
    try {
      result = call()
    } catch (error) {
      return Promise.reject(unavailable(operation, error))
    }
    return new Promise<T>((resolve, reject) => {
      const entry: PendingCall = { giveUpAt: Date.now() + this.#timeoutMs, operation, reject }
      this.#pending.add(entry)
      this.#timer ??= unrefTimer(setTimeout(this.#expire, this.#timeoutMs))
      result.then(
        (value) => {
          if (this.#pending.delete(entry)) resolve(value)
        },
        (error: unknown) => {
          if (this.#pending.delete(entry)) reject(unavailable(operation, error))
        },
      )
    })
  }

  /**
   * An answer a store already gave: a value as it is (an in-process store cannot be late: it
   * held the thread while it worked), a promise under the deadline.
   */
  settle<T>(operation: string, answer: MaybePromise<T>): MaybePromise<T> {
    // Any thenable counts: a store may answer with another library's or another realm's promise.
    return isThenable(answer) ? this.run(operation, () => Promise.resolve(answer)) : answer
  }

  readonly #expire = (): void => {
    this.#timer = undefined
    const now = Date.now()
    for (const entry of this.#pending) {
      if (entry.giveUpAt > now) {
        this.#timer = unrefTimer(setTimeout(this.#expire, entry.giveUpAt - now))
        return
      }
      this.#pending.delete(entry)
      entry.reject(
        new CrumbsError(
          'STORE_UNAVAILABLE',
          `The session store did not answer ${entry.operation} within ${this.#timeoutSeconds} s.`,
          { details: { operation: entry.operation, timeout: this.#timeoutSeconds } },
        ),
      )
    }
  }
}

/** A store's error as `STORE_UNAVAILABLE`; its own typed errors pass through as they are. */
export function unavailable(operation: string, error: unknown): CrumbsError {
  if (isCrumbsError(error)) return error
  return new CrumbsError('STORE_UNAVAILABLE', `The session store failed during ${operation}.`, {
    cause: error,
    details: { operation },
  })
}

function isThenable<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}

/** Lets the process exit while `timer` is armed, where timers have `unref` (Node, Bun, Deno). */
function unrefTimer(timer: ReturnType<typeof setTimeout>): ReturnType<typeof setTimeout> {
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}
