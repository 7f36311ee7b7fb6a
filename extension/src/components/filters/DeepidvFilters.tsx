import type { Filterable } from './FilterForm.tsx'
import { FilterForm, field } from './FilterForm.tsx'

/** A local calendar day → the ISO instant it starts or ends at, so "to 15 Jan" includes 15 Jan. */
export function dayBound(day: string, end: boolean): string {
  if (!day) return ''
  const at = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`)
  return Number.isNaN(at.getTime()) ? '' : at.toISOString()
}

/** The local calendar day of an ISO instant, for the date input. */
export function dayOf(iso: string | undefined): string {
  if (!iso) return ''
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

export function DeepidvFilters({ list: store }: { list: Filterable }) {
  const applied = store.filters.value
  // "Whole organization" is the default (list-sources.ts); only "false" is worth counting.
  const active = Object.entries(applied).filter(([k, v]) => k !== 'by_organization' || v === 'false').length
  return (
    <FilterForm
      kind="deepidv"
      active={active}
      onApply={store.setFilters}
      toQuery={(form) => ({
        start_date: dayBound(field(form, 'from'), false),
        end_date: dayBound(field(form, 'to'), true),
        external_id: field(form, 'external'),
        by_organization: form.get('org') === 'on' ? 'true' : 'false',
      })}
    >
      <div class="filter-row">
        <label>
          From
          <input type="date" name="from" defaultValue={dayOf(applied.start_date)} data-testid="filter-start-date" />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={dayOf(applied.end_date)} data-testid="filter-end-date" />
        </label>
      </div>
      <label>
        External ID
        <input name="external" maxLength={255} defaultValue={applied.external_id ?? ''} data-testid="filter-external-id" spellcheck={false} />
      </label>
      <label class="check">
        <input type="checkbox" name="org" defaultChecked={applied.by_organization !== 'false'} data-testid="filter-by-organization" />
        Whole organization (not only sessions the relay's key created)
      </label>
    </FilterForm>
  )
}
