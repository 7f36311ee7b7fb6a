import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { describe, expect, it } from 'vitest'
import { VENDORS } from '../../worker/src/vendors/index.ts'
import { WEBHOOK_VENDORS } from '../harness/demo-vendors.ts'
import { REPO_ROOT } from '../harness/stack.ts'

/*
What one half of a vendor promises the others: a relay that takes its webhooks has a demo that sends
them (npm run dev shows them live) and words for its events in the extension; and the harness that
starts the stacks derives its vendors, naming none. Each fails for a vendor left half done.
*/
const source = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8')
const takesWebhooks = VENDOR_NAMES.filter((name) => VENDORS[name].webhook !== null)

/** The files that start stacks and their vendors: each derives them (test/harness/demo-vendors.ts). */
const DERIVING = [
  'test/harness/stack.ts',
  'test/harness/demo-vendors.ts',
  'test/harness/live.ts',
  'test/scripts/dev.ts',
  'worker/test/helpers.ts',
]

describe("a vendor's halves", () => {
  it('has a demo that signs the webhooks its relay takes', () => {
    expect(takesWebhooks.length).toBeGreaterThan(0)
    expect(takesWebhooks.filter((name) => !WEBHOOK_VENDORS.includes(name))).toEqual([])
  })

  it("has its events in words in the extension where its relay takes webhooks (the live feed's lines)", () => {
    const wordless = takesWebhooks.filter((name) => !/^\s+events: /m.test(source(`extension/src/vendors/${name}/${name}.ts`)))
    expect(wordless).toEqual([])
  })

  it.each(DERIVING)('%s names no vendor, nor a vendor variable', (path) => {
    const text = source(path)
    const named = VENDOR_NAMES.flatMap((name) => [
      ...(text.match(new RegExp(`['"\`]${name}['"\`]`, 'g')) ?? []),
      ...(text.match(new RegExp(`\\b${name.toUpperCase()}_[A-Z_]+`, 'g')) ?? []),
    ])
    expect(named).toEqual([])
  })
})
