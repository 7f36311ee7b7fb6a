import { CopyButton } from '../CopyButton.tsx'

/** The row's full ID: a button that opens its detail, and a copy button next to it. */
export function RowId({ id, kindLabel, onOpen }: { id: string; kindLabel: string; onOpen: (id: string) => void }) {
  return (
    <>
      <button type="button" class="row-open" onClick={() => onOpen(id)} aria-label={`Open ${kindLabel} ${id}`} data-testid="row-open">
        <code>{id}</code>
      </button>
      <CopyButton text={id} compact />
    </>
  )
}
