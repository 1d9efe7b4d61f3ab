/**
 * Values shared by many results and never changed: deep-frozen and remembered here, so that a
 * serialiser may cache their JSON by identity ({@link isSharedConstant}). Only values made by
 * {@link sharedConstant} are recognised; a frozen object from elsewhere is not (its nested
 * objects might still change).
 */
const constants = new WeakSet<object>();

/** Deep-freezes a JSON value (objects and arrays, recursively) and marks it as a shared constant; returns it. */
export function sharedConstant<T>(value: T): T {
  if (typeof value === "object" && value !== null && !constants.has(value)) {
    for (const v of Object.values(value)) sharedConstant(v);
    Object.freeze(value);
    constants.add(value);
  }
  return value;
}

/** `value` was made by {@link sharedConstant}: it and everything in it are frozen. */
export function isSharedConstant(value: object): boolean {
  return constants.has(value);
}
