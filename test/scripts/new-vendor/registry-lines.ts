import type { Names } from './names.ts'

/** One edit of a registry file: the line it imports, and where its entry goes. */
export type RegistryEdit = { file: string; imports: string[]; edits: { after: RegExp; insert: string }[] }

/**
 * The registry lines of a new vendor, each an import after the file's last one and an entry
 * appended to a list or record. `after` matches the list up to (not including) its closing bracket.
 */
export const registryEdits = ({ name, Name, NAME }: Names): RegistryEdit[] => [
  {
    file: 'shared/src/vendors/id-registry.ts',
    imports: [`import { ${name}Ids } from './${name}/ids.ts'`],
    edits: [{ after: /export const ID_REGISTRY = \[[^\]]*/, insert: `, ${name}Ids` }],
  },
  {
    file: 'shared/src/vendors/registry.ts',
    imports: [`import { ${name} } from './${name}/vendor.ts'`],
    edits: [{ after: /export const VENDOR_REGISTRY = \[[^\]]*/, insert: `, ${name}` }],
  },
  {
    file: 'shared/src/vendors/wire.ts',
    imports: [`import type { ${Name}LookupDetails } from './${name}/api.ts'`, `export * from './${name}/api.ts'`],
    edits: [{ after: /export type LookupDetails = [^\n]*/, insert: ` | ${Name}LookupDetails` }],
  },
  {
    file: 'worker/src/vendors/index.ts',
    imports: [`import { ${name}Contract } from './${name}/contract.ts'`, `import { ${name} } from './${name}/vendor.ts'`],
    edits: [
      { after: /export const VENDORS: Record<VendorName, Vendor> = \{[^}]*?(?= \})/, insert: `, ${name}` },
      { after: /export const VENDOR_CONTRACTS = \{[^}]*?(?= \})/, insert: `, ${name}: ${name}Contract` },
    ],
  },
  {
    file: 'worker/src/vendors/routers.ts',
    imports: [`import { ${name}Routes } from './${name}/routes.ts'`],
    edits: [{ after: /export const VENDOR_ROUTERS = \{[^}]*?(?= \})/, insert: `, ${name}: ${name}Routes` }],
  },
  {
    file: 'extension/src/vendors/index.ts',
    imports: [`import { ${name} } from './${name}/${name}.ts'`],
    edits: [{ after: /export const VENDORS: Readonly<Record<VendorName, Vendor>> = \{[^}]*(?=\n\})/, insert: `\n  ${name},` }],
  },
  {
    file: 'worker/demo-upstream/vendors.ts',
    imports: [`import { create${Name}App, ${NAME}_MOUNT } from './${name}/${name}-app.ts'`],
    edits: [
      {
        after: /export const DEMO_VENDORS: readonly DemoVendor\[\] = \[[\s\S]*?(?=\n\])/,
        insert: `\n  { mount: ${NAME}_MOUNT, create: create${Name}App },`,
      },
    ],
  },
]

/** The file with the edit's lines: imports after its last import, each entry where `after` ends. */
export function applyEdit(source: string, edit: RegistryEdit): string {
  const lines = source.split('\n')
  const lastImport = lines.findLastIndex((line) => /^(import|export \*) .* from '/.test(line))
  lines.splice(lastImport + 1, 0, ...edit.imports)
  let out = lines.join('\n')
  for (const { after, insert } of edit.edits) {
    const match = after.exec(out)
    if (!match) throw new Error(`${edit.file}: no ${after} to add ${insert.trim()} to`)
    const end = match.index + match[0].length
    out = out.slice(0, end) + insert + out.slice(end)
  }
  return out
}
