import { DayRange, dayRangeQuery, field, type Filterable, FilterForm } from '../../kit/views.ts'
import { t, vendorWord, type MessageKey } from '../../kit/words.ts'

// Browser-side checks matching the relay's (worker/src/providers/persona-queries.ts), so a typo
// is caught here instead of costing a 400. `pattern` is matched against the whole value.
const INQUIRY_ID = 'inq_[A-Za-z0-9]{24}([A-Za-z0-9]{4})?'
const EVENT_NAME = '[a-z0-9*][a-z0-9._\\/\\-]{0,80}'
const OBJECT_ID = '[a-z]{2,8}_[A-Za-z0-9]{4,40}'
const list = (one: string) => `\\s*${one}(\\s*,\\s*${one})*\\s*`
const noSpaces = (v: string) => v.replace(/\s+/g, '')

type ListFieldProps = {
  name: string
  labelKey: MessageKey
  /** What the field holds: one item's pattern, and the words saying it when the value does not match. */
  pattern: string
  titleKey: MessageKey
  applied: string | undefined
  placeholder: string
  testId: string
  /** A <datalist>'s id to suggest from. */
  suggest?: string
}

/** A field for one or more IDs or names, comma-separated, each matched by the browser before the relay sees it. */
function ListField({ name, labelKey, pattern, titleKey, applied, placeholder, testId, suggest }: ListFieldProps) {
  return (
    <label>
      {t(labelKey)}
      <input
        name={name}
        list={suggest}
        defaultValue={applied ?? ''}
        pattern={list(pattern)}
        title={t(titleKey)}
        placeholder={placeholder}
        data-testid={testId}
        spellcheck={false}
      />
    </label>
  )
}

const EVENT_NAMES = [
  'inquiry.created',
  'inquiry.started',
  'inquiry.completed',
  'inquiry.approved',
  'inquiry.declined',
  'inquiry.failed',
  'inquiry.expired',
  'inquiry.marked-for-review',
  'inquiry.transitioned',
  'inquiry-session.started',
  'inquiry-session.expired',
  'inquiry-session.canceled',
  'verification.passed',
  'verification.failed',
  'verification.requires-retry',
]

/** Persona's inquiry statuses (docs/vendors/persona.md §9); the filter takes any of them, comma-separated. */
const INQUIRY_STATUSES = ['created', 'pending', 'completed', 'approved', 'declined', 'failed', 'needs_review', 'expired']

export function InquiryFilters({ list: store }: { list: Filterable }) {
  const applied = store.filters.value
  const checked = new Set((applied['filter[status]'] ?? '').split(','))
  return (
    <FilterForm
      kind="inquiries"
      active={Object.keys(applied).length}
      onApply={store.setFilters}
      toQuery={(form) => ({
        'filter[status]': form.getAll('status').join(','),
        'filter[reference-id]': field(form, 'reference'),
        ...dayRangeQuery(form, 'filter[created-at-start]', 'filter[created-at-end]'),
      })}
    >
      <fieldset class="statuses" data-testid="filter-status">
        <legend>{t('status')}</legend>
        {INQUIRY_STATUSES.map((status) => (
          <label key={status} class="check">
            <input type="checkbox" name="status" value={status} defaultChecked={checked.has(status)} />
            {vendorWord(status)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('referenceId')}
        <input
          name="reference"
          maxLength={255}
          defaultValue={applied['filter[reference-id]'] ?? ''}
          data-testid="filter-reference-id"
          spellcheck={false}
        />
      </label>
      <DayRange
        labels={['filterCreatedFrom', 'filterCreatedTo']}
        start={applied['filter[created-at-start]']}
        end={applied['filter[created-at-end]']}
        testIds={['filter-created-from', 'filter-created-to']}
      />
    </FilterForm>
  )
}

export function SessionFilters({ list: store }: { list: Filterable }) {
  const applied = store.filters.value
  return (
    <FilterForm
      kind="sessions"
      active={Object.keys(applied).length}
      onApply={store.setFilters}
      toQuery={(form) => ({ 'filter[inquiry-id]': noSpaces(field(form, 'inquiry')) })}
    >
      <ListField
        name="inquiry"
        labelKey="filterInquiryId"
        pattern={INQUIRY_ID}
        titleKey="filterInquiryIdTitle"
        applied={applied['filter[inquiry-id]']}
        placeholder="inq_…"
        testId="filter-inquiry-id"
      />
    </FilterForm>
  )
}

export function EventFilters({ list: store }: { list: Filterable }) {
  const applied = store.filters.value
  return (
    <FilterForm
      kind="events"
      active={Object.keys(applied).length}
      onApply={store.setFilters}
      toQuery={(form) => ({ 'filter[name]': noSpaces(field(form, 'name')), 'filter[object-id]': noSpaces(field(form, 'object')) })}
    >
      <ListField
        name="name"
        labelKey="filterEventName"
        pattern={EVENT_NAME}
        titleKey="filterEventNameTitle"
        applied={applied['filter[name]']}
        placeholder="inquiry.approved"
        testId="filter-event-name"
        suggest="event-names"
      />
      <datalist id="event-names">
        {EVENT_NAMES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <ListField
        name="object"
        labelKey="filterObjectId"
        pattern={OBJECT_ID}
        titleKey="filterObjectIdTitle"
        applied={applied['filter[object-id]']}
        placeholder="inq_… / iqse_…"
        testId="filter-object-id"
      />
    </FilterForm>
  )
}
