/** Parses a rule path such as `conditions.all[2].value` into keys and indices. */
export function parseRulePath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const re = /(?:^|\.)([A-Za-z_][\w-]*)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) keys.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return keys;
}

/** Where a path stops existing: the keys that do exist, and what the last existing value is. */
export type PathLookup =
  | { readonly found: true; readonly value: unknown }
  | { readonly found: false; readonly existing: readonly (string | number)[]; readonly at: unknown };

/** Follows keys through own properties (objects by key, arrays by index). */
export function lookupPath(root: unknown, keys: readonly (string | number)[]): PathLookup {
  let cur = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string | number;
    const ok =
      typeof key === "number"
        ? Array.isArray(cur) && key < cur.length
        : cur !== null && typeof cur === "object" && !Array.isArray(cur) && Object.prototype.hasOwnProperty.call(cur, key);
    if (!ok) return { found: false, existing: keys.slice(0, i), at: cur };
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return { found: true, value: cur };
}

/** Sets the value at an existing path (the caller checked it with {@link lookupPath}). */
export function setAtPath(root: unknown, keys: readonly (string | number)[], value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < keys.length - 1; i++) cur = cur[keys[i] as string | number] as Record<string | number, unknown>;
  const last = keys[keys.length - 1];
  if (last !== undefined) cur[last] = value;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
