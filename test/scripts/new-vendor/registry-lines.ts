import type { Names } from './names.ts'

/**
 * One edit of a registry file: the lines it imports, and its entries, each appended to the list or
 * record that `opens` finds (up to and including its opening bracket), or to the union `opens` ends at.
 */
export type RegistryEdit = { file: string; imports: string[]; edits: { opens: RegExp; entry: string }[] }

/** The registry lines of a new vendor: an import after the file's last one and an entry per list. */
export const registryEdits = ({ name, Name, NAME }: Names): RegistryEdit[] => [
  {
    file: 'shared/src/vendors/id-registry.ts',
    imports: [`import { ${name}Ids } from './${name}/ids.ts'`],
    edits: [{ opens: /export const ID_REGISTRY = \[/, entry: `${name}Ids` }],
  },
  {
    file: 'shared/src/vendors/registry.ts',
    imports: [`import { ${name} } from './${name}/vendor.ts'`],
    edits: [{ opens: /export const VENDOR_REGISTRY = \[/, entry: name }],
  },
  {
    file: 'shared/src/vendors/wire.ts',
    imports: [`import type { ${Name}LookupDetails } from './${name}/api.ts'`, `export * from './${name}/api.ts'`],
    edits: [{ opens: /export type LookupDetails =/, entry: `${Name}LookupDetails` }],
  },
  {
    file: 'worker/src/vendors/index.ts',
    imports: [`import { ${name}Contract } from './${name}/contract.ts'`, `import { ${name} } from './${name}/vendor.ts'`],
    edits: [
      { opens: /export const VENDORS: Record<VendorName, Vendor> = \{/, entry: name },
      { opens: /export const VENDOR_CONTRACTS = \{/, entry: `${name}: ${name}Contract` },
    ],
  },
  {
    file: 'worker/src/vendors/routers.ts',
    imports: [`import { ${name}Routes } from './${name}/routes.ts'`],
    edits: [{ opens: /export const VENDOR_ROUTERS = \{/, entry: `${name}: ${name}Routes` }],
  },
  {
    file: 'extension/src/vendors/index.ts',
    imports: [`import { ${name} } from './${name}/${name}.ts'`],
    edits: [{ opens: /export const VENDORS: Readonly<Record<VendorName, Vendor>> = \{/, entry: name }],
  },
  {
    file: 'worker/demo-upstream/vendors.ts',
    imports: [`import { create${Name}App, ${NAME}_MOUNT } from './${name}/${name}-app.ts'`],
    edits: [
      { opens: /export const DEMO_VENDORS: readonly DemoVendor\[\] = \[/, entry: `{ mount: ${NAME}_MOUNT, create: create${Name}App }` },
    ],
  },
  {
    file: 'worker/demo-upstream/access.ts',
    imports: [`import { ${name}Access } from './${name}/${name}-access.ts'`],
    edits: [{ opens: /export const DEMO_ACCESS = \{/, entry: `${name}: ${name}Access` }],
  },
]

const PAIRS: Record<string, string> = { '[': ']', '{': '}', '(': ')' }

/** Where the bracket at `open` closes (strings and comments in registries hold no brackets). */
function closingOf(source: string, open: number): number {
  const stack: string[] = []
  for (let at = open; at < source.length; at++) {
    const c = source[at]!
    if (PAIRS[c]) stack.push(PAIRS[c])
    else if (c === stack.at(-1) && (stack.pop(), stack.length === 0)) return at
  }
  throw new Error(`no closing bracket after ${open}`)
}

/** `entry` last in the list that opens at `open`, as the formatter writes it (one line, or one per line). */
function appendToList(source: string, open: number, entry: string): string {
  const close = closingOf(source, open)
  const inside = source.slice(open + 1, close)
  if (!inside.includes('\n'))
    return `${source.slice(0, open + 1)}${inside.trimEnd()}, ${entry}${inside.slice(inside.trimEnd().length)}${source.slice(close)}`
  const lineStart = source.lastIndexOf('\n', close - 1) + 1
  const body = source.slice(0, lineStart).trimEnd()
  return `${body}${body.endsWith(',') ? '' : ','}\n  ${entry},\n${source.slice(lineStart)}`
}

/** `entry` last in the union type that `=` at `end` starts (one line, or one `| member` per line). */
function appendToUnion(source: string, end: number, entry: string): string {
  const stop = source.slice(end).search(/\n(?!\s*\|)/)
  const at = stop < 0 ? source.length : end + stop
  const multiline = /^\s*\n\s*\|/.test(source.slice(end))
  return `${source.slice(0, at)}${multiline ? '\n  |' : ' |'} ${entry}${source.slice(at)}`
}

/** The file with the edit's lines: imports after its last import, each entry last in its list. */
export function applyEdit(source: string, edit: RegistryEdit): string {
  const lines = source.split('\n')
  const lastImport = lines.findLastIndex((line) => /^(import|export \*) .* from '/.test(line))
  lines.splice(lastImport + 1, 0, ...edit.imports)
  let out = lines.join('\n')
  for (const { opens, entry } of edit.edits) {
    const match = opens.exec(out)
    if (!match) throw new Error(`${edit.file}: no ${opens} to add ${entry} to`)
    const end = match.index + match[0].length
    out = /[[{]$/.test(match[0]) ? appendToList(out, end - 1, entry) : appendToUnion(out, end, entry)
  }
  return out
}
