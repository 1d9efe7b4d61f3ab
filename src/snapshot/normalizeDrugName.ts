import { didYouMean } from "../core/didYouMean.js";
import type { Knowledge } from "../knowledge/knowledge.js";

/**
 * A strength word: numbers and units, alone or as a ratio ("50mg", "25", "mcg/hr", "5/325",
 * "mg/2"). Units only, never a drug: these words carry no clinical knowledge.
 */
const STRENGTH = /^(?:(?:\d+(?:\.\d+)?)?(?:mg|mcg|ug|µg|g|ml|l|%|h|hr|hrs|iu|units?|meq|mmol)?)(?:\/(?:\d+(?:\.\d+)?)?(?:mg|mcg|ug|µg|g|ml|l|%|h|hr|hrs|iu|units?|meq|mmol|24hr?|actuation|dose)?)*$/;
/** Between the ingredients of a combination product: "A 325 MG / B 5 MG", "A/B", "A-B", "A and B", "A + B". */
const INGREDIENT_SEPARATOR = /\s*\/\s*|\s*\+\s*|\s+and\s+|\s+with\s+|-/;

/** The outcome of matching a medication name against the drug table. */
export interface DrugNameMatch {
  /** Canonical ingredient name, when the drug table knows it. */
  readonly canonical?: string;
  /**
   * A combination product of which the drug table knows two or more ingredients: their canonical
   * names, sorted (`canonical` is then undefined). One known ingredient is `canonical`.
   */
  readonly ingredients?: readonly string[];
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
  const kept = keptWords(cleaned, knowledge);
  const normalized = kept.length > 0 ? kept.join(" ") : cleaned;
  const canonical = knowledge.drugAliases.get(normalized);
  if (canonical !== undefined) return { canonical, normalized: canonical };
  // A combination product, then a known name followed by other words ("<ingredient> 1 mg prn for sleep").
  const found = new Set<string>();
  for (const part of cleaned.split(INGREDIENT_SEPARATOR)) {
    const words = keptWords(part.trim(), knowledge);
    const whole = knowledge.drugAliases.get(part.trim()) ?? knowledge.drugAliases.get(words.join(" "));
    if (whole !== undefined) found.add(whole);
    else for (const name of leadingNames(words, knowledge)) found.add(name);
  }
  if (found.size === 1) {
    const only = [...found][0] as string;
    return { canonical: only, normalized: only };
  }
  if (found.size > 1) return { ingredients: [...found].sort(), normalized };
  return { normalized };
}

function keptWords(text: string, knowledge: Knowledge): string[] {
  return text.split(" ").filter((t) => t !== "" && !knowledge.ignoredNameWords.has(t) && !STRENGTH.test(t));
}

/**
 * The drugs named in a list of words, each by the longest run of words that is a known name,
 * scanned from the left: "<a> <b>" → a and b; "<a> prn anxiety" → a.
 */
function leadingNames(words: readonly string[], knowledge: Knowledge): string[] {
  const names: string[] = [];
  for (let i = 0; i < words.length; ) {
    let next = i + 1;
    for (let j = words.length; j > i; j--) {
      const name = knowledge.drugAliases.get(words.slice(i, j).join(" "));
      if (name !== undefined) {
        names.push(name);
        next = j;
        break;
      }
    }
    i = next;
  }
  return names;
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
