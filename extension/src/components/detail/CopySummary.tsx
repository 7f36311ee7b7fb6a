import { useSignal, useSignalEffect } from '@preact/signals'
import { summaryText, type SummaryFacts } from '../../lib/copy-summary.ts'
import { customerReply, replyCoverage, type ReplyTexts } from '../../lib/customer-reply.ts'
import { t } from '../../lib/i18n.ts'
import { SwapLabel } from '../SwapLabel.tsx'
import { useBrief } from '../use-brief.ts'
import { managedPolicyItem, teamSetting, type ManagedSettings } from '../../lib/managed-policy.ts'

type Copy = 'reply' | 'note'

/** The team's customer texts, locked or suggested (policy's cached copy), kept current while the detail is open. */
export function useReplyTexts() {
  const texts = useSignal<ReplyTexts>({})
  useSignalEffect(() => {
    const apply = (policy: ManagedSettings | null) => (texts.value = teamSetting(policy, 'replyTexts').value ?? {})
    void managedPolicyItem
      .getValue()
      .then(apply)
      .catch(() => {})
    return managedPolicyItem.watch(apply)
  })
  return texts
}

/** What the agent copied last, and whether the browser took it. */
type Outcome = { what: Copy; ok: boolean }

/**
 * "Copy reply" (plain sentences for the customer, in the team's texts, with `link` when the agent
 * just made one) and "Copy internal note" (outcome, reason, case, dates and link, as Markdown).
 * Each says for a moment whether it copied: a refused copy is said, not swallowed.
 */
export function CopySummary({ facts, link }: { facts: SummaryFacts | null; link?: string }) {
  const [outcome, show] = useBrief<Outcome>(1500)
  const texts = useReplyTexts()
  const coverage = facts ? replyCoverage(facts) : null
  const copy = async (what: Copy) => {
    if (!facts) return
    const text = what === 'reply' ? customerReply(facts, { texts: texts.value, ...(link ? { link } : {}) }) : summaryText(facts, 'markdown')
    let ok = true
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      ok = false
    }
    show({ what, ok })
  }
  const said = (what: Copy) => (outcome?.what === what ? outcome : null)
  const button = (what: Copy, testId: string, label: string) => (
    <button
      type="button"
      class="small"
      disabled={!facts}
      onClick={() => void copy(what)}
      title={t('copyReplyDetailHelp')}
      data-testid={testId}
      data-copied={said(what) ? String(said(what)!.ok) : undefined}
    >
      <SwapLabel label={label} swap={said(what)?.ok === false ? t('copyFailed') : t('copied')} swapped={said(what) !== null} />
    </button>
  )
  return (
    <div class="copy-summary" data-testid="copy-summary">
      {button('reply', 'copy-summary-text', t('copyReply'))}
      {button('note', 'copy-summary-markdown', t('copyNote'))}
      {coverage && (
        <p class="copy-summary-coverage" data-testid="reply-coverage">
          {coverage}
        </p>
      )}
      <span class="sr-only" aria-live="polite">
        {announcement(outcome)}
      </span>
    </div>
  )
}

function announcement(outcome: Outcome | null): string {
  if (!outcome) return ''
  if (!outcome.ok) return t('copyFailed')
  return outcome.what === 'reply' ? t('replyCopied') : t('noteCopied')
}
