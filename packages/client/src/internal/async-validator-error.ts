/**
 * What a codec throws when its Standard Schema returns a promise: a `TypeError`, so the small
 * function API needs no `CrumbsError`, whose class lets {@link createCookieJar} recognise it
 * (and turn it into `INVALID_OPTION`) without reading its message.
 */
export class AsyncValidatorError extends TypeError {}
