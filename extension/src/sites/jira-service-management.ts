import type { Workspace } from './workspace.ts'

/*
Jira Service Management on Atlassian Cloud (<site>.atlassian.net): agents work in a service
project's views, all under /jira/servicedesk/projects/<KEY>/ (its queues, /queues/…/<KEY-123>, and
issues, /issues/<KEY-123>). The whole project area, not only those two: the agent moves between its
views inside one page, where a script is only started at a page load. Never matched: Jira's other
products on the same site (software boards, and /browse/<KEY-123>, the issue page of every Jira
project of every kind), Confluence (/wiki), and the customers' help center and portal
(/servicedesk/customer/…, /helpcenter/…). The agent can still ask on those pages.
*/
export const JIRA_SERVICE_MANAGEMENT: Workspace = {
  hosts: ['https://*.atlassian.net/*'],
  agentPages: ['https://*.atlassian.net/jira/servicedesk/projects/*'],
}
