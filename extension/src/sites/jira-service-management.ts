import type { Workspace } from './workspace.ts'

/*
Jira Service Management on Atlassian Cloud (<site>.atlassian.net): agents work in the queues
(/jira/servicedesk/projects/<KEY>/queues/…/<KEY-123>) and on issue pages (/browse/<KEY-123>).
Customers use the help center and portal on the same host (/servicedesk/customer/…, /helpcenter/…):
never matched.
*/
export const JIRA_SERVICE_MANAGEMENT: Workspace = {
  hosts: ['https://*.atlassian.net/*'],
  agentPages: ['https://*.atlassian.net/jira/servicedesk/*', 'https://*.atlassian.net/browse/*'],
}
