import type { Workspace } from './workspace.ts'

/** Front: its app host serves only the agents' app. */
export const FRONT: Workspace = {
  hosts: ['https://app.frontapp.com/*'],
  agentPages: ['https://app.frontapp.com/*'],
}
