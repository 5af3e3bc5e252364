/**
 * Why a write through the jar did not take effect:
 * - `invalid`: the codec refused the value, or it holds a lone surrogate (no UTF-8 form);
 * - `too-large`: name plus encoded value is over 4096 bytes (RFC 6265bis §5.6), so it was
 *   not written;
 * - `refused`: written, but the browser did not keep it (Secure on plain http, a foreign
 *   Domain, over the browser's limits), or a cookie of the same name with a more specific
 *   path or another domain still shadows it;
 * - `no-document`: there is no `document` (server rendering), so nothing was written.
 */
export type CookieWriteFailure = 'invalid' | 'too-large' | 'refused' | 'no-document'

/**
 * What `set` and `remove` report. A write to a cookie whose `path` does not cover the current
 * page cannot be read back, so it is reported as done once written.
 */
export type CookieWriteResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: CookieWriteFailure }
