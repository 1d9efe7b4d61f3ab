import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DISCLAIMER } from "../output/disclaimer.js";
import { KINDS, SEVERITIES, type Kind, type Severity } from "../packs/ruleSchema.js";
import { escapeHtml, formatCount, formatRate } from "./htmlEscape.js";
import { renderHtmlReport } from "./htmlReport.js";
import type { BatchSummary, GapCount, RuleCount } from "./summary.js";

const zeroKinds = () => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
const zeroSeverities = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

function summary(over: Partial<BatchSummary> = {}): BatchSummary {
  const rules: RuleCount[] = [
    { ruleId: "interaction.maoi-serotonergic", pack: "psych-core", kind: "interaction-alert", severity: "critical", suggestions: 40, patients: 35, per1000: 35 },
    { ruleId: "monitoring.lithium-level-overdue", pack: "psych-core", kind: "monitoring", severity: "warning", suggestions: 120, patients: 120, per1000: 120 },
    { ruleId: "follow-up.phq9-severe", pack: "psych-core", kind: "follow-up", severity: "info", suggestions: 7, patients: 7, per1000: 7 },
  ];
  const gaps: GapCount[] = [
    { fact: "labs.lithium.ageDays", gaps: 300, patients: 250, per1000: 250 },
    { fact: "med.pdc", gaps: 90, patients: 80, per1000: 80 },
  ];
  return {
    engine: { name: "psychrx", version: "0.1.0" },
    packs: [
      { id: "psych-core", version: "1.2.3", sha256: "a".repeat(64) },
      { id: "table:tables/labs", version: "1.0.0", sha256: "b".repeat(64) },
    ],
    records: 1_012,
    patients: 1_000,
    errors: 12,
    suggestions: 167,
    byKind: { ...zeroKinds(), "interaction-alert": 40, monitoring: 120, "follow-up": 7 },
    bySeverity: { ...zeroSeverities(), critical: 40, warning: 120, info: 7 },
    rules,
    dataGaps: gaps,
    errorCodes: { invalid_type: 9, unit_not_accepted: 3 },
    ...over,
  };
}

/** Every tag the report may contain; anything else would be markup that leaked from data. */
const TAGS = new Set([
  "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "p", "div", "aside", "strong", "section",
  "svg", "line", "text", "g", "rect", "table", "thead", "tbody", "tr", "th", "td", "span", "i", "details", "summary", "footer",
]);
const tagsOf = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? "");

describe("renderHtmlReport", () => {
  const html = renderHtmlReport(summary(), { title: "cohort.ndjson" });

  it("is one self-contained page: no script, no external asset, no link", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\ssrc=|\shref=/i);
    // The only URL is the SVG namespace, which is a name, not a fetch.
    expect(html.match(/https?:\/\/[^"\s]*/g)?.every((u) => u === "http://www.w3.org/2000/svg")).toBe(true);
    expect(html).toContain("Content-Security-Policy");
    for (const tag of tagsOf(html)) expect(TAGS.has(tag), tag).toBe(true);
  });

  it("shows records, patients and errors, the engine version, the packs with versions, and the disclaimer", () => {
    expect(html).toContain("psychrx cohort report — cohort.ndjson");
    expect(html).toContain(">1,012<");
    expect(html).toContain(">1,000<");
    expect(html).toContain(">12<");
    expect(html).toContain("Engine psychrx 0.1.0");
    expect(html).toMatch(/psych-core<\/td><td>1\.2\.3<\/td>/);
    expect(html).toMatch(/table:tables\/labs<\/td><td>1\.0\.0<\/td>/);
    expect(html).toContain(escapeHtml(DISCLAIMER));
    expect(html).toContain("invalid_type");
  });

  it("draws four inline SVG charts: rule prevalence, severity mix, kinds, data gaps", () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    for (const label of ["Rule prevalence per 1,000 patients", "Suggestions by severity", "Suggestions by kind", "Data gaps per missing fact, per 1,000 patients"]) {
      expect(html).toContain(`aria-label="${label}"`);
    }
    // Most prevalent rule first, one bar per rule, coloured by severity.
    const prevalence = html.slice(html.indexOf('aria-label="Rule prevalence'), html.indexOf("</svg>", html.indexOf('aria-label="Rule prevalence')));
    expect(prevalence.indexOf("monitoring.lithium-level-overdue")).toBeLessThan(prevalence.indexOf("interaction.maoi-serotonergic"));
    expect(prevalence.match(/<rect /g)).toHaveLength(3);
    expect(prevalence).toContain(">120<");
  });

  it("escapes text from packs and input: a <script> in a rule id stays text", () => {
    const evil = summary({
      rules: [{ ruleId: "<script>alert(1)</script>", pack: 'p"><img src=x onerror=alert(1)>', kind: "monitoring", severity: "warning", suggestions: 1, patients: 1, per1000: 1 }],
      dataGaps: [{ fact: "labs.<b>x</b>&'", gaps: 1, patients: 1, per1000: 1 }],
      errorCodes: { "<i>code</i>": 1 },
      packs: [{ id: "<svg onload=alert(1)>", version: "1.0.0&<", sha256: '"><script>' }],
    });
    const out = renderHtmlReport(evil, { title: "</title><script>x</script>" });
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<svg onload");
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("labs.&lt;b&gt;x&lt;/b&gt;&amp;&#39;");
    for (const tag of tagsOf(out)) expect(TAGS.has(tag), tag).toBe(true);
  });

  it("escapes any text in any field (property)", () => {
    // Markers around each string make the search specific: `"` alone occurs in any page.
    const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /[<>&"']/.test(s));
    fc.assert(
      fc.property(text, text, text, text, (a, b, c, d) => {
        const [ruleId, fact, pack, code] = [`Q1${a}Q1`, `Q2${b}Q2`, `Q3${c}Q3`, `Q4${d}Q4`];
        const out = renderHtmlReport(
          summary({
            rules: [{ ruleId, pack, kind: "monitoring", severity: "critical", suggestions: 2, patients: 2, per1000: 2 }],
            dataGaps: [{ fact, gaps: 1, patients: 1, per1000: 1 }],
            errorCodes: { [code]: 1 },
          }),
        );
        for (const s of [ruleId, fact, pack, code]) {
          expect(out.includes(s)).toBe(false);
          expect(out).toContain(escapeHtml(s));
        }
        for (const tag of tagsOf(out)) expect(TAGS.has(tag), tag).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("is deterministic: the same bytes every time, whatever the order of the summary's lists", () => {
    const base = summary();
    fc.assert(
      fc.property(fc.shuffledSubarray([...base.rules], { minLength: 3 }), fc.shuffledSubarray([...base.dataGaps], { minLength: 2 }), (rules, dataGaps) => {
        expect(renderHtmlReport({ ...base, rules, dataGaps })).toBe(renderHtmlReport(base));
      }),
      { numRuns: 30 },
    );
  });

  it("never prints NaN, undefined or Infinity, for any counts (property)", () => {
    const count = fc.nat({ max: 10_000_000 });
    const rule = fc.record({
      ruleId: fc.stringMatching(/^[a-z][a-z0-9.-]{0,60}$/),
      pack: fc.constantFrom("a", "b"),
      kind: fc.constantFrom(...KINDS),
      severity: fc.constantFrom(...SEVERITIES),
      suggestions: count,
      patients: count,
      per1000: fc.double({ min: 0, max: 1000, noNaN: true }),
    });
    const gap = fc.record({ fact: fc.stringMatching(/^[a-z][a-zA-Z0-9.-]{0,40}$/), gaps: count, patients: count, per1000: fc.double({ min: 0, max: 1000, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 60 }), fc.array(gap, { maxLength: 40 }), count, count, (rules, dataGaps, patients, errors) => {
        const out = renderHtmlReport(summary({ rules, dataGaps, patients, errors, records: patients + errors }));
        expect(out).not.toMatch(/NaN|undefined|Infinity/);
        expect((out.match(/aria-label="Rule prevalence[^"]*"/g) ?? []).length).toBe(rules.length > 0 ? 1 : 0);
      }),
      { numRuns: 60 },
    );
  });

  it("an empty cohort still renders, saying there is nothing to show", () => {
    const out = renderHtmlReport(
      summary({ records: 0, patients: 0, errors: 0, suggestions: 0, rules: [], dataGaps: [], errorCodes: {}, byKind: zeroKinds(), bySeverity: zeroSeverities(), packs: [] }),
    );
    expect(out).toContain("No rule fired.");
    expect(out).toContain("No data gaps.");
    expect(out).not.toContain("Refused records");
    expect(out).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("shows the 30 most prevalent rules in the chart and all of them in the table", () => {
    const rules: RuleCount[] = Array.from({ length: 45 }, (_, i) => ({
      ruleId: `rule.r${String(i).padStart(2, "0")}`,
      pack: "p",
      kind: "monitoring",
      severity: "info",
      suggestions: 100 - i,
      patients: 100 - i,
      per1000: 100 - i,
    }));
    const out = renderHtmlReport(summary({ rules }));
    const chart = out.slice(out.indexOf('aria-label="Rule prevalence'), out.indexOf("</svg>", out.indexOf('aria-label="Rule prevalence')));
    expect(chart.match(/<rect /g)).toHaveLength(30);
    expect(chart).not.toContain("rule.r30");
    expect(out).toContain('<td class="id">rule.r44</td>');
    expect(out).toContain("The 30 most frequent of 45 rules");
  });
});

describe("number formatting", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [1234567, "1,234,567"],
    [-1234, "-1,234"],
  ])("formatCount(%d) = %s", (n, s) => expect(formatCount(n)).toBe(s));
  it.each([
    [0, "0"],
    [12.5, "12.5"],
    [0.04, "0"],
    [1234.56, "1,234.6"],
    [999.96, "1,000"],
    [7, "7"],
  ])("formatRate(%d) = %s", (n, s) => expect(formatRate(n)).toBe(s));
});
