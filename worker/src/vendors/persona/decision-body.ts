/** Persona's inquiry decisions, by the last segment of their paths (docs/vendors/persona.md §16). */
export type Decision = 'approve' | 'decline' | 'mark-for-review'

/** What the relay sends Persona for a decision: approve and decline carry the comment; mark-for-review documents no body. */
export const decisionUpstreamBody = (decision: Decision, comment: string | undefined) =>
  decision === 'mark-for-review' || comment === undefined ? {} : { meta: { comment } }
