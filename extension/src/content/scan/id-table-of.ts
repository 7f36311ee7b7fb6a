import { dashboardUrl, ID_SHAPES, type IdKind } from '@idv-lens/shared/ids'

/**
 * One kind of ID as the in-page scripts read it: the literal it starts with (null: a UUID), its
 * exact pattern's source (anchored, no flags), whether its case carries no meaning, and its page in
 * the vendor's dashboard (host and path, the ID follows).
 */
export type IdRow = [kind: IdKind, prefix: string | null, exact: string, caseless: boolean, page: string]
/** The ID shapes as data, and the dashboards' test-mode path prefixes by host. */
export type IdTable = { rows: IdRow[]; testModes: [host: string, prefix: string][] }

const SAMPLE = 'ID'
/** `https://host/path/ID` → `host/path/`. */
const pageOf = (url: string) => url.slice('https://'.length, -SAMPLE.length)

/**
 * The table, read from the shared registry through its exports (ID_SHAPES, dashboardUrl): the build
 * puts it into the in-page scripts as a literal (wxt.config.ts), so a new vendor adds a row of data
 * to every frame's script, no code.
 */
export function idTableOf(): IdTable {
  const rows = ID_SHAPES.map((s): IdRow => [s.kind, s.prefix, s.exact.source, s.caseless, pageOf(dashboardUrl(s.kind, SAMPLE))])
  const testModes = new Map<string, string>()
  for (const [kind, , , , page] of rows) {
    const test = pageOf(dashboardUrl(kind, SAMPLE, { testMode: true }))
    const host = page.split('/', 1)[0] ?? ''
    if (test !== page) testModes.set(host, test.slice(host.length, test.length - page.length + host.length))
  }
  return { rows, testModes: [...testModes] }
}
