/** The seed's demo user. A real app keeps hashed passwords in a database. */
export const checkPassword = (username: unknown, password: unknown): username is string =>
  username === 'john' && password === 'password123'

export const loginForm = (token: string): string =>
  `<form method="post" action="/login"><input type="hidden" name="_csrf" value="${token}">` +
  '<input name="username"><input name="password" type="password"><button>Log in</button></form>'
