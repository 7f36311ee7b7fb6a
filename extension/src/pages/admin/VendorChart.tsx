import { vendorLabel } from '../../vendors/index.ts'
import type { VendorUsage } from '@idv-lens/shared/api'
import { formatNumber, t, tn } from '../../lib/i18n.ts'

/** Vendors' names as they write them (vendors/index.ts); brand names are not translated. */
const vendorName = (vendor: string) => vendorLabel(vendor) ?? vendor

const WIDTH = 300
const HEIGHT = 60

/** Every UTC day from `from` to `to`, both included (`YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000)
    out.push(new Date(at).toISOString().slice(0, 10))
  return out
}

/** The budget as the vendor states its limit: per day, else per its own window ("per minute", "per 5 seconds"). */
export function budgetText({ perWindow, windowSeconds, perDay }: VendorUsage['budget']): string {
  if (perDay !== null) return t('usageBudgetDay', perDay)
  if (windowSeconds % 60 === 0) return tn('usageBudgetMinutes', windowSeconds / 60, perWindow)
  return tn('usageBudgetSeconds', windowSeconds, perWindow)
}

/**
 * One vendor's calls per day as a small bar chart (inline SVG, colours from the theme, so light and
 * dark), with its daily budget as a dashed line when it has one; the numbers are in its label.
 */
export function VendorChart({ usage, days }: { usage: VendorUsage; days: string[] }) {
  const calls = new Map(usage.days.map((d) => [d.day, d.calls]))
  const values = days.map((day) => calls.get(day) ?? 0)
  const most = Math.max(0, ...values)
  const total = values.reduce((a, b) => a + b, 0)
  const top = Math.max(1, most, usage.budget.perDay ?? 0)
  const bar = WIDTH / Math.max(1, days.length)
  const y = (v: number) => HEIGHT - (v / top) * HEIGHT
  const label = t('usageChartLabel', vendorName(usage.vendor), total, days.length, most)
  const budget = budgetText(usage.budget)
  return (
    <figure class="vendor-chart" data-testid="vendor-chart" data-vendor={usage.vendor} data-total={total}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
        <title>{label}</title>
        <line x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} class="axis" />
        {values.map((v, i) =>
          v > 0 ? (
            <rect
              key={days[i]}
              x={i * bar + 1}
              y={y(v)}
              width={Math.max(1, bar - 2)}
              height={HEIGHT - y(v)}
              class="bar"
              data-day={days[i]}
              data-calls={v}
            />
          ) : null,
        )}
        {usage.budget.perDay !== null && <line x1="0" x2={WIDTH} y1={y(usage.budget.perDay)} y2={y(usage.budget.perDay)} class="budget" />}
      </svg>
      <figcaption>
        <strong>{vendorName(usage.vendor)}</strong> {formatNumber(total)} · {budget}
      </figcaption>
    </figure>
  )
}
