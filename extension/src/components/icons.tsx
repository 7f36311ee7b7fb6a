/**
 * The few icons of the toolbar rows, drawn inline (no icon font or sprite to load). Each button that
 * shows one carries its words in `aria-label` and `title`.
 */

export const RefreshIcon = () => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 1.8v2.9h-2.9" />
  </svg>
)

export const SettingsIcon = () => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path
      fill="currentColor"
      d="M6.9 0h2.2l.4 2.1c.5.2 1 .4 1.4.8l2-.8 1.1 1.9-1.6 1.4c.1.5.1 1.1 0 1.6l1.6 1.4-1.1 1.9-2-.8c-.4.4-.9.6-1.4.8L9.1 12.4H6.9l-.4-2.1c-.5-.2-1-.4-1.4-.8l-2 .8L2 8.4l1.6-1.4a4 4 0 0 1 0-1.6L2 4l1.1-1.9 2 .8c.4-.4.9-.6 1.4-.8zM8 4.2a2 2 0 1 0 0 4 2 2 0 0 0 0-4z"
      transform="translate(0 1.8)"
    />
  </svg>
)

/** A window with a panel on its right: "open the side panel". */
export const SidePanelIcon = () => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.4" />
    <path fill="currentColor" d="M9.5 3h4.2v10H9.5z" />
  </svg>
)
