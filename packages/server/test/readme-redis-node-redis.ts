// The README's node-redis createCluster example (Stores, Redis), compiled by tsc; never run (it connects to hosts of
// its own). readme-redis-examples.test.ts keeps the two the same.
import { createCluster } from 'redis'
import { session } from '../src/entries/node.js'
import { redisStore } from '../src/entries/stores/redis.js'

const client = createCluster({
  rootNodes: [{ url: 'redis://redis-1:6379' }, { url: 'redis://redis-2:6379' }],
})
client.on('error', (error) => console.error('redis', error))
await client.connect()

export const sessions = session({
  secret: process.env.SECRET_KEY!,
  store: redisStore({ client, prefix: 'myapp:', waitForReplicas: 1 }),
})
