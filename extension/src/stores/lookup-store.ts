import { signal } from '@preact/signals'
import { classifyId, idFromDashboardUrl } from '@idv-lens/shared/ids'

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
      problem.value = text.value.trim()
        ? 'Not an ID IDV Lens knows. Paste an inq_, iqse_ or evt_ ID, a deepidv session UUID, or a dashboard link.'
        : 'Paste an ID first.'
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
