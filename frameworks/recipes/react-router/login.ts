// app/routes/login.tsx: the loader, the action and the headers (the component is left out)
import {
  type ActionFunctionArgs,
  data,
  type HeadersArgs,
  type LoaderFunctionArgs,
  redirect,
} from 'react-router'
import { sessions } from './sessions.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, commit } = await sessions.get(request)
  const username = session.get('username') ?? null
  return data({ username, flashes: session.flashes() }, { headers: await commit() })
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, commit } = await sessions.get(request)
  const form = await request.formData()
  const username = String(form.get('username') ?? '')
  if (username === '') {
    session.flash('Who are you?')
    return redirect('/login', { headers: await commit() })
  }
  await session.regenerate() // a new id at login
  session.set('username', username)
  return redirect('/', { headers: await commit() })
}

// React Router passes a loader's Set-Cookie on by itself; Vary and Cache-Control only through this.
export const headers = ({ loaderHeaders }: HeadersArgs) => loaderHeaders
