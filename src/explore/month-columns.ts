/**
 * The text of each column a month of the explorer's data holds (data-format.ts: the five columns
 * the figures read, the target's columns, the diff), for rows [lo, hi) of the log. A column the
 * table has is read from it: a cold build's table has every column of the log, so it reads no
 * file. A column it lacks (an incremental build's table holds the coded columns and the period
 * keys only) is read from the staged whole-log activity.json, the month's rows only. Both give a
 * value's text as the CSV download writes it (json-value.ts fieldText: null is "", a number or an
 * object as written), so cold and incremental builds write the same bytes. Also codes a column into
 * a month's own dictionary. No DOM.
 */
import {open} from "node:fs/promises";
import type {ColumnTable} from "arquero";
import {CodedColumn} from "../ingest/coded-column.js";
import {fieldText, heldValues} from "../ingest/json-value.js";
import type {SourceData} from "../downloads/whole-log.js";
import {EXPLORE_COLUMNS, TARGET_COLUMNS, type CodedValues} from "./data-format.js";

/** The staged whole-log activity.json (downloads/whole-log.ts SourceData): row i is bytes [jsonStart[i], jsonEnd[i]). */
export type ExploreSource = Pick<SourceData, "jsonFile" | "jsonStart" | "jsonEnd">;

/** Every column a month's files are made from. */
export const MONTH_COLUMNS = [...new Set([...EXPLORE_COLUMNS, ...TARGET_COLUMNS, "diff"])];

/** A column's text for rows of a month: codes into texts (a CodedColumn's), or each row's text (row numbers of the log). */
export type ColumnSource = {codes: Int32Array; texts: readonly string[]} | {text: (row: number) => string};

const EMPTY: ColumnSource = {text: () => ""};

/**
 * A table column's text per row (fieldText), "" when the table has no such column. A CodedColumn's
 * text is taken per code, not per row; the column is not encoded whole (an incremental build writes
 * one month).
 */
export function tableColumn(table: ColumnTable, name: string): ColumnSource {
  const column = table.column(name);
  if (column instanceof CodedColumn && !table.isFiltered() && !table.isOrdered()) return {codes: column.codes, texts: column.dictionary.map(fieldText)};
  return column ? {text: (row) => fieldText(String(column.at(row) ?? ""))} : EMPTY;
}

/**
 * The table's columns of MONTH_COLUMNS (made once for every month), and which of the log's
 * `columns` it lacks: those are read from activity.json for the months written (jsonColumns).
 */
export function tableColumns(table: ColumnTable, columns: readonly string[]): {fromTable: Map<string, ColumnSource>; missing: string[]} {
  const names = new Set(table.columnNames());
  const fromTable = new Map(MONTH_COLUMNS.filter((name) => names.has(name)).map((name) => [name, tableColumn(table, name)] as const));
  return {fromTable, missing: MONTH_COLUMNS.filter((name) => !names.has(name) && columns.includes(name))};
}

/** Rows [lo, hi)'s bytes of activity.json, one read. */
async function readRows(source: ExploreSource, lo: number, hi: number): Promise<Buffer> {
  const bytes = Buffer.alloc(source.jsonEnd[hi - 1] - source.jsonStart[lo]);
  const file = await open(source.jsonFile, "r");
  try {
    await file.read(bytes, 0, bytes.length, source.jsonStart[lo]);
  } finally {
    await file.close();
  }
  return bytes;
}

/** Rows [lo, hi)'s text of the columns `names`, read from activity.json: a record's value as fieldText gives it from the table. */
export async function jsonColumns(source: ExploreSource, names: readonly string[], lo: number, hi: number): Promise<Map<string, ColumnSource>> {
  const texts = names.map(() => new Array<string>(hi - lo));
  if (names.length > 0 && hi > lo) {
    const bytes = await readRows(source, lo, hi);
    const base = source.jsonStart[lo];
    const records = JSON.parse(`[${bytes.toString("utf8")}]`) as Record<string, unknown>[];
    records.forEach((record, i) => {
      // a string as it is, null or no member as ""; another value as written, from the record's own text
      if (names.every((name) => typeof record[name] === "string" || record[name] === null || record[name] === undefined))
        names.forEach((name, c) => (texts[c][i] = (record[name] as string | null | undefined) ?? ""));
      else {
        const text = bytes.toString("utf8", source.jsonStart[lo + i] - base, source.jsonEnd[lo + i] - base);
        heldValues(record, names, text).forEach((held, c) => (texts[c][i] = fieldText(held)));
      }
    });
  }
  return new Map(names.map((name, c) => [name, {text: (row: number) => texts[c][row - lo]}]));
}

/** Rows [lo, hi) of a column as a month's own dictionary ("" first, then by first use) and codes. */
export function packSpan(column: ColumnSource, lo: number, hi: number): CodedValues {
  const codeOf = new Map<string, number>([["", 0]]);
  const values = [""];
  const local = (value: string): number => {
    let code = codeOf.get(value);
    if (code === undefined) codeOf.set(value, (code = values.push(value) - 1));
    return code;
  };
  const out = new Int32Array(hi - lo);
  if ("codes" in column) {
    // one lookup per code of the month, not per row
    const {codes, texts} = column;
    const localOf = new Int32Array(texts.length).fill(-1);
    for (let row = lo; row < hi; row++) {
      const code = codes[row];
      out[row - lo] = localOf[code] >= 0 ? localOf[code] : (localOf[code] = local(texts[code]));
    }
  } else for (let row = lo; row < hi; row++) out[row - lo] = local(column.text(row));
  return {values, codes: out};
}

/** A column's text for one row. */
export const textAt = (column: ColumnSource, row: number): string => ("codes" in column ? column.texts[column.codes[row]] : column.text(row));
