import type { OneClickWorkspace } from './workspace.ts'

/*
Gmail, where escalations arrive by email. Not granted at install: reading every mail a team member
opens is more than most teams want from a lookup tool. Gmail enforces Trusted Types, which our
content scripts never trip: they build DOM nodes and never assign HTML strings.
*/
export const GMAIL: OneClickWorkspace = {
  id: 'gmail',
  name: 'Gmail',
  origins: ['https://mail.google.com/*'],
}
