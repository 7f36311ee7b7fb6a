/**
 * The kit (kit/*.ts) is what a vendor's folder may use of the extension's core, and the only way it
 * reaches the core (the folder check in `npm run check:structure`). This part: the agent's language.
 */
export { formatNumber, lookupMessage, t, tn, type MessageKey } from '../lib/i18n.ts'
export { connectionWord, stepWord, vendorWord } from '../lib/vendor-words.ts'
export { humanize } from '../lib/vendor-text.ts'
export { countryLabel, duration, parseTime } from '../lib/format.ts'
export { checkFailure, checkName, flaggedReason, reasonFailure, reasonWords, sentence } from '../lib/check-words.ts'
export { kindLabel } from '../lib/kind-label.ts'
