/** The tag of our single shadow host (the launcher, the card, the list): never scanned. */
export const UI_TAG = 'idv-lens-ui'
