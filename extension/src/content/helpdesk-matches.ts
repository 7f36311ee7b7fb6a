/**
 * The helpdesks where inline lookups run without asking: the manifest's host permissions and the
 * content script's matches (wxt.config.ts imports this list; the content script uses it too).
 * Plain data, so neither side pulls the other's code into its bundle.
 */
export const HELPDESK_MATCHES = [
  'https://*.zendesk.com/*',
  'https://app.intercom.com/*',
  'https://app.frontapp.com/*',
  'https://*.freshdesk.com/*',
  'https://secure.helpscout.net/*',
]
