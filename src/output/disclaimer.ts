/** Printed with every result: the packs give decision support, not decisions. */
export const DISCLAIMER =
  "psychrx suggestions are clinical decision support for a qualified clinician. They are not a substitute for clinical judgment, and the rule packs need local validation before clinical use.";
