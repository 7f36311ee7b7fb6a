import { existsSync } from 'node:fs'

/** The first of `paths` that exists (the environment variable's first); else why, with the Debian package to install. */
export function findExecutable(what: { name: string; envVar: string; paths: string[]; debianPackage: string }): string {
  const candidates = [process.env[what.envVar], ...what.paths].filter(Boolean) as string[]
  const found = candidates.find((p) => existsSync(p))
  if (!found)
    throw new Error(
      `${what.name} not found: install Debian's \`${what.debianPackage}\` (apt-get install -y ${what.debianPackage}) or set ${what.envVar}.`,
    )
  return found
}
