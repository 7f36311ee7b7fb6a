import { idTableOf } from '../content/scan/id-table-of.ts'

/** content/scan/id-table.ts, the module the in-page scanner reads its ID shapes from. */
const ID_TABLE_MODULE = /[/\\]content[/\\]scan[/\\]id-table\.ts$/

/** The module as the in-page scripts get it: the table as a literal, none of the shared registry's code. */
export const idTableModule = (): string => `export const ID_TABLE = ${JSON.stringify(idTableOf())}`

/**
 * The in-page builds' ID table (content/scan/id-table.ts), read from the shared registry at build
 * time: a new vendor adds data to the script every frame loads, not the registry's code.
 */
export const idTablePlugin = () => ({
  name: 'idv-lens-id-table',
  enforce: 'pre' as const,
  load: (id: string) => (ID_TABLE_MODULE.test(id) ? idTableModule() : null),
})
