import type { Workspace } from './workspace.ts'

/** Freshdesk: the agent interface is under /a; the same hosts serve the customer portal (/support). */
export const FRESHDESK: Workspace = {
  hosts: ['https://*.freshdesk.com/*'],
  agentPages: ['https://*.freshdesk.com/a/*'],
}
