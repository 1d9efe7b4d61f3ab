import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Issue } from "../core/issue.js";
import { checkCsvTables, csvIssue } from "./checkCsvTables.js";
import { CsvCursor, csvRows } from "./csvRows.js";
import { addTableRow, CSV_TABLES, patientId, readCsvCohort, snapshotLine, type PatientLists } from "./readCsvCohort.js";
import type { InputRecord } from "./readNdjson.js";

/** A CSV cohort folder opened by {@link streamCsvCohort}. */
export interface CsvCohort {
  /** The first table found out of the patient order of patients.csv, when the cohort is grouped in memory instead of streamed. */
  readonly unordered: string | undefined;
  /** Table rows naming a patient absent from patients.csv (not used). */
  readonly orphans: number;
  /** Rows of patients.csv: the number of records (0 for a patients.csv with a header and no rows). */
  readonly patients: number;
  /** One record per row of patients.csv, in its order (none when there are issues). */
  readonly records: AsyncIterable<InputRecord>;
  /** Why the tables cannot be read (a table without patient_id, a row the CSV parser rejects): then nothing is yielded. */
  readonly issues: readonly Issue[];
}

/** Where each patient id stands in patients.csv: its first row index, and its last one when it is listed more than once. */
interface PatientOrder {
  readonly first: Map<string, number>;
  readonly last: Map<string, number>;
  /** Rows of patients.csv. */
  readonly count: number;
}

async function patientOrder(file: string): Promise<PatientOrder> {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  let i = 0;
  for await (const row of csvRows(file)) {
    const id = patientId(row);
    if (first.has(id)) last.set(id, i);
    else first.set(id, i);
    i++;
  }
  return { first, last, count: i };
}

/**
 * Counts a table's orphan rows, and whether it has a row naming a patient that comes before the
 * previous row's. Reads the whole table either way, so that a row the CSV parser rejects is found
 * before the first record is yielded.
 */
async function checkTable(file: string, first: Map<string, number>): Promise<{ orphans: number; ordered: boolean }> {
  let orphans = 0;
  let at = -1;
  let ordered = true;
  for await (const row of csvRows(file)) {
    const p = first.get(patientId(row));
    if (p === undefined) orphans++;
    else if (p < at) ordered = false;
    else at = p;
  }
  return { orphans, ordered };
}

/** Moves `cursor` past the rows of patient `i` (into `lists`) and past orphan rows, up to the first row of a later patient. */
async function takeRows(cursor: CsvCursor, file: string, key: string, first: Map<string, number>, i: number, lists: PatientLists): Promise<void> {
  for (let row = cursor.head; row !== undefined; row = cursor.head) {
    const p = first.get(patientId(row));
    if (p !== undefined && p > i) return;
    if (p !== undefined && p < i) throw new Error(`${file} changed while it was read`);
    if (p === i) addTableRow(lists, key, row);
    await cursor.advance();
  }
}

async function* mergeJoin(dir: string, tables: readonly (keyof typeof CSV_TABLES)[], order: PatientOrder): AsyncGenerator<InputRecord> {
  const cursors: { cursor: CsvCursor; file: string; key: string }[] = [];
  // Lists of a patient id listed again further down patients.csv, kept until its last row.
  const repeated = new Map<string, PatientLists>();
  try {
    for (const file of tables) cursors.push({ cursor: await CsvCursor.open(join(dir, file)), file, key: CSV_TABLES[file] });
    let i = 0;
    for await (const patient of csvRows(join(dir, "patients.csv"))) {
      const id = patientId(patient);
      let lists = repeated.get(id);
      if (lists === undefined) {
        lists = {};
        for (const c of cursors) await takeRows(c.cursor, c.file, c.key, order.first, i, lists);
        if (order.last.has(id)) repeated.set(id, lists);
      }
      if (order.last.get(id) === i) repeated.delete(id);
      i++;
      yield { record: i, line: snapshotLine(patient, lists) };
    }
  } finally {
    await Promise.all(cursors.map((c) => c.cursor.close()));
  }
}

async function* fromArray(records: readonly InputRecord[]): AsyncGenerator<InputRecord> {
  yield* records;
}

/**
 * Opens a folder of long-format CSV tables (see `readCsvCohort` for the layout): the same
 * records, in the same order and with the same text, as `readCsvCohort`, yielded one by one.
 *
 * When every table lists its rows grouped by patient in the order of patients.csv (as in an
 * extract with every table sorted by patient id), the tables are read side by side as a merge-join and memory
 * does not grow with their size; a first pass over patients.csv keeps each patient id's row
 * index (memory proportional to the number of patients, small strings only), and a second
 * pass over each table checks its order and counts its orphan rows (rows naming a patient absent
 * from patients.csv, which may stand anywhere) before the first record is yielded. A patient id
 * listed more than once in patients.csv gives each of its records all the rows naming it, which
 * must stand at the id's first place; its lists stay in memory until its last listing.
 *
 * When a table has a row for a patient that comes before the previous row's patient, nothing
 * has been yielded yet: the whole cohort is grouped in memory by `readCsvCohort` instead, and
 * `unordered` names that table.
 */
export async function streamCsvCohort(dir: string): Promise<CsvCohort> {
  const tables = (Object.keys(CSV_TABLES) as (keyof typeof CSV_TABLES)[]).filter((file) => existsSync(join(dir, file)));
  const refused = (issues: readonly Issue[]): CsvCohort => ({ unordered: undefined, orphans: 0, patients: 0, records: fromArray([]), issues });
  const headers = await checkCsvTables([join(dir, "patients.csv"), ...tables.map((file) => join(dir, file))]);
  if (headers.length > 0) return refused(headers);
  let order: PatientOrder;
  try {
    order = await patientOrder(join(dir, "patients.csv"));
  } catch (error) {
    return refused([csvIssue(join(dir, "patients.csv"), error)]);
  }
  let orphans = 0;
  let unordered: string | undefined;
  const issues: Issue[] = [];
  for (const file of tables) {
    try {
      const checked = await checkTable(join(dir, file), order.first);
      orphans += checked.orphans;
      if (!checked.ordered) unordered ??= file;
    } catch (error) {
      issues.push(csvIssue(join(dir, file), error));
    }
  }
  if (issues.length > 0) return refused(issues);
  if (unordered !== undefined) {
    const cohort = readCsvCohort(dir);
    return { unordered, orphans: cohort.orphans, patients: order.count, records: fromArray(cohort.records), issues: [] };
  }
  return { unordered: undefined, orphans, patients: order.count, records: mergeJoin(dir, tables, order), issues: [] };
}
