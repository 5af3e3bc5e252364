export type { MemoryStoreOptions } from '../../stores/memory-store.js'
export { memoryStore } from '../../stores/memory-store.js'
