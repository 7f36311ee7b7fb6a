import type { ComponentChildren } from 'preact'
import type { ActionName } from '../../lib/actions.ts'
import type { SummaryFacts } from '../../lib/copy-summary.ts'
import type { MessageKey } from '../../lib/i18n.ts'
import type { PersonDetailParts } from '../../stores/person-detail.ts'
import { ActionsSection } from './ActionsSection.tsx'
import { CopySummary } from './CopySummary.tsx'
import { WhyReason } from './FailedCheck.tsx'
import { EarlierAttempts, HistorySection } from './HistorySection.tsx'
import { LinkAction } from './LinkAction.tsx'
import { RequesterCheck } from './RequesterCheck.tsx'

type LinkProps = {
  view: PersonDetailParts & { id: string }
  facts: SummaryFacts
  /** The vendor's link action and its confirm text (its declaration's `confirm`). */
  action: ActionName
  confirm: MessageKey
  /** Whether the record leaves the person something to do: only then, and only where the relay offers it, is there a link. */
  takesLink: boolean
}

/** A new link, where the relay offers it and the record takes one (a requester match first where required). */
function NewLink({ view, facts, action, confirm, takesLink }: LinkProps) {
  const allowed = takesLink ? (view.me.data.value?.actions ?? []).filter((a) => a === action) : []
  const open = () => view.link.state.value.step === 'closed' && view.link.open()
  const link = (
    <LinkAction
      id={view.id}
      facts={facts}
      link={view.link}
      confirm={confirm}
      requester={view.requester}
      focus={view.focus}
      contact={view.me.data.value?.flagged?.contact ?? null}
    />
  )
  return (
    <ActionsSection
      allowed={allowed}
      parts={[{ action, section: 'link', open, focusOn: '[data-step-focus]', view: link }]}
      focus={view.focus}
    />
  )
}

/**
 * A detail of one person's attempt, around the vendor's own sections (`children`): the later and
 * earlier attempts and the copy button, why it failed, the new link, then the requester check and
 * the person's history.
 */
export function PersonDetail({ onOpen, children, ...link }: LinkProps & { onOpen: (id: string) => void; children: ComponentChildren }) {
  const { view, facts } = link
  return (
    <>
      <div class="detail-tools">
        <EarlierAttempts history={view.history} id={view.id} createdAt={facts.createdAt} focus={view.focus} onOpen={onOpen} />
        <CopySummary facts={facts} />
      </div>
      <WhyReason reason={facts.reason} />
      <NewLink {...link} />
      {children}
      <RequesterCheck check={view.requester} focus={view.focus} />
      <HistorySection history={view.history} id={view.id} focus={view.focus} onOpen={onOpen} />
    </>
  )
}
