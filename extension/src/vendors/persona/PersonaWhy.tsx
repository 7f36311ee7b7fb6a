import type { PersonaVerification } from '@idv-lens/shared/api'
import { checkFailure, checkName, reasonWords, sentence, stepWord, t, vendorWord } from '../../kit/words.ts'
import type { Resource } from '../../kit/stores.ts'
import { Badge, FailedCheck, ResourceState, Section, VendorTerm } from '../../kit/views.ts'
import { checkRows, type CheckRow } from './why-checks.ts'

/** A check's reason codes in words, the codes themselves on hover. */
function Reasons({ codes }: { codes: string[] }) {
  const words = reasonWords(codes)
  if (!words) return null
  return (
    <span class="why-reasons muted" data-testid="why-reasons" title={codes.join(', ')} data-raw={codes.join(',')}>
      {t('reasonsList', words)}
    </span>
  )
}

/** Which verification a check belongs to ("Selfie check"), from its type (`verification/selfie`). */
const verificationWord = (type: string) => stepWord(type.replace('/', '_'))

/** A failed check, where it ran ("Selfie check") and its reasons. */
function FailedRow({ row }: { row: CheckRow }) {
  return (
    <FailedCheck check={row.name} text={sentence(checkFailure(row.name))} raw={row.name}>
      <span class="why-where muted"> · {verificationWord(row.verificationType)}</span>
      <Reasons codes={row.reasons} />
    </FailedCheck>
  )
}

function OtherCheck({ row }: { row: CheckRow }) {
  const passed = row.status.toLowerCase() === 'passed'
  return (
    <li class="why-check" data-testid="why-other-check" data-check={row.name} data-status={row.status}>
      <Badge
        text={passed ? t('passed') : row.status === 'not_applicable' ? t('checkNotApplicable') : vendorWord(row.status)}
        tone={passed ? 'good' : 'neutral'}
        raw={row.status}
      />{' '}
      <VendorTerm text={checkName(row.name)} raw={row.name} />
    </li>
  )
}

/** The failed checks in words with their reasons, then the others folded away. */
function CheckList({ failed, other }: { failed: CheckRow[]; other: CheckRow[] }) {
  return (
    <>
      {failed.length > 0 ? (
        <ul class="why-checks" data-testid="why-failed">
          {failed.map((row) => (
            <FailedRow key={`${row.verificationId}:${row.name}`} row={row} />
          ))}
        </ul>
      ) : (
        <p class="muted" data-testid="why-none">
          {t('whyNoFailedCheck')}
        </p>
      )}
      {other.length > 0 && (
        <details class="why-other" data-testid="why-other">
          <summary>{t('whyOtherChecks', other.length)}</summary>
          <ul class="why-checks">
            {other.map((row) => (
              <OtherCheck key={`${row.verificationId}:${row.name}`} row={row} />
            ))}
          </ul>
        </details>
      )}
    </>
  )
}

/** A failed, declined or needs-review inquiry: why, from its verifications' checks. */
export function PersonaWhy({ verifications }: { verifications: Resource<PersonaVerification[]> }) {
  return (
    <Section name="why" titleKey="secWhy">
      <ResourceState resource={verifications} rows={2}>
        {(list) => {
          if (list.length === 0) return <p class="muted">{t('whyNoVerification')}</p>
          const { failed, other } = checkRows(list)
          return <CheckList failed={failed} other={other} />
        }}
      </ResourceState>
    </Section>
  )
}
