import { t } from '../lib/i18n.ts'
import { RefreshIcon } from './icons.tsx'

type RefreshButtonProps = {
  /** The relay refetches what is shown from the vendor (the surface's model says what). */
  onRefresh: () => void
  /** Nothing to refresh now, or it is loading already: the button says so and a click does nothing. */
  idle?: boolean
}

/**
 * The Refresh icon button of the popup's and the side panel's top row. aria-disabled, not disabled:
 * a disabled button drops the keyboard's focus to the body.
 */
export const RefreshButton = ({ onRefresh, idle = false }: RefreshButtonProps) => (
  <button
    type="button"
    class="icon bar-icon"
    onClick={() => !idle && onRefresh()}
    aria-disabled={idle}
    data-testid="refresh"
    aria-label={t('refresh')}
    title={t('refreshTitle')}
  >
    <RefreshIcon />
  </button>
)
