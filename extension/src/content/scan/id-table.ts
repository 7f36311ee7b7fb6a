import { idTableOf, type IdTable } from './id-table-of.ts'

/**
 * The ID shapes the in-page scanner reads (id-scan.ts). The in-page builds replace this module with
 * the table as a literal (idTablePlugin in wxt.config.ts): the shared registry's code stays out of
 * every frame's script.
 */
export const ID_TABLE: IdTable = idTableOf()
