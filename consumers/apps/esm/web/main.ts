// A Vite page on @crumbs/client, resolved as a bundler resolves it.
import { createCookieJar, enumCodec, stringCodec } from '@crumbs/client'

const cookies = createCookieJar({
  theme: { codec: enumCodec(['light', 'dark']), default: 'light' },
  user: { codec: stringCodec(), readOnly: true },
})

const output = document.querySelector('#theme')
if (output !== null)
  output.textContent = `${cookies.get('theme')} (${cookies.get('user') ?? 'guest'})`
const saved = cookies.set('theme', cookies.get('theme') === 'light' ? 'dark' : 'light')
if (!saved.ok) console.warn(`theme not saved: ${saved.reason}`)

/** Never called: what the compiler must refuse. */
export function typeErrors(): void {
  // @ts-expect-error 'nope' is not a declared cookie
  cookies.get('nope')
  // @ts-expect-error user is read-only
  cookies.set('user', 'eve')
  // @ts-expect-error 'blue' is not in the enum
  cookies.set('theme', 'blue')
}
