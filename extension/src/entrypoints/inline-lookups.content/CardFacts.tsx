import { Fragment } from 'preact'
import type { LookupFound } from '@idv-lens/shared/api'
import type { IdKind } from '@idv-lens/shared/ids'
import type { CardField } from '../../lib/card-fields.ts'
import { countdown, parseTime } from '../../lib/format.ts'
import { LocalTime } from '../../components/LocalTime.tsx'
import { isWaiting, type LookupState } from '../../content/lookups/lookup-queue.ts'
import { failureText, problemText } from '../../lib/failure-text.ts'
import { fixedInSettings } from '../../lib/backoff.ts'
import { outcomeWord, reasonLine } from '../../lib/check-words.ts'
import { statusWords } from './StatusText.tsx'
import { now } from '../../stores/clock.ts'
import { t, type MessageKey } from '../../lib/i18n.ts'
import { vendorWord } from '../../lib/vendor-words.ts'
import { vendorLabel, vendorRecord } from '../../vendors/index.ts'
import { uuidNotFound } from '../../lib/uuid-owner.ts'

/* What a card says about its ID: the verdict line, the facts, or why there are none. */

const snake = (kind: IdKind) => kind.replace(/-/g, '_')

/**
 * The card's headline, above its controls in a box of one height for every answer (style.css
 * `.card-lead`): the verdict, the outcome, the failure or "Looking up…". Flagged leads here.
 */
export function Headline({ state, kind }: { state: LookupState | undefined; kind: IdKind }) {
  switch (state?.state) {
    case 'found':
      return <Verdict entry={state.entry} />
    case 'missing':
      return <MissingMessage state={state} kind={kind} />
    case 'failed': {
      const { failure } = state
      const wait =
        failure.kind === 'rate-limited' && failure.retryAfter !== undefined ? ` ${t('cardTryingAgain', countdown(failure.retryAfter))}` : ''
      return (
        <p class="card-message" data-testid="card-message">
          {failureText(failure)}
          {wait}
        </p>
      )
    }
    default:
      return (
        <p class="card-message muted" aria-busy="true">
          {t('cardLooking')}
        </p>
      )
  }
}

/** The outcome and its main reason in one line, from the lookup summary alone. */
function Verdict({ entry }: { entry: LookupFound }) {
  const line = reasonLine(entry.status, entry.reason)
  // No failed check: a check on a person says so; another record (an event) its status.
  if (!line)
    return (
      <p class="card-message" data-testid="card-outcome">
        {vendorRecord(entry.kind)?.person
          ? t('cardNoFailedCheck', outcomeWord(entry.status))
          : t('labelWithValue', t('status'), vendorWord(entry.status))}
      </p>
    )
  return (
    <p class="card-verdict" data-testid="card-verdict">
      <span
        class="card-reason"
        data-testid="card-reason"
        title={entry.reason ? [entry.reason.check, ...entry.reason.reasons].join(' · ') : undefined}
      >
        {line}
      </span>
    </p>
  )
}

/** The review case's status, first under the controls (the headline's box holds the reason's two lines). */
function CaseLine({ entry }: { entry: LookupFound }) {
  if (!entry.case) return null
  return (
    <p class="card-case" data-testid="card-case" title={entry.case.status}>
      {t('cardCase', vendorWord(entry.case.status))}
    </p>
  )
}

type BodyProps = {
  state: LookupState | undefined
  cardFields: readonly CardField[]
  /** Opens the options page (through the background): for a failure only the settings fix. */
  onOpenSettings: () => void
}

/** Under the controls: the facts of a found ID, or for a failure only the settings fix. */
export function CardBody({ state, cardFields, onOpenSettings }: BodyProps) {
  if (state?.state === 'found')
    return (
      <>
        <CaseLine entry={state.entry} />
        <Fields entry={state.entry} cardFields={cardFields} />
        {/* Asking again failed (relay not reached): the answer stays, said to be the last one. */}
        {state.notCurrent && (
          <p class="card-message card-not-current" data-testid="card-not-current">
            {t('cardNotCurrent', statusWords({ state: 'failed', failure: state.notCurrent.failure, at: state.notCurrent.at }))}
          </p>
        )}
      </>
    )
  // A refused token, a wrong relay URL: no retry mends them, the settings do.
  if (state?.state === 'failed' && fixedInSettings(state.failure))
    return (
      <button type="button" onClick={onOpenSettings} data-testid="card-open-settings">
        {t('openSettings')}
      </button>
    )
  return null
}

/** Why a lookup has no answer: the vendor does not know the ID, or asks to wait (the queue asks again by itself). */
function MissingMessage({ state, kind }: { state: Extract<LookupState, { state: 'missing' }>; kind: IdKind }) {
  const { error, provider } = state.entry
  const waiting = isWaiting(state.entry)
  const left = error.retryAfter !== undefined ? error.retryAfter - (now.value - state.at) / 1000 : undefined
  // Any other failure in the agent's words for its code; the relay's own (English) detail on hover.
  const failed = error.code !== 'not-found' && !waiting
  return (
    <p class="card-message" data-testid="card-message" title={failed ? error.detail : undefined}>
      {uuidNotFound(kind, error.code === 'not-found')
        ? t('cardNotFound_uuid')
        : error.code === 'not-found'
          ? t(`cardNotFound_${snake(kind)}` as MessageKey)
          : waiting
            ? `${t('cardWaitingVendor', vendorLabel(provider) ?? provider)}${left !== undefined && left > 0 ? ` ${t('cardTryingAgain', countdown(left))}` : ''}`
            : problemText(error.code)}
    </p>
  )
}

function When({ labelKey, iso }: { labelKey: MessageKey; iso: string | null }) {
  if (parseTime(iso) === null) return null
  return (
    <>
      <dt>{t(labelKey)}</dt>
      <dd>
        {/* The local date and time; "5 min. ago" beside it for a recent one, kept true by the shared clock. */}
        <LocalTime iso={iso} />
      </dd>
    </>
  )
}

function Field({ labelKey, value, testId }: { labelKey: MessageKey; value: string | null | undefined; testId?: string }) {
  if (!value) return null
  return (
    <>
      <dt>{t(labelKey)}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  )
}

type FactRows = Partial<Record<CardField, preact.JSX.Element>>

/** The facts this kind of ID has, by key (its vendor's, vendors/vendor.ts `facts`); which of them show, and in which order, is the team's or the agent's (lib/card-fields.ts). */
function factRows(entry: LookupFound): FactRows {
  const rows: FactRows = {
    created: <When labelKey="fieldCreated" iso={entry.createdAt} />,
    updated: <When labelKey="fieldUpdated" iso={entry.updatedAt} />,
  }
  const facts = vendorRecord(entry.kind)?.facts?.(entry.details) ?? {}
  for (const [key, fact] of Object.entries(facts))
    rows[key as CardField] = <Field labelKey={fact.label} value={fact.value} testId={fact.testId} />
  return rows
}

/** Only what helps decide at a glance, as the team or the agent chose it; the side panel has the rest. */
function Fields({ entry, cardFields }: { entry: LookupFound; cardFields: readonly CardField[] }) {
  const rows = factRows(entry)
  return (
    <dl class="fields" data-testid="card-fields">
      {cardFields.map((key) => rows[key] && <Fragment key={key}>{rows[key]}</Fragment>)}
    </dl>
  )
}
