import { useSignal } from '@preact/signals'

/** Copies `text`; says "Copied" briefly, also to screen readers. */
export function CopyButton({ text, label = 'Copy ID', testId = 'copy' }: { text: string; label?: string; testId?: string }) {
  // A one-second acknowledgement is view state, not app state: it lives with the button.
  const copied = useSignal(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      copied.value = true
      setTimeout(() => (copied.value = false), 1200)
    } catch {
      copied.value = false
    }
  }
  return (
    <>
      <button type="button" class="small" onClick={copy} aria-label={`${label} ${text}`} data-testid={testId}>
        {copied.value ? 'Copied' : 'Copy'}
      </button>
      <span class="sr-only" aria-live="polite">
        {copied.value ? 'Copied to the clipboard' : ''}
      </span>
    </>
  )
}
