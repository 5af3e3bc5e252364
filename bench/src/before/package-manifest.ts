import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The parts of a package.json the before-build reads. */
export interface PackageManifest {
  readonly name: string
  readonly files?: readonly string[]
  readonly scripts?: Readonly<Record<string, string>>
  readonly dependencies?: Readonly<Record<string, string>>
  readonly devDependencies?: Readonly<Record<string, string>>
  readonly optionalDependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>
}

/** Reads `<dir>/package.json`. */
export async function readManifest(dir: string): Promise<PackageManifest> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageManifest
}

/** The names a package needs at run time: dependencies, optional ones, peers. */
export const runtimeDependencies = (manifest: PackageManifest): string[] => [
  ...new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]),
]

/** Whether `name` is a peer the package marks optional (a driver or framework). */
export const isOptionalPeer = (manifest: PackageManifest, name: string): boolean =>
  manifest.peerDependenciesMeta?.[name]?.optional === true
