/**
 * The part of D1's API the audit uses. Declared here rather than taken from the Workers globals so
 * the packages that type-check against the relay's contract (the extension, test/) need no Workers
 * types; a real `D1Database` satisfies it.
 */
export interface AuditStatement {
  bind(...values: unknown[]): AuditStatement
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>
}

export interface AuditDatabase {
  prepare(query: string): AuditStatement
  batch(statements: AuditStatement[]): Promise<{ meta: { changes?: number } }[]>
}
