import { DayRange, dayRangeQuery, field, type Filterable, FilterForm, StatusSelect } from '../../kit/views.ts'
import { t } from '../../kit/words.ts'
import type { Query } from '../../kit/relay.ts'
import { isoOfSeconds } from './stripe-facts.ts'

/** The statuses Stripe's list filters by, one at a time (docs/vendors/stripe.md §3). */
export const STRIPE_STATUSES = ['requires_input', 'processing', 'verified', 'canceled'] as const

/** An ISO instant as Stripe's Unix seconds ('' stays '': no filter). */
const seconds = (iso: string) => (iso ? String(Math.floor(Date.parse(iso) / 1000)) : '')

/** The form's fields as Stripe's list parameters: one status, the reference, `created[gte|lte]` in seconds. */
export function stripeFilterQuery(form: FormData): Query {
  const days = dayRangeQuery(form, 'from', 'to')
  return {
    status: field(form, 'status'),
    client_reference_id: field(form, 'reference'),
    'created[gte]': seconds(days.from),
    'created[lte]': seconds(days.to),
  }
}

const applied = (value: string | undefined) => (value ? (isoOfSeconds(Number(value)) ?? undefined) : undefined)

export function StripeFilters({ list: store }: { list: Filterable }) {
  const query = store.filters.value
  return (
    <FilterForm kind="stripe" list={store} toQuery={stripeFilterQuery}>
      <StatusSelect statuses={STRIPE_STATUSES} value={query.status ?? ''} testId="filter-stripe-status" />
      <label>
        {t('referenceId')}
        <input
          name="reference"
          maxLength={500}
          defaultValue={query.client_reference_id ?? ''}
          data-testid="filter-reference-id"
          spellcheck={false}
        />
      </label>
      <DayRange
        labels={['filterCreatedFrom', 'filterCreatedTo']}
        start={applied(query['created[gte]'])}
        end={applied(query['created[lte]'])}
        testIds={['filter-created-from', 'filter-created-to']}
      />
    </FilterForm>
  )
}
