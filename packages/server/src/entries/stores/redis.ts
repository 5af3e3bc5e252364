export type {
  IoredisLikeClient,
  NodeRedisClusterBatch,
  NodeRedisClusterLike,
  NodeRedisLikeClient,
  RedisClientLike,
  RedisStoreOptions,
} from '../../stores/redis-store.js'
export { redisStore } from '../../stores/redis-store.js'
