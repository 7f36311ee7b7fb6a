import type { Workspace } from './workspace.ts'

/** Freshdesk: the agent interface is under /a; the same hosts serve the customer portal (/support). Its reply box is a Froala editable. */
export const FRESHDESK: Workspace = {
  hosts: ['https://*.freshdesk.com/*'],
  agentPages: ['https://*.freshdesk.com/a/*'],
  composer: ['[data-test-id="reply-editor"] .fr-element[contenteditable="true"]', '.fr-element.fr-view[contenteditable="true"]'],
}
