// Deterministic synthetic snapshots for the benchmark (a seeded LCG; no clinical claims).
const DRUGS = ["sertraline", "citalopram", "escitalopram", "fluoxetine", "venlafaxine", "bupropion", "mirtazapine", "trazodone",
  "lithium", "valproate", "lamotrigine", "quetiapine", "olanzapine", "aripiprazole", "clozapine", "lorazepam", "clonazepam",
  "tramadol", "ibuprofen", "lisinopril", "phenelzine", "amlodipine", "metformin"];

function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const day = (base, minus) => new Date(Date.UTC(2026, 10, 22) - minus * 86400000).toISOString().slice(0, 10);

export function syntheticPatients(n, seed = 1) {
  const r = lcg(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const out = [];
  for (let i = 0; i < n; i++) {
    const meds = [];
    const k = 1 + Math.floor(r() * 6);
    for (let j = 0; j < k; j++) {
      const m = { name: pick(DRUGS), dailyDoseMg: 5 + Math.floor(r() * 300), startDate: day(0, 30 + Math.floor(r() * 900)), status: "active" };
      if (r() < 0.6) m.adherence = { pdc: Math.round(r() * 100) / 100 };
      meds.push(m);
    }
    const items = Array.from({ length: 9 }, () => Math.floor(r() * 4));
    const p = {
      id: `syn-${i}`,
      asOf: "2026-11-22",
      age: 16 + Math.floor(r() * 75),
      sex: pick(["female", "male"]),
      medications: meds,
      scores: [
        { instrument: "PHQ-9", total: items.reduce((a, b) => a + b, 0), date: day(0, Math.floor(r() * 30)), items },
        { instrument: "PHQ-9", total: Math.floor(r() * 28), date: day(0, 60 + Math.floor(r() * 60)) },
      ],
      labs: r() < 0.5 ? [{ test: "lithium", value: Math.round(r() * 150) / 100, unit: "mmol/L", date: day(0, Math.floor(r() * 300)) }] : [],
    };
    if (r() < 0.5) p.sideEffects = [{ effect: pick(["weight gain", "nausea", "sedation"]), medication: pick(DRUGS) }];
    if (r() < 0.3) p.pharmacogenomics = [{ gene: "CYP2C19", phenotype: pick(["poor metabolizer", "normal metabolizer"]) }];
    out.push(p);
  }
  return out;
}
