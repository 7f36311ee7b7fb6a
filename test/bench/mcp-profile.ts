/**
 * `pnpm -F @idv-lens/test run profile:mcp`: where the relay's CPU goes for the `lookup` tool over MCP
 * beside the same `/v1/lookup`, from V8's sampling profiler in the Worker's workerd (wrangler's
 * inspector). Each kind is profiled twice over the same calls (BENCH_CALLS, 400); prints self time by
 * function and by module (`[module]`), and inclusive time. The inspector adds its own cost to both:
 * read the difference.
 */
import { readFileSync } from 'node:fs'
import { rawCall, restCall, sdkCall, sdkClient, type Call, type ToolCallRequest } from './mcp-bench-calls.ts'
import { startStack, DEMO } from '../harness/stack.ts'

const CALLS = Number(process.env.BENCH_CALLS ?? 400)
const CLIENTS = 10

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] }

/** A CDP session over the inspector's WebSocket: `send` resolves with the result of one command. */
async function inspector(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string; title?: string }[]
  const target = targets.find((t) => !/proxy/i.test(t.title ?? '')) ?? targets[0]!
  const socket = new WebSocket(target.webSocketDebuggerUrl, { headers: { origin: 'http://localhost' } } as unknown as string[])
  await new Promise((resolve, reject) => ((socket.onopen = resolve), (socket.onerror = reject)))
  const pending = new Map<number, (result: unknown) => void>()
  const scripts: { scriptId: string; url: string }[] = []
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as {
      id?: number
      result?: unknown
      method?: string
      params?: { scriptId: string; url: string }
    }
    if (message.id !== undefined) pending.get(message.id)?.(message.result)
    if (message.method === 'Debugger.scriptParsed') scripts.push(message.params!)
  }
  let next = 1
  return {
    send: <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve) => {
        const id = next++
        pending.set(id, resolve as (r: unknown) => void)
        socket.send(JSON.stringify({ id, method, params }))
      }),
    scripts,
    close: () => socket.close(),
  }
}

/** The bundle's module of each line, from esbuild's `// path` comments: a package, or one of our files. */
function moduleNamer(source: string): (line: number) => string {
  const starts: [number, string][] = []
  source.split('\n').forEach((text, i) => {
    const m = /^\/\/ (\S+\/\S+)$/.exec(text)
    if (!m) return
    const path = m[1]!.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    starts.push([i + 1, /^(worker|shared)\//.test(path) ? path : path.replace(/^(@[^/]+\/[^/]+|[^@/][^/]*)\/.*$/, '$1')])
  })
  return (line) => {
    let found = '?'
    for (const [start, name] of starts)
      if (start <= line) found = name
      else break
    return found
  }
}

async function run(call: Call): Promise<void> {
  let left = CALLS
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (left-- > 0) await call()
    }),
  )
}

/** Self and inclusive time per function (name and place), the most first, and the total sampled time. */
function times(
  profile: Profile,
  moduleOfLine: (line: number) => string,
): { total: number; self: [string, number][]; inclusive: [string, number][] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const keyOf = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-1)[0]}:${n.callFrame.lineNumber + 1}`
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') return
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    total += ms
    self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + ms)
    const seen = new Set<string>()
    for (let n: Node | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) seen.add(keyOf(n))
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + ms)
  })
  const bySource = new Map<string, number>()
  for (const [key, ms] of self) {
    const m = /index\.js:(\d+)$/.exec(key)
    const source = m ? moduleOfLine(Number(m[1])) : key.split(' ')[0]!.startsWith('(') ? key.split(' ')[0]! : 'native'
    bySource.set(source, (bySource.get(source) ?? 0) + ms)
  }
  for (const [k, v] of bySource) self.set(`[module] ${k}`, v)
  const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 40))
  return { total, self: top(self), inclusive: top(inclusive) }
}

const stack = await startStack({ agentTokens: `${DEMO.agentName}:${DEMO.agentToken},${DEMO.aiName}:${DEMO.aiToken}:ai`, devtools: true })
try {
  let request: ToolCallRequest | undefined
  const client = await sdkClient(stack.relay.url, (seen) => (request = seen))
  await sdkCall(client)()
  await client.close()
  const rest = restCall(stack.relay.url)
  const tool = rawCall(stack.relay.url, request!)
  for (let i = 0; i < 50; i++) await Promise.all([rest(), tool()])
  // The harness chose the inspector's port: it is on wrangler's command line.
  const args = readFileSync(`/proc/${stack.relay.process.child.pid}/cmdline`, 'utf8').split('\0')
  const cdp = await inspector(Number(args[args.indexOf('--inspector-port') + 1]))
  // The Worker's bundle, as workerd runs it: its line numbers name the modules.
  await cdp.send('Debugger.enable')
  const script = cdp.scripts.find((s) => s.url.endsWith('index.js'))
  const moduleOfLine = moduleNamer(
    script ? (await cdp.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: script.scriptId })).scriptSource : '',
  )
  await cdp.send('Debugger.disable')
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  for (const [label, call] of [
    ['/v1/lookup', rest],
    ['MCP lookup', tool],
    ['/v1/lookup', rest],
    ['MCP lookup', tool],
  ] as const) {
    await cdp.send('Profiler.start')
    await run(call)
    const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop')
    const { total, self, inclusive } = times(profile, moduleOfLine)
    console.log(`\n${label}: ${CALLS} calls, ${(total / CALLS).toFixed(3)} ms sampled (non-idle) per call`)
    for (const [kind, list] of [
      ['self', self],
      ['inclusive', inclusive],
    ] as const) {
      console.log(` by ${kind} time:`)
      for (const [name, ms] of list) console.log(`  ${((ms / CALLS) * 1000).toFixed(0).padStart(6)} µs/call  ${name}`)
    }
  }
  cdp.close()
} finally {
  await stack.stop()
}
