import type { ComponentChildren } from 'preact'
import type { LookupReason } from '@idv-lens/shared/api'
import { reasonFailure, sentence } from '../../lib/check-words.ts'
import { VendorTerm } from '../StatusBadge.tsx'
import { Section } from './Fields.tsx'

type FailedCheckProps = {
  /** The vendor's name of the check (`data-check`), and the first reason code where there is one (`data-code`). */
  check: string
  code?: string
  /** What failed in words, and the vendor's own terms for it on hover. */
  text: string
  raw: string
  /** What the vendor adds after it (its reasons, where the check ran, its own sentence). */
  children?: ComponentChildren
}

/** One failed check in a detail's Why: a cross, what failed in words, and what the vendor adds. */
export function FailedCheck({ check, code, text, raw, children }: FailedCheckProps) {
  return (
    <li class="why-check" data-testid="why-failed-check" data-check={check} data-code={code}>
      <span class="why-mark" aria-hidden="true">
        ✗
      </span>
      <span class="why-text">
        <VendorTerm text={text} raw={raw} />
        {children}
      </span>
    </li>
  )
}

/** The Why of a record that ended for one reason (a workflow run, a session): it in words, its codes on hover. */
export function WhyReason({ reason, children }: { reason: Pick<LookupReason, 'check' | 'reasons'> | null; children?: ComponentChildren }) {
  if (!reason) return null
  return (
    <Section name="why" titleKey="secWhy">
      <ul class="why-checks" data-testid="why-failed">
        <FailedCheck check={reason.check} code={reason.reasons[0]} text={sentence(reasonFailure(reason))} raw={reason.reasons.join(', ')}>
          {children}
        </FailedCheck>
      </ul>
    </Section>
  )
}
