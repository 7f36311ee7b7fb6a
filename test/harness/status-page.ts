import type { ContentUi } from './content-ui.ts'

/**
 * An agent page whose own script plants one ID per status after load, side by side in one row (so the
 * card opened under one covers none of the others), each alone in its cell (`data-slot` names the
 * status, for the test's bookkeeping only: the page could not know it). `followsOs`: the page turns
 * dark with the OS, as a helpdesk with a dark theme does.
 */
export const statusPage = (
  slots: Record<string, string>,
  { followsOs = false } = {},
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket 7001</title>
<style>body { font: 13px/1.6 system-ui, sans-serif; margin: 24px; color: #222; background: #fff }
  #refs { display: flex; gap: 16px } #refs p { flex: 1; margin: 0 }
  ${followsOs ? '@media (prefers-color-scheme: dark) { body { color: #ddd; background: #1e1f22 } }' : ''}</style></head>
<body><main id="conversation"><h1>Ticket 7001</h1><p>The customer pasted a few references.</p><div id="refs"></div></main>
<script>
  addEventListener('DOMContentLoaded', () => {
    for (const [slot, id] of Object.entries(${JSON.stringify(slots)})) {
      const p = document.createElement('p')
      p.innerHTML = '<span data-slot="' + slot + '">' + id + '</span>'
      document.getElementById('refs').append(p)
    }
  })
</script></body></html>`

/** Whether the content script has asked anything about `id` (its lookup state, from its own world). */
export const lookupState = (ui: ContentUi, id: string) =>
  ui.evaluate<string | null>(`globalThis.__idvLens.inline.lookup(${JSON.stringify(id)})?.state ?? null`)
