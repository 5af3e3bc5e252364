import { redactSecrets } from './redact-secrets.js'

/** How deep a chain of causes is followed. */
const MAX_CAUSES = 5

/** `Name [CODE]: message` and the stack frames of one error, unredacted. */
function describeOne(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  const head = `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
  return [head, ...frames].join('\n')
}

/**
 * An error and its causes as log text, with secrets redacted ({@link redactSecrets}): only the
 * name, code, message and stack frames of each, never a driver's other properties (ioredis puts
 * the command and its keys on its errors, which would print every session id it touched).
 */
export function describeError(error: unknown): string {
  const parts = [describeOne(error)]
  let cause = error instanceof Error ? error.cause : undefined
  for (let depth = 0; cause !== undefined && depth < MAX_CAUSES; depth++) {
    parts.push(`caused by: ${describeOne(cause)}`)
    cause = cause instanceof Error ? cause.cause : undefined
  }
  return redactSecrets(parts.join('\n'))
}
