import preact from '@preact/preset-vite'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'wxt'
import { HELPDESK_HOSTS } from './src/sites/helpdesk-matches.ts'
import { FIREFOX_EXTENSION_ID } from './src/lib/firefox-id.ts'
import { popupHtmlPlugin } from './src/build/popup-html.ts'
import { inPageTokensPlugin } from './src/build/in-page-tokens.ts'
import { idTablePlugin } from './src/build/id-table-literal.ts'
import { localeCatalogs } from './src/build/vendor-locales.ts'

/**
 * The development build's manifest key. It only fixes the unpacked extension's ID (DEV_EXTENSION_ID),
 * so the local relay can allow its origin; it grants nothing and is not a secret. The store build
 * has no key: the Chrome Web Store assigns the ID.
 */
const DEV_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnrRKvnIlbPMRRcnAaAsuTsYYgnosQFB+GrsUWL7hRA8CqdMctxNnDbpeRCeaCH9gIQDreNun+XFvgshXSRHEfmxuwjm2pzI/848agIZ2MiyOOJNOG13LD9x9R+klzaHv5Ehto1s2R3MNaXjPbeLsX9k70XHdUQPBqOcy2gEA4KkVjsh+WMaM3f0+imL8gRn9GhVS+8AgyhF9L4hp4uAsgbN9YGG4oty4/DYK1CiSFR8dl3Ahi189iMpxzDXmWYt+hg8LUCdhY28TuxsdDvw73g4Ec1wAHnmsNp3eSOYCuLrbUvTb22E58jT704Ij4q6pSaDl2qfmmfJohyaQ8QUUawIDAQAB'
export const DEV_EXTENSION_ID = 'icljgiklpkchbldfjiplcpfkfmimljeo'

/** The sizes @wxt-dev/auto-icons renders from src/assets/icon.svg into icons/<size>.png. */
const ICON_SIZES = [16, 32, 48, 128]
const ICON_FILES = Object.fromEntries(ICON_SIZES.map((size) => [size, `icons/${size}.png`]))

export { FIREFOX_EXTENSION_ID }

/**
 * What AMO's reviewers need to rebuild the Firefox zip from the sources zip: the workspace files
 * pnpm installs from, the toolchain bootstrap, and the packages the bundle is built from (the
 * extension, shared, and the Worker's typed client with the app it is inferred from). No
 * node_modules, build output, tests, local env files or wrangler state.
 */
const SOURCES = {
  root: fileURLToPath(new URL('..', import.meta.url)),
  include: [
    'README.md',
    'package.json',
    'pnpm-lock.yaml',
    'pnpm-workspace.yaml',
    '.toolchain/bootstrap.mjs',
    'extension/**',
    'shared/**',
    'worker/package.json',
    'worker/tsconfig.json',
    'worker/src/**',
    'test/package.json',
  ],
  exclude: ['**/.output/**', '**/.wxt/**', '**/.wrangler/**', '**/.env*', '**/.dev.vars*', '**/*.test.ts', '**/*.test.tsx'],
}

/**
 * The content script and its lazily injected UI use only synchronous APIs that Chrome's `chrome` and
 * Firefox's `browser` both have (runtime.id, i18n; messaging goes through `chrome` itself): there they
 * get the browser's own object instead of webextension-polyfill (9.6 kB of the script every frame of
 * a helpdesk page loads at document_start). The extension's pages and background keep the polyfill.
 */
const NATIVE_BROWSER_ID = '\0idv-lens-native-browser'
const nativeBrowserApi = () => ({
  name: 'idv-lens-native-browser',
  enforce: 'pre' as const,
  resolveId: (id: string) => (id === 'webextension-polyfill' ? NATIVE_BROWSER_ID : null),
  load: (id: string) => (id === NATIVE_BROWSER_ID ? 'export default globalThis.browser ?? globalThis.chrome' : null),
})
/**
 * The in-page scripts' messaging: @webext-core/messaging's wire format in a few lines of ours
 * (src/lib/in-page-messaging.ts), without the library's logging and error serialiser.
 */
const IN_PAGE_MESSAGING = fileURLToPath(new URL('src/lib/in-page-messaging.ts', import.meta.url))
const inPageMessaging = () => ({
  name: 'idv-lens-in-page-messaging',
  enforce: 'pre' as const,
  resolveId: (id: string) => (id === '@webext-core/messaging' ? IN_PAGE_MESSAGING : null),
})
const IN_PAGE_ENTRYPOINTS = new Set(['inline-lookups', 'inline-controls', 'inline-ui', 'frame-fallback'])

/**
 * The workspace tables (src/sites) give the in-page entrypoints their manifest `matches`, which WXT
 * reads at build time; at run time those scripts never read them (the browser has already matched
 * the page). Their bundles get this empty stand-in, so a new workspace adds nothing to the script
 * every frame of a helpdesk page loads (eager-size.test.ts).
 */
const SITE_TABLES_STANDIN_ID = '\0idv-lens-site-tables'
const siteTablesStandIn = () => ({
  name: 'idv-lens-site-tables-stand-in',
  enforce: 'pre' as const,
  resolveId: (id: string) => (/[/\\]sites[/\\]helpdesk-matches(\.ts)?$/.test(id) ? SITE_TABLES_STANDIN_ID : null),
  load: (id: string) =>
    id === SITE_TABLES_STANDIN_ID
      ? [
          'BUILT_IN_WORKSPACES',
          'ONE_CLICK_WORKSPACES',
          'HELPDESK_HOSTS',
          'AGENT_WORKSPACE_MATCHES',
          'FALLBACK_FRAME_GLOBS',
          'FIREFOX_FALLBACK_FRAME_GLOBS',
        ]
          .map((name) => `export const ${name} = []`)
          .join('\n')
      : null,
})
// The popup's first paint runs before its bundle loads: one storage read, no polyfill either.
const NATIVE_API_ENTRYPOINTS = new Set([...IN_PAGE_ENTRYPOINTS, 'popup-first-paint'])

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: 'src',
  imports: false,
  zip: {
    artifactTemplate: 'idv-lens-{{version}}-{{browser}}.zip',
    // Firefox only (WXT's default): AMO asks for the sources of a bundled add-on.
    sourcesTemplate: 'idv-lens-{{version}}-sources.zip',
    sourcesRoot: SOURCES.root,
    includeSources: SOURCES.include,
    excludeSources: SOURCES.exclude,
    dotSources: true,
  },
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/auto-icons'],
  // One source, rendered at build time; the development build's icons are grey so the two builds
  // cannot be mistaken for each other in the toolbar.
  autoIcons: { baseIconPath: 'assets/icon.svg', sizes: ICON_SIZES, developmentIndicator: 'grayscale' },
  // popupHtmlPlugin: nothing popup.html fetches comes before its first paint (src/build/popup-html.ts).
  // The bench and test hooks (src/content/instrumentation.ts) are built in for development builds and
  // with IDV_LENS_INSTRUMENTATION=1 (benches of the production build); the store build drops them.
  vite: (env) => ({
    plugins: [preact(), popupHtmlPlugin()],
    define: { __IDV_LENS_INSTRUMENTATION__: JSON.stringify(env.mode === 'development' || process.env.IDV_LENS_INSTRUMENTATION === '1') },
  }),
  hooks: {
    // Each vendor folder's words join the browser's catalogues (src/build/vendor-locales.ts): a word
    // missing in one language fails the build.
    'build:publicAssets': (_wxt, files) => {
      for (const [lang, catalog] of Object.entries(localeCatalogs(fileURLToPath(new URL('.', import.meta.url))))) {
        const relativeDest = `_locales/${lang}/messages.json`
        files.splice(
          files.findIndex((file) => file.relativeDest === relativeDest),
          1,
          { relativeDest, contents: `${JSON.stringify(catalog, null, 2)}\n` },
        )
      }
    },
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.every((e) => NATIVE_API_ENTRYPOINTS.has(e.name))) config.plugins = [nativeBrowserApi(), ...(config.plugins ?? [])]
      if (entrypoints.every((e) => IN_PAGE_ENTRYPOINTS.has(e.name))) {
        config.plugins = [
          siteTablesStandIn(),
          idTablePlugin(),
          inPageMessaging(),
          inPageTokensPlugin(fileURLToPath(new URL('src/styles/tokens.css', import.meta.url))),
          ...(config.plugins ?? []),
        ]
        // light-dark() as it is (Chrome 123, Firefox 120): the older browsers' form reads custom properties a page can set.
        config.build = { ...config.build, cssTarget: ['chrome123', 'firefox140'] }
      }
      // bench:scan names the content script's functions in its CPU profile from these (never set for a store build).
      if (process.env.IDV_LENS_SOURCEMAP === 'hidden') config.build = { ...config.build, sourcemap: 'hidden' }
    },
    'build:manifestGenerated': (wxt, manifest) => {
      // The test pages are served on a random port (https://acme.zendesk.com:41234/): the
      // development build's origin-fallback entry also takes each glob's host with a port, as the
      // frames' origins there have one. The store build keeps to the bare roots.
      if (wxt.config.mode === 'development') {
        for (const script of (manifest.content_scripts ?? []) as { match_origin_as_fallback?: boolean; include_globs?: string[] }[]) {
          if (script.match_origin_as_fallback)
            script.include_globs = script.include_globs?.flatMap((glob) => [glob, glob.replace(/^([^/]*\/\/[^/]*)\//, '$1:*/')])
        }
      }
      // Firefox opens an add-on's sidebar at install unless told not to; as in Chrome, the panel
      // opens when the agent asks (the popup's "Open side panel", a card, the context menu).
      const sidebar = (manifest as { sidebar_action?: { open_at_install?: boolean } }).sidebar_action
      if (sidebar) sidebar.open_at_install = false
    },
  },
  manifest: ({ mode, browser }) => ({
    // The browser's i18n (public/_locales/<lang>/messages.json): name, description and command in the browser's language.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_EXTENSION_ID,
              // Firefox 140 ESR, the version the browser tests run (the marks no longer need its Custom Highlight API).
              strict_min_version: '140.0',
              // IDs read from helpdesk pages go to the team's own relay (docs/permissions.md, "What leaves the browser").
              data_collection_permissions: { required: ['websiteContent'] },
            },
          },
        }
      : {
          // sidePanel.open (116), CSS light-dark() for the themes (123).
          minimum_chrome_version: '123',
        }),
    // The toolbar button's own icon set (the manifest's `icons`, written by auto-icons, is the fallback).
    action: { default_icon: ICON_FILES },
    // Firefox has no sidePanel permission: WXT emits `sidebar_action` for the same entrypoint there.
    // alarms, notifications: a watched ID is re-checked now and then and its change shown (background/watch-register.ts).
    // offscreen: Chrome's service worker has no localStorage and no clipboard; it forgets the popup's
    // kept first screen and writes a card's copy through an offscreen document (background/forget-first-paint.ts,
    // background/clipboard.ts). Firefox's background is a page and writes the copy itself.
    // clipboardWrite: a card's copy is written from our own context, never the helpdesk page's, and
    // the agent's click was in that page: without a user gesture of its own, our page needs the permission.
    permissions: [
      'storage',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
      'contextMenus',
      'activeTab',
      'scripting',
      'alarms',
      'notifications',
      'clipboardWrite',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // clipboardRead: the copy check reads a card's copy back for a moment, so a page that writes over it
    // is seen. Asked for on the agent's click (lib/copy-check.ts): an install shows no clipboard warning.
    optional_permissions: ['clipboardRead'],
    host_permissions: HELPDESK_HOSTS,
    // Other sites only when the agent enables them, one origin at a time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Chrome's policy schema; Firefox takes the same keys from policies.json without one.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    commands: {
      // Chrome takes at most four suggested keys: the card's copies, the panel on the card, the panel's search.
      // The page's ID list has none; the agent binds it on the browser's shortcuts page. Chromium (156,
      // Linux) refuses keys its own shortcuts hold: Alt+Shift with A B C N P R T W X Z stays unbound.
      'show-page-ids': {
        description: '__MSG_commandShowPageIds__',
      },
      // The card's S and Shift+S as browser commands: the page never sees these keys. They act on the
      // open card, else the last one opened (background/card-commands.ts).
      'copy-reply': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandCopyReply__',
      },
      'copy-note': {
        suggested_key: { default: 'Alt+Shift+M' },
        description: '__MSG_commandCopyNote__',
      },
      // The side panel, opened within the key's user action (background/menus-and-commands.ts).
      'open-card-in-panel': {
        suggested_key: { default: 'Alt+Shift+O' },
        description: '__MSG_commandOpenCardInPanel__',
      },
      'focus-search': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_commandFocusSearch__',
      },
    },
    ...(mode === 'development' && browser !== 'firefox' ? { key: DEV_MANIFEST_KEY } : {}),
  }),
})
