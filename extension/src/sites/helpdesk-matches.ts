/*
Where inline lookups run without asking (wxt.config.ts imports these; so do the content script and
the background). Plain data, so neither side pulls the other's code into its bundle.
*/

/**
 * The helpdesks' hosts: the manifest's host permissions. Chrome grants host permissions per origin
 * (a path in the pattern is ignored), so these cannot be narrower than the host. They let the
 * extension start inline lookups there when the agent asks, and find its open tabs after an update
 * (tabs.query by URL works on hosts the extension may access, without the `tabs` permission).
 */
export const HELPDESK_HOSTS = [
  'https://*.zendesk.com/*',
  'https://app.intercom.com/*',
  'https://app.frontapp.com/*',
  'https://*.freshdesk.com/*',
  'https://secure.helpscout.net/*',
]

/**
 * The agent workspaces, where the content script starts by itself (the manifest's content_scripts
 * matches). Only these: the same hosts also serve public pages (Zendesk and Freshdesk Help Centers,
 * whose themes run their own JavaScript, on trial tenants anyone can create), where inline lookups
 * run only when the agent asks. Front's and Help Scout's app hosts serve only the agents' app.
 */
export const AGENT_WORKSPACE_MATCHES = [
  'https://*.zendesk.com/agent/*',
  'https://*.freshdesk.com/a/*',
  'https://app.intercom.com/a/inbox*',
  'https://app.intercom.com/a/apps/*',
  'https://app.frontapp.com/*',
  'https://secure.helpscout.net/*',
]

/**
 * The origin-fallback entry's include_globs: each helpdesk host's root URL. A frame Chrome cannot
 * match by its own URL (about:, data:, blob:) is matched, with match_origin_as_fallback, by its
 * origin, or its creator's when the frame's is opaque (a sandboxed srcdoc, data:), as the URL
 * "https://<host>/": the host patterns above match it, and so does this glob. A page's own URL
 * matches it only at the bare root, so that entry is never injected into a Help Center page (or any
 * other page of those hosts); in such a page's frames its guard finds no agent workspace and stops.
 * https://developer.chrome.com/docs/extensions/reference/manifest/content-scripts#match_origin_as_fallback
 */
export const FALLBACK_FRAME_GLOBS = HELPDESK_HOSTS.map((pattern) => pattern.replace(/\*$/, ''))
