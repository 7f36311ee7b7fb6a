import type { ActionName } from '../lib/actions.ts'
import { onMessage, type RelayFailure } from '../lib/messages.ts'
import { readTeamSetting } from '../lib/managed-policy.ts'
import type { AnnounceChanged } from './object-changes.ts'
import type { Relay } from './relay-client.ts'
import { requireAgentPage, type PageScope } from './page-scope.ts'
import {
  checkCaseId,
  checkCaseStatus,
  checkLinkRequest,
  checkTagChange,
  contentScriptTab,
  RefusedMessage,
  requireExtensionPage,
  type Sender,
} from './sender-policy.ts'

const internal = (err: unknown): { ok: false; error: RelayFailure } => ({
  ok: false,
  error: { kind: 'internal', reason: { code: 'extension-failed', error: err instanceof Error ? err.message : String(err) } },
})

/**
 * The agent actions (docs/permissions.md): every write is the side panel's, never a content
 * script's, and each message is checked before the relay is called (an inquiry or case ID, a tag of
 * the team's list, a status the extension offers, the click's Idempotency-Key). A card only learns
 * which actions the agent has, to show their buttons; they open the side panel's detail. A write
 * that went through is announced (object-changes.ts), so cards and lists re-read the object too.
 */
export function actionMessages(relay: Relay, scope: PageScope, announce?: AnnounceChanged): (() => void)[] {
  const { handlers } = relay
  const announced =
    (id: string) =>
    <R extends { ok: boolean }>(result: R): R => {
      if (result.ok) void announce?.([id]).catch(() => {})
      return result
    }
  return [
    onMessage('agentActions', async ({ sender }): Promise<ActionName[]> => {
      if (contentScriptTab(sender as Sender) !== null) await requireAgentPage(scope, sender as Sender, 'agentActions')
      else requireExtensionPage(sender as Sender, 'agentActions')
      const me = await handlers.agentInfo().catch(internal)
      return me.ok && Array.isArray(me.data?.actions) ? me.data.actions : []
    }),
    onMessage('sendOneTimeLink', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'sendOneTimeLink')
      const request = checkLinkRequest(data)
      return handlers.sendOneTimeLink(request).then(announced(request.id)).catch(internal)
    }),
    onMessage('setInquiryTag', async ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'setInquiryTag')
      const change = checkTagChange(data)
      // Only the team's tags: the list policy names is the whole choice, whatever a page of ours sends.
      if (!((await readTeamSetting('inquiryTags')).value ?? []).includes(change.tag)) throw new RefusedMessage('not one of the team\'s tags')
      return handlers.setInquiryTag(change).then(announced(change.id)).catch(internal)
    }),
    onMessage('assignCaseToMe', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'assignCaseToMe')
      const caseId = checkCaseId(data?.caseId)
      return handlers.assignCaseToMe({ caseId }).then(announced(caseId)).catch(internal)
    }),
    onMessage('setCaseStatus', ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'setCaseStatus')
      const caseId = checkCaseId(data?.caseId)
      return handlers.setCaseStatus({ caseId, status: checkCaseStatus(data?.status) }).then(announced(caseId)).catch(internal)
    }),
  ]
}
