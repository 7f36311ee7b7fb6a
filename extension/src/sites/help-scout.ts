import type { Workspace } from './workspace.ts'

/** Help Scout: its app host serves only the agents' app (Docs sites live elsewhere). */
export const HELP_SCOUT: Workspace = {
  hosts: ['https://secure.helpscout.net/*'],
  agentPages: ['https://secure.helpscout.net/*'],
}
