import type { ActionName } from '../lib/actions.ts'
import { onMessage, type RelayFailure } from '../lib/messages.ts'
import { readTeamSetting } from '../lib/managed-policy.ts'
import { recordOwnChange } from '../lib/own-changes.ts'
import type { AnnounceChanged } from './object-changes.ts'
import type { Relay } from './relay-client.ts'
import { requireAgentPage, type PageScope } from './page-scope.ts'
import { checkActionRequest, contentScriptTab, requireExtensionPage, type Sender } from './sender-policy.ts'
import type { ActionContext } from '../vendors/vendor.ts'

const internal = (err: unknown): { ok: false; error: RelayFailure } => ({
  ok: false,
  error: { kind: 'internal', reason: { code: 'extension-failed', error: err instanceof Error ? err.message : String(err) } },
})

/** The team's lists an action's check may ask for (policy's, as the options page shows them). */
const TEAM: ActionContext = {
  teamList: async (key) => {
    const { value } = await readTeamSetting(key as Parameters<typeof readTeamSetting>[0])
    return Array.isArray(value) ? value : []
  },
}

/**
 * The agent actions (docs/permissions.md): every write is the side panel's, never a content
 * script's, and each message is checked before the relay is called, by the action's declaration
 * (vendors/vendor.ts `VendorAction`: the IDs it acts on, its input, the click's Idempotency-Key). A
 * card only learns which actions the agent has, to show their buttons; they open the side panel's detail. A write
 * that went through is announced (object-changes.ts), so cards and lists re-read the object too.
 */
export function actionMessages(relay: Relay, scope: PageScope, announce?: AnnounceChanged): (() => void)[] {
  const { handlers } = relay
  const announced =
    (id: string) =>
    <R extends { ok: boolean }>(result: R): R => {
      // Noted first, so no watch notifies the agent of their own change when a webhook or re-check brings it.
      if (result.ok)
        void recordOwnChange(id, Date.now())
          .catch(() => {})
          .then(() => announce?.([id]))
          .catch(() => {})
      return result
    }
  return [
    onMessage('agentActions', async ({ sender }): Promise<ActionName[]> => {
      if (contentScriptTab(sender as Sender) !== null) await requireAgentPage(scope, sender as Sender, 'agentActions')
      else requireExtensionPage(sender as Sender, 'agentActions')
      const me = await handlers.agentInfo().catch(internal)
      return me.ok && Array.isArray(me.data?.actions) ? me.data.actions : []
    }),
    onMessage('runAction', async ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'runAction')
      const { action, request } = await checkActionRequest(data, TEAM)
      return handlers
        .runAction({ action: action.key, ...request })
        .then(announced(request.id))
        .catch(internal)
    }),
  ]
}
