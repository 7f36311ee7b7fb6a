// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { readRequester } from '../content/requester/read-requester.ts'
import { FRESHDESK } from './freshdesk.ts'
import { JIRA_SERVICE_MANAGEMENT } from './jira-service-management.ts'
import { REQUESTER_SPOTS } from './requester-spots.ts'

const spotsOf = (hosts: readonly string[]) => REQUESTER_SPOTS.find((entry) => entry.hosts === hosts)!
const page = (html: string) => (document.body.innerHTML = html)

/*
Each workspace's requester as public scripts that read these pages find it (the markup they query,
trimmed to it): the spots must read the same value there.
*/
describe('the requester spots on the markup public scripts read', () => {
  afterEach(() => page(''))

  it("Freshdesk: the requester widget's contact email, else the requester's user name", () => {
    page('<div data-test-id="requester-info-contact-email"><div class="info-details-title">Email</div><div class="info-details-content">jane@doe.com</div></div>')
    expect(readRequester(spotsOf(FRESHDESK.hosts))).toEqual({ field: 'email', value: 'jane@doe.com' })
    page('<div class="requester-wrap"><span data-test-id="user-name">Jane Doe</span></div>')
    expect(readRequester(spotsOf(FRESHDESK.hosts))).toEqual({ field: 'name', value: 'Jane Doe' })
  })

  it("Jira Service Management: the Reporter field's name, not the field around it", () => {
    page('<div data-testid="issue.views.field.user.reporter"><span aria-hidden="true">JD</span><span data-testid="issue.views.field.user.reporter.name.wrapper">Jane Doe</span></div>')
    expect(readRequester(spotsOf(JIRA_SERVICE_MANAGEMENT.hosts))).toEqual({ field: 'name', value: 'Jane Doe' })
  })
})
