// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { firstRequester, readRequesterParts } from '../content/requester/read-requester.ts'
import { FRESHDESK } from './freshdesk.ts'
import { INTERCOM } from './intercom.ts'
import { JIRA_SERVICE_MANAGEMENT } from './jira-service-management.ts'
import { REQUESTER_SPOTS, type RequesterSpots } from './requester-spots.ts'
import { SALESFORCE } from './salesforce.ts'
import { ZENDESK } from './zendesk.ts'

const spotsOf = (hosts: readonly string[]) => REQUESTER_SPOTS.find((entry) => entry.hosts === hosts)!
const page = (html: string) => (document.body.innerHTML = html)
const readRequester = (spots: RequesterSpots) => firstRequester(readRequesterParts(spots))

/*
Each workspace's requester as public scripts that read these pages find it (the markup they query,
trimmed to it): the spots must read the same value there.
*/
describe('the requester spots on the markup public scripts read', () => {
  afterEach(() => page(''))

  it("Freshdesk: the requester widget's contact email, else the requester's user name", () => {
    page(
      '<div data-test-id="requester-info-contact-email"><div class="info-details-title">Email</div><div class="info-details-content">jane@doe.com</div></div>',
    )
    expect(readRequester(spotsOf(FRESHDESK.hosts))).toEqual({ field: 'email', value: 'jane@doe.com' })
    page('<div class="requester-wrap"><span data-test-id="user-name">Jane Doe</span></div>')
    expect(readRequester(spotsOf(FRESHDESK.hosts))).toEqual({ field: 'name', value: 'Jane Doe' })
  })

  it("Jira Service Management: the Reporter field's name, not the field around it", () => {
    page(
      '<div data-testid="issue.views.field.user.reporter"><span aria-hidden="true">JD</span><span data-testid="issue.views.field.user.reporter.name.wrapper">Jane Doe</span></div>',
    )
    expect(readRequester(spotsOf(JIRA_SERVICE_MANAGEMENT.hosts))).toEqual({ field: 'name', value: 'Jane Doe' })
  })

  it("Salesforce: the layout item's output field, never its label; in the light DOM (synthetic shadow) and in open roots (native)", () => {
    const item = (label: string, value: string) =>
      `<records-record-layout-item field-label="${label}"><span class="test-id__field-label">${label}</span><div data-output-element-id="output-field">${value}</div></records-record-layout-item>`
    page(item('Web Email', 'jane@doe.com') + item('Web Name', 'Jane Doe'))
    expect(readRequester(spotsOf(SALESFORCE.hosts))).toEqual({ field: 'email', value: 'jane@doe.com' })
    page(item('Contact Name', '<force-lookup><a data-navigation="enable">Jane Doe</a></force-lookup>'))
    expect(readRequester(spotsOf(SALESFORCE.hosts))).toEqual({ field: 'name', value: 'Jane Doe' })
    page('<records-record-layout-item field-label="Contact Email"></records-record-layout-item>')
    const root = document.querySelector('records-record-layout-item')!.attachShadow({ mode: 'open' })
    root.innerHTML =
      '<span class="test-id__field-label">Contact Email</span><div data-output-element-id="output-field"><lightning-formatted-email></lightning-formatted-email></div>'
    root.querySelector('lightning-formatted-email')!.attachShadow({ mode: 'open' }).innerHTML =
      '<a href="mailto:jane@doe.com">jane@doe.com</a>'
    expect(readRequester(spotsOf(SALESFORCE.hosts))).toEqual({ field: 'email', value: 'jane@doe.com' })
  })
})

/*
The customer reference ("Show this ticket's customer"): where each helpdesk names the customer's own
ID, in markup written without a live tenant (docs/adding-a-workspace.md). The reference is read beside
the email, and a workspace without a reference spot reads none.
*/
describe('the customer reference spots', () => {
  afterEach(() => page(''))

  it("Zendesk: the customer context's External ID, beside its email", () => {
    page(
      '<aside><span data-test-id="customer-context-email">dana@example.com</span><span data-test-id="customer-context-external-id">user-7431</span></aside>',
    )
    expect(readRequesterParts(spotsOf(ZENDESK.hosts))).toEqual({ email: 'dana@example.com', name: null, reference: 'user-7431' })
  })

  it("Freshdesk: the contact's Unique external ID, its value and not its title", () => {
    page(
      '<div data-test-id="requester-info-contact-unique_external_id"><div class="info-details-title">Unique external ID</div><div class="info-details-content">user-7431</div></div>',
    )
    expect(readRequesterParts(spotsOf(FRESHDESK.hosts)).reference).toBe('user-7431')
  })

  it("Intercom: the conversation details' User ID", () => {
    page('<div data-testid="conversation-details-user-id">user-7431</div>')
    expect(readRequesterParts(spotsOf(INTERCOM.hosts)).reference).toBe('user-7431')
  })

  it('a workspace without a reference spot reads none, whatever the page shows', () => {
    page(
      '<div data-testid="issue.views.field.user.reporter.name.wrapper">Jane Doe</div><span data-test-id="customer-context-external-id">user-7431</span>',
    )
    expect(readRequesterParts(spotsOf(JIRA_SERVICE_MANAGEMENT.hosts))).toEqual({ email: null, name: 'Jane Doe', reference: null })
  })
})
