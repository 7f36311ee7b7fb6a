import { useSignal, useSignalEffect } from '@preact/signals'
import { summaryText, type SummaryFacts } from '../../lib/copy-summary.ts'
import { customerReply, replyCoverage, type ReplyTexts } from '../../lib/customer-reply.ts'
import { t } from '../../lib/i18n.ts'
import { managedPolicyItem, teamSetting, type ManagedSettings } from '../../lib/managed-policy.ts'

type Copy = 'reply' | 'note'

/** The team's customer texts, locked or suggested (policy's cached copy), kept current while the detail is open. */
export function useReplyTexts() {
  const texts = useSignal<ReplyTexts>({})
  useSignalEffect(() => {
    const apply = (policy: ManagedSettings | null) => (texts.value = teamSetting(policy, 'replyTexts').value ?? {})
    void managedPolicyItem.getValue().then(apply).catch(() => {})
    return managedPolicyItem.watch(apply)
  })
  return texts
}

/**
 * "Copy reply" (plain sentences for the customer, in the team's texts, with `link` when the agent
 * just made one) and "Copy internal note" (outcome, reason, case, dates and link, as Markdown).
 */
export function CopySummary({ facts, link }: { facts: SummaryFacts | null; link?: string }) {
  const copied = useSignal<Copy | null>(null)
  const texts = useReplyTexts()
  const coverage = facts ? replyCoverage(facts) : null
  const copy = async (what: Copy) => {
    if (!facts) return
    try {
      const text = what === 'reply' ? customerReply(facts, { texts: texts.value, ...(link ? { link } : {}) }) : summaryText(facts, 'markdown')
      await navigator.clipboard.writeText(text)
      copied.value = what
      setTimeout(() => (copied.value = null), 1500)
    } catch {
      copied.value = null
    }
  }
  return (
    <div class="copy-summary" data-testid="copy-summary">
      <button type="button" class="small" disabled={!facts} onClick={() => void copy('reply')} title={t('copyReplyDetailHelp')} data-testid="copy-summary-text">
        {copied.value === 'reply' ? t('copied') : t('copyReply')}
      </button>
      <button type="button" class="small" disabled={!facts} onClick={() => void copy('note')} title={t('copyReplyDetailHelp')} data-testid="copy-summary-markdown">
        {copied.value === 'note' ? t('copied') : t('copyNote')}
      </button>
      {coverage && (
        <p class="copy-summary-coverage" data-testid="reply-coverage">
          {coverage}
        </p>
      )}
      <span class="sr-only" aria-live="polite">
        {copied.value === 'reply' ? t('replyCopied') : copied.value === 'note' ? t('noteCopied') : ''}
      </span>
    </div>
  )
}
