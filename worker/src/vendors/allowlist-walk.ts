/**
 * Least data by construction: a vendor body leaves the relay only as a copy holding what an allowlist
 * names. A rule says what one value may be; anything a rule does not name is not copied, so a field a
 * vendor adds later stays behind until someone allows it. The vendors' allowlists are in
 * vendors/<name>/allowlist.ts; docs/vendors/allowlist.md explains them.
 */

import { holdsLink } from '../kit/body.ts'

/** What of one value may leave the relay. */
export type Rule =
  /** A string, number, boolean or null, or an array of those; never an object, never a link (bodies/link-text.ts). */
  | { readonly kind: 'value' }
  /** A boolean or null: a flag, never text. */
  | { readonly kind: 'flag' }
  /** An object with only the named keys (matched in any Key-Inflection), each by its own rule; or null. */
  | { readonly kind: 'object'; readonly keys: ReadonlyMap<string, Rule>; readonly named: readonly string[] }
  /** An array, each item by one rule (items a rule refuses are left out); or null. */
  | { readonly kind: 'list'; readonly item: Rule }
  /** A rule picked by looking at the value (a JSON:API resource by its `type`); null drops the value. */
  | { readonly kind: 'choose'; readonly choose: (value: unknown) => Rule | null }
  /** A key the vendor's schema requires, kept with `placeholder` in place of whatever value it held. */
  | { readonly kind: 'withheld'; readonly placeholder: string | null }

/**
 * The one spelling of a key every Key-Inflection shares: `address-street-1`, `addressStreet1` and
 * `address_street_1` are all `addressstreet1`.
 */
export function canonicalKey(key: string): string {
  return key.replace(/[-_]/g, '').toLowerCase()
}

export const value: Rule = { kind: 'value' }
export const flag: Rule = { kind: 'flag' }

/** An object rule; `keys` are written once, in kebab-case. */
export function object(keys: Record<string, Rule>): Rule {
  const index = new Map<string, Rule>()
  for (const [name, rule] of Object.entries(keys)) index.set(canonicalKey(name), rule)
  return { kind: 'object', keys: index, named: Object.keys(keys) }
}

/** An object whose named keys are all plain values. */
export function values(...names: string[]): Rule {
  return object(Object.fromEntries(names.map((name) => [name, value])))
}

/**
 * What stands in for a required string whose value is withheld: the vendor's schema allows no null
 * there, and an empty string could pass for a value (docs/vendors/allowlist.md).
 */
export const WITHHELD = '[withheld]'

/** A required key whose value never leaves: null where the schema allows it, else WITHHELD. */
export const withheld = (placeholder: string | null): Rule => ({ kind: 'withheld', placeholder })

export const list = (item: Rule): Rule => ({ kind: 'list', item })
export const choose = (pick: (value: unknown) => Rule | null): Rule => ({ kind: 'choose', choose: pick })

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A string that is a reference (a type, an ID), not a link in any reading. */
export const isPlainText = (v: unknown): v is string => typeof v === 'string' && !holdsLink(v)

const DROP = Symbol('drop')

function scalar(v: unknown): unknown {
  if (typeof v === 'string') return holdsLink(v) ? DROP : v
  if (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v
  return DROP
}

function plainValue(v: unknown): unknown {
  if (!Array.isArray(v)) return scalar(v)
  const out: unknown[] = []
  for (const item of v) {
    const kept = scalar(item)
    if (kept !== DROP) out.push(kept)
  }
  return out
}

type Task = { value: unknown; rule: Rule; into: Record<string, unknown> | unknown[]; key: string }

/**
 * The allowed copy of `body` under `rule`, or undefined when nothing of it is allowed. Iterative (an
 * explicit stack, never recursion), so no body can exhaust the call stack; items and keys keep their order.
 */
export function keepAllowed(body: unknown, rule: Rule): unknown {
  const root: Record<string, unknown> = {}
  const stack: Task[] = [{ value: body, rule, into: root, key: 'body' }]
  const put = (task: Task, kept: unknown) => {
    if (Array.isArray(task.into)) task.into.push(kept)
    else task.into[task.key] = kept
  }
  for (let task = stack.pop(); task; task = stack.pop()) {
    let rule: Rule | null = task.rule
    // A choice may pick another choice; the rules are finite, so this ends.
    while (rule?.kind === 'choose') rule = rule.choose(task.value)
    if (!rule) continue
    const v = task.value
    switch (rule.kind) {
      case 'withheld':
        put(task, rule.placeholder)
        break
      case 'value': {
        const kept = plainValue(v)
        if (kept !== DROP) put(task, kept)
        break
      }
      case 'flag':
        if (v === null || typeof v === 'boolean') put(task, v)
        break
      case 'object': {
        if (v === null) {
          put(task, null)
          break
        }
        if (!isRecord(v)) break
        const out: Record<string, unknown> = {}
        put(task, out)
        const keys = Object.keys(v)
        // Pushed last to first, so they are copied first to last.
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i] as string
          const inner = rule.keys.get(canonicalKey(key))
          if (inner) stack.push({ value: v[key], rule: inner, into: out, key })
        }
        break
      }
      case 'list': {
        if (v === null) {
          put(task, null)
          break
        }
        if (!Array.isArray(v)) break
        const out: unknown[] = []
        put(task, out)
        for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], rule: rule.item, into: out, key: '' })
        break
      }
    }
  }
  return root.body
}
