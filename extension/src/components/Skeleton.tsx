import { t } from '../lib/i18n.ts'

/** Placeholder rows while the first page loads; announced once as "Loading". */
export function Skeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div data-testid="skeleton">
      <span class="sr-only" role="status">
        {t('loadingStatus')}
      </span>
      <ul class="rows" aria-hidden="true">
        {Array.from({ length: rows }, (_, i) => (
          <li key={i} class="skeleton-row">
            <span class="sk sk-id" />
            <span class="sk sk-line" />
          </li>
        ))}
      </ul>
    </div>
  )
}
