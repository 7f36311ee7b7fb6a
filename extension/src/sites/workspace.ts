/*
What a built-in workspace declares. Plain data, imported by the manifest (wxt.config.ts), the
content script and the background alike, so keep each module to its tables: no code, no imports
beyond this type.
*/

export type Workspace = {
  /**
   * The host permissions it needs: every origin its agent pages and their frames come from. Chrome
   * grants them per origin (a path is ignored), so these cannot be narrower than the host.
   */
  hosts: readonly string[]
  /**
   * The agent pages: the manifest's content_scripts matches, where inline lookups start by
   * themselves in every frame. Never the public pages the same hosts serve (help centres, customer
   * portals): those get inline lookups only when the agent asks.
   */
  agentPages: readonly string[]
  /**
   * The reply box of a ticket, in its agent pages: CSS selectors, the first visible editable element
   * found wins. The one element IDV Lens ever writes into (a new link's reply, on the agent's click).
   */
  composer?: readonly string[]
}

/**
 * A workspace not granted at install (its host warning would be too broad for most teams): one
 * click in the options page or the popup asks for `origins`.
 */
export type OneClickWorkspace = {
  /** Stable key (the options page's button for it is `workspace-<id>`). */
  id: string
  /** The product's name, shown as it is (never translated). */
  name: string
  origins: readonly string[]
}
