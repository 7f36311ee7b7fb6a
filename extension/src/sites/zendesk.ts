import type { Workspace } from './workspace.ts'

/**
 * Zendesk Support: the agent interface is under /agent; the same hosts serve Help Centers (/hc),
 * whose themes run their own JavaScript. The ticket's reply box is the Agent Workspace composer, a
 * CKEditor 5 editable (or its plain-text mode's editable).
 */
export const ZENDESK: Workspace = {
  hosts: ['https://*.zendesk.com/*'],
  agentPages: ['https://*.zendesk.com/agent/*'],
  composer: [
    '[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]',
    '[data-test-id="omni-composer"] [contenteditable="true"]',
  ],
}
