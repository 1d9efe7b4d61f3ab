import type { Issue } from "./issue.js";
import { toJsonPath } from "./toJsonPath.js";

/** A key written twice in one object, at `path` of `file`: JSON.parse would keep the last value and drop the other. */
export function duplicateKeyIssue(file: string, path: string): Issue {
  return { file, path, code: "duplicate_key", message: "this key is written twice in the same object; only the last would be read and the other lost: keep one" };
}

type Frame = { readonly kind: "object"; readonly path: PropertyKey[]; readonly keys: Set<string>; key?: string | undefined } | { readonly kind: "array"; readonly path: PropertyKey[]; index: number };

/**
 * The JSON paths of keys that occur twice in the same object of a JSON text, in document order
 * (`medications`, `medications[0].name`). JSON.parse keeps the last of them and drops the others
 * without a word: a snapshot with two "medications" lists would lose one. Call it on text that
 * JSON.parse accepts; on other text the result is unspecified, but it never throws.
 */
export function duplicateKeys(text: string): string[] {
  const out: string[] = [];
  const stack: Frame[] = [];
  const here = (): PropertyKey[] => {
    const top = stack[stack.length - 1];
    if (top === undefined) return [];
    return top.kind === "array" ? [...top.path, top.index] : [...top.path, top.key ?? ""];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) stack.push({ kind: "object", path: here(), keys: new Set() });
    else if (c === 0x5b /* [ */) stack.push({ kind: "array", path: here(), index: 0 });
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === "array") top.index++;
      else if (top !== undefined) top.key = undefined;
    } else if (c === 0x22 /* " */) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.kind === "object" && top.key === undefined) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          key = text.slice(i + 1, end);
        }
        if (top.keys.has(key)) out.push(toJsonPath([...top.path, key]));
        top.keys.add(key);
        top.key = key;
      }
      i = end;
    }
  }
  return out;
}
