/** @module Which customer reply answers a record: the texts' names, every vendor's tables, and the choice. */
export * from './texts.ts'
export { REPLY_TABLES } from './tables.ts'
export * from './choose.ts'
