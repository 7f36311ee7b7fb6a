import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'
import { toolsFor } from './resolve.ts'
import type { LookupTools } from '../vendor-shape/lookup-types.ts'
import { callOptions } from '../upstream/call-options.ts'

/** An action's reads before its write (the record's state): through the gate, never the relay's cache. */
export const actionReads = (c: Context<AppEnv>): LookupTools => toolsFor({ config: c.get('config'), options: callOptions(c, false) })
