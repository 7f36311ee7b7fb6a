import { browser, MatchPattern } from '#imports'
import { insertReply, type InsertedReply } from '../content/composer/insert-reply.ts'
import { onMessage } from '../lib/messages.ts'
import { MAX_COPY_CHARS } from '../lib/offscreen-messages.ts'
import { BUILT_IN_WORKSPACES } from '../sites/helpdesk-matches.ts'
import type { BackgroundApi } from './listeners.ts'
import { checkId, RefusedMessage, requireExtensionPage, type Sender } from './sender-policy.ts'
import { ticketTabOf } from './ticket-requester.ts'

/*
The one write into a host page: on the agent's click in the side panel, the reply with a new link
goes into the reply box of the ticket that showed the ID, in an agent page of a workspace that names
its composer (sites/<workspace>.ts `composer`), and nowhere else. The inserter is injected for that
click only (scripting.executeScript); the page learns nothing but the text it is given.
*/

/** The composer selectors of the agent page at `url`; null where none is named. */
export function composerFor(url: string | undefined): readonly string[] | null {
  if (!url) return null
  const workspace = BUILT_IN_WORKSPACES.find((w) => w.composer && w.agentPages.some((page) => new MatchPattern(page).includes(url)))
  return workspace?.composer ?? null
}

type Target = { tabId: number; frameIds: number[]; url: string | undefined }

/** Tries the ID's frames, then the top frame, one at a time: the first composer found takes the text. */
export async function insertIntoComposer(api: Pick<BackgroundApi, 'scripting'>, at: Target, text: string): Promise<boolean> {
  const selectors = composerFor(at.url)
  if (!selectors) return false
  for (const frameId of new Set([...at.frameIds, 0])) {
    const results = await api.scripting
      .executeScript({ target: { tabId: at.tabId, frameIds: [frameId] }, func: insertReply, args: [{ selectors, text }] })
      .catch(() => [])
    const outcome = results[0]?.result as InsertedReply | undefined
    if (outcome === 'inserted') return true
    if (outcome === 'refused') return false
  }
  return false
}

/** `insertReply`: the side panel's, for the tab that reported the ID; nothing else may ask. */
export function insertReplyMessage(): () => void {
  return onMessage('insertReply', async ({ data, sender }) => {
    requireExtensionPage(sender as Sender, 'insertReply')
    const id = checkId(data?.id)
    const text = data?.text
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_COPY_CHARS)
      throw new RefusedMessage('insertReply takes a text of 1 to 2000 characters')
    const tab = await ticketTabOf(id)
    return { inserted: tab ? await insertIntoComposer(browser, tab, text) : false }
  })
}
