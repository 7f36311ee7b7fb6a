import { readFileSync } from 'node:fs'
import type { CDPSession } from 'playwright-core'

/** One node of V8's sampled CPU profile (CDP Profiler.Profile). */
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }
export type CpuProfile = { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }

/** A function of ours and the CPU time it spent in itself (not in what it called). */
type OwnFunction = { name: string; where: string; selfMs: number }

/** Starts V8's sampling profiler on the page's session (every `intervalUs`); `stop()` returns the profile. */
export async function startProfile(cdp: CDPSession, intervalUs = 200): Promise<{ stop(): Promise<CpuProfile> }> {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs })
  await cdp.send('Profiler.start')
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop')
      await cdp.send('Profiler.disable')
      return profile as CpuProfile
    },
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** A source map's mappings, per generated line: [generated column, source, original line, original column, name?]. */
function decodeMappings(mappings: string): number[][][] {
  const lines: number[][][] = []
  const state = [0, 0, 0, 0, 0]
  for (const line of mappings.split(';')) {
    const segments: number[][] = []
    state[0] = 0
    for (const text of line.split(',')) {
      if (!text) continue
      const fields: number[] = []
      let value = 0
      let shift = 0
      for (const char of text) {
        const digit = BASE64.indexOf(char)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      const segment = fields.map((delta, i) => (state[i] = state[i]! + delta))
      segments.push(segment)
    }
    lines.push(segments)
  }
  return lines
}

/**
 * Names a generated position from the build's hidden source map: the source file and line, and the
 * name the map gives there or the start of that source line (what function it is, to a reader).
 */
export function sourceNamer(mapFile: string): (line: number, column: number, generatedName: string) => { name: string; where: string } {
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as {
    sources: string[]
    sourcesContent?: string[]
    names: string[]
    mappings: string
  }
  const lines = decodeMappings(map.mappings)
  const sourceLines = (map.sourcesContent ?? []).map((text) => text.split('\n'))
  return (line, column, generatedName) => {
    const segments = lines[line] ?? []
    let found: number[] | undefined
    for (const s of segments) {
      if (s[0]! > column) break
      found = s
    }
    if (!found || found.length < 4) return { name: generatedName || '(anonymous)', where: '?' }
    const source = map.sources[found[1]!]!.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    const text = (sourceLines[found[1]!]?.[found[2]!] ?? '').trim()
    const declared = /(?:function\*?\s+|const\s+|let\s+|^)([A-Za-z_$][\w$]*)\s*(?:[=(:<]|$)/.exec(text)?.[1]
    const name = declared ?? (found.length >= 5 ? map.names[found[4]!] : undefined) ?? (generatedName || text.slice(0, 40))
    return { name: name!, where: `${source.replace(/^(src|extension\/src)\//, '')}:${found[2]! + 1}` }
  }
}

/** The functions of `scriptUrl` (ours) by self time, the most first, named through `name`; and the profile's total sampled time. */
export function ownFunctions(
  profile: CpuProfile,
  scriptUrl: (url: string) => boolean,
  name: ReturnType<typeof sourceNamer>,
): { functions: OwnFunction[]; oursMs: number; sampledMs: number } {
  const selfUs = new Map<number, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  // A sample's time is the gap to the next one (V8's deltas are to the previous one).
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0))
  const byFunction = new Map<string, OwnFunction>()
  let oursUs = 0
  let sampledUs = 0
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0
    const f = node.callFrame
    if (f.functionName !== '(idle)' && f.functionName !== '(program)') sampledUs += us
    if (!us || !scriptUrl(f.url)) continue
    oursUs += us
    const named = name(f.lineNumber, f.columnNumber, f.functionName)
    const key = `${named.where} ${named.name}`
    const entry = byFunction.get(key) ?? { ...named, selfMs: 0 }
    entry.selfMs += us / 1000
    byFunction.set(key, entry)
  }
  return { functions: [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs), oursMs: oursUs / 1000, sampledMs: sampledUs / 1000 }
}
