import type { Workspace } from './workspace.ts'

/** Zendesk Support: the agent interface is under /agent; the same hosts serve Help Centers (/hc), whose themes run their own JavaScript. */
export const ZENDESK: Workspace = {
  hosts: ['https://*.zendesk.com/*'],
  agentPages: ['https://*.zendesk.com/agent/*'],
}
