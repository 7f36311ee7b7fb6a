import type { Workspace } from './workspace.ts'

/*
HubSpot Help Desk and ticket records, in the US and EU data centres: /help-desk/<portal>/… (the
help desk's views and tickets), /contacts/<portal>/record/0-5/<id> (a ticket record; other records
live under /contacts too) and /live-messages/<portal>/… (the conversations inbox). A React app that
re-renders a thread by replacing it: the scan keeps the marks of text that comes back unchanged.
HubSpot's public pages (knowledge bases, customer portals) are on the customer's own domains.
*/
const HOSTS = ['app.hubspot.com', 'app-eu1.hubspot.com']

export const HUBSPOT: Workspace = {
  hosts: HOSTS.map((host) => `https://${host}/*`),
  agentPages: HOSTS.flatMap((host) => ['help-desk', 'contacts', 'live-messages'].map((path) => `https://${host}/${path}/*`)),
}
