/** @module Which customer reply answers a record: the texts' names, every vendor's tables, the choice and its words. */
export * from './texts.ts'
export { REPLY_TABLES } from './tables.ts'
export * from './choose.ts'
export * from './compose.ts'
export * from './team-texts.ts'
