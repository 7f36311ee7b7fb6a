/**
 * The kit's body reading: a vendor's error bodies, headers and strings read within the relay's
 * bounds (bodies/: the one place vendor bodies are read, bounded and checked).
 */
export { parseJson, positiveSeconds } from '../bodies/read-body.ts'
export { holdsLink } from '../bodies/link-text.ts'
