import { kindLabel } from './kind-label.ts'
import { t } from './i18n.ts'
import { vendorWord } from './vendor-words.ts'
import type { WatchChange } from './watches.ts'

/**
 * A watched ID's change in the agent's language: the title names what changed, the message says
 * from what to what ("Persona inquiry inq_… is now approved (was pending)."). Statuses are the
 * vendor's words made readable, as the badges show them.
 */
export function watchChangeText(change: WatchChange): { title: string; message: string } {
  const what = t('labelWithValue', kindLabel(change.kind), change.id)
  const lines: string[] = []
  if (change.status) {
    lines.push(
      change.status.from
        ? t('watchStatusChanged', vendorWord(change.status.to), vendorWord(change.status.from))
        : t('watchStatusNow', vendorWord(change.status.to)),
    )
  }
  if (change.caseStatus) {
    lines.push(
      change.caseStatus.from
        ? t('watchCaseChanged', vendorWord(change.caseStatus.to), vendorWord(change.caseStatus.from))
        : t('watchCaseOpened', vendorWord(change.caseStatus.to)),
    )
  }
  // Watched from a ticket: the notification names it, and a click opens it.
  if (!change.ticket) return { title: t('watchChangedTitle'), message: `${what}\n${lines.join('\n')}` }
  lines.push(t('watchOpensTicket'))
  return { title: t('watchTicketTitle', change.ticket.title || change.ticket.url), message: `${what}\n${lines.join('\n')}` }
}
