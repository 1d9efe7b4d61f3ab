import type { Issue } from "./issue.js";
import { toJsonPath } from "./toJsonPath.js";

/** A key written twice in one object, at `path` of `file`: JSON.parse would keep the last value and drop the other. */
export function duplicateKeyIssue(file: string, path: string): Issue {
  return { file, path, code: "duplicate_key", message: "this key is written twice in the same object; only the last would be read and the other lost: keep one" };
}

/** An open object or array: its parent and its key or index there (the path is built only for a report). */
type Frame =
  | { readonly kind: "object"; readonly parent: Frame | undefined; readonly at: PropertyKey | undefined; readonly keys: Set<string>; key: string | undefined }
  | { readonly kind: "array"; readonly parent: Frame | undefined; readonly at: PropertyKey | undefined; index: number };

/** The path of a frame's member `last`, walking up the parents (only when a duplicate is reported). */
function pathOf(frame: Frame, last: PropertyKey): PropertyKey[] {
  const path: PropertyKey[] = [last];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) path.push(f.at ?? "");
  return path.reverse();
}

/**
 * The JSON paths of keys that occur twice in the same object of a JSON text, in document order
 * (`medications`, `medications[0].name`). JSON.parse keeps the last of them and drops the others
 * without a word: a snapshot with two "medications" lists would lose one. Call it on text that
 * JSON.parse accepts; on other text the result is unspecified, but it never throws. Linear in the
 * text, whatever its depth.
 */
export function duplicateKeys(text: string): string[] {
  const out: string[] = [];
  let top: Frame | undefined;
  const member = (): PropertyKey | undefined => (top === undefined ? undefined : top.kind === "array" ? top.index : (top.key ?? ""));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) top = { kind: "object", parent: top, at: member(), keys: new Set(), key: undefined };
    else if (c === 0x5b /* [ */) top = { kind: "array", parent: top, at: member(), index: 0 };
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) top = top?.parent;
    else if (c === 0x2c /* , */) {
      if (top?.kind === "array") top.index++;
      else if (top !== undefined) top.key = undefined;
    } else if (c === 0x22 /* " */) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      if (top?.kind === "object" && top.key === undefined) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          key = text.slice(i + 1, end);
        }
        if (top.keys.has(key)) out.push(toJsonPath(pathOf(top, key)));
        top.keys.add(key);
        top.key = key;
      }
      i = end;
    }
  }
  return out;
}
