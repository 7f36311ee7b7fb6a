import app from './app.ts'
import type { Bindings } from './env.ts'

export default app satisfies ExportedHandler<Bindings>
export type { AppType } from './app.ts'
export { LiveHub } from './live/hub.ts'
