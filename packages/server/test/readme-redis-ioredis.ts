// The README's ioredis Cluster example (Stores, Redis), compiled by tsc; never run (it connects to hosts of
// its own). readme-redis-examples.test.ts keeps the two the same.
import express from 'express'
import { Cluster } from 'ioredis'
import { session } from '../src/entries/express.js'
import { redisStore } from '../src/entries/stores/redis.js'

// Any of the cluster's nodes; the client finds the others.
const client = new Cluster([
  { host: 'redis-1', port: 6379 },
  { host: 'redis-2', port: 6379 },
])
client.on('error', (error) => console.error('redis', error)) // the store adds no listener

const app = express()
app.use(
  session({
    secret: process.env.SECRET_KEY!,
    // A write is done once the master and one replica have it: it survives a failover.
    store: redisStore({ client, waitForReplicas: 1 }),
    userKey: 'userId',
  }),
)
