import { hc } from 'hono/client'
import type { AppType } from './app.ts'

/**
 * The typed relay client for the extension. Built from the Worker's `AppType`, so a change of the
 * relay's contract breaks the extension's type check rather than production.
 */
export type RelayClient = ReturnType<typeof hc<AppType>>

export const createRelayClient = (...args: Parameters<typeof hc>): RelayClient => hc<AppType>(...args)
