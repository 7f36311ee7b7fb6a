import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { idTableModule } from '../src/build/id-table-literal.ts'

/*
The eager content script's parts, each bundled and minified on its own with the others left out, so
a review sees what each costs (printed by eager-parts.test.ts). The shapes table is what a new vendor
adds to every frame; the scanner is the only code that must run before a frame's first mark.
*/

const SRC = fileURLToPath(new URL('../src/', import.meta.url))
/** The bundler WXT builds with (through Vite), from the extension's own dependencies. */
const rolldownPath = () =>
  createRequire(createRequire(import.meta.url).resolve('wxt'))
    .resolve('vite')
    .replace(/vite[/\\]dist[/\\].*$/, '')

export const gzipped = (code: string | Buffer) => gzipSync(code, { level: 9 }).length

/** Each part's entry: what it exports is what the eager script uses of it. */
const PART_ENTRIES = {
  scanner: [
    `export { createPageScan } from '${SRC}content/page-scan.ts'`,
    `export { countWhileParsing } from '${SRC}content/scan/early-count.ts'`,
    `export { whenParsed, afterFirstFrame } from '${SRC}content/page-follower.ts'`,
    `export { createMarkStore } from '${SRC}content/marks/mark-store.ts'`,
  ],
  messaging: [`export { defineExtensionMessaging } from '${SRC}lib/in-page-messaging.ts'`],
}
/** What every part leaves to the others: the table, the messaging, WXT. */
const EXTERNAL = [/[/\\]id-table\.ts$/, /in-page-messaging|@webext-core/, /^#imports$/, /^wxt/]

/** What is used here of rolldown's API (not a dependency of ours: WXT's, through Vite). */
type Plugin = { name: string; resolveId(id: string): string | null; load(id: string): string | null }
type Rolldown = {
  rolldown(options: {
    input: string
    external(id: string): boolean
    plugins: Plugin[]
    transform: { define: Record<string, string> }
    logLevel: 'silent'
  }): Promise<{
    generate(options: { format: 'esm'; minify: true }): Promise<{ output: { code: string }[] }>
    close(): Promise<void>
  }>
}

export type PartSize = { part: string; bytes: number; gzip: number }

async function bundled(entry: string[]): Promise<string> {
  const { rolldown } = (await import(createRequire(rolldownPath()).resolve('rolldown'))) as Rolldown
  const bundle = await rolldown({
    input: 'part-entry',
    // The part's own modules stay in: only what another part brings is left out.
    external: (id) => !entry.some((line) => line.includes(id)) && EXTERNAL.some((re) => re.test(id)),
    plugins: [
      {
        name: 'part-entry',
        resolveId: (id) => (id === 'part-entry' ? id : null),
        load: (id) => (id === 'part-entry' ? entry.join('\n') : null),
      },
    ],
    transform: { define: { __IDV_LENS_INSTRUMENTATION__: 'false' } },
    logLevel: 'silent',
  })
  const { output } = await bundle.generate({ format: 'esm', minify: true })
  await bundle.close()
  return output[0]?.code ?? ''
}

/** The parts' sizes, each minified on its own (the bundler's module glue included, so a little above its share of the script). */
export async function eagerPartSizes(): Promise<PartSize[]> {
  const sizes: PartSize[] = []
  for (const [part, entry] of Object.entries(PART_ENTRIES)) {
    const code = await bundled(entry)
    sizes.push({ part, bytes: code.length, gzip: gzipped(code) })
  }
  const table = idTableModule()
  sizes.push({ part: 'shapes table', bytes: table.length, gzip: gzipped(table) })
  return sizes
}
