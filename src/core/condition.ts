import { z } from "zod";

/** json-rules-engine's default operators, the condition language psychrx keeps. */
export const OPERATORS = [
  "equal",
  "notEqual",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
  "in",
  "notIn",
  "contains",
  "doesNotContain",
] as const;

/** One of json-rules-engine's default operators. */
export type Operator = (typeof OPERATORS)[number];

/** A JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]),
);

/** A JSONPath into a fact's value; psychrx supports the plain subset `$.a.b[0]`. */
export const FactPath = z
  .string()
  .regex(/^\$(\.[A-Za-z_][\w-]*|\[\d+\])*$/, "expected a plain JSONPath such as $.total or $[8]");

/** A fact reference used as a comparison value (json-rules-engine fact-to-fact comparison). */
export const FactReferenceSchema = z.strictObject({
  fact: z.string().min(1),
  path: FactPath.optional(),
});

/** A leaf condition: `fact` `operator` `value`, in json-rules-engine syntax. */
export const LeafConditionSchema = z.strictObject({
  fact: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: z.union([FactReferenceSchema, JsonSchema]),
  path: FactPath.optional(),
  /** Optional author's note, shown by `explain`. */
  name: z.string().optional(),
});

/** A leaf condition. */
export type LeafCondition = z.infer<typeof LeafConditionSchema>;

/** A condition tree: `all`, `any`, `not`, or a leaf. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | LeafCondition;

/** Schema of a condition tree, json-rules-engine syntax. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema).min(1, "an empty all is always true; remove it or add conditions") }),
    z.strictObject({ any: z.array(ConditionSchema).min(1, "an empty any is always true in json-rules-engine; remove it or add conditions") }),
    z.strictObject({ not: ConditionSchema }),
    LeafConditionSchema,
  ]),
);

/** A rule's top-level condition: json-rules-engine requires `all`, `any` or `not` at the top. */
export const TopConditionSchema: z.ZodType<Condition> = z.union([
  z.strictObject({ all: z.array(ConditionSchema).min(1, "a rule needs at least one condition") }),
  z.strictObject({ any: z.array(ConditionSchema).min(1, "a rule needs at least one condition") }),
  z.strictObject({ not: ConditionSchema }),
]);
