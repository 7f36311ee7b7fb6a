/** What loads eagerly (issue 76): room is kept for vendors, whose ID shapes come as rows of data. */
export const EAGER_LIMIT_GZIP = 12_000
/** Each part's budget (gzip, minified on its own: eager-parts.ts), so the next vendor's cost shows in review. */
export const PART_BUDGETS_GZIP: Readonly<Record<string, number>> = { scanner: 7_450, messaging: 650, 'shapes table': 600 }
/** What one kind of ID may add to every frame's script: its row of the shapes table. */
export const ROW_LIMIT_GZIP = 80
