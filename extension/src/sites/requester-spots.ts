/*
Where each workspace shows the ticket's requester: read only when the agent clicks "Check the
ticket's requester" or "Show this ticket's customer" (background/ticket-requester.ts), never imported by
the content script (nothing is read before the click). For each part the first element found wins.
A spot is a CSS selector (`A >>> B`: a B under an A, across shadow roots), or a selector and the
attribute holding the value (Gmail's sender). Shapes: docs/adding-a-workspace.md.
*/
import { FRESHDESK } from './freshdesk.ts'
import { FRONT } from './front.ts'
import { GMAIL } from './gmail.ts'
import { HELP_SCOUT } from './help-scout.ts'
import { HUBSPOT } from './hubspot.ts'
import { INTERCOM } from './intercom.ts'
import { JIRA_SERVICE_MANAGEMENT } from './jira-service-management.ts'
import { SALESFORCE } from './salesforce.ts'
import { ZENDESK } from './zendesk.ts'
import { ZOHO_DESK } from './zoho-desk.ts'

export type RequesterSpot = string | readonly [selector: string, attribute: string]
/** `reference`: the customer's own ID (the team's user ID) where the helpdesk shows one: what vendors search by. */
export type RequesterSpots = { email: readonly RequesterSpot[]; name: readonly RequesterSpot[]; reference?: readonly RequesterSpot[] }

type Entry = { hosts: readonly string[] } & RequesterSpots

// The ticket's Requester field, and the customer context panel beside it (its External ID a user field there).
const ZENDESK_SPOTS: RequesterSpots = {
  email: ['[data-test-id="customer-context-email"]'],
  name: ['[data-test-id="ticket-system-field-requester-select"]', '[data-test-id="customer-context-name"]'],
  reference: ['[data-test-id="customer-context-external-id"]'],
}
// Development builds only (.env.development): the demo ticket `npm run dev` serves, in Zendesk's markup.
const DEMO_TICKET: Entry[] = import.meta.env.WXT_DEMO_TICKET_PAGE
  ? [{ hosts: [import.meta.env.WXT_DEMO_TICKET_PAGE], ...ZENDESK_SPOTS }]
  : []

export const REQUESTER_SPOTS: readonly Entry[] = [
  { hosts: ZENDESK.hosts, ...ZENDESK_SPOTS },
  // The requester widget's contact details: each field's value in its .info-details-content.
  {
    hosts: FRESHDESK.hosts,
    email: ['[data-test-id="requester-info-contact-email"] .info-details-content'],
    name: ['.requester-wrap [data-test-id="user-name"]'],
    reference: ['[data-test-id="requester-info-contact-unique_external_id"] .info-details-content'],
  },
  {
    hosts: HELP_SCOUT.hosts,
    email: ['[data-cy="CustomerProfile"] a[href^="mailto:"]'],
    name: ['[data-cy="CustomerProfile"] [data-cy="CustomerName"]'],
  },
  {
    hosts: INTERCOM.hosts,
    email: ['[data-testid="conversation-details-user-email"]'],
    name: ['[data-testid="conversation-details-user-name"]'],
    reference: ['[data-testid="conversation-details-user-id"]'],
  },
  // The conversation's contact: its handle (the address), then its display name.
  { hosts: FRONT.hosts, email: ['[data-testid="contact-handle-email"]'], name: ['[data-testid="contact-display-name"]'] },
  // A Lightning record layout item holds its label and, in its output field, the value (a lookup's
  // name a force-lookup link); Web Email and Web Name are an Email-to-Case requester's.
  {
    hosts: SALESFORCE.hosts,
    email: [
      '[field-label="Contact Email"] >>> a[href^="mailto:"]',
      '[field-label="Contact Email"] >>> [data-output-element-id="output-field"]',
      '[field-label="Web Email"] >>> [data-output-element-id="output-field"]',
    ],
    name: [
      '[field-label="Contact Name"] >>> force-lookup >>> a',
      '[field-label="Contact Name"] >>> [data-output-element-id="output-field"]',
      '[field-label="Web Name"] >>> [data-output-element-id="output-field"]',
    ],
  },
  {
    hosts: HUBSPOT.hosts,
    email: ['[data-test-id="ticket-contact-card"] [data-selenium-test="contact-email"]'],
    name: ['[data-test-id="ticket-contact-card"] [data-selenium-test="contact-name"]'],
  },
  { hosts: ZOHO_DESK.hosts, email: ['[data-id="contactEmail"]'], name: ['[data-id="contactName"]'] },
  // The issue view's Reporter (a customer on a service project): Jira shows a name, no address.
  {
    hosts: JIRA_SERVICE_MANAGEMENT.hosts,
    email: [],
    name: ['[data-testid="issue.views.field.user.reporter.name.wrapper"]', '[data-testid="issue.views.field.user.reporter"]'],
  },
  // The thread's first sender.
  { hosts: GMAIL.origins, email: [['span.gD[email]', 'email']], name: [['span.gD[name]', 'name']] },
  ...DEMO_TICKET,
]
