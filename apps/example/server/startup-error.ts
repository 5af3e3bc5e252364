/**
 * A problem that stops the example from starting; `variable` names the environment variable
 * to fix, when one is at fault. The entry point prints the message and exits with status 1.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError'
  readonly variable: string | undefined

  constructor(message: string, variable?: string) {
    super(message)
    this.variable = variable
  }
}
