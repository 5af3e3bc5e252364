/** How many tasks may run at once, and how many may wait for a turn. */
export interface ConcurrencyBounds {
  /** Tasks running at once. */
  readonly running: number
  /** Tasks waiting for a turn; one more is refused at once. */
  readonly waiting: number
}

/** What {@link ConcurrencyLimit.tryRun} answers: the task's value, or that it was refused. */
export type TryRunResult<T> = { readonly ran: true; readonly value: T } | { readonly ran: false }

/** A counting semaphore with a bounded queue, first come first served. */
export interface ConcurrencyLimit {
  /** Runs `task` when a turn is free, or refuses it when `waiting` tasks already wait. */
  tryRun<T>(task: () => Promise<T>): Promise<TryRunResult<T>>
}

/** Creates a {@link ConcurrencyLimit}. */
export function createConcurrencyLimit(bounds: ConcurrencyBounds): ConcurrencyLimit {
  if (!(Number.isInteger(bounds.running) && bounds.running >= 1)) {
    throw new RangeError('running must be a whole number of at least 1')
  }
  if (!(Number.isInteger(bounds.waiting) && bounds.waiting >= 0)) {
    throw new RangeError('waiting must be a whole number, 0 or more')
  }
  let running = 0
  const queue: (() => void)[] = []
  const release = () => {
    const next = queue.shift()
    if (next === undefined) running--
    else next() // the turn passes straight on: `running` stays the same
  }
  return {
    async tryRun(task) {
      if (running < bounds.running) {
        running++
      } else if (queue.length < bounds.waiting) {
        await new Promise<void>((resolve) => queue.push(resolve))
      } else {
        return { ran: false }
      }
      try {
        return { ran: true, value: await task() }
      } finally {
        release()
      }
    },
  }
}
