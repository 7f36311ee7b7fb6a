/**
 * A message as the tests name it: `listRecords` by its list (`list:inquiries`), `getRecord` by its
 * kind (`get:persona-inquiry`), every other message by its type.
 */
export function messageName(type: string, req: unknown): string {
  const r = (req ?? {}) as { list?: unknown; kind?: unknown }
  if (type === 'listRecords') return `list:${String(r.list)}`
  if (type === 'getRecord') return `get:${String(r.kind)}`
  return type
}
