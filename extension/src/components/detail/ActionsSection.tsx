import { useEffect, useRef } from 'preact/hooks'
import type { Signal } from '@preact/signals'
import type { ActionName } from '../../lib/actions.ts'
import type { SummaryFacts } from '../../lib/copy-summary.ts'
import type { DetailSection } from '../../lib/messages.ts'
import type { LinkAction as Link } from '../../stores/link-action.ts'
import type { ObjectActions } from '../../stores/object-actions.ts'
import type { RequesterCheck } from '../../stores/requester-check.ts'
import { Section } from './Fields.tsx'
import { LinkAction } from './LinkAction.tsx'
import { TagActions } from './ObjectActions.tsx'

type Props = {
  id: string
  facts: SummaryFacts | null
  tags: string[]
  allowed: ActionName[]
  link: Link
  actions: ObjectActions
  requester: RequesterCheck
  focus: Signal<DetailSection | null>
}

/** A card's action button opened the detail: the link's confirm step opens, or the tags come into sight with focus. */
function useCardFocus(box: { current: HTMLElement | null }, focus: Signal<DetailSection | null>, link: Link) {
  useEffect(() => {
    const wanted = focus.value
    if (wanted !== 'link' && wanted !== 'tags') return
    // After the view's own effects: the detail moves focus to its heading when it opens.
    const timer = setTimeout(() => {
      focus.value = null
      if (wanted === 'link' && link.state.value.step === 'closed') link.open()
      box.current?.scrollIntoView({ block: 'center' })
      box.current?.querySelector<HTMLElement>(wanted === 'tags' ? '[data-testid="tag-toggle"]' : '[data-step-focus]')?.focus()
    })
    return () => clearTimeout(timer)
  }, [focus.value])
}

/** What the agent may do to the inquiry: only the actions the relay offers this agent, else nothing at all. */
export function ActionsSection({ id, facts, tags, allowed, link, actions, requester, focus }: Props) {
  const box = useRef<HTMLDivElement>(null)
  useCardFocus(box, focus, link)
  const linkOn = allowed.includes('one-time-link')
  const tagsOn = allowed.includes('tags')
  if (!linkOn && !tagsOn) return null
  return (
    <div ref={box}>
      <Section name="actions" titleKey="secActions">
        {linkOn && <LinkAction id={id} facts={facts} link={link} requester={requester} focus={focus} />}
        {tagsOn && <TagActions id={id} has={tags} actions={actions} />}
      </Section>
    </div>
  )
}
