import { describe, expect, it } from 'vitest'
import { ID_PATTERNS } from './patterns.ts'
import { ID_EXAMPLES } from './id-examples.ts'
import { classifyId, mayContainIds, scanIds, uniqueIds, type IdMatch } from './scan.ts'

const SUFFIX = 'zEx4jL84ShbUyuwX6AzPSqt6KS4CcnPpcSaGdU4Fpbg6'
const suffix = (length: number) => SUFFIX.slice(0, length)

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const INQ28 = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const IQSE = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const EVT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
const UUID_UPPER = '3F2504E0-4F89-41D3-9A0C-0305E82C3301'

const values = (matches: IdMatch[]) => matches.map((m) => m.value)

describe('scanIds near misses', () => {
  // Each of these is "almost an ID". If one starts matching, the scanner has become too loose:
  // agents would see badges on text that is not an ID (the complaint users of linkifiers raise most,
  // e.g. https://github.com/helmus/Jira-Hot-Linker/issues/6).
  it.each([
    ['suffix too short (23)', `inq_${suffix(23)}`],
    ['suffix between the two lengths (25)', `inq_${suffix(25)}`],
    ['suffix between the two lengths (27)', `inq_${suffix(27)}`],
    ['suffix too long (29)', `inq_${suffix(29)}`],
    ['suffix too long (30): no 28-character match inside it', `inq_${suffix(30)}`],
    ['event suffix too long (32)', `evt_${suffix(32)}`],
    ['session suffix too short (20)', `iqse_${suffix(20)}`],
    ['spec placeholder', 'inq_ABC123'],
    ['prefix only', 'inq_'],
    ['session prefix only', 'iqse_'],
    ['event prefix only', 'evt_ and more'],
    ['hyphen inside the suffix', `inq_${suffix(12)}-${suffix(12)}`],
    ['dot inside the suffix', `inq_${suffix(12)}.${suffix(12)}`],
    ['space inside the suffix', `inq_${suffix(12)} ${suffix(12)}`],
    ['non-ASCII letter inside the suffix', `inq_${suffix(12)}é${suffix(11)}`],
    ['glued to a letter before', `x${INQ}`],
    ['glued to a digit before', `2${INQ}`],
    ['glued to an underscore before (my_inq_…)', `my_${INQ}`],
    ['glued to an underscore after', `${INQ}_v2`],
    ['glued to a letter after (a 29-character suffix)', `${INQ28}x`],
    ['glued on both sides', `a${IQSE}b`],
    ['two IDs without a separator', `${INQ}${INQ}`],
    ['uppercase prefix', `INQ_${suffix(24)}`],
    ['capitalised prefix', `Inq_${suffix(24)}`],
    ['uppercase event prefix', `EVT_${suffix(28)}`],
    ['a longer prefix', `inqs_${suffix(24)}`],
    ['a shorter prefix', `iqs_${suffix(24)}`],
    ['a Persona prefix we do not look up (account)', `act_${suffix(24)}`],
    ['hyphen instead of underscore', `inq-${suffix(24)}`],
    ['no underscore', `inq${suffix(24)}`],
    ['UUID with a 7-digit first group', '1b2c3d4-e5f6-7890-abcd-ef1234567890'],
    ['UUID with a 9-digit first group', '0a1b2c3d4-e5f6-7890-abcd-ef1234567890'],
    ['UUID with a 3-digit middle group', 'a1b2c3d4-e5f-7890-abcd-ef1234567890'],
    ['UUID with a 5-digit middle group', 'a1b2c3d4-e5f6-78901-abcd-ef1234567890'],
    ['UUID with an 11-digit last group', 'a1b2c3d4-e5f6-7890-abcd-ef123456789'],
    ['UUID with a 13-digit last group', 'a1b2c3d4-e5f6-7890-abcd-ef12345678901'],
    ['UUID with a non-hex digit', 'a1b2c3d4-e5f6-7890-abcd-ef123456789g'],
    ['UUID without dashes', 'a1b2c3d4e5f67890abcdef1234567890'],
    ['UUID with underscores', 'a1b2c3d4_e5f6_7890_abcd_ef1234567890'],
    ['UUID followed by another group', `${UUID}-1234`],
    ['UUID preceded by another group', `1234-${UUID}`],
    ['UUID followed by a dash', `${UUID}-`],
    ['UUID glued to a letter before', `x${UUID}`],
    ['UUID glued to a letter after', `${UUID}x`],
    ['UUID glued to an underscore', `_${UUID}`],
    ['two UUIDs joined by a dash', `${UUID}-${UUID}`],
  ])('should find nothing in %s', (_why, text) => {
    expect(values(scanIds(text, { uuids: true })), `"${text}" is not an ID: the scanner is too loose`).toEqual([])
    expect(classifyId(text), `"${text}" is not an ID: an \`exact\` pattern is too loose`).toBeNull()
  })

  it('should find bare UUIDs only when asked to', () => {
    const text = `deepidv session ${UUID} for ${INQ}`
    expect(values(scanIds(text))).toEqual([INQ])
    expect(values(scanIds(text, { uuids: false }))).toEqual([INQ])
    expect(values(scanIds(text, { uuids: true }))).toEqual([UUID, INQ])
    // classifyId judges one value someone already chose, so it always knows UUIDs.
    expect(classifyId(UUID)).toBe('deepidv-session')
  })

  it('should not trim when classifying one value', () => {
    for (const padded of [` ${INQ}`, `${INQ} `, `${INQ}\n`, `\t${UUID}`]) expect(classifyId(padded)).toBeNull()
  })

  // Bounded quantifiers only, so no catastrophic backtracking; these would hang otherwise.
  it('should get through adversarial inputs', () => {
    const runs = ['inq_'.repeat(250_000), `inq_${'a'.repeat(1_000_000)}`, 'a1b2c3d4-'.repeat(100_000), '-'.repeat(1_000_000)]
    for (const text of runs) expect(scanIds(text, { uuids: true })).toEqual([])
  })
})

describe('scanIds in context', () => {
  // Where agents meet IDs: tickets, pasted links, JSON, logs. Each must yield exactly the IDs listed.
  it.each([
    ['a sentence', `Customer says ${INQ} failed twice.`, [INQ]],
    ['the start and the end', `${INQ} then ${EVT}`, [INQ, EVT]],
    ['parentheses', `(${INQ})`, [INQ]],
    ['brackets and braces', `[${EVT}] {${IQSE}}`, [EVT, IQSE]],
    ['angle brackets and HTML', `<${INQ}> <td>${INQ28}</td>`, [INQ, INQ28]],
    ['double quotes', `"${INQ}"`, [INQ]],
    ['single quotes', `'${INQ}'`, [INQ]],
    ['backticks', `\`${INQ}\``, [INQ]],
    ['typographic quotes', `“${INQ}” «${IQSE}»`, [INQ, IQSE]],
    ['a trailing period', `See ${INQ}.`, [INQ]],
    ['a comma-separated list', `${INQ}, ${INQ28} and ${IQSE}.`, [INQ, INQ28, IQSE]],
    ['a colon and a semicolon', `inquiry:${INQ};`, [INQ]],
    ['a hyphen, which is punctuation for Persona IDs', `export-${INQ}.pdf`, [INQ]],
    ['a Persona dashboard link', `https://app.withpersona.com/dashboard/inquiries/${INQ}`, [INQ]],
    ['a link with a trailing slash and a query', `https://app.withpersona.com/dashboard/inquiries/${INQ}/?tab=1`, [INQ]],
    ['a query string', `https://app.withpersona.com/dashboard/inquiries?inquiry-id=${INQ}&env=sandbox`, [INQ]],
    ['a session link', `https://app.withpersona.com/dashboard/inquiry-sessions/${IQSE}#devices`, [IQSE]],
    ['a percent-encoded list', `/api/v1/inquiries?filter%5Binquiry-id%5D=${INQ}%2C${INQ28}`, [INQ, INQ28]],
    ['a percent-encoded path', `?next=%2Fdashboard%2Finquiries%2F${INQ}`, [INQ]],
    ['JSON', `{"id":"${INQ}","type":"inquiry"}`, [INQ]],
    ['nested JSON', `{"data":{"id":"${EVT}","payload":{"data":{"id":"${INQ}"}}}}`, [EVT, INQ]],
    ['a curl command', `curl -H "Authorization: Bearer $KEY" https://api.withpersona.com/api/v1/inquiries/${INQ}`, [INQ]],
    ['a log line', `2024-05-01T12:00:00Z INFO inquiry=${INQ} session=${IQSE} status=approved`, [INQ, IQSE]],
    ['newlines and CRLF', `first\n${INQ}\nsecond\r\n${EVT}\r\n`, [INQ, EVT]],
    ['tabs', `${INQ}\t${IQSE}`, [INQ, IQSE]],
    ['Markdown', `**${INQ}** [open](https://app.withpersona.com/dashboard/inquiries/${INQ28})`, [INQ, INQ28]],
    ['CJK text without spaces', `照会${INQ}を確認`, [INQ]],
    ['an emoji before it (UTF-16 offsets)', `🔎 ${INQ} 🔎${EVT}`, [INQ, EVT]],
    ['a UUID in a sentence', `deepidv session ${UUID} failed`, [UUID]],
    ['a UUID in a deepidv link', `https://app.deepidv.com/sessions/${UUID}`, [UUID]],
    ['an uppercase UUID in braces', `{${UUID_UPPER}}`, [UUID_UPPER]],
    ['a UUID in JSON', `{"session_id":"${UUID}","status":"VERIFIED"}`, [UUID]],
    ['a UUID in a percent-encoded path', `%2Fsessions%2F${UUID}`, [UUID]],
    ['mixed kinds in text order', `${EVT} ${UUID} ${INQ}`, [EVT, UUID, INQ]],
  ])('should find the IDs in %s', (_why, text, expected) => {
    const matches = scanIds(text, { uuids: true })
    expect(values(matches), `Wrong IDs found in: ${text}`).toEqual(expected)
    for (const m of matches) {
      expect(text.slice(m.index, m.index + m.length), `index/length of ${m.value} are off`).toBe(m.value)
    }
  })

  it('should report every occurrence of the same ID with its own index', () => {
    const text = `${INQ} and again ${INQ}`
    expect(scanIds(text)).toEqual([
      { kind: 'persona-inquiry', value: INQ, index: 0, length: 28 },
      { kind: 'persona-inquiry', value: INQ, index: 39, length: 28 },
    ])
  })

  it('should return a fresh result on every call', () => {
    // A shared `g` regex used with .test()/.exec() would carry lastIndex over between calls.
    const text = `x ${INQ}`
    expect(scanIds(text)).toEqual(scanIds(text))
    expect(scanIds(INQ)).toHaveLength(1)
  })
})

describe('the table scanIds is built from', () => {
  // scanIds joins the patterns into one regex and reads each match's kind from its group number.
  it.each(ID_PATTERNS.filter((p) => p.prefix !== null).map((p) => [p.kind, p] as const))(
    'should give %s as /^prefix…$/ without flags or capture groups',
    (_kind, p) => {
      const { source, flags } = p.exact
      expect(flags).toBe('')
      expect(source.startsWith(`^${p.prefix}`) && source.endsWith('$')).toBe(true)
      expect(new RegExp(`|${source}`).exec('')).toHaveLength(1)
    },
  )
})

describe('uniqueIds', () => {
  it('should keep the first occurrence of each ID, in text order', () => {
    const matches = scanIds(`${INQ} ${EVT} ${INQ} ${UUID} ${EVT}`, { uuids: true })
    expect(uniqueIds(matches).map((m) => [m.value, m.index])).toEqual([
      [INQ, 0],
      [EVT, 29],
      [UUID, 91],
    ])
  })

  it('should return an empty list for no matches', () => {
    expect(uniqueIds([])).toEqual([])
  })
})

describe('mayContainIds', () => {
  it.each(ID_PATTERNS.flatMap((p) => ID_EXAMPLES[p.kind].map((example) => [p.kind, example] as const)))(
    'should let a %s through: %s',
    (_kind, example) => {
      const text = `see ${example} please`
      expect(scanIds(text, { uuids: true })).not.toEqual([])
      expect(mayContainIds(text, { uuids: true })).toBe(true)
    },
  )

  it('should rule out text the scanner cannot match, and UUIDs unless asked for', () => {
    expect(mayContainIds('Hello, the customer says the check failed twice.')).toBe(false)
    const uuid = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'
    expect(mayContainIds(`session ${uuid}`)).toBe(false)
    expect(scanIds(`session ${uuid}`)).toEqual([])
    expect(mayContainIds(`session ${uuid}`, { uuids: true })).toBe(true)
  })
})
