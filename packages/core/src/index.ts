export type { CrumbsErrorCode, CrumbsErrorOptions } from './errors.js'
export { CrumbsError, isCrumbsError } from './errors.js'
export type {
  FlashesOptions,
  FlashMessage,
  Session,
  SessionData,
  SessionRecord,
} from './session/session.js'
export { randomToken } from './random/random-token.js'
export { assertSessionId, generateSessionId, isSessionId } from './session/session-id.js'
export type {
  SessionStore,
  StoredSession,
  StoreSetOptions,
  StoreSetResult,
} from './session/session-store.js'
