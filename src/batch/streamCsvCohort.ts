import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Issue } from "../core/issue.js";
import { checkCsvTables, csvIssue } from "./checkCsvTables.js";
import { CsvCursor, csvRows } from "./csvRows.js";
import { badHeaderIssue, badRowIssues, BadRowCursor, badRowsOf } from "./csvUtf8.js";
import { addTableRow, cellPath, CSV_TABLES, csvRecord, patientId, readCsvCohort, type PatientLists } from "./readCsvCohort.js";
import type { InputRecord } from "./readNdjson.js";
import { Utf8Watch } from "./utf8Watch.js";

/** A cohort table with bytes that are not UTF-8, for a note on stderr. */
export interface InvalidUtf8Table {
  /** The table's file name (`medications.csv`). */
  readonly file: string;
  /** Its rows with such bytes. */
  readonly rows: number;
  /** Of those, the rows naming a patient absent from patients.csv (not used, like any such row). */
  readonly unused: number;
  /** The first few of those rows: the line where such bytes start, the row's patient_id, whether it is used. */
  readonly first: readonly { readonly line: number; readonly patientId: string; readonly used: boolean }[];
}

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
  /**
   * The tables with bytes that are not UTF-8 in some rows (a header with such bytes is an issue
   * instead). The record of each patient with such a row, in patients.csv or another table, is
   * marked `invalid`, naming table, line, column and path of each such cell.
   */
  readonly invalidUtf8: readonly InvalidUtf8Table[];
}

/** Where each patient id stands in patients.csv: its first row index, and its last one when it is listed more than once. */
interface PatientOrder {
  readonly first: Map<string, number>;
  readonly last: Map<string, number>;
  /** Rows of patients.csv. */
  readonly count: number;
}

async function patientOrder(file: string, watch: Utf8Watch): Promise<PatientOrder> {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  let i = 0;
  for await (const row of csvRows(file, { bytes: (chunk) => watch.push(chunk) })) {
    const id = patientId(row);
    if (first.has(id)) last.set(id, i);
    else first.set(id, i);
    i++;
  }
  return { first, last, count: i };
}

/**
 * Counts a table's orphan rows, and whether it has a row naming a patient that comes before the
 * previous row's. Reads the whole table either way, so that a row the CSV parser rejects, or bytes
 * that are not UTF-8 (`watch`), are found before the first record is yielded.
 */
async function checkTable(file: string, first: Map<string, number>, watch: Utf8Watch): Promise<{ orphans: number; ordered: boolean }> {
  let orphans = 0;
  let at = -1;
  let ordered = true;
  for await (const row of csvRows(file, { bytes: (chunk) => watch.push(chunk) })) {
    const p = first.get(patientId(row));
    if (p === undefined) orphans++;
    else if (p < at) ordered = false;
    else at = p;
  }
  return { orphans, ordered };
}

/** A patient's lists and the issues of its table rows with bytes that are not UTF-8. */
interface PatientRows {
  readonly lists: PatientLists;
  readonly issues: Issue[];
}

/** Moves `cursor` past the rows of patient `i` (into `into`) and past orphan rows, up to the first row of a later patient. */
async function takeRows(cursor: CsvCursor, file: string, key: string, bad: BadRowCursor | undefined, first: Map<string, number>, i: number, into: PatientRows): Promise<void> {
  for (let row = cursor.head; row !== undefined; row = cursor.head) {
    const p = first.get(patientId(row));
    if (p !== undefined && p > i) return;
    if (p !== undefined && p < i) throw new Error(`${file} changed while it was read`);
    if (p === i) {
      addTableRow(into.lists, key, row);
      const b = bad === undefined ? undefined : await bad.at(cursor.index);
      if (b !== undefined) into.issues.push(...badRowIssues(file, b, (column) => cellPath(column, key, (into.lists[key]?.length ?? 1) - 1)));
    }
    await cursor.advance();
  }
}

/**
 * The records, the tables read side by side; each table with bytes that are not UTF-8 (`bad`) is
 * also read by a {@link BadRowCursor} alongside, naming its bad rows as they come.
 */
async function* mergeJoin(dir: string, tables: readonly (keyof typeof CSV_TABLES)[], order: PatientOrder, bad: ReadonlySet<string>): AsyncGenerator<InputRecord> {
  const cursors: { cursor: CsvCursor; file: string; key: string; bad: BadRowCursor | undefined }[] = [];
  const badRows = (file: string) => (bad.has(file) ? new BadRowCursor(badRowsOf(join(dir, file))) : undefined);
  const badPatients = badRows("patients.csv");
  // Rows of a patient id listed again further down patients.csv, kept until its last row.
  const repeated = new Map<string, PatientRows>();
  try {
    for (const file of tables) cursors.push({ cursor: await CsvCursor.open(join(dir, file)), file, key: CSV_TABLES[file], bad: badRows(file) });
    let i = 0;
    for await (const patient of csvRows(join(dir, "patients.csv"))) {
      const id = patientId(patient);
      let rows = repeated.get(id);
      if (rows === undefined) {
        rows = { lists: {}, issues: [] };
        for (const c of cursors) await takeRows(c.cursor, c.file, c.key, c.bad, order.first, i, rows);
        if (order.last.has(id)) repeated.set(id, rows);
      }
      if (order.last.get(id) === i) repeated.delete(id);
      i++;
      yield csvRecord(i, patient, rows.lists, badPatients === undefined ? undefined : await badPatients.at(i), rows.issues);
    }
  } finally {
    await Promise.all([...cursors.flatMap((c) => [c.cursor.close(), c.bad?.close()]), badPatients?.close()]);
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
 *
 * The second pass also checks each table's bytes for UTF-8 (one `isUtf8` call per block read). A
 * table that is not UTF-8 is read once more to find its bad rows (`invalidUtf8`), and again
 * alongside the merge-join, so that the record of each patient with such a row is marked
 * `invalid` instead of carrying U+FFFD in its text; a header with such bytes is an issue.
 */
export async function streamCsvCohort(dir: string): Promise<CsvCohort> {
  const tables = (Object.keys(CSV_TABLES) as (keyof typeof CSV_TABLES)[]).filter((file) => existsSync(join(dir, file)));
  const refused = (issues: readonly Issue[]): CsvCohort => ({ unordered: undefined, orphans: 0, patients: 0, records: fromArray([]), issues, invalidUtf8: [] });
  const headers = await checkCsvTables([join(dir, "patients.csv"), ...tables.map((file) => join(dir, file))]);
  if (headers.length > 0) return refused(headers);
  // Each table is read whole once before anything is yielded; its bytes are checked for UTF-8 on the
  // way (one isUtf8 call per block), and only a table that is not UTF-8 is read again to find its bad rows.
  let order: PatientOrder = { first: new Map(), last: new Map(), count: 0 };
  const bad = new Set<string>();
  const invalidUtf8: InvalidUtf8Table[] = [];
  const issues: Issue[] = [];
  const check = async (file: string, read: (watch: Utf8Watch) => Promise<void>): Promise<boolean> => {
    const watch = new Utf8Watch();
    try {
      await read(watch);
      if (watch.valid) return true;
      const table = { rows: 0, unused: 0, first: [] as { line: number; patientId: string; used: boolean }[] };
      for await (const row of badRowsOf(join(dir, file))) {
        if (row.row === 0) {
          issues.push(badHeaderIssue(join(dir, file), row.lines));
          return false;
        }
        // A row of patients.csv is a record; a row of another table is used when it names one.
        const used = file === "patients.csv" || order.first.has(row.patientId);
        table.rows++;
        if (!used) table.unused++;
        if (table.first.length < 5) table.first.push({ line: row.lines[0] ?? 0, patientId: row.patientId, used });
      }
      if (table.rows > 0) {
        bad.add(file);
        invalidUtf8.push({ file, ...table });
      }
      return true;
    } catch (error) {
      issues.push(csvIssue(join(dir, file), error));
      return false;
    }
  };
  const read = await check("patients.csv", async (watch) => {
    order = await patientOrder(join(dir, "patients.csv"), watch);
  });
  if (!read) return refused(issues);
  let orphans = 0;
  let unordered: string | undefined;
  for (const file of tables) {
    await check(file, async (watch) => {
      const checked = await checkTable(join(dir, file), order.first, watch);
      orphans += checked.orphans;
      if (!checked.ordered) unordered ??= file;
    });
  }
  if (issues.length > 0) return refused(issues);
  if (unordered !== undefined) {
    const cohort = readCsvCohort(dir);
    return { unordered, orphans: cohort.orphans, patients: order.count, records: fromArray(cohort.records), issues: [], invalidUtf8 };
  }
  return { unordered: undefined, orphans, patients: order.count, records: mergeJoin(dir, tables, order, bad), issues: [], invalidUtf8 };
}
