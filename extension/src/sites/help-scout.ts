import type { Workspace } from './workspace.ts'

/** Help Scout: its app host serves only the agents' app (Docs sites live elsewhere). Its reply box is a rich-text editable. */
export const HELP_SCOUT: Workspace = {
  hosts: ['https://secure.helpscout.net/*'],
  agentPages: ['https://secure.helpscout.net/*'],
  composer: ['[data-cy="ReplyEditor"] [contenteditable="true"]'],
}
