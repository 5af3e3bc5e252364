import { logIn } from '../../recipes/next/actions'

// A form posting to the recipe's server action; it works without JavaScript.
export const dynamic = 'force-dynamic'

export default function Page() {
  return (
    <form action={logIn}>
      <input name="username" />
      <button type="submit">Log in</button>
    </form>
  )
}
