import { kindLabel } from './kind-label.ts'
import { t } from './i18n.ts'
import { vendorWord } from './vendor-words.ts'
import type { WatchChange, WatchTicket } from './watches.ts'

/** A notification's title shows about this much; a longer ticket name is cut. */
export const TICKET_LABEL_MAX = 80

/**
 * The ticket as a notification names it: the host and path of the address the extension kept
 * (percent-encoded, so no spaces), never the page's title or fragment, cut to TICKET_LABEL_MAX.
 */
export function ticketLabel(ticket: WatchTicket): string {
  const url = new URL(ticket.url)
  const label = `${url.host}${url.pathname === '/' ? '' : url.pathname}`
  return label.length <= TICKET_LABEL_MAX ? label : `${label.slice(0, TICKET_LABEL_MAX - 1)}…`
}

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
  return { title: t('watchTicketTitle', ticketLabel(change.ticket)), message: `${what}\n${lines.join('\n')}` }
}
