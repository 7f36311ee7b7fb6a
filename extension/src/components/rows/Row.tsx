import type { ComponentChildren } from 'preact'
import { CopyButton } from '../CopyButton.tsx'
import { StatusBadge } from '../StatusBadge.tsx'
import { vendorOfKind, type IdKind } from '@idv-lens/shared/ids'
import { kindLabel } from '../../lib/kind-label.ts'
import { t } from '../../lib/i18n.ts'

type RowProps = {
  id: string
  /** What the ID is, for the open button's label. */
  kind: IdKind
  status: string | null | undefined
  onOpen: (id: string) => void
  /** The kind's own details, after the status and before the ID. */
  children: ComponentChildren
}

/**
 * The frame every list row shares: first what the agent recognises, the status badge and the kind's
 * details (reference, age), then the full ID (a button that opens its detail, with a copy button next
 * to it). A click anywhere on the row opens the detail (`row-whole`: the button's box covers the
 * row); the keyboard reaches it as the same one button.
 */
export function Row({ id, kind, status, onOpen, children }: RowProps) {
  const open = (
    <button
      type="button"
      class="row-open"
      onClick={() => onOpen(id)}
      aria-label={t('openItem', kindLabel(kind), id)}
      data-testid="row-open"
    >
      <code>{id}</code>
    </button>
  )
  return (
    <div class="row row-whole">
      <div class="row-meta row-lead">
        <StatusBadge vendor={vendorOfKind(kind)} status={status} />
        {children}
      </div>
      <div class="row-top">
        {open}
        <CopyButton text={id} compact />
      </div>
    </div>
  )
}
