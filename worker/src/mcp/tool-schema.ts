import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server'

type Converter = StandardSchemaWithJSON['~standard']['jsonSchema']
type ConvertOptions = Parameters<Converter['input']>[0]

/** Freezes a converted schema all the way down: it is shared by every request of the isolate. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner)
    Object.freeze(value)
  }
  return value
}

/**
 * A tool schema whose JSON Schema is made once per isolate. The SDK converts a tool's schemas on each
 * server it serves from, and a stateless handler builds a server per request; zod does not memoise the
 * conversion (about 1.4 ms of CPU for a lookup result's schema). Validation stays the schema's own, but
 * for a value `trusted` vouches for (an output that is a /v1 route's own answer: relay-reads.ts).
 */
export function convertedOnce<In, Out>(
  schema: StandardSchemaWithJSON<In, Out>,
  trusted: (value: unknown) => boolean = () => false,
): StandardSchemaWithJSON<In, Out> {
  const std = schema['~standard']
  const made = new Map<string, Record<string, unknown>>()
  const once = (io: 'input' | 'output') => (options: ConvertOptions) => {
    const key = `${io} ${options.target} ${JSON.stringify(options.libraryOptions ?? null)}`
    let json = made.get(key)
    if (!json) made.set(key, (json = frozen(std.jsonSchema[io](options))))
    return json
  }
  return {
    '~standard': {
      version: std.version,
      vendor: std.vendor,
      validate: (value, options) => (trusted(value) ? { value: value as Out } : std.validate(value, options)),
      jsonSchema: { input: once('input'), output: once('output') },
      ...(std.types ? { types: std.types } : {}),
    },
  }
}
