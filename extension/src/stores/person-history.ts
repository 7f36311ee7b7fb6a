import type { HistoryResponse } from '@idv-lens/shared/api'
import type { Send } from '../lib/messages.ts'
import { createResource, type Resource } from './resource.ts'

const NO_REFERENCE: HistoryResponse = { referenceId: '', data: [], complete: true, vendors: [] }

/**
 * Every attempt with the same reference ID (GET /v1/history), once the record says what its
 * reference is; `referenceId` '' when it has none.
 */
export function historyFor(send: Send, reference: () => string | null, now: () => number): Resource<HistoryResponse> {
  return createResource(async (refresh) => {
    const referenceId = reference()
    return referenceId
      ? send('readHistory', { referenceId, refresh })
      : { ok: true, data: NO_REFERENCE, freshness: null, receivedAt: now() }
  }, now)
}
