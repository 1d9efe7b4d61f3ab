import type { Condition, LeafCondition } from "../../core/condition.js";

/** A leaf condition and its JSON path in the pack (`rules[3].conditions.all[1]`). */
export interface LeafAt {
  readonly leaf: LeafCondition;
  readonly path: string;
}

/** Every leaf of a condition tree, in document order, with its path. */
export function conditionLeaves(c: Condition, path: string): LeafAt[] {
  if ("all" in c) return c.all.flatMap((k, i) => conditionLeaves(k, `${path}.all[${i}]`));
  if ("any" in c) return c.any.flatMap((k, i) => conditionLeaves(k, `${path}.any[${i}]`));
  if ("not" in c) return conditionLeaves(c.not, `${path}.not`);
  return [{ leaf: c, path }];
}

/** A conjunction: leaves that must all be true together (an `all`, with nested `all`s flattened). */
export interface Conjunction {
  /** Path of the outermost `all` (or of the lone leaf under an `any` or `not`). */
  readonly path: string;
  readonly leaves: readonly LeafAt[];
  /** Conjunctions nested directly inside this one through an `all`. */
  readonly nested: readonly Conjunction[];
}

/**
 * The conjunctions of a condition tree: each `all` not directly inside another `all`, with
 * the leaves of its nested `all`s, and each leaf standing alone under an `any` or a `not`.
 */
export function conjunctions(c: Condition, path: string): Conjunction[] {
  const out: Conjunction[] = [];
  const visit = (n: Condition, at: string, inAll: boolean): Conjunction | undefined => {
    if ("all" in n) {
      const leaves: LeafAt[] = [];
      const nested: Conjunction[] = [];
      n.all.forEach((k, i) => {
        const kAt = `${at}.all[${i}]`;
        if ("all" in k) {
          const inner = visit(k, kAt, true) as Conjunction;
          leaves.push(...inner.leaves);
          nested.push(inner);
        } else if ("any" in k || "not" in k) visit(k, kAt, false);
        else leaves.push({ leaf: k, path: kAt });
      });
      const conj = { path: at, leaves, nested };
      if (!inAll) out.push(conj);
      return conj;
    }
    if ("any" in n) {
      n.any.forEach((k, i) => visit(k, `${at}.any[${i}]`, false));
      return undefined;
    }
    if ("not" in n) {
      visit(n.not, `${at}.not`, false);
      return undefined;
    }
    out.push({ path: at, leaves: [{ leaf: n, path: at }], nested: [] });
    return undefined;
  };
  visit(c, path, false);
  return out;
}
