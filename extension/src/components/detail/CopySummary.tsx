import { useSignal } from '@preact/signals'
import { summaryText, type SummaryFacts, type SummaryFormat } from '../../lib/copy-summary.ts'
import { t } from '../../lib/i18n.ts'

/** "Copy summary" (plain text, for a reply) and "Copy as Markdown" (for an internal note). */
export function CopySummary({ facts }: { facts: SummaryFacts | null }) {
  const copied = useSignal<SummaryFormat | null>(null)
  const copy = async (format: SummaryFormat) => {
    if (!facts) return
    try {
      await navigator.clipboard.writeText(summaryText(facts, format))
      copied.value = format
      setTimeout(() => (copied.value = null), 1500)
    } catch {
      copied.value = null
    }
  }
  return (
    <div class="copy-summary" data-testid="copy-summary">
      <button type="button" class="small" disabled={!facts} onClick={() => void copy('text')} title={t('copySummaryDetailHelp')} data-testid="copy-summary-text">
        {copied.value === 'text' ? t('copied') : t('copySummary')}
      </button>
      <button type="button" class="small" disabled={!facts} onClick={() => void copy('markdown')} title={t('copySummaryDetailHelp')} data-testid="copy-summary-markdown">
        {copied.value === 'markdown' ? t('copied') : t('copySummaryMarkdown')}
      </button>
      <span class="sr-only" aria-live="polite">
        {copied.value ? t('summaryCopied') : ''}
      </span>
    </div>
  )
}
