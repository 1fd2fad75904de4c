/**
 * Runs in the page: loads the explorer's data scripts (data-format.ts) with `<script src>`, which a
 * static host and a copy opened from disk both allow (fetch() does not work from file://), decodes
 * each month once and keeps one sorted dictionary per column over every month loaded, so that the
 * indicators get codes in string order ("" is code 0) whatever months a selection spans.
 */
import {
  DATA_GLOBAL,
  EXPLORE_COLUMNS,
  unpackCodes,
  type ExploreColumn,
  type ExploreFile,
  type ExploreMeta,
  type MonthData,
  type MonthRows,
  type PackedColumn,
} from "../data-format.js";

type Queue = ExploreFile[];
const globalScope = self as unknown as Record<string, Queue | undefined>;

/** The files the scripts have pushed, taken off the queue. */
function drain(): ExploreFile[] {
  const queue = globalScope[DATA_GLOBAL] ?? [];
  globalScope[DATA_GLOBAL] = [];
  return queue;
}

const loading = new Map<string, Promise<void>>();

/** Loads one data script once (e.g. "data/2025-03.js"). */
function loadScript(src: string): Promise<void> {
  let done = loading.get(src);
  if (!done) {
    done = new Promise<void>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`${src} did not load`));
      document.head.append(script);
    });
    loading.set(src, done);
  }
  return done;
}

/** One month, decoded: the local day of each row and the codes of each column in its own dictionary. */
export interface LoadedMonth {
  month: string;
  rows: number;
  /** local day number per row */
  day: Int32Array;
  local: Record<ExploreColumn, {values: string[]; codes: Int32Array}>;
  /** per column: local code -> code in the store's dictionary */
  toGlobal: Record<ExploreColumn, Int32Array>;
  /** the rows table's columns, once loaded */
  rowData?: {time: Float64Array; target: string[]; diff: string[]};
}

const decode = (column: PackedColumn, rows: number) => ({values: column.values, codes: unpackCodes(column.codes, column.width, rows)});

function decodeMonth(data: MonthData): LoadedMonth {
  const day = new Int32Array(data.rows);
  let row = 0;
  for (const [number, count] of data.days) day.fill(number, row, (row += count));
  const local = Object.fromEntries(EXPLORE_COLUMNS.map((name) => [name, decode(data.columns[name], data.rows)])) as LoadedMonth["local"];
  return {month: data.month, rows: data.rows, day, local, toGlobal: {} as LoadedMonth["toGlobal"]};
}

/** Every month loaded so far, and the dictionaries over them. */
export class ExploreStore {
  readonly months = new Map<string, LoadedMonth>();
  /** per column: every value of the loaded months, sorted by plain string order, "" first */
  dictionaries = {} as Record<ExploreColumn, string[]>;

  constructor(readonly meta: ExploreMeta) {
    for (const name of EXPLORE_COLUMNS) this.dictionaries[name] = [""];
  }

  /** Loads the months with keys in [first, last] ("YYYY-MM") that are not loaded yet. */
  async loadMonths(first: string, last: string): Promise<LoadedMonth[]> {
    this.absorb(); // the months the page loaded with it
    const wanted = this.meta.months.filter(({month}) => month >= first && month <= last);
    const missing = wanted.filter(({month}) => !this.months.has(month));
    if (missing.length > 0) {
      await Promise.all(missing.map(({month}) => loadScript(`data/${month}.js`)));
      this.absorb();
    }
    return wanted.map(({month}) => this.months.get(month)).filter((month): month is LoadedMonth => month !== undefined);
  }

  /** Loads the rows-table columns of `months`. */
  async loadRows(months: LoadedMonth[]): Promise<void> {
    const missing = months.filter((month) => !month.rowData);
    await Promise.all(missing.map(({month}) => loadScript(`data/rows-${month}.js`)));
    this.absorb();
  }

  /** Takes in every file the scripts pushed, whichever load asked for it. */
  private absorb(): void {
    let added = false;
    for (const file of drain()) {
      if (file.kind === "meta") continue;
      if (file.kind === "month" && !this.months.has(file.month)) {
        this.months.set(file.month, decodeMonth(file));
        added = true;
      } else if (file.kind === "rows") attachRows(this.months.get(file.month), file);
    }
    if (added) this.mergeDictionaries();
  }

  private mergeDictionaries(): void {
    for (const name of EXPLORE_COLUMNS) {
      const values = new Set<string>([""]);
      for (const month of this.months.values()) for (const value of month.local[name].values) values.add(value);
      // plain string order, as the build's dictionaries (coded-column.ts)
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const codeOf = new Map(sorted.map((value, code) => [value, code]));
      this.dictionaries[name] = sorted;
      for (const month of this.months.values()) month.toGlobal[name] = Int32Array.from(month.local[name].values, (value) => codeOf.get(value)!);
    }
  }
}

function attachRows(month: LoadedMonth | undefined, file: MonthRows): void {
  if (!month) return;
  const time = new Float64Array(file.time.length);
  let at = 0;
  file.time.forEach((delta, row) => (time[row] = at += delta));
  const target = decode(file.target, file.time.length);
  month.rowData = {time, target: Array.from(target.codes, (code) => target.values[code]), diff: file.diff};
}

/** Loads meta.js (the page loads it first; this waits for it when it came later). */
export async function loadMeta(): Promise<ExploreMeta> {
  const files = drain();
  const meta = files.find((file): file is ExploreMeta => file.kind === "meta");
  // the months the page loaded with meta.js stay queued for the store
  globalScope[DATA_GLOBAL] = files.filter((file) => file !== meta);
  if (meta) return meta;
  await loadScript("data/meta.js");
  const loaded = drain().find((file): file is ExploreMeta => file.kind === "meta");
  if (!loaded) throw new Error("data/meta.js holds no report");
  return loaded;
}
