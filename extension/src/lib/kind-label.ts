import type { IdKind } from '@idv-lens/shared/ids'
import { t, type MessageKey } from './i18n.ts'

/**
 * "Persona inquiry" / "Persona-Anfrage" for an ID kind (shared/src/ids keeps English labels for the
 * relay). Apart from the failure texts (lib/failure-text.ts), which the popup loads only for a failure.
 */
export function kindLabel(kind: IdKind): string {
  return t(`kind_${kind.replace(/-/g, '_')}` as MessageKey)
}
