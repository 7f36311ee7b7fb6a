/** What a lookup shows of onfido's records (`LookupFound.details`), one member per kind. */
export type OnfidoLookupDetails = {
  kind: 'onfido-workflow-run'
  applicantId: string | null
  /** The run's `customer_user_id`: the team's own key for the customer, which the history goes by. */
  referenceId: string | null
  workflowId: string | null
  tags: string[]
  /** When the customer's link stops working (the link itself never leaves the relay). */
  linkExpiresAt: string | null
  /** The run's `error.type` when it ended in `error` (never its message). */
  errorType: string | null
}
