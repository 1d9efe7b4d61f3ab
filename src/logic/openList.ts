import type { Truth } from "./kleene.js";

/**
 * Lists known to hold their members and possibly others that cannot be named: the condition groups
 * of a patient with a diagnosis coded in a system the groups are not written in. Such a list
 * decides `contains` only for a member (true) and `doesNotContain` only for a member (false);
 * otherwise the outcome is unknown, and the fact is named as missing.
 */
// A non-enumerable symbol on the array, not a WeakSet: read on every `contains` that misses (the
// hot path), where a property miss costs next to nothing; JSON.stringify and copies ignore it.
const OPEN: unique symbol = Symbol("psychrx.openList");
type Marked = readonly unknown[] & { readonly [OPEN]?: true };

/** Marks `items` as an open list and returns it. */
export function openList<T>(items: T[]): T[] {
  Object.defineProperty(items, OPEN, { value: true });
  return items;
}

/** Whether `value` is a list made by {@link openList}. */
export function isOpenList(value: unknown): boolean {
  return Array.isArray(value) && (value as Marked)[OPEN] === true;
}

/** `contains` (or, with `negate`, `doesNotContain`) on a list that may be open. */
export function containsTruth(list: readonly unknown[], item: unknown, negate: boolean): Truth {
  if (list.indexOf(item) > -1) return !negate;
  return (list as Marked)[OPEN] === true ? null : negate;
}
