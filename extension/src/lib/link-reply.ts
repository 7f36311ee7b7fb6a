import { exactTime } from './format.ts'
import { t } from './i18n.ts'

/**
 * The reply an agent pastes into the ticket after "Send a new link": the link and until when it
 * works, in the agent's language. Built when the link arrives and never stored.
 */
export function linkReply(link: string, expiresAt: number): string {
  return t('linkReply', link, exactTime(expiresAt))
}
