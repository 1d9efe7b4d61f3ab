/**
 * A whole number given on the command line, in decimal digits only, from `min` to `max` (safe
 * integers); undefined otherwise. `Number()` alone would take `1e1` (10), `0x2` (2), ` 2` (2),
 * `2.0` (2) and the empty text (0); `parseInt` would take `2abc` (2). Leading zeros are digits: `02` is 2.
 */
export function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/**
 * Reads the value of a numeric option with {@link wholeNumber}: the number, or a message naming
 * the option, what it takes and the value as given (`--workers takes a whole number from 1 to
 * 256, in decimal digits; got "1e1"`).
 */
export function wholeNumberOption(option: string, text: string, min: number, max: number): { ok: true; value: number } | { ok: false; message: string } {
  const value = wholeNumber(text, min, max);
  if (value !== undefined) return { ok: true, value };
  const range = max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`;
  return { ok: false, message: `${option} takes a whole number ${range}, in decimal digits; got ${JSON.stringify(text)}` };
}
