import { useContext } from 'preact/hooks'
import { Badge, VendorFacts, VendorTerm } from '../../kit/views.ts'
import { t, vendorWord } from '../../kit/words.ts'
import { breakdownLines, breakdownTitle, isFlagged, reportTitle, type BreakdownLine } from './onfido-facts.ts'
import type { OnfidoReport } from './onfido-records.ts'

/** A result in words in its colour, the raw value on hover; nothing when Onfido gave none. */
function Result({ value, label }: { value: string | null | undefined; label: string }) {
  const { tone } = useContext(VendorFacts)
  if (!value) return null
  return <Badge text={vendorWord(value)} tone={tone('onfido', value)} raw={value} label={label} testId="onfido-result" />
}

/** One breakdown item: its result, and its own items' results beneath when it was flagged (why it was). */
function BreakdownItem({ line }: { line: BreakdownLine }) {
  const title = breakdownTitle(line.name)
  return (
    <li class="why-check" data-testid="onfido-breakdown" data-item={line.name} data-result={line.result ?? ''}>
      <Result value={line.result} label={title} />
      <span class="why-text">
        <VendorTerm text={title} raw={line.name} />
        {isFlagged(line.result) && line.items.length > 0 && (
          <span class="why-reasons muted" data-testid="onfido-sub-items">
            {line.items.map((item, i) => (
              <span key={item.name} data-item={item.name} data-result={item.result ?? ''}>
                {i > 0 && ', '}
                <VendorTerm
                  text={`${breakdownTitle(item.name)}: ${item.result ? vendorWord(item.result) : t('notChecked')}`}
                  raw={`${item.name}: ${item.result ?? ''}`}
                />
              </span>
            ))}
          </span>
        )}
      </span>
    </li>
  )
}

/** One report: its name, result and sub-result, then its breakdown, flagged items first. Never its `properties`. */
function Report({ report }: { report: OnfidoReport }) {
  const title = reportTitle(report.name)
  const lines = breakdownLines(report)
  return (
    // A list of its own (the report's head, then its breakdown), spaced as the checks it holds.
    <li class="why-checks" data-testid="onfido-report" data-name={report.name} data-result={report.result ?? ''}>
      <div class="why-check">
        <strong>
          <VendorTerm text={title} raw={report.name} />
        </strong>
        <Result value={report.result ?? report.status} label={title} />
        {report.sub_result && report.sub_result !== report.result && (
          <span class="muted" data-testid="onfido-sub-result" title={report.sub_result}>
            {t('onfidoSubResult', vendorWord(report.sub_result))}
          </span>
        )}
      </div>
      {lines.length > 0 && (
        <ul class="why-checks">
          {lines.map((line) => (
            <BreakdownItem key={line.name} line={line} />
          ))}
        </ul>
      )}
    </li>
  )
}

/** A run's reports, the flagged ones first. */
export function OnfidoReports({ reports }: { reports: readonly OnfidoReport[] }) {
  const sorted = [...reports.filter((r) => isFlagged(r.result)), ...reports.filter((r) => !isFlagged(r.result))]
  return (
    <ul class="why-checks" data-testid="onfido-reports">
      {sorted.map((report) => (
        <Report key={report.id} report={report} />
      ))}
    </ul>
  )
}
