// src/routes/login/+page.server.ts
import { type Actions, redirect } from '@sveltejs/kit'

export const load = ({ locals }: { locals: App.Locals }) => ({
  username: locals.session.get('username') ?? null,
})

export const actions = {
  default: async ({ request, locals }) => {
    const form = await request.formData()
    await locals.session.regenerate() // a new id at login
    locals.session.set('username', String(form.get('username')))
    redirect(303, '/')
  },
} satisfies Actions
