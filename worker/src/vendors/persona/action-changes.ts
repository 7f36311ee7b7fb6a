/** The inquiries a case answer relates to: their lookup summaries show the case, so they change with it. */
export function relatedInquiries(body: unknown): string[] {
  const relationships = ((body as { data?: unknown } | null)?.data as { relationships?: Record<string, unknown> } | undefined)
    ?.relationships
  const related = Object.values(relationships ?? {}).flatMap((r) => {
    const data = (r as { data?: unknown } | null)?.data
    return Array.isArray(data) ? data : data ? [data] : []
  })
  return related.flatMap((item) =>
    item && typeof item === 'object' && (item as { type?: unknown }).type === 'inquiry' ? [String((item as { id: unknown }).id)] : [],
  )
}
