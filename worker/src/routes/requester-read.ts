/**
 * Which vendor a requester check reads, and its read. A UUID has every UUID vendor's shape, so it is
 * asked of each configured one that reads a requester (lookup/uuid-kinds.ts), in table order, until one
 * knows it: as a lookup settles a UUID, a failure outranks a `not-found`. Each asked vendor counts the check.
 */
import type { Context } from 'hono'
import { UUID_KINDS, vendorOfKind, type IdKind } from '@idv-lens/shared/ids'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'
import { assertConfigured } from '../relay.ts'
import { toolsFor } from '../lookup/resolve.ts'
import { askedUuidKinds } from '../lookup/uuid-kinds.ts'
import { callOptions } from '../upstream/call-options.ts'
import { VENDORS, type RequesterValues, type Vendor } from '../vendors/index.ts'
import { countRequesterCheck, countRequesterRecord } from './requester-rate.ts'

/** The kinds an ID of `kind` is asked as, among `checkable` (those whose vendor reads a requester). */
export function kindsToAsk(c: Context<AppEnv>, kind: IdKind, checkable: readonly IdKind[]): IdKind[] {
  if (!UUID_KINDS.includes(kind)) return [kind]
  const asked = askedUuidKinds(c.get('config')).filter((k) => checkable.includes(k))
  return asked.length ? asked : [kind]
}

/** The person's values, and the record whose checks and no-matches they count toward (where not the ID: the vendor's person). */
type Read = { own: RequesterValues; record: string }

async function readOne(c: Context<AppEnv>, vendor: Vendor, item: { id: string; kind: IdKind }): Promise<Read> {
  assertConfigured(c, vendor.name)
  await countRequesterCheck(c.get('config'), vendor.name, c.get('agent') ?? 'anonymous', item.id)
  const tools = toolsFor({ config: c.get('config'), options: callOptions(c, false) })
  let counted: string | undefined
  const countRecord = async (record: string) => {
    await countRequesterRecord(c.get('config'), vendor.name, record)
    counted = record
  }
  try {
    const own = await vendor.requester!.read(tools, item, countRecord)
    return { own, record: counted ?? item.id }
  } catch (err) {
    if (err instanceof ApiError) throw err
    throw new ApiError('internal', 'Unexpected error while checking the requester')
  }
}

/** The person's own values from the first of `kinds` whose vendor knows `id`, and that vendor. */
export async function readRequester(c: Context<AppEnv>, id: string, kinds: readonly IdKind[]): Promise<Read & { vendor: Vendor }> {
  let failure: ApiError | undefined
  let notFound: ApiError | undefined
  for (const kind of kinds) {
    const vendor = VENDORS[vendorOfKind(kind)]
    try {
      return { vendor, ...(await readOne(c, vendor, { id, kind })) }
    } catch (err) {
      if (!(err instanceof ApiError) || kinds.length === 1) throw err
      if (err.code === 'not-found') notFound ??= err
      else failure ??= err
    }
  }
  throw failure ?? notFound ?? new ApiError('internal', 'Unexpected error while checking the requester')
}
