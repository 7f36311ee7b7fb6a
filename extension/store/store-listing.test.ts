import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'

/*
The store material in this folder is checked against what the stores enforce and against the built
manifest: a permission added to wxt.config.ts without a line here fails, and so does a line for a
permission the manifest no longer asks for.
*/

const HERE = import.meta.dirname
const built = inject('builtExtensions')
const read = (file: string) => readFileSync(join(HERE, file), 'utf8')

/** The limits each store enforces on the short text (Chrome: the manifest description's 132). */
const SUMMARY_LIMITS = { 'Chrome Web Store': 132, 'addons.mozilla.org': 250 }
/** The Chrome Web Store's limit for the detailed description (the longest the stores take). */
const DESCRIPTION_LIMIT = 16_000

/** The text under `## heading` up to the next heading of that level or the end. */
function section(markdown: string, heading: string): string | null {
  const lines = markdown.split('\n')
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`)
  if (start < 0) return null
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '))
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
}

/** The permission names a justification section lists: one bullet per permission, "- `name`: why". */
function justified(markdown: string, heading: string): string[] {
  const body = section(markdown, heading) ?? ''
  // A line may justify several patterns together: "- `a`, `b`: why".
  return body.split('\n').flatMap((line) => {
    const names = /^- ((?:`[^`]+`, )*`[^`]+`): \S/.exec(line)?.[1]
    return names ? [...names.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) : []
  })
}

type Manifest = Partial<Record<'permissions' | 'optional_permissions' | 'host_permissions' | 'optional_host_permissions', string[]>>
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest

/**
 * The manifest's description in `lang`: the text itself, or a `__MSG_name__` reference resolved from
 * the build's `_locales/<lang>/messages.json` (null when the build has no such locale).
 */
function manifestDescription(dir: string, lang: string): string | null {
  const { description } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { description?: string }
  const reference = /^__MSG_(\w+)__$/.exec(description ?? '')
  if (!reference) return lang === 'en' ? (description ?? null) : null
  let messages: Record<string, { message: string }>
  try {
    messages = JSON.parse(readFileSync(join(dir, '_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>
  } catch {
    return null
  }
  // Message names are case-insensitive.
  const name = reference[1]!.toLowerCase()
  return Object.entries(messages).find(([key]) => key.toLowerCase() === name)?.[1].message ?? null
}

const KEYS = [
  ['permissions', 'Permissions'],
  ['optional_permissions', 'Optional permissions'],
  ['host_permissions', 'Host permissions'],
  ['optional_host_permissions', 'Optional host permissions'],
] as const

describe('the store descriptions', () => {
  it.each(['en', 'de'])("should keep the %s summary within every store's limit, on one line", (lang) => {
    const summary = section(read(`listing.${lang}.md`), 'Summary')
    expect(summary, `listing.${lang}.md has no "## Summary"`).toBeTruthy()
    expect(summary).not.toContain('\n')
    for (const [store, limit] of Object.entries(SUMMARY_LIMITS)) {
      expect(summary!.length, `${store} takes at most ${limit} characters`).toBeLessThanOrEqual(limit)
    }
  })

  // The Chrome Web Store shows the manifest's description as the summary: they must say the same.
  it("should be the built manifest's English description", () => {
    expect(manifestDescription(built.chrome, 'en')).toBe(section(read('listing.en.md'), 'Summary'))
  })

  it("should keep every locale's manifest description within the Chrome Web Store's 132 characters", () => {
    for (const lang of ['en', 'de']) {
      const description = manifestDescription(built.chrome, lang)
      if (description !== null) expect(description.length, `${lang} manifest description`).toBeLessThanOrEqual(132)
    }
  })

  it.each(['en', 'de'])('should have a %s description the stores accept, telling that a relay is needed', (lang) => {
    const description = section(read(`listing.${lang}.md`), 'Description')
    expect(description, `listing.${lang}.md has no "## Description"`).toBeTruthy()
    expect(description!.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT)
    expect(description).toMatch(/Relay/i)
  })
})

describe('the permission justifications', () => {
  const stores = [
    ['Chrome Web Store', 'permissions/chrome-web-store.md', built.chrome],
    ['Edge Add-ons', 'permissions/edge-add-ons.md', built.chrome], // the same package as Chrome's
    ['addons.mozilla.org', 'permissions/addons-mozilla-org.md', built.firefox],
  ] as const

  it.each(stores)('should justify exactly the permissions of the package %s gets', (_, file, dir) => {
    const manifest = manifestOf(dir)
    const doc = read(file)
    for (const [key, heading] of KEYS) {
      const wanted = [...(manifest[key] ?? [])].sort()
      expect(justified(doc, heading).sort(), `${file} "## ${heading}" against the manifest's ${key}`).toEqual(wanted)
    }
  })

  it('should give Chrome Web Store reviewers the single purpose and the remote-code answer', () => {
    const doc = read('permissions/chrome-web-store.md')
    expect(section(doc, 'Single purpose')).toBeTruthy()
    expect(section(doc, 'Remote code')).toMatch(/^No\./)
  })
})

/** `{com,eu}` in a documented pattern stands for each of its alternatives, as in a shell. */
const expandBraces = (pattern: string): string[] => {
  const m = /\{([^{}]*)\}/.exec(pattern)
  if (!m) return [pattern]
  return m[1]!.split(',').flatMap((alt) => expandBraces(pattern.slice(0, m.index) + alt + pattern.slice(m.index + m[0].length)))
}

// docs/permissions.md is what an admin or a security reviewer reads: its table names what the packages ask for.
describe('the permission table in docs/permissions.md', () => {
  const rows = readFileSync(join(HERE, '..', '..', 'docs', 'permissions.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Permission ') && !line.startsWith('|---'))
    .map((line) => line.split(' | ')[0]!.slice(2))
  const named = rows.map((cell) => /^`([^`]+)`/.exec(cell)?.[1]).filter((name): name is string => name !== undefined)
  const hostPatterns = (label: string) =>
    rows
      .filter((cell) => cell.startsWith(`${label} \``))
      .flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].flatMap((m) => expandBraces(m[1]!)))

  it('should have a row for every permission of each package, and none it does not ask for', () => {
    const asked = new Set(
      [built.chrome, built.firefox].flatMap((dir) => [
        ...(manifestOf(dir).permissions ?? []),
        ...(manifestOf(dir).optional_permissions ?? []),
      ]),
    )
    expect(asked.size).toBeGreaterThan(3)
    expect([...asked].filter((p) => !named.includes(p))).toEqual([])
    // `commands` is a manifest key the table explains too; it prompts for nothing.
    expect(named.filter((p) => p !== 'commands' && !asked.has(p))).toEqual([])
  })

  it('should list exactly the host permissions and optional host permissions of the packages', () => {
    for (const [label, key] of [
      ['host permissions', 'host_permissions'],
      ['optional host permissions', 'optional_host_permissions'],
    ] as const) {
      const wanted = [...new Set([...(manifestOf(built.chrome)[key] ?? []), ...(manifestOf(built.firefox)[key] ?? [])])].sort()
      expect(hostPatterns(label).sort(), `docs/permissions.md "${label}" against the manifests' ${key}`).toEqual(wanted)
    }
  })
})

describe('the built manifests', () => {
  // "Read data you copy and paste" at every install and update, for a check the agent may not want:
  // asked for on the agent's click instead (lib/copy-check.ts), so the install shows no such warning.
  it.each([
    ['Chrome and Edge', built.chrome],
    ['Firefox', built.firefox],
  ])('should ask for clipboardRead in the %s package only as an optional permission', (_, dir) => {
    const manifest = manifestOf(dir)
    expect(manifest.permissions).not.toContain('clipboardRead')
    expect(manifest.optional_permissions).toEqual(['clipboardRead'])
  })
})
