import { useEffect, useRef } from 'preact/hooks'
import type { Signal } from '@preact/signals'
import { Fragment, type ComponentChild } from 'preact'
import type { ActionName } from '../../lib/actions.ts'
import type { DetailSection } from '../../lib/messages.ts'
import { Section } from './Fields.tsx'

/**
 * One vendor action's controls in the section (vendors/vendor.ts `VendorAction`): shown when the relay
 * offers the action. A card's button for `section` runs `open`, then focuses what `focusOn` selects.
 */
export type ActionPart = { action: ActionName; section: string; view: ComponentChild; open?(): void; focusOn: string }

type Props = { allowed: ActionName[]; parts: ActionPart[]; focus: Signal<DetailSection | null> }

/** A card's action button opened the detail: its part opens, comes into sight and takes focus. */
function useCardFocus(box: { current: HTMLElement | null }, focus: Signal<DetailSection | null>, parts: ActionPart[]) {
  useEffect(() => {
    const wanted = parts.find((part) => part.section === focus.value)
    if (!wanted) return
    // After the view's own effects: the detail moves focus to its heading when it opens.
    const timer = setTimeout(() => {
      focus.value = null
      wanted.open?.()
      box.current?.scrollIntoView({ block: 'center' })
      box.current?.querySelector<HTMLElement>(wanted.focusOn)?.focus()
    })
    return () => clearTimeout(timer)
  }, [focus.value])
}

/** What the agent may do to the object: only the actions the relay offers this agent, else nothing at all. */
export function ActionsSection({ allowed, parts, focus }: Props) {
  const box = useRef<HTMLDivElement>(null)
  // Every part, offered or not yet: the relay's answer may come after the card's button opened the view.
  useCardFocus(box, focus, parts)
  const shown = parts.filter((part) => allowed.includes(part.action))
  if (shown.length === 0) return null
  return (
    <div ref={box}>
      <Section name="actions" titleKey="secActions">
        {shown.map((part) => (
          <Fragment key={part.action}>{part.view}</Fragment>
        ))}
      </Section>
    </div>
  )
}
