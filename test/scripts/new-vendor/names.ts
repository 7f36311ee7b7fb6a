/** A new vendor's name in each spelling its files use. */
export type Names = {
  /** `zephyrid`: folders, routes, the registry's keys. */
  name: string
  /** `Zephyrid`: type and component names. */
  Name: string
  /** `ZEPHYRID`: its variables and secrets. */
  NAME: string
  /** `zephyrid-record`: its one ID kind. */
  kind: string
}

/** Lowercase letters and digits, starting with a letter: a name that is an identifier and a path segment. */
export const VALID_NAME = /^[a-z][a-z0-9]{2,19}$/

export function namesOf(name: string): Names {
  if (!VALID_NAME.test(name))
    throw new Error(`"${name}" is not a vendor name: 3 to 20 lowercase letters and digits, starting with a letter`)
  return { name, Name: name[0]!.toUpperCase() + name.slice(1), NAME: name.toUpperCase(), kind: `${name}-record` }
}
