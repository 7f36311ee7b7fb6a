import type { Workspace } from './workspace.ts'

/** Front: its app host serves only the agents' app. Its reply box is the composer's ProseMirror editable. */
export const FRONT: Workspace = {
  hosts: ['https://app.frontapp.com/*'],
  agentPages: ['https://app.frontapp.com/*'],
  composer: [
    '[data-testid="composer-body"] .ProseMirror[contenteditable="true"]',
    '[data-testid="composer-body"] [contenteditable="true"]',
  ],
}
