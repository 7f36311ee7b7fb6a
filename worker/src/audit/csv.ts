/**
 * One CSV cell, safe to open in a spreadsheet: a value starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is read as a formula by Excel, LibreOffice and Sheets, so it gets a leading `'`
 * (OWASP's CSV injection advice); then RFC 4180 quoting when the value holds a comma, a quote or a
 * line break (quotes doubled). Numbers are written as they are: they cannot be formulas.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One CSV record, CRLF-terminated as RFC 4180 has it. */
export const csvLine = (cells: (string | number | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`
