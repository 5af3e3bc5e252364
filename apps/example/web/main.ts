import './style.css'
import { enhanceLoginForm } from './login-form.js'
import { enhanceLogoutForm } from './logout-form.js'

// The server renders every page; this script only enhances the forms it finds.
const loginForm = document.querySelector<HTMLFormElement>('#login-form')
const loginError = document.querySelector<HTMLElement>('#login-error')
if (loginForm && loginError) enhanceLoginForm(loginForm, loginError)

const logoutForm = document.querySelector<HTMLFormElement>('#logout-form')
if (logoutForm) enhanceLogoutForm(logoutForm)

// Lets tests (and curious readers) see that the enhanced path is active.
document.documentElement.dataset.enhanced = 'true'
