/** Parses the plain JSONPath subset `$.a.b[0]` into keys. */
export function parseFactPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const re = /\.([A-Za-z_][\w-]*)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) keys.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return keys;
}

/** Follows keys through own properties only; undefined when any step is absent. */
export function followPath(value: unknown, keys: readonly (string | number)[]): unknown {
  let cur = value;
  for (const key of keys) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}
