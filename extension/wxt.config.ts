import preact from '@preact/preset-vite'
import { defineConfig } from 'wxt'
import { HELPDESK_HOSTS } from './src/content/helpdesk-matches.ts'

/**
 * The development build's manifest key. It only fixes the unpacked extension's ID (DEV_EXTENSION_ID),
 * so the local relay can allow its origin; it grants nothing and is not a secret. The store build
 * has no key: the Chrome Web Store assigns the ID.
 */
const DEV_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnrRKvnIlbPMRRcnAaAsuTsYYgnosQFB+GrsUWL7hRA8CqdMctxNnDbpeRCeaCH9gIQDreNun+XFvgshXSRHEfmxuwjm2pzI/848agIZ2MiyOOJNOG13LD9x9R+klzaHv5Ehto1s2R3MNaXjPbeLsX9k70XHdUQPBqOcy2gEA4KkVjsh+WMaM3f0+imL8gRn9GhVS+8AgyhF9L4hp4uAsgbN9YGG4oty4/DYK1CiSFR8dl3Ahi189iMpxzDXmWYt+hg8LUCdhY28TuxsdDvw73g4Ec1wAHnmsNp3eSOYCuLrbUvTb22E58jT704Ij4q6pSaDl2qfmmfJohyaQ8QUUawIDAQAB'
export const DEV_EXTENSION_ID = 'icljgiklpkchbldfjiplcpfkfmimljeo'

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: 'src',
  imports: false,
  zip: { artifactTemplate: 'idv-lens-{{version}}-{{browser}}.zip' },
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ mode }) => ({
    // The browser's i18n (public/_locales/<lang>/messages.json): name, description and command in the browser's language.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // sidePanel.open (116), CSS light-dark() for the themes (123); the Highlight API is older.
    minimum_chrome_version: '123',
    permissions: ['storage', 'sidePanel', 'contextMenus', 'activeTab', 'scripting'],
    host_permissions: HELPDESK_HOSTS,
    // Other sites only when the agent enables them, one origin at a time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    commands: {
      // Keyboard access to inline lookups: opens the "IDs on this page" list, or moves into the open card.
      'show-page-ids': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandShowPageIds__',
      },
    },
    ...(mode === 'development' ? { key: DEV_MANIFEST_KEY } : {}),
  }),
})
