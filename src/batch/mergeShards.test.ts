import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeShards } from "./mergeShards.js";
import { mergeSummaries } from "./mergeSummaries.js";
import { SummaryBuilder } from "./summary.js";

// Found by merging shard outputs as a cluster job can get them wrong: a missing shard gave a
// merged file with records missing, a shard given twice one with records twice, and shards
// evaluated with different pack versions were joined (the summary naming the first shard's
// packs) — all with exit 0. A shard or summary that did not exist crashed with a stack trace.
const dir = mkdtempSync(join(tmpdir(), "psychrx-merge-"));
let n = 0;
const packs = (core: string) => [{ id: "core", version: core, sha256: core === "1" ? "a".repeat(64) : "b".repeat(64), type: "pack" }];
/** A result line, or every fifth an error line, as batch writes them. */
const line = (record: number, core = "1") =>
  record % 5 === 0
    ? JSON.stringify({ record, patientId: null, error: { code: "invalid_json", issues: [] } })
    : JSON.stringify({ record, patientId: `p${record}`, asOf: "2026-11-22", engine: { name: "psychrx", version: "0.1.0" }, packs: packs(core), suggestions: [] });
const file = (text: string) => {
  const f = join(dir, `f${n++}.ndjson`);
  writeFileSync(f, text);
  return f;
};
/** Shard k of `shards` over records 1..total, as `batch --shard k/shards` writes it. */
const shard = (total: number, k: number, shards: number, core = "1") =>
  file(Array.from({ length: total }, (_, i) => i + 1).filter((r) => (r - 1) % shards === k - 1).map((r) => `${line(r, core)}\n`).join(""));
const unsharded = (total: number) => Array.from({ length: total }, (_, i) => `${line(i + 1)}\n`).join("");

describe("mergeShards", () => {
  it("joins all shards, in any order, into the unsharded bytes; refuses a missing shard and a shard given twice", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.nat(), fc.nat(), async (total, shards, pick, rotate) => {
        const files = Array.from({ length: shards }, (_, i) => shard(total, i + 1, shards));
        const order = files.map((_, i) => files[(i + rotate) % shards] as string);
        const out = join(dir, `out${n++}.ndjson`);
        const all = await mergeShards(order, out);
        expect(all).toEqual({ ok: true, lines: total });
        expect(readFileSync(out, "utf8")).toBe(unsharded(total));

        const k = (pick % shards) + 1;
        const missingOut = join(dir, `out${n++}.ndjson`);
        const missing = await mergeShards(order.filter((f) => f !== files[k - 1]), missingOut);
        // Shard k holds records k, k+N, …: its absence shows as a gap when a later record exists.
        if (shards > 1 && total > k) {
          expect(missing.ok).toBe(false);
          if (!missing.ok) expect(missing.issues.map((i) => i.code)).toEqual(["missing_records"]);
          expect(existsSync(missingOut) || existsSync(`${missingOut}.partial`)).toBe(false);
        }
        if (total >= k) {
          const twice = await mergeShards([...order, files[k - 1] as string], join(dir, `out${n++}.ndjson`));
          expect(twice.ok).toBe(false);
          if (!twice.ok) expect(twice.issues.map((i) => i.code)).toEqual(["duplicate_record"]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("refuses shards evaluated with different pack versions, naming the difference", async () => {
    const r = await mergeShards([shard(10, 1, 2), shard(10, 2, 2, "2")], join(dir, "mixed.ndjson"));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.code)).toEqual(["mixed_packs"]);
      expect(r.issues[0]?.message).toContain("core@2 (bbbbbbbbbbbb) where");
    }
  });

  it("refuses a shard that does not exist and an output folder that does not exist, without throwing", async () => {
    const r = await mergeShards([shard(4, 1, 2), join(dir, "nope.ndjson")], join(dir, "missing", "out.ndjson"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(["no_such_file", "no_such_folder"]);
  });
});

describe("mergeSummaries", () => {
  const summary = (core: string) => {
    const b = new SummaryBuilder();
    b.addResult({ engine: { name: "psychrx", version: "0.1.0" }, packs: packs(core), suggestions: [], dataGaps: [] } as unknown as Parameters<SummaryBuilder["addResult"]>[0]);
    return file(JSON.stringify(b.build()));
  };

  it("adds summaries of one pack set; refuses mixed pack sets, unreadable files and other JSON", () => {
    const ok = mergeSummaries([summary("1"), summary("1")]);
    expect(ok.success && ok.data.summary.patients).toBe(2);
    expect(ok.success && ok.data.records).toBe(2);
    const mixed = mergeSummaries([summary("1"), summary("2")]);
    expect(mixed.success ? [] : mixed.issues.map((i) => i.code)).toEqual(["mixed_packs"]);
    const bad = mergeSummaries([join(dir, "none.json"), file("{not json"), file("[1,2]")]);
    expect(bad.success ? [] : bad.issues.map((i) => i.code)).toEqual(["unreadable_summary", "unreadable_summary", "not_a_summary"]);
  });

  it("refuses a damaged summary naming each bad field, instead of adding NaN into the merge", () => {
    const good = JSON.parse(readFileSync(summary("1"), "utf8")) as Record<string, unknown>;
    const damaged = { ...good, records: -1, rules: [{ ruleId: "r", pack: "p", kind: "monitoring", severity: "info", suggestions: "3", patients: 1, per1000: 1 }] };
    const r = mergeSummaries([summary("1"), file(JSON.stringify(damaged))]);
    expect(r.success ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
      ["not_a_summary", "records"],
      ["not_a_summary", "rules[0].suggestions"],
    ]);
    expect(r.success ? "" : r.issues[1]?.message).toContain("received string");
    // A summary that omits a kind or severity counts it 0 (older or hand-made summaries).
    const { byKind: _k, ...withoutKinds } = good;
    const merged = mergeSummaries([summary("1"), file(JSON.stringify({ ...withoutKinds, byKind: {} }))]);
    expect(merged.success && Object.values(merged.data.summary.byKind).every((n) => Number.isInteger(n))).toBe(true);
  });

  it("tells a missing, repeated or foreign shard from its summary, whichever shard it is, and gives the whole input's records", () => {
    /** The summary `batch --shard k/n` writes for an input of `total` records (one result per record). */
    const shardSummary = (k: number, n: number, total: number) => {
      const b = new SummaryBuilder();
      for (let r = k; r <= total; r += n) b.addResult({ engine: { name: "psychrx", version: "0.1.0" }, packs: packs("1"), suggestions: [], dataGaps: [] } as unknown as Parameters<SummaryBuilder["addResult"]>[0]);
      return file(JSON.stringify({ ...b.build(), shard: { k, n, inputRecords: total } }));
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 5 }), fc.nat(), (total, shards, pick) => {
        const files = Array.from({ length: shards }, (_, i) => shardSummary(i + 1, shards, total));
        const all = mergeSummaries(files);
        expect(all.success && all.data).toMatchObject({ records: total, summary: { records: total, patients: total } });
        expect(all.success && "shard" in all.data.summary).toBe(false);
        const k = (pick % shards) + 1;
        // Any shard left out is named, also one that held only the last records or none.
        const missing = mergeSummaries(files.filter((_, i) => i !== k - 1));
        if (shards > 1) expect(missing.success ? [] : missing.issues.map((i) => [i.code, i.message.slice(0, 22)])).toEqual([["missing_shard", `no summary of shard ${k}/`]]);
        const twice = mergeSummaries([...files, files[k - 1] as string]);
        expect(twice.success ? [] : twice.issues.map((i) => i.code)).toEqual(["duplicate_shard"]);
        const other = mergeSummaries([...files.slice(1), shardSummary(1, shards, total + 1)]);
        if (shards > 1) expect(other.success ? [] : other.issues.map((i) => i.code)).toContain("mismatched_shards");
      }),
      { numRuns: 100 },
    );
    const unsharded = mergeSummaries([shardSummary(1, 2, 4), summary("1")]);
    expect(unsharded.success ? [] : unsharded.issues.map((i) => i.code)).toEqual(["not_a_shard"]);
    const short = JSON.parse(readFileSync(shardSummary(2, 2, 5), "utf8")) as Record<string, unknown>;
    const cut = mergeSummaries([shardSummary(1, 2, 5), file(JSON.stringify({ ...short, records: 1, patients: 1 }))]);
    expect(cut.success ? [] : cut.issues.map((i) => [i.code, i.message])).toEqual([["incomplete_shard", "shard 2/2 counts 1 records, where an input of 5 records gives it 2"]]);
    const k0 = mergeSummaries([file(JSON.stringify({ ...short, shard: { k: 3, n: 2, inputRecords: 5 } }))]);
    expect(k0.success ? [] : k0.issues.map((i) => [i.code, i.path])).toEqual([["not_a_summary", "shard.k"]]);
  });
});

describe("mergeShards with the records the summaries count", () => {
  it("refuses outputs that hold fewer or more records, also when the missing shard held only the last records", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 2, max: 5 }), fc.nat(), async (total, shards, pick) => {
        const files = Array.from({ length: shards }, (_, i) => shard(total, i + 1, shards));
        expect(await mergeShards(files, join(dir, `out${n++}.ndjson`), total)).toEqual({ ok: true, lines: total });
        const k = (pick % shards) + 1;
        const out = join(dir, `out${n++}.ndjson`);
        const missing = await mergeShards(files.filter((_, i) => i !== k - 1), out, total);
        if (total >= k) {
          expect(missing.ok ? [] : missing.issues.map((i) => i.code)).toEqual(["missing_records"]);
          expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
        } else expect(missing.ok).toBe(true); // shard k was empty: nothing is missing
        const extra = await mergeShards(files, join(dir, `out${n++}.ndjson`), total - 1);
        expect(extra.ok ? [] : extra.issues.map((i) => i.code)).toEqual(["extra_records"]);
      }),
      { numRuns: 100 },
    );
    const last = await mergeShards([shard(3, 1, 3), shard(3, 2, 3)], join(dir, "last.ndjson"), 3);
    expect(last.ok ? [] : last.issues.map((i) => i.message)).toEqual(["record 3 is in none of the shard outputs, though the summaries count 3 records; is a shard output missing?"]);
  });
});
