import type { HttpTarget } from './http-targets.js'

/**
 * Targets measured together, slice for slice: a crumbs target, its anchor and the bare
 * framework both stand on (and with `BENCH_BEFORE`, the target's before twin). Their session
 * costs are then differences and ratios taken within the same moments of the machine.
 */
export interface ComparisonGroup {
  /** The crumbs target the group is for, or the lone target of a group without crumbs. */
  readonly id: string
  /**
   * Member ids: the floor first, then the anchor (if any), the target, its before twin (if any),
   * then the targets it is shown alongside (if any).
   */
  readonly members: readonly string[]
}

/**
 * One group per crumbs target (its floor, its anchor, itself, its before twin, the targets it is
 * shown alongside); every other target that no group covers gets one of its own with its floor,
 * and a lone floor a group of one.
 */
export function comparisonGroups(targets: readonly HttpTarget[]): ComparisonGroup[] {
  const byId = new Map(targets.map((target) => [target.id, target]))
  const groups: ComparisonGroup[] = []
  const covered = new Set<string>()
  const add = (id: string, members: (string | undefined)[]) => {
    const present = [...new Set(members.filter((m): m is string => m !== undefined))]
    for (const member of present) covered.add(member)
    groups.push({ id, members: present })
  }
  for (const target of targets) {
    if (target.compare === undefined) continue
    const anchor = byId.get(target.compare.anchor)
    if (anchor?.baseline !== target.baseline) {
      throw new Error(
        `${target.id} and its anchor ${target.compare.anchor} must stand on the same floor`,
      )
    }
    const twin = targets.find((other) => other.twinOf === target.id)
    add(target.id, [
      target.baseline,
      target.compare.anchor,
      target.id,
      twin?.id,
      ...(target.alongside ?? []),
    ])
  }
  for (const target of targets) {
    if (!covered.has(target.id)) add(target.id, [target.baseline, target.id])
  }
  return groups
}
