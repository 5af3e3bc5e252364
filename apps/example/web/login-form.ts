import { login } from './api.js'

/**
 * Turns the classic login form into a fetch to `POST /api/login`: errors appear inline without
 * a reload, success goes to `/`. Without JavaScript the form still posts to `/login`.
 */
export function enhanceLoginForm(form: HTMLFormElement, error: HTMLElement): void {
  const button = form.querySelector('button')
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(form)
    if (button) button.disabled = true
    const result = await login(
      String(data.get('username') ?? ''),
      String(data.get('password') ?? ''),
    )
    if (button) button.disabled = false
    if (result.ok) {
      location.assign('/')
      return
    }
    error.textContent = result.error
    error.hidden = false
    const password = form.elements.namedItem('password')
    if (password instanceof HTMLInputElement) {
      password.value = ''
      password.focus()
    }
  })
}
