import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { duplicateKeys } from "./duplicateKeys.js";
import { toJsonPath } from "./toJsonPath.js";

/** Every object of a JSON value, with its path. */
function objectsOf(v: unknown, path: PropertyKey[] = [], out: { path: PropertyKey[]; value: Record<string, unknown> }[] = []) {
  if (Array.isArray(v)) v.forEach((x, i) => objectsOf(x, [...path, i], out));
  else if (v !== null && typeof v === "object") {
    out.push({ path, value: v as Record<string, unknown> });
    for (const [k, x] of Object.entries(v)) objectsOf(x, [...path, k], out);
  }
  return out;
}

/** JSON text of `v` with `key` written a second time (first, before the object's own keys) in the object at `at`. */
function withDuplicate(v: unknown, at: readonly PropertyKey[], key: string, first: unknown): string {
  const same = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const write = (x: unknown, path: PropertyKey[]): string => {
    if (Array.isArray(x)) return `[${x.map((y, i) => write(y, [...path, i])).join(",")}]`;
    if (x !== null && typeof x === "object") {
      const parts = Object.entries(x).map(([k, y]) => `${JSON.stringify(k)}:${write(y, [...path, k])}`);
      if (same(path, at)) parts.unshift(`${JSON.stringify(key)}:${JSON.stringify(first)}`);
      return `{${parts.join(",")}}`;
    }
    return JSON.stringify(x) ?? "null";
  };
  return write(v, []);
}

const keyChars = fc.string({ unit: fc.constantFrom("a", "b", '"', "\\", "é", " ", "\n", "[", "{", ",", ":", "\u2028"), maxLength: 4 });
const json = fc.jsonValue({ maxDepth: 4 }).map((v) => ({ wrap: v }));

describe("duplicateKeys", () => {
  it("finds nothing in text JSON.stringify writes, whatever the keys and strings hold", () => {
    fc.assert(fc.property(fc.dictionary(keyChars, fc.jsonValue({ maxDepth: 3 })), json, (a, b) => {
      expect(duplicateKeys(JSON.stringify({ a, b }))).toEqual([]);
      expect(duplicateKeys(JSON.stringify({ a, b }, null, 2))).toEqual([]);
    }));
  });

  it("names the one key written twice, by its path, in any object at any depth", () => {
    fc.assert(
      fc.property(json, fc.nat(), fc.jsonValue({ maxDepth: 1 }), (v, pick, first) => {
        const objects = objectsOf(v).filter((o) => Object.keys(o.value).length > 0);
        const target = objects[pick % objects.length];
        if (target === undefined) return;
        const key = Object.keys(target.value)[pick % Object.keys(target.value).length] as string;
        const text = withDuplicate(v, target.path, key, first);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v))); // JSON.parse keeps the last value: the first is lost
        expect(duplicateKeys(text)).toEqual([toJsonPath([...target.path, key])]);
      }),
      { numRuns: 500 },
    );
  });

  it("reads a document nested 100,000 deep (a path copied per level made this run out of memory)", () => {
    const depth = 100_000;
    const text = `{"id":"x","z":${"[".repeat(depth)}${"]".repeat(depth)},"deep":${'{"a":'.repeat(depth)}1${"}".repeat(depth)},"id":"y"}`;
    expect(duplicateKeys(text)).toEqual(["id"]);
  });

  it("never throws, on any text", () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom("{", "}", "[", "]", '"', "\\", ",", ":", "a", "1") }), (t) => {
      expect(Array.isArray(duplicateKeys(t))).toBe(true);
    }));
  });
});
