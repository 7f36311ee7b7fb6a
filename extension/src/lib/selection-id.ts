import { classifyId, idFromDashboardUrl, scanIds, type IdKind } from '@idv-lens/shared/ids'

/**
 * The ID in text the agent selected (context menu "Look up in IDV Lens"). The agent chose this
 * text, so bare UUIDs count here on every site. A whole ID or a dashboard link wins; otherwise the
 * first ID in the selection; null when there is none.
 */
export function idFromSelection(text: string | undefined): { id: string; kind: IdKind } | null {
  const trimmed = (text ?? '').trim()
  if (!trimmed) return null
  const kind = classifyId(trimmed)
  if (kind) return { id: trimmed, kind }
  const linked = idFromDashboardUrl(trimmed)
  if (linked) return linked
  const first = scanIds(trimmed, { uuids: true })[0]
  return first ? { id: first.value, kind: first.kind } : null
}
