/**
 * The kit's router parts: what a vendor's routes (vendors/<name>/routes.ts) are built with. They reach
 * the registry back through the relay, so only routers import this (vendors/routers.ts), never a
 * vendor's description (vendors/index.ts): no import cycles.
 */
export type { AppEnv } from '../env.ts'
export { relay } from '../relay.ts'
export { okBody } from '../middleware/ok-body.ts'
