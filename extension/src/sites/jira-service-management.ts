import type { Workspace } from './workspace.ts'

/*
Jira Service Management on Atlassian Cloud (<site>.atlassian.net): agents work in a service project's
views under /jira/servicedesk/projects/<KEY>/ (queues, /queues/…/<KEY-123>; issues, /issues/<KEY-123>).
The whole project area: the agent moves between its views inside one page, and a script starts only
at a page load. Never matched: /browse/<KEY-123> (the issue page of every Jira project, Software's
too), Confluence (/wiki), the customers' help center and portal (/servicedesk/customer/…, /helpcenter/…).
*/
export const JIRA_SERVICE_MANAGEMENT: Workspace = {
  hosts: ['https://*.atlassian.net/*'],
  agentPages: ['https://*.atlassian.net/jira/servicedesk/projects/*'],
}
