import { DayRange, dayRangeQuery, field, type Filterable, FilterForm } from '../../kit/views.ts'
import { t, vendorWord } from '../../kit/words.ts'

// Browser-side checks matching the relay's (worker/src/providers/persona-queries.ts), so a typo
// is caught here instead of costing a 400. `pattern` is matched against the whole value.
const INQUIRY_ID = 'inq_[A-Za-z0-9]{24}([A-Za-z0-9]{4})?'
const EVENT_NAME = '[a-z0-9*][a-z0-9._\\/\\-]{0,80}'
const OBJECT_ID = '[a-z]{2,8}_[A-Za-z0-9]{4,40}'
const list = (one: string) => `\\s*${one}(\\s*,\\s*${one})*\\s*`
const noSpaces = (v: string) => v.replace(/\s+/g, '')

const EVENT_NAMES = [
  'inquiry.created', 'inquiry.started', 'inquiry.completed', 'inquiry.approved', 'inquiry.declined',
  'inquiry.failed', 'inquiry.expired', 'inquiry.marked-for-review', 'inquiry.transitioned',
  'inquiry-session.started', 'inquiry-session.expired', 'inquiry-session.canceled',
  'verification.passed', 'verification.failed', 'verification.requires-retry',
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
        <input name="reference" maxLength={255} defaultValue={applied['filter[reference-id]'] ?? ''} data-testid="filter-reference-id" spellcheck={false} />
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
      <label>
        {t('filterInquiryId')}
        <input
          name="inquiry"
          defaultValue={applied['filter[inquiry-id]'] ?? ''}
          pattern={list(INQUIRY_ID)}
          title={t('filterInquiryIdTitle')}
          placeholder="inq_…"
          data-testid="filter-inquiry-id"
          spellcheck={false}
        />
      </label>
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
      <label>
        {t('filterEventName')}
        <input
          name="name"
          list="event-names"
          defaultValue={applied['filter[name]'] ?? ''}
          pattern={list(EVENT_NAME)}
          title={t('filterEventNameTitle')}
          placeholder="inquiry.approved"
          data-testid="filter-event-name"
          spellcheck={false}
        />
      </label>
      <datalist id="event-names">
        {EVENT_NAMES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <label>
        {t('filterObjectId')}
        <input
          name="object"
          defaultValue={applied['filter[object-id]'] ?? ''}
          pattern={list(OBJECT_ID)}
          title={t('filterObjectIdTitle')}
          placeholder="inq_… / iqse_…"
          data-testid="filter-object-id"
          spellcheck={false}
        />
      </label>
    </FilterForm>
  )
}
