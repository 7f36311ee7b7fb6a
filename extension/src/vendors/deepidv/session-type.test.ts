import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { localeCatalogs } from '../../build/vendor-locales.ts'
import { DEEPIDV_SESSION_TYPES, sessionTypeKey } from './session-type.ts'

const catalogs = localeCatalogs(fileURLToPath(new URL('../../../', import.meta.url)))

describe("deepidv's session types", () => {
  it.each(DEEPIDV_SESSION_TYPES)('%s has words in every language, the German its own', (type) => {
    for (const catalog of Object.values(catalogs)) expect(catalog[sessionTypeKey(type)]?.message).toBeTruthy()
    expect(catalogs.de![sessionTypeKey(type)]!.message).not.toBe(catalogs.en![sessionTypeKey(type)]!.message)
  })
})
