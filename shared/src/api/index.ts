/** @module Types and helpers of the relay's HTTP contract, shared by the Worker and the extension. */
export * from './vendor-name.ts'
export * from './problem.ts'
export * from './lookup.ts'
export * from './cache-status.ts'
export * from './persona.ts'
export * from './deepidv.ts'
export * from './audit.ts'
export * from './live.ts'
