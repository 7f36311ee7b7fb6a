import { t } from '../lib/i18n.ts'
import { SwapLabel } from './SwapLabel.tsx'
import { useBrief } from './use-brief.ts'

type Props = { text: string; label?: string; testId?: string /** Icon only, for dense rows. */; compact?: boolean }

const CopyIcon = () => (
  <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path
      fill="currentColor"
      d="M5 1.5A1.5 1.5 0 0 1 6.5 0h7A1.5 1.5 0 0 1 15 1.5v9a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 5 10.5zm1.5 0v9h7v-9zM1 5.5A1.5 1.5 0 0 1 2.5 4H4v1.5H2.5v9h7V13H11v1.5A1.5 1.5 0 0 1 9.5 16h-7A1.5 1.5 0 0 1 1 14.5z"
    />
  </svg>
)

/** Copies `text`; says briefly whether the browser took it ("Copied", "Not copied"), also to screen readers. */
export function CopyButton({ text, label = t('copyId'), testId = 'copy', compact = false }: Props) {
  // A one-second acknowledgement is view state, not app state: it lives with the button.
  const [copied, show] = useBrief<boolean>(1200)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      show(true)
    } catch {
      show(false)
    }
  }
  const refused = copied === false
  return (
    <>
      <button
        type="button"
        class={compact ? 'small icon' : 'small'}
        onClick={copy}
        aria-label={t('labelWithValue', label, text)}
        title={label}
        data-testid={testId}
        data-copied={copied === null ? undefined : String(copied)}
      >
        {/* The icon button's min-width holds either mark; a label keeps the wider one's room. */}
        {compact ? (
          copied === null ? (
            <CopyIcon />
          ) : refused ? (
            '✕'
          ) : (
            '✓'
          )
        ) : (
          <SwapLabel label={label} swap={refused ? t('copyFailed') : t('copied')} swapped={copied !== null} />
        )}
      </button>
      <span class="sr-only" aria-live="polite">
        {copied === null ? '' : refused ? t('copyFailed') : t('copiedAnnounce')}
      </span>
    </>
  )
}
