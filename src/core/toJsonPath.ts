/**
 * Renders a path of keys and indices as `medications[2].dailyDoseMg`;
 * the empty path (the document itself) is `$`.
 */
export function toJsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else {
      const name = String(key);
      if (/^[A-Za-z_$][\w$-]*$/.test(name)) out += out === "" ? name : `.${name}`;
      else out += `[${JSON.stringify(name)}]`;
    }
  }
  return out === "" ? "$" : out;
}
