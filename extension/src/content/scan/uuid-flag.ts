import { sendMessage } from '../../lib/messages.ts'
import { onContentMessage } from '../../lib/content-messages.ts'

/**
 * Whether bare UUIDs count on this page, as the background says for this frame's site (the agent's
 * list or the administrator's policy). The content script never reads the settings itself: the
 * relay URL and the agent token live next to them. `onSettingsChange` runs whenever the background
 * says a setting changed (relay ones too: failed lookups are worth another try), with the flag as
 * it is now; `onLeftScope` instead, when inline lookups no longer run in this frame at all (the
 * team's tenants changed: background/page-scope.ts).
 */
export async function followUuidFlag(onSettingsChange: (uuids: boolean) => void, onLeftScope: () => void = () => {}): Promise<{ uuids: boolean; stop(): void }> {
  // No answer (the extension is being updated): IDs are still found, just not bare UUIDs.
  const read = () => sendMessage('contentSettings', undefined).then((s) => s, () => null)
  let stopped = false
  const remove = onContentMessage('settingsChanged', async () => {
    const settings = await read()
    if (stopped) return
    if (settings?.lookups === false) onLeftScope()
    else onSettingsChange(settings?.uuids === true)
  })
  const uuids = (await read())?.uuids === true
  return {
    uuids,
    stop() {
      stopped = true
      remove()
    },
  }
}
