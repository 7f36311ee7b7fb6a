/** The size of the Worker bundle wrangler wrote to an `--outdir`, gzip-compressed, against Cloudflare's limits. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/** Cloudflare's Worker size limits, after compression (developers.cloudflare.com/workers/platform/limits). */
export const WORKER_SIZE_LIMITS = { free: 3 * 1024 * 1024, paid: 10 * 1024 * 1024 } as const

export type BundleSize = { raw: number; gzip: number; files: string[] }

/** Every module wrangler uploads (source maps and the README it writes are not uploaded). */
export function bundleSize(outdir: string): BundleSize {
  const files = readdirSync(outdir).filter((f) => /\.(m?js|wasm)$/.test(f))
  if (files.length === 0) throw new Error(`no Worker modules in ${outdir}`)
  let raw = 0
  let gzip = 0
  for (const file of files) {
    const bytes = readFileSync(join(outdir, file))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
  }
  return { raw, gzip, files }
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`
const share = (n: number, of: number) => `${((n / of) * 100).toFixed(1)} %`

/** One line per limit; `ok` is false when the bundle would not fit even the paid plan. */
export function describeBundleSize(label: string, size: BundleSize): { lines: string[]; ok: boolean } {
  return {
    ok: size.gzip <= WORKER_SIZE_LIMITS.paid,
    lines: [
      `${label}: ${kib(size.raw)}, gzip ${kib(size.gzip)} (${size.files.join(', ')})`,
      `  ${share(size.gzip, WORKER_SIZE_LIMITS.free)} of the free plan's 3 MB, ${share(size.gzip, WORKER_SIZE_LIMITS.paid)} of the paid plan's 10 MB (compressed)` +
        (size.gzip > WORKER_SIZE_LIMITS.free
          ? size.gzip > WORKER_SIZE_LIMITS.paid
            ? ': TOO LARGE for any plan'
            : ': needs the paid plan'
          : ''),
    ],
  }
}
