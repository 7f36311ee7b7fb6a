import { signal } from '@preact/signals'
import { classifyId, idFromDashboardUrl } from '@idv-lens/shared/ids'
import { t } from '../lib/i18n.ts'

/** What the lookup box accepts: a bare ID, or a Persona/deepidv dashboard link to one. */
export function parseLookup(text: string): string | null {
  const value = text.trim()
  if (!value) return null
  if (classifyId(value)) return value
  return idFromDashboardUrl(value)?.id ?? null
}

/** The side panel's lookup box: the text typed, and why it was refused. */
export function createLookupStore(open: (id: string) => boolean) {
  const text = signal('')
  const problem = signal<string | null>(null)

  function submit(): void {
    const id = parseLookup(text.value)
    if (!id || !open(id)) {
      problem.value = t(text.value.trim() ? 'lookupUnknown' : 'lookupEmpty')
      return
    }
    problem.value = null
    text.value = ''
  }

  return {
    text,
    problem,
    submit,
    setText: (value: string) => {
      text.value = value
      problem.value = null
    },
  }
}

export type LookupStore = ReturnType<typeof createLookupStore>
