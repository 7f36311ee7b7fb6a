import { field } from './FilterForm.tsx'
import { t, type MessageKey } from '../../lib/i18n.ts'

/** A local calendar day → the ISO instant it starts or ends at, so "to 15 Jan" includes 15 Jan. */
function dayBound(day: string, end: boolean): string {
  if (!day) return ''
  const at = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`)
  return Number.isNaN(at.getTime()) ? '' : at.toISOString()
}

/** The local calendar day of an ISO instant, for the date input. */
function dayOf(iso: string | undefined): string {
  if (!iso) return ''
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

/** The range a DayRange submitted, as query parameters: the instants its first day starts and its last day ends at. */
export function dayRangeQuery<S extends string, E extends string>(form: FormData, startKey: S, endKey: E) {
  return { [startKey]: dayBound(field(form, 'from'), false), [endKey]: dayBound(field(form, 'to'), true) } as Record<S | E, string>
}

type Props = {
  labels: [from: MessageKey, to: MessageKey]
  /** The applied bounds (ISO instants), shown as days. */
  start: string | undefined
  end: string | undefined
  testIds: [from: string, to: string]
}

/** Two date inputs, `from` and `to`, in local calendar days. */
export function DayRange({ labels, start, end, testIds }: Props) {
  return (
    <div class="filter-row">
      <label>
        {t(labels[0])}
        <input type="date" name="from" defaultValue={dayOf(start)} data-testid={testIds[0]} />
      </label>
      <label>
        {t(labels[1])}
        <input type="date" name="to" defaultValue={dayOf(end)} data-testid={testIds[1]} />
      </label>
    </div>
  )
}
