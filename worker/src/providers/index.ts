import type { ProviderName } from '../config.ts'
import { deepidv } from './deepidv.ts'
import { persona } from './persona.ts'
import type { Provider } from './types.ts'

export const PROVIDERS: Record<ProviderName, Provider> = { persona, deepidv }
export type { Provider }
