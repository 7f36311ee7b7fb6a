import { DayRange, dayRangeQuery, field, type Filterable, FilterForm } from '../../kit/views.ts'
import { t } from '../../kit/words.ts'

export function DeepidvFilters({ list: store }: { list: Filterable }) {
  const applied = store.filters.value
  // "Whole organization" is the default (list-sources.ts); only "false" is worth counting.
  const active = Object.entries(applied).filter(([k, v]) => k !== 'by_organization' || v === 'false').length
  return (
    <FilterForm
      kind="deepidv"
      list={store}
      active={active}
      toQuery={(form) => ({
        ...dayRangeQuery(form, 'start_date', 'end_date'),
        external_id: field(form, 'external'),
        by_organization: form.get('org') === 'on' ? 'true' : 'false',
      })}
    >
      <DayRange
        labels={['filterFrom', 'filterTo']}
        start={applied.start_date}
        end={applied.end_date}
        testIds={['filter-start-date', 'filter-end-date']}
      />
      <label>
        {t('externalId')}
        <input
          name="external"
          maxLength={255}
          defaultValue={applied.external_id ?? ''}
          data-testid="filter-external-id"
          spellcheck={false}
        />
      </label>
      <label class="check">
        <input type="checkbox" name="org" defaultChecked={applied.by_organization !== 'false'} data-testid="filter-by-organization" />
        {t('filterWholeOrg')}
      </label>
    </FilterForm>
  )
}
