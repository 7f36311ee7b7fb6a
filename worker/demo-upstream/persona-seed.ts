/**
 * Seeded Persona environment: inquiries with their sessions, verifications and events.
 *
 * Each inquiry's whole lifecycle is planned first (persona-lifecycle.ts; all random draws happen there,
 * so the same seed gives the same data whatever the anchor), then cut at the anchor (persona-cut.ts):
 * anything planned after "now" hasn't happened yet, which is what makes the newest inquiries
 * `created`/`pending` and their sessions `active`.
 */
import { cutAtAnchor } from './persona-cut.ts'
import { personaFixture } from './persona-fixture.ts'
import { planInquiry, type Owner, type Planned } from './persona-lifecycle.ts'
import { seedCases } from './persona-seed-cases.ts'
import { makePerson } from './persona-seed-people.ts'
import { personaStory } from './persona-story.ts'
import type { Account, Case, Inquiry, InquirySession, PersonaEvent, Verification } from './persona-types.ts'
import { createRng, type Rng } from './prng.ts'
import { DAY, descendingAges, MINUTE, SECOND, untie } from './timeline.ts'

export { LONG_INQUIRY_IDS_SINCE } from './persona-lifecycle.ts'

export interface PersonaData {
  environmentId: string
  organizationId: string
  /** Newest first, like every Persona list. */
  inquiries: Inquiry[]
  inquirySessions: InquirySession[]
  verifications: Verification[]
  events: PersonaEvent[]
  accounts: Account[]
  cases: Case[]
}

export const GENERATED_INQUIRIES = 1999 // + the fixture = 2,000

export function seedPersona(seed: number, anchor: number): PersonaData {
  const rng = createRng(seed ^ 0x9e3779b9)
  const environmentId = `env_${rng.base58(24)}`
  const organizationId = `org_${rng.base58(24)}`
  const ages = descendingAges(rng, GENERATED_INQUIRIES, {
    newestMs: 2 * MINUTE,
    spacingMs: 90 * SECOND,
    tailMs: 1350 * DAY,
    power: 3,
    granularityMs: SECOND,
  })

  const accounts: Owner[] = []
  const planned: Planned[] = []
  for (const age of ages) {
    const createdAt = anchor - age
    // Returning customers: about one inquiry in five belongs to an account that already has one.
    const existing = accounts.length > 0 && rng.chance(0.2) ? rng.pick(accounts) : null
    const draft = existing ?? newAccount(rng, createdAt)
    if (!existing) accounts.push(draft)
    const [plan, context] = planInquiry(rng, createdAt, draft)
    planned.push(cutAtAnchor(plan, context, anchor))
  }

  const fixture = personaFixture(anchor)
  planned.push({ inquiry: fixture.inquiry, sessions: fixture.sessions, verifications: fixture.verifications, events: fixture.events })
  const story = personaStory(anchor)
  if (story) planned.push(...story.planned)

  const inquiries = planned.map((p) => p.inquiry)
  const inquirySessions = planned.flatMap((p) => p.sessions)
  const verifications = planned.flatMap((p) => p.verifications)
  const events = planned.flatMap((p) => p.events)
  const pinned = (item: { id: string }): boolean => fixture.pinned.has(item.id) || (story?.pinned.has(item.id) ?? false)
  newestFirst(inquiries, SECOND, pinned)
  newestFirst(inquirySessions, SECOND, pinned)
  newestFirst(verifications, SECOND, pinned)

  // Cases follow from the inquiries as they stand at the anchor (persona-seed-cases.ts).
  const seeded = seedCases(seed, inquiries, new Map(verifications.map((v) => [v.id, v])), anchor, (id) => story?.pinned.has(id) ?? false)
  const cases = [...seeded.cases, ...(story?.cases ?? [])]
  events.push(...seeded.events, ...(story?.events ?? []))
  newestFirst(cases, SECOND, pinned)
  newestFirst(events, 1, pinned)

  // An account is as old as its first inquiry and mirrors that inquiry's collected fields.
  const byAccount = new Map<string, Inquiry>()
  for (const inquiry of inquiries) byAccount.set(inquiry.accountId, inquiry) // last write = oldest
  const accountList = story ? [fixture.account, story.account] : [fixture.account]
  for (const { account } of accounts) {
    const first = byAccount.get(account.id)
    if (!first) continue
    accountList.push({ ...account, createdAt: first.createdAt, sourceInquiryId: first.id })
  }
  accountList.sort((a, b) => b.createdAt - a.createdAt)

  return { environmentId, organizationId, inquiries, inquirySessions, verifications, events, accounts: accountList, cases }
}

function newestFirst<T extends { createdAt: number }>(items: T[], stepMs: number, pinned: (item: T) => boolean): void {
  items.sort((a, b) => a.createdAt - b.createdAt)
  untie(
    items,
    (i) => i.createdAt,
    (i, ms) => {
      i.createdAt = ms
    },
    stepMs,
    pinned,
  )
  items.reverse()
}

function newAccount(rng: Rng, createdAt: number): Owner {
  const referenceId = rng.chance(0.88) ? (rng.chance(0.6) ? `user-${rng.int(10000, 99999)}` : `cust_${rng.base58(12)}`) : null
  return {
    account: { id: `act_${rng.base58(24)}`, referenceId, createdAt, sourceInquiryId: '' },
    person: makePerson(rng, createdAt),
  }
}
