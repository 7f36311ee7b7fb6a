import * as onfidoTools from '../../worker/src/vendors/onfido/action-tools.ts'
import * as personaTools from '../../worker/src/vendors/persona/action-tools.ts'

/**
 * The demo's personal values (worker/demo-upstream: the Persona story, the Onfido seed): none may show
 * in a tool result. `onfido.app` is the host of Onfido's links, allowed only where a tool keeps a link whole.
 */
export const DEMO_PERSONAL = [
  'dana.customer@example.com',
  'Dana',
  '1991-04-17',
  'P7431002',
  'onfido.app',
  '418 Queen St',
  'M5V 2T6',
  '+14165550172',
  '198.51.100.47',
  '203.0.113.88',
  'licence.jpg',
]

type Declared = { name: string; whole?: readonly string[] }
const isDeclared = (value: unknown): value is Declared =>
  typeof value === 'object' && value !== null && typeof (value as Declared).name === 'string'

/** The result members each action tool keeps whole on purpose (a new link), read from its declaration. */
const WHOLE = new Map(
  [...Object.values(personaTools), ...Object.values(onfidoTools)]
    .flat()
    .filter(isDeclared)
    .flatMap((tool) => (tool.whole?.length ? [[tool.name, tool.whole] as const] : [])),
)

export type ToolResult = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { type: string; text?: string }[] }

/** The result without the members its tool keeps whole, nor their values in its text: the rest is scanned. */
function withoutWhole(tool: string, result: ToolResult): ToolResult {
  const whole = WHOLE.get(tool) ?? []
  const structured = result.structuredContent
  if (!structured || whole.length === 0) return result
  const kept = whole.flatMap((member) => (typeof structured[member] === 'string' && structured[member] ? [structured[member]] : []))
  const strip = (text: string) => kept.reduce((left, value) => left.split(value).join('<kept whole>'), text)
  return {
    ...result,
    structuredContent: Object.fromEntries(Object.entries(structured).filter(([member]) => !whole.includes(member))),
    content: result.content.map((part) => (part.text === undefined ? part : { ...part, text: strip(part.text) })),
  }
}

/**
 * Every tool result of a test file, scanned for the demo's personal values at its end. A link is
 * allowed only in the members its tool's declaration keeps whole (`whole`), and in that result only.
 */
export function toolResultScan() {
  const seen: string[] = []
  return {
    record(tool: string, result: ToolResult): void {
      seen.push(JSON.stringify(withoutWhole(tool, result)))
    },
    /** Other output that quotes tool results (a script's print-out). */
    recordText(text: string): void {
      seen.push(text)
    },
    get count(): number {
      return seen.length
    },
    /** The demo's personal values found in anything recorded (none expected). */
    personalValues(): string[] {
      const all = seen.join('\n')
      return DEMO_PERSONAL.filter((value) => all.includes(value))
    },
  }
}
