// The recipe's route handler, as app/api/me/route.ts.
export { GET, POST } from '../../../../recipes/next/route'
