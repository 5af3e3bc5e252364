export type { MemoryStoreOptions } from './memory-store.js'
export { memoryStore } from './memory-store.js'
