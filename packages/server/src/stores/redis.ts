export type {
  IoredisLikeClient,
  NodeRedisLikeClient,
  RedisClientLike,
  RedisStoreOptions,
} from './redis-store.js'
export { redisStore } from './redis-store.js'
