import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { describe, expect, it } from 'vitest'
import { VENDORS } from '../../worker/src/vendors/index.ts'
import { REPO_ROOT } from '../harness/stack.ts'

/*
An admin finds every setting the relay reads: the team's in docs/configuration.md, each vendor's (its
keys, base, budget, environment, webhook secrets, its actions) in the Settings section of its page
under docs/vendors/. The names come from wrangler.toml and the vendors' registry, so a vendor added or
a variable renamed without its docs fails here, and no vendor's rows sit in the central page.
*/
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8')
const wrangler = read('wrangler.toml')
const topLevel = wrangler.slice(0, wrangler.search(/^\[env\./m))

const VARIABLES = [...(topLevel.match(/^\[vars\]\n[\s\S]*?(?=^\[)/m)?.[0].matchAll(/^([A-Z][A-Z0-9_]*) =/gm) ?? [])].map((m) => m[1]!)
const SECRETS = JSON.parse(topLevel.match(/^\[secrets\]\nrequired = (\[.*\])$/m)?.[1] ?? '[]') as string[]
const NAMES = [...VARIABLES, ...SECRETS]

const prefixOf = (vendor: string) => `${vendor.toUpperCase()}_`
const ownerOf = (name: string) => VENDOR_NAMES.find((vendor) => name.startsWith(prefixOf(vendor))) ?? null

/** What the registry says the relay reads for a vendor, and the actions ACTIONS may name. */
function registered(vendor: (typeof VENDOR_NAMES)[number]) {
  const v = VENDORS[vendor]
  const names = [v.keySecret, v.signingSecret, v.actionsKeySecret, v.baseVariable, v.environmentVariable, ...(v.webhook?.secrets ?? [])]
  return { names: names.filter((n): n is string => typeof n === 'string'), actions: v.actions.map((a) => a.key) }
}

/** A page's `## Settings` section, up to the next heading of its level. */
function settingsOf(page: string): string {
  return read(page).match(/^## Settings\n[\s\S]*?(?=^## |(?![\s\S]))/m)?.[0] ?? ''
}

/** The pages on settings for the whole team, which a new vendor must not have to edit. */
const TEAM_PAGES = ['docs/configuration.md', 'docs/budget.md', 'docs/live-events.md']

const mentions = (text: string, name: string) => new RegExp(`\`${name}\``).test(text)

describe('the settings an admin reads', () => {
  it('finds the variables and secrets in wrangler.toml, and every vendor among them', () => {
    expect(VARIABLES).toContain('ACTIONS')
    expect(SECRETS).toContain('AGENT_TOKENS')
    expect(VENDOR_NAMES.filter((vendor) => !NAMES.some((name) => ownerOf(name) === vendor))).toEqual([])
  })

  it('lists each team-wide variable and secret in docs/configuration.md', () => {
    const page = read('docs/configuration.md')
    expect(NAMES.filter((name) => ownerOf(name) === null && !mentions(page, name))).toEqual([])
  })

  it.each(VENDOR_NAMES)("lists %s's variables, secrets and actions in its page's Settings", (vendor) => {
    const settings = settingsOf(`docs/vendors/${vendor}.md`)
    const { names, actions } = registered(vendor)
    const own = new Set([...NAMES.filter((name) => ownerOf(name) === vendor), ...names])
    expect([...own, ...actions].filter((name) => !mentions(settings, name))).toEqual([])
  })

  it.each(VENDOR_NAMES.filter((vendor) => VENDORS[vendor].webhook !== null))(
    "names %s's webhook receiver in its page's Settings",
    (vendor) => {
      expect(settingsOf(`docs/vendors/${vendor}.md`)).toContain(`/webhooks/${vendor}`)
    },
  )

  it.each(TEAM_PAGES)('keeps no vendor variable in %s: each sits with its vendor', (page) => {
    const text = read(page)
    const named = VENDOR_NAMES.flatMap((vendor) => text.match(new RegExp(`\\b${prefixOf(vendor)}[A-Z0-9_]+`, 'g')) ?? [])
    expect(named).toEqual([])
  })
})
