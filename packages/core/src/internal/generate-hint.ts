/** The sentence every secret error ends with: how to generate a good secret. */
export const GENERATE_HINT =
  'Generate one with `node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"` ' +
  'or `openssl rand -base64 32`.'
