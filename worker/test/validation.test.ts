import { describe, expect, it } from 'vitest'
import { problemOf, testRelay } from './helpers.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const enc = (s: string) => s.replace(/\[/g, '%5B').replace(/\]/g, '%5D')

// Every row: the request, and the parameter the 400 must name. None may cost an upstream call.
const BAD_INPUT: [string, string, Record<string, string>?][] = [
  ['/v1/persona/inquiries?page[size]=0', 'page[size]'],
  ['/v1/persona/inquiries?page[size]=101', 'page[size]'],
  ['/v1/persona/inquiries?page[size]=ten', 'page[size]'],
  ['/v1/persona/inquiries?page[size]=1&page[size]=2', 'page[size]'],
  ['/v1/persona/inquiries?page[after]=inq_short', 'page[after]'],
  ['/v1/persona/inquiries?page[before]=evt_o9byQRbjygu76Jbtea9wuJ1boP7a', 'page[before]'],
  ['/v1/persona/inquiries?filter[status]=approved;drop', 'filter[status]'],
  ['/v1/persona/inquiries?filter[created-at-start]=yesterday', 'filter[created-at-start]'],
  ['/v1/persona/inquiries?filter[created-at-end]=2025-13-45', 'filter[created-at-end]'],
  ['/v1/persona/inquiries?filter[inquiry-id]=inq_zEx4jL84ShbUyuwX6AzPSqt6,nope', 'filter[inquiry-id]'],
  ['/v1/persona/inquiries?filter[note]=x&filter[status]=approved', 'filter[note]'],
  // A search of the notes the relay never shows: a guesser's yes or no.
  ['/v1/persona/inquiries?filter[note]=dana.customer@example.com', 'filter[note]'],
  ['/v1/persona/inquiries?filter[unknown]=1', 'filter[unknown]'],
  ['/v1/persona/inquiries?include=sessions', 'include'],
  ['/v1/persona/inquiries?foo=bar', 'foo'],
  [`/v1/persona/inquiries/${INQ}?include=passwords`, 'include'],
  [`/v1/persona/inquiries/${INQ}?page[size]=5`, 'page[size]'],
  ['/v1/persona/inquiries/inq_tooShort', 'id'],
  ['/v1/persona/inquiries/iqse_T8PrqpoEhwhUV1wHReuU9ofs', 'id'],
  ['/v1/persona/inquiry-sessions?fields[inquiry-session]=status', 'fields[inquiry-session]'],
  ['/v1/persona/inquiry-sessions/inq_zEx4jL84ShbUyuwX6AzPSqt6', 'id'],
  ['/v1/persona/events?filter[object-id]=DROP TABLE', 'filter[object-id]'],
  ['/v1/persona/events?filter[created-at-start]=2025-01-01', 'filter[created-at-start]'],
  ['/v1/persona/events/evt_x', 'id'],
  ['/v1/persona/events', 'key-inflection', { 'key-inflection': 'shouty' }],
  ['/v1/persona/events', 'persona-version', { 'persona-version': '2019-01-01' }],
  ['/v1/deepidv/sessions?limit=0', 'limit'],
  ['/v1/deepidv/sessions?limit=501', 'limit'],
  ['/v1/deepidv/sessions?start_date=not-a-date', 'start_date'],
  ['/v1/deepidv/sessions?end_date=2025-02-30T99:00:00Z', 'end_date'],
  ['/v1/deepidv/sessions?by_organization=yes', 'by_organization'],
  ['/v1/deepidv/sessions?next_token=%3Cscript%3E', 'next_token'],
  ['/v1/deepidv/sessions?status=VERIFIED', 'status'],
  ['/v1/deepidv/sessions/not-a-uuid', 'id'],
  ['/v1/deepidv/sessions/a1b2c3d4-e5f6-7890-abcd-ef1234567890?include=user', 'include'],
  ['/v1/lookup', 'ids'],
  ['/v1/lookup?ids=', 'ids'],
  ['/v1/lookup?ids=hello', 'ids'],
  ['/v1/lookup?ids=inq_zEx4jL84ShbUyuwX6AzPSqt6&extra=1', 'extra'],
]

describe('bad input', () => {
  it.each(BAD_INPUT)('GET %s → 400 naming %s, with no upstream call', async (path, parameter, headers) => {
    const relay = testRelay()
    const res = await relay.get(enc(path), { headers })
    expect(res.status, await res.clone().text()).toBe(400)
    const problem = await problemOf(res)
    expect(problem).toMatchObject({ code: 'bad-request', status: 400, parameter })
    expect(problem.detail).toContain(parameter)
    expect((await relay.upstreamCalls()).total).toBe(0)
  })

  it('refuses more than 100 IDs in one lookup', async () => {
    const relay = testRelay()
    const ids = Array.from({ length: 101 }, (_, i) => `evt_${String(i).padStart(24, 'A')}`)
    const res = await relay.get(`/v1/lookup?ids=${ids.join(',')}`)
    expect(res.status).toBe(400)
    expect((await problemOf(res)).parameter).toBe('ids')
    expect((await relay.upstreamCalls()).total).toBe(0)
  })
})
