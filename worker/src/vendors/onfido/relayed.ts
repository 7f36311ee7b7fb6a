import { canonicalId } from '@idv-lens/shared/ids'
import type { LookupCall } from '../../kit/lookup.ts'
import { onfidoRunAllowed } from './allowlist.ts'

/**
 * The canonical retrieve of a run: what its route asks Onfido for and caches, and what a lookup
 * summary reads through the very same cache entry, so a card and a detail cost one call.
 */
export const onfidoRunRead = (id: string) => ({
  provider: 'onfido' as const,
  path: `workflow_runs/${canonicalId(id, 'onfido-workflow-run')}`,
  query: '',
  shape: 'object' as const,
  transform: onfidoRunAllowed,
})

/** A summary's read of a run, through its route's cache entry (as Hono matches it). */
export function relayedRunCall(id: string): LookupCall {
  const { transform, shape, ...call } = onfidoRunRead(id)
  return { ...call, relayed: { route: '/v1/onfido/workflow_runs/:id', shape, transform } }
}
