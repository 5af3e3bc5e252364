import { register } from 'node:module'
import type { BeforeHooksData } from './before-hooks.js'

/**
 * From now on, this process imports `@crumbs/core` and `@crumbs/server` from the before-build
 * whose `resolveFrom` is given (see `before-hooks.ts`). Call it before importing any module
 * that uses them: a module already loaded stays as it is.
 */
export function useBeforeBuild(resolveFrom: string): void {
  register<BeforeHooksData>(new URL('./before-hooks.ts', import.meta.url), {
    data: { resolveFrom },
  })
}
