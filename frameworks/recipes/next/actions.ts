// app/actions.ts: server actions, through Next's own cookies()
'use server'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { sessions } from './sessions'

export async function logIn(form: FormData) {
  const { session, commit } = await sessions.get(await cookies(), { headers: await headers() })
  await session.regenerate()
  session.set('username', String(form.get('username')))
  await commit() // writes the cookie through cookies().set()
  redirect('/')
}

export async function logOut() {
  const { session, commit } = await sessions.get(await cookies(), { headers: await headers() })
  session.pop('username')
  await commit()
}
