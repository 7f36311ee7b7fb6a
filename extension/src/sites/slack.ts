import type { OneClickWorkspace } from './workspace.ts'

/*
Slack's web client (app.slack.com/client/<team>/<channel>), where cases are escalated. Not granted at
install, like Gmail. Its message list is virtualised: rows are reused for other messages as the agent
scrolls, and the scan reads a reused row again.
*/
export const SLACK: OneClickWorkspace = {
  id: 'slack',
  name: 'Slack',
  origins: ['https://app.slack.com/*'],
}
