import { t } from '../lib/i18n.ts'
import { FailureText } from '../components/FailureText.tsx'
import { VendorLines } from '../components/VendorLines.tsx'
import type { TicketCustomerState, TicketCustomerStore } from '../stores/ticket-customer.ts'
import { VendorGroup } from './ReferenceSearch.tsx'

type Props = { customer: TicketCustomerStore; onOpen: (id: string) => void }

/** Who was read and what the relay answered: a line per vendor, then the records by vendor, newest first. */
function Answer({ state, onOpen }: { state: Extract<TicketCustomerState, { status: 'done' }>; onOpen: (id: string) => void }) {
  return (
    <>
      {(state.name || state.reference) && (
        <p class="ticket-customer-who" data-testid="ticket-customer-who">
          {state.name && <strong>{state.name}</strong>}
          {state.name && state.reference && ' · '}
          {state.reference && <span data-testid="ticket-customer-reference">{t('ticketCustomerReference', state.reference)}</span>}
        </p>
      )}
      {state.by === 'email' && <p data-testid="ticket-customer-by-email">{t('ticketCustomerByEmail')}</p>}
      {state.failure && (
        <p class="lookup-problem" data-testid="ticket-customer-failed">
          <FailureText failure={state.failure} />
        </p>
      )}
      <VendorLines lines={state.vendors} />
      {state.by === 'reference' && !state.failure && state.count === 0 && (
        <p data-testid="ticket-customer-none">{t('ticketCustomerNone')}</p>
      )}
      {state.groups.map((group) => (
        <VendorGroup key={group.provider} group={group} onOpen={onOpen} />
      ))}
      {!state.complete && !state.failure && state.count > 0 && <p class="muted">{t('historyIncomplete')}</p>}
    </>
  )
}

/**
 * "This ticket's customer", above the tabs from the first paint (so nothing moves): one button, and
 * nothing read from the ticket until it is clicked (stores/ticket-customer.ts). Its answer goes below it.
 */
export function TicketCustomerSection({ customer, onOpen }: Props) {
  const state = customer.state.value
  const shown = state.status !== 'idle' && state.status !== 'reading'
  return (
    <section class="ticket-customer" aria-labelledby="ticket-customer-title" data-testid="ticket-customer" data-status={state.status}>
      <h2 id="ticket-customer-title" class="sr-only">
        {t('ticketCustomerTitle')}
      </h2>
      <div class="ticket-customer-bar">
        <button
          type="button"
          onClick={() => void customer.show()}
          aria-busy={state.status === 'reading'}
          data-testid="ticket-customer-show"
        >
          {t('ticketCustomerShow')}
        </button>
        {shown && (
          <button type="button" class="link" onClick={customer.hide} data-testid="ticket-customer-hide">
            {t('ticketCustomerHide')}
          </button>
        )}
      </div>
      {state.status === 'reading' && (
        <p class="muted" role="status" data-testid="ticket-customer-reading">
          {t('ticketCustomerReading')}
        </p>
      )}
      {state.status === 'no-ticket' && <p data-testid="ticket-customer-no-ticket">{t('ticketCustomerNoTicket')}</p>}
      {state.status === 'none' && <p data-testid="ticket-customer-nothing">{t('ticketCustomerNothing')}</p>}
      {state.status === 'done' && <Answer state={state} onOpen={onOpen} />}
    </section>
  )
}
