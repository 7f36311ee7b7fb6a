import type { ActionTarget, ObjectActions } from '../../stores/object-actions.ts'
import { Notices } from '../ErrorBanner.tsx'

/** Whether two controls' answers are the same one (the same action with the same input). */
export const sameTarget = (a: ActionTarget | null, b: ActionTarget) => !!a && JSON.stringify(a) === JSON.stringify(b)

/** The failure of the control that asked, under it; a retry repeats that action. */
export function ActionError({
  actions,
  target,
  retry,
}: {
  actions: ObjectActions
  target: (t: ActionTarget) => boolean
  retry: () => void
}) {
  const failed = actions.error.value
  if (!failed || !target(failed.target)) return null
  return <Notices error={failed.error} fetched={null} onRetry={retry} onRefresh={retry} />
}
