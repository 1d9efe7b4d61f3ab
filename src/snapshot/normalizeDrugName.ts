import { didYouMean } from "../core/didYouMean.js";
import type { Knowledge } from "../knowledge/knowledge.js";

const STRENGTH = /^\d+(?:\.\d+)?(?:mg|mcg|ug|g|ml|%|mg\/ml|mg\/\d+ml|mcg\/hr|mg\/24hr?)?$/;

/** The outcome of matching a medication name against the drug table. */
export interface DrugNameMatch {
  /** Canonical ingredient name, when the drug table knows it. */
  readonly canonical?: string;
  /** The name lower-cased, with salt, dosage-form and strength words removed. */
  readonly normalized: string;
}

/**
 * Normalises a medication name: case, whitespace, punctuation, and the salt and
 * dosage-form words the tables list ("Drugname HCl 50 mg tablet" → drugname),
 * then resolves synonyms and brand names to the canonical ingredient.
 */
export function normalizeDrugName(raw: string, knowledge: Knowledge): DrugNameMatch {
  // Cohorts repeat the same names; the match depends only on the name and the tables.
  let memo = matches.get(knowledge);
  if (memo === undefined) matches.set(knowledge, (memo = new Map()));
  const known = memo.get(raw);
  if (known !== undefined) return known;
  const match = matchDrugName(raw, knowledge);
  if (memo.size > 5_000) memo.clear();
  memo.set(raw, match);
  return match;
}

const matches = new WeakMap<Knowledge, Map<string, DrugNameMatch>>();

function matchDrugName(raw: string, knowledge: Knowledge): DrugNameMatch {
  const match = matchWords(raw, knowledge);
  // An RxNorm branded drug's name ends with its brand in brackets ("… Oral Tablet [Zoloft]"): the
  // words before it name the ingredient.
  if (match.canonical === undefined && raw.includes("[")) {
    const unbranded = matchWords(raw.replace(/\[[^\]]*\]/g, " "), knowledge);
    if (unbranded.canonical !== undefined) return unbranded;
  }
  return match;
}

function matchWords(raw: string, knowledge: Knowledge): DrugNameMatch {
  const cleaned = raw.toLowerCase().replace(/[,;()[\]]/g, " ").replace(/\s+/g, " ").trim();
  const direct = knowledge.drugAliases.get(cleaned);
  if (direct !== undefined) return { canonical: direct, normalized: direct };
  const kept = cleaned.split(" ").filter((t) => t !== "" && !knowledge.ignoredNameWords.has(t) && !STRENGTH.test(t));
  const normalized = kept.length > 0 ? kept.join(" ") : cleaned;
  const canonical = knowledge.drugAliases.get(normalized);
  return canonical !== undefined ? { canonical, normalized: canonical } : { normalized };
}

const suggestions = new WeakMap<Knowledge, Map<string, string | undefined>>();

/** The known drug name or synonym closest to an unrecognised name, if any is close (memoised per knowledge base). */
export function suggestDrugName(normalized: string, knowledge: Knowledge): string | undefined {
  let memo = suggestions.get(knowledge);
  if (memo === undefined) suggestions.set(knowledge, (memo = new Map()));
  if (memo.has(normalized)) return memo.get(normalized);
  const suggestion = didYouMean(normalized, knowledge.drugAliases.keys());
  if (memo.size < 10_000) memo.set(normalized, suggestion);
  return suggestion;
}
