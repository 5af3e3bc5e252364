/** Redis for the scale bench: `REDIS_URL`, as everywhere in the bench. */
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379'

/** PostgreSQL for the scale bench: `DATABASE_URL`, else the tests' local database. */
export const POSTGRES_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
