import type { z } from "zod";

/** What a fast parser returns when it cannot vouch for an input: zod must decide. */
export const UNSURE: unique symbol = Symbol("unsure");

/** Parses a valid input to the value zod would give, or returns {@link UNSURE}. */
export type FastParse<T> = (input: unknown) => T | typeof UNSURE;

type Step = (input: unknown) => unknown;

interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly catchall?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly innerType?: z.core.$ZodType;
  readonly entries?: Readonly<Record<string, unknown>>;
}

interface CheckDef {
  readonly check: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly tx?: (value: unknown) => unknown;
  readonly fn?: (value: unknown) => unknown;
}

/**
 * Compiles a zod schema into a parser for the valid inputs only: it returns the value
 * `schema.parse` would return, or {@link UNSURE} as soon as anything fails, and never
 * reports why. It exists because zod's own parse spends most of its time on the machinery
 * of issues that a valid input never needs; callers run zod on every input this returns
 * {@link UNSURE} for, so zod still decides every rejection and writes every message.
 *
 * The value is zod's up to identity and key order: where zod would only copy an object or an
 * array (nothing in it changed, as trimming changes a string), the input's own is returned;
 * an object with a changed field is a shallow copy (in the input's key order; symbol keys,
 * which zod ignores, are kept). The input is never modified.
 *
 * Only the constructs listed below are understood (strict objects, arrays, strings, finite
 * numbers, booleans, enums, optional, nullable; length, bound, safe-integer, regex, trim and
 * refine checks). A schema that uses anything else compiles to `undefined`: the caller then
 * uses zod alone. Properties next to this file compare it with zod on valid, corrupted and
 * arbitrary inputs.
 */
export function compileFastParse<T>(schema: z.ZodType<T>): FastParse<T> | undefined {
  const step = compile(schema as unknown as z.core.$ZodType);
  if (step === undefined) return undefined;
  return (input) => {
    for (const _ in Object.prototype) return UNSURE;
    try {
      return step(input) as T | typeof UNSURE;
    } catch {
      return UNSURE;
    }
  };
}

function compile(schema: z.core.$ZodType): Step | undefined {
  const def = schema._zod.def as unknown as Def;
  const base = compileType(def);
  if (base === undefined) return undefined;
  const checks = compileChecks(def);
  if (checks === undefined) return undefined;
  if (checks.length === 0) return base;
  return (input) => {
    let value = base(input);
    if (value === UNSURE) return UNSURE;
    for (const check of checks) {
      value = check(value);
      if (value === UNSURE) return UNSURE;
    }
    return value;
  };
}

function compileType(def: Def): Step | undefined {
  switch (def.type) {
    case "string":
      return (input) => (typeof input === "string" ? input : UNSURE);
    case "number":
      return (input) => (typeof input === "number" && Number.isFinite(input) ? input : UNSURE);
    case "boolean":
      return (input) => (typeof input === "boolean" ? input : UNSURE);
    case "enum": {
      if (def.entries === undefined) return undefined;
      const values = new Set(Object.values(def.entries));
      return (input) => (values.has(input) ? input : UNSURE);
    }
    case "optional":
    case "nullable": {
      if (def.innerType === undefined) return undefined;
      const inner = compile(def.innerType);
      if (inner === undefined) return undefined;
      const empty = def.type === "optional" ? undefined : null;
      return (input) => (input === empty ? input : inner(input));
    }
    case "array": {
      if (def.element === undefined) return undefined;
      const element = compile(def.element);
      if (element === undefined) return undefined;
      return (input) => {
        if (!Array.isArray(input) || Object.getPrototypeOf(input) !== Array.prototype) return UNSURE;
        // Copied only from the first element that changes.
        let out: unknown[] | undefined;
        for (let i = 0; i < input.length; i++) {
          const value = element(input[i]);
          if (value === UNSURE) return UNSURE;
          if (out === undefined && value !== input[i]) out = input.slice(0, i);
          if (out !== undefined) out[i] = value;
        }
        return out ?? input;
      };
    }
    case "object":
      return compileStrictObject(def);
    default:
      return undefined;
  }
}

function compileStrictObject(def: Def): Step | undefined {
  // Only strict objects: unknown keys are refused, so every key of a valid input is in the shape.
  if (def.shape === undefined || def.catchall?._zod.def.type !== "never") return undefined;
  const fields: { key: string; optional: boolean; parse: Step }[] = [];
  for (const key of Object.keys(def.shape)) {
    const field = def.shape[key];
    const parse = field === undefined ? undefined : compile(field);
    if (field === undefined || parse === undefined) return undefined;
    fields.push({ key, optional: field._zod.def.type === "optional", parse });
  }
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const required = fields.filter((f) => !f.optional).length;
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return UNSURE;
    const proto: unknown = Object.getPrototypeOf(input);
    if (proto !== Object.prototype && proto !== null) return UNSURE;
    const record = input as Record<string, unknown>;
    // An object without a prototype is copied into a plain one, as zod does.
    let out: Record<string, unknown> | undefined = proto === null ? { ...record } : undefined;
    let requiredSeen = 0;
    // The input's own keys, read in its order (a key read in a for-in loop is the fast case for V8).
    // With no enumerable key on Object.prototype (checked once per parse), these are own keys.
    for (const key in record) {
      const field = byKey.get(key);
      if (field === undefined) return UNSURE; // a key zod refuses as unknown
      const value = record[key];
      const parsed = field.parse(value);
      if (parsed === UNSURE) return UNSURE;
      // Copied only when a field changes (a trimmed string).
      if (parsed !== value) (out ??= { ...record })[key] = parsed;
      if (!field.optional) requiredSeen++;
    }
    return requiredSeen === required ? (out ?? record) : UNSURE;
  };
}

function compileChecks(def: Def): Step[] | undefined {
  const steps: Step[] = [];
  for (const check of def.checks ?? []) {
    const step = compileCheck(check._zod.def);
    if (step === undefined) return undefined;
    steps.push(step);
  }
  return steps;
}

function compileCheck(c: CheckDef): Step | undefined {
  const length = (value: unknown) => (value as { length: number }).length;
  switch (c.check) {
    case "overwrite": {
      const tx = c.tx;
      return tx === undefined ? undefined : (value) => tx(value);
    }
    case "min_length": {
      const min = c.minimum;
      return min === undefined ? undefined : (value) => (length(value) >= min ? value : UNSURE);
    }
    case "max_length": {
      const max = c.maximum;
      return max === undefined ? undefined : (value) => (length(value) <= max ? value : UNSURE);
    }
    case "greater_than": {
      const bound = c.value;
      if (typeof bound !== "number") return undefined;
      return c.inclusive === true ? (value) => ((value as number) >= bound ? value : UNSURE) : (value) => ((value as number) > bound ? value : UNSURE);
    }
    case "less_than": {
      const bound = c.value;
      if (typeof bound !== "number") return undefined;
      return c.inclusive === true ? (value) => ((value as number) <= bound ? value : UNSURE) : (value) => ((value as number) < bound ? value : UNSURE);
    }
    case "number_format":
      return c.format === "safeint" ? (value) => (Number.isSafeInteger(value) ? value : UNSURE) : undefined;
    case "string_format": {
      const pattern = c.format === "regex" ? c.pattern : undefined;
      if (pattern === undefined) return undefined;
      return (value) => {
        pattern.lastIndex = 0;
        return pattern.test(value as string) ? value : UNSURE;
      };
    }
    case "custom": {
      const fn = c.fn;
      if (fn === undefined) return undefined;
      return (value) => {
        const ok = fn(value);
        return ok instanceof Promise || !ok ? UNSURE : value;
      };
    }
    default:
      return undefined;
  }
}
