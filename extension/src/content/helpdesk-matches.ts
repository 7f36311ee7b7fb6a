/**
 * Where inline lookups run without asking. Must equal HELPDESK_MATCHES in wxt.config.ts (the
 * manifest's host permissions), which a test checks: the content script cannot import the config
 * itself, because that would pull the build tooling into the page's bundle.
 */
export const CONTENT_MATCHES = [
  'https://*.zendesk.com/*',
  'https://app.intercom.com/*',
  'https://app.frontapp.com/*',
  'https://*.freshdesk.com/*',
  'https://secure.helpscout.net/*',
]
