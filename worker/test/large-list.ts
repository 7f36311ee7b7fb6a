/** A Persona list of 100 inquiries, about 4.8 MB: large, allowed, the documented envelope. */
export function largePersonaList(bytes = 4.8 * 1024 * 1024) {
  const per = Math.max(0, Math.floor(bytes / 100) - 120)
  return {
    data: Array.from({ length: 100 }, (_, i) => ({
      type: 'inquiry',
      id: `inq_${String(i).padStart(24, '0')}`,
      attributes: { status: 'approved', 'reference-id': `ref-${i}`, notes: 'x'.repeat(per) },
    })),
    links: { prev: null, next: null },
  }
}
