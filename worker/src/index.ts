import app from './app.ts'

// `app satisfies ExportedHandler<Bindings>` lives in handler-check.ts: this module is also read by the
// extension's type check (through worker-configuration.d.ts), which has no Workers runtime types.
export default app
export type { AppType } from './app.ts'
