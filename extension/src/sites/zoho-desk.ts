import type { Workspace } from './workspace.ts'

/*
Zoho Desk, on each of its regional hosts: the agent console is /agent/<portal>/<department>/tickets/…
(the classic one /support/<portal>/ShowHomePage.do#Cases/…). The help centre the same hosts serve
is under /portal: never matched.
*/
const HOSTS = ['desk.zoho.com', 'desk.zoho.eu', 'desk.zoho.in', 'desk.zoho.com.au', 'desk.zoho.jp']

export const ZOHO_DESK: Workspace = {
  hosts: HOSTS.map((host) => `https://${host}/*`),
  agentPages: HOSTS.flatMap((host) => [`https://${host}/agent/*`, `https://${host}/support/*`]),
}
