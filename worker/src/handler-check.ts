/**
 * Type check only (nothing imports this module, so it is never bundled): the app is a Workers
 * fetch handler for exactly the bindings wrangler generates from wrangler.toml.
 */
import app from './app.ts'
import type { Bindings } from './bindings.ts'

export const handler: ExportedHandler<Bindings> = app
