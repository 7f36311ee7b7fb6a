/**
 * The Firefox add-on's ID (manifest `browser_specific_settings.gecko.id`), fixed for every build and
 * never to change: AMO keys the listing on it, enterprise `policies.json` addresses it
 * (`3rdparty.Extensions.<id>`, managed storage; `ExtensionSettings` force-installs by it). The
 * extension's origin, `moz-extension://<uuid>`, is random per install, so the relay is reached through
 * its host permission instead (lib/relay-access.ts, docs/firefox.md).
 */
export const FIREFOX_EXTENSION_ID = 'idv-lens@idv-lens.dev'
