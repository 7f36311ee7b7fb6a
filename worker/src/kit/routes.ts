/** The kit's router parts: what a vendor's routes (vendors/<name>/routes.ts) are built with. */
export type { AppEnv } from '../env.ts'
export { relay } from '../relay.ts'
export { okBody } from '../middleware/ok-body.ts'
