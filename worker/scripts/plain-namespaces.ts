/**
 * Runs after `wrangler types`: turns `DurableObjectNamespace<import("./src/index").VendorGate>` into a
 * plain `DurableObjectNamespace`, and drops `mainModule: typeof import("./src/index")` (used only by
 * `cloudflare:workers`' typed `env`, which the Worker does not use). The extension type-checks the Worker's routes for its typed client
 * (`hc<AppType>`); with the generic there, that check would pull the Durable Object classes and the
 * Workers runtime (`cloudflare:workers`, `SqlStorage`) into a DOM program. The Worker narrows the two
 * namespaces to what it calls on them (gate/protocol.ts, live/binding.ts). `wrangler types --check`
 * compares the configuration's hash, which this leaves as it is.
 */
import { readFileSync, writeFileSync } from 'node:fs'

const file = new URL('../worker-configuration.d.ts', import.meta.url)
const text = readFileSync(file, 'utf8')
writeFileSync(
  file,
  text
    .replace(/DurableObjectNamespace<import\("\.\/src\/index"\)\.(\w+)>/g, 'DurableObjectNamespace /* $1 */')
    .replace(/^\s*mainModule: typeof import\("\.\/src\/index"\);\n/m, ''),
)
