import { humanize, lookupMessage } from '../../kit/words.ts'

/** The session types deepidv documents (docs/vendors/deepidv.md §4). */
export const DEEPIDV_SESSION_TYPES = ['session', 'verification', 'credit-application', 'silent-screening', 'deep-doc'] as const

export const sessionTypeKey = (type: string) => `deepidv_type_${type.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`

/** A session's type in the agent's words; an undocumented one made readable. */
export const sessionType = (type: string) => lookupMessage(sessionTypeKey(type)) ?? humanize(type)
