/**
 * Kleene's strong three-valued logic. `true`, `false`, and `null` for unknown
 * (a deciding fact is missing). Same algebra as cql-execution's `ThreeValuedLogic`.
 */
export type Truth = boolean | null;

/** False if any is false; else unknown if any is unknown; else true. */
export function and(values: readonly Truth[]): Truth {
  let unknown = false;
  for (const v of values) {
    if (v === false) return false;
    if (v === null) unknown = true;
  }
  return unknown ? null : true;
}

/** True if any is true; else unknown if any is unknown; else false. */
export function or(values: readonly Truth[]): Truth {
  let unknown = false;
  for (const v of values) {
    if (v === true) return true;
    if (v === null) unknown = true;
  }
  return unknown ? null : false;
}

/** Negation; unknown stays unknown. */
export function not(value: Truth): Truth {
  return value === null ? null : !value;
}
