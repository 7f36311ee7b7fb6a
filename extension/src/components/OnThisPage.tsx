import { getIdPattern } from '@idv-lens/shared/ids'
import type { PageIdsStore } from '../stores/page-ids-store.ts'

/** The popup's "On this page": IDs the content script found on the current tab; each opens its detail. */
export function OnThisPage({ store, onOpen }: { store: PageIdsStore; onOpen: (id: string) => void }) {
  const ids = store.ids.value
  const status = store.status.value
  return (
    <section class="on-page" aria-labelledby="on-page-title" data-testid="on-this-page">
      <h2 id="on-page-title">
        On this page{status === 'ready' && ids.length > 0 ? ` (${ids.length})` : ''}
      </h2>
      {status === 'loading' && <p class="muted">Looking…</p>}
      {status === 'unavailable' && <p class="muted">IDs on this page are not available.</p>}
      {status === 'ready' && ids.length === 0 && (
        <p class="muted" data-testid="on-this-page-empty">
          No verification IDs found on this page.
        </p>
      )}
      {ids.length > 0 && (
        <ul class="page-ids">
          {ids.map(({ id, kind }) => (
            <li key={id} data-testid="page-id" data-id={id}>
              <button type="button" class="link" onClick={() => onOpen(id)} aria-label={`Open ${getIdPattern(kind).label} ${id}`}>
                <code>{id}</code>
              </button>
              <span class="muted"> {getIdPattern(kind).label}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
