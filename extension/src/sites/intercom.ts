import type { Workspace } from './workspace.ts'

/** Intercom: the inbox and the apps' views; the rest of the host is settings and reports. Its reply box is a ProseMirror editable. */
export const INTERCOM: Workspace = {
  hosts: ['https://app.intercom.com/*'],
  agentPages: ['https://app.intercom.com/a/inbox*', 'https://app.intercom.com/a/apps/*'],
  composer: ['[data-testid="conversation-composer"] .ProseMirror[contenteditable="true"]'],
}
