export type {
  IoredisLikeClient,
  NodeRedisLikeClient,
  RedisClientLike,
  RedisStoreOptions,
} from '../../stores/redis-store.js'
export { redisStore } from '../../stores/redis-store.js'
