import { z } from "zod";

/** A citation an informed reader can find: FDA label section, CPIC guideline, AGS Beers, named paper. */
export const EvidenceSchema = z.strictObject({
  /** What the evidence is, specific enough to find (e.g. `FDA label: <Brand> (<ingredient>) §2.2, 2023`). */
  source: z.string().trim().min(3, "evidence needs a source an informed reader can find"),
  /** Where to read it. */
  url: z.url().optional(),
  /** The exact statement relied on, quoted or paraphrased. */
  quote: z.string().optional(),
  /** `false` when the fact could not be verified against the source; see `note`. */
  verified: z.boolean().optional(),
  /** What is uncertain, or context for the citation. */
  note: z.string().optional(),
});

/** A citation. */
export type Evidence = z.infer<typeof EvidenceSchema>;
