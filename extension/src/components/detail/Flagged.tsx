import { t } from '../../lib/i18n.ts'
import { flaggedReason } from '../../lib/check-words.ts'
import type { SummaryFacts } from '../../lib/copy-summary.ts'

/** Where a link would be: no link for a record a fraud check flagged, and whom the relay's admin says to tell (FLAGGED_CONTACT). */
export function FlaggedNote({ contact }: { contact: string | null }) {
  return (
    <div role="note" class="action-flagged">
      <p data-testid="link-flagged">{t('linkFlagged')}</p>
      {contact && <p data-testid="flagged-contact">{t('flaggedContact', contact)}</p>}
    </div>
  )
}

/** The note for a vendor with no escalation an agent can make (deepidv, Stripe): shown only for a flagged record. */
export function FlaggedNotice({ facts, contact }: { facts: SummaryFacts; contact: string | null }) {
  return flaggedReason(facts.reason) ? <FlaggedNote contact={contact} /> : null
}
