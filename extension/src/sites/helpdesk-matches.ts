/*
Where inline lookups run without asking (wxt.config.ts imports these; so do the content script and
the background). Plain data, so neither side pulls the other's code into its bundle.
*/
import { FRESHDESK } from './freshdesk.ts'
import { FRONT } from './front.ts'
import { GMAIL } from './gmail.ts'
import { HELP_SCOUT } from './help-scout.ts'
import { HUBSPOT } from './hubspot.ts'
import { INTERCOM } from './intercom.ts'
import { JIRA_SERVICE_MANAGEMENT } from './jira-service-management.ts'
import { SALESFORCE } from './salesforce.ts'
import { SLACK } from './slack.ts'
import type { OneClickWorkspace, Workspace } from './workspace.ts'
import { ZENDESK } from './zendesk.ts'
import { ZOHO_DESK } from './zoho-desk.ts'

/** The workspaces inline lookups start in by themselves: one module each (see docs/adding-a-workspace.md). */
export const BUILT_IN_WORKSPACES: readonly Workspace[] = [
  ZENDESK,
  INTERCOM,
  FRONT,
  FRESHDESK,
  HELP_SCOUT,
  SALESFORCE,
  HUBSPOT,
  ZOHO_DESK,
  JIRA_SERVICE_MANAGEMENT,
]

/** Workspaces an agent adds with one click (options page, popup): optional host permissions, never granted at install. */
export const ONE_CLICK_WORKSPACES: readonly OneClickWorkspace[] = [GMAIL, SLACK]

/**
 * The built-in workspaces' hosts: the manifest's host permissions. Chrome grants host permissions
 * per origin (a path in the pattern is ignored), so these cannot be narrower than the host. They let
 * the extension start inline lookups there when the agent asks, and find its open tabs after an
 * update (tabs.query by URL works on hosts the extension may access, without the `tabs` permission).
 */
export const HELPDESK_HOSTS = BUILT_IN_WORKSPACES.flatMap((w) => w.hosts)

/**
 * The agent workspaces, where the content script starts by itself (the manifest's content_scripts
 * matches). Only these: the same hosts also serve public pages (Help Centers and customer portals,
 * whose themes run their own JavaScript, on trial tenants anyone can create), where inline lookups
 * run only when the agent asks.
 */
export const AGENT_WORKSPACE_MATCHES = BUILT_IN_WORKSPACES.flatMap((w) => w.agentPages)

/**
 * The origin-fallback entry's include_globs: each helpdesk host's root URL. A frame Chrome cannot match
 * by its own URL (about:, data:, blob:) is matched by its origin, or its creator's when opaque, as
 * "https://<host>/"; a page's own URL matches only at the bare root, so the entry never runs in a Help
 * Center page, and in such a page's frames its guard finds no agent workspace and stops.
 * https://developer.chrome.com/docs/extensions/reference/manifest/content-scripts#match_origin_as_fallback
 */
export const FALLBACK_FRAME_GLOBS = HELPDESK_HOSTS.map((pattern) => pattern.replace(/\*$/, ''))

/**
 * The Firefox build's: Firefox matches a blob: frame by its creator's principal, whose URL is the
 * creating page's whole URL, path and all (a sandboxed srcdoc or data: frame's only has an origin), so
 * a ticket's blob: frame passes only the agent workspaces' own patterns.
 * https://searchfox.org/mozilla-central/source/toolkit/components/extensions/WebExtensionPolicy.cpp (DocInfo::PrincipalURL)
 */
export const FIREFOX_FALLBACK_FRAME_GLOBS = [...FALLBACK_FRAME_GLOBS, ...AGENT_WORKSPACE_MATCHES]
