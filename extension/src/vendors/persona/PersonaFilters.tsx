import { DayRange, dayRangeQuery, field, type Filterable, FilterForm } from '../../kit/views.ts'
import { t, vendorWord, type MessageKey } from '../../kit/words.ts'

// Browser-side checks matching the relay's (worker/src/vendors/persona/queries.ts), so a typo
// is caught here instead of costing a 400. `pattern` is matched against the whole value.
const INQUIRY_ID = 'inq_[A-Za-z0-9]{24}([A-Za-z0-9]{4})?'
const EVENT_NAME = '[a-z0-9*][a-z0-9._\\/\\-]{0,80}'
const OBJECT_ID = '[a-z]{2,8}_[A-Za-z0-9]{4,40}'
const list = (one: string) => `\\s*${one}(\\s*,\\s*${one})*\\s*`
const noSpaces = (v: string) => v.replace(/\s+/g, '')

/** A field for one or more IDs or names, comma-separated, each matched by the browser before the relay sees it. */
type ListFieldDef = {
  /** The list's query parameter, which is the field's name too. */
  param: string
  labelKey: MessageKey
  /** What the field holds: one item's pattern, and the words saying it when the value does not match. */
  pattern: string
  titleKey: MessageKey
  placeholder: string
  testId: string
  /** Values to suggest (a <datalist>). */
  suggestions?: readonly string[]
}

function ListField({ def, applied }: { def: ListFieldDef; applied: string | undefined }) {
  const suggest = def.suggestions ? `${def.testId}-suggestions` : undefined
  return (
    <label>
      {t(def.labelKey)}
      <input
        name={def.param}
        list={suggest}
        defaultValue={applied ?? ''}
        pattern={list(def.pattern)}
        title={t(def.titleKey)}
        placeholder={def.placeholder}
        data-testid={def.testId}
        spellcheck={false}
      />
      {suggest && (
        <datalist id={suggest}>
          {def.suggestions?.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      )}
    </label>
  )
}

/** A list filtered by list fields only: each field's value, its spaces dropped, is its parameter. */
function ListFieldsForm({ kind, list: store, fields }: { kind: string; list: Filterable; fields: readonly ListFieldDef[] }) {
  const toQuery = (form: FormData) => Object.fromEntries(fields.map((def) => [def.param, noSpaces(field(form, def.param))]))
  return (
    <FilterForm kind={kind} list={store} toQuery={toQuery}>
      {fields.map((def) => (
        <ListField key={def.param} def={def} applied={store.filters.value[def.param]} />
      ))}
    </FilterForm>
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
      list={store}
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

const INQUIRY_FIELD: ListFieldDef = {
  param: 'filter[inquiry-id]',
  labelKey: 'filterInquiryId',
  pattern: INQUIRY_ID,
  titleKey: 'filterInquiryIdTitle',
  placeholder: 'inq_…',
  testId: 'filter-inquiry-id',
}

const EVENT_FIELDS: readonly ListFieldDef[] = [
  {
    param: 'filter[name]',
    labelKey: 'filterEventName',
    pattern: EVENT_NAME,
    titleKey: 'filterEventNameTitle',
    placeholder: 'inquiry.approved',
    testId: 'filter-event-name',
    suggestions: EVENT_NAMES,
  },
  {
    param: 'filter[object-id]',
    labelKey: 'filterObjectId',
    pattern: OBJECT_ID,
    titleKey: 'filterObjectIdTitle',
    placeholder: 'inq_… / iqse_…',
    testId: 'filter-object-id',
  },
]

export const SessionFilters = ({ list }: { list: Filterable }) => <ListFieldsForm kind="sessions" list={list} fields={[INQUIRY_FIELD]} />

export const EventFilters = ({ list }: { list: Filterable }) => <ListFieldsForm kind="events" list={list} fields={EVENT_FIELDS} />
