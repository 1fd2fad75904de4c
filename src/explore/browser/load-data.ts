/**
 * Runs in the page: loads the explorer's data scripts (data-format.ts) with `<script src>`, which a
 * static host and a copy opened from disk both allow (fetch() does not work from file://), inflates
 * and decodes each month once (DecompressionStream: native, no eval) and keeps one sorted
 * dictionary per column over every month loaded, so that the indicators get codes in string order
 * ("" is code 0) whatever months a selection spans.
 */
import {
  DATA_GLOBAL,
  EXPLORE_COLUMNS,
  unpackFile,
  type ExploreColumn,
  type ExploreFile,
  type ExploreMeta,
  type MonthData,
  type MonthRows,
  type PackedFile,
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

function decodeMonth(data: MonthData): LoadedMonth {
  const day = new Int32Array(data.rows);
  let row = 0;
  for (const [number, count] of data.days) day.fill(number, row, (row += count));
  return {month: data.month, rows: data.rows, day, local: data.columns, toGlobal: {} as LoadedMonth["toGlobal"]};
}

/** The bytes of a base64 text, inflated (zlib). */
async function inflate(base64: string): Promise<Uint8Array> {
  if (typeof DecompressionStream === "undefined") throw new Error("this browser has no DecompressionStream (Chrome 80, Firefox 113, Safari 16.4 or later)");
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A data file's value, unpacked. */
export async function unpack(file: PackedFile): Promise<MonthData | MonthRows> {
  return unpackFile(file, await inflate(file.data));
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
    await this.absorb(); // the months the page loaded with it
    const wanted = this.meta.months.filter(({month}) => month >= first && month <= last);
    const missing = wanted.filter(({month}) => !this.months.has(month));
    if (missing.length > 0) {
      await Promise.all(missing.map(({month}) => loadScript(`data/${month}.js`)));
      await this.absorb();
    }
    return wanted.map(({month}) => this.months.get(month)).filter((month): month is LoadedMonth => month !== undefined);
  }

  /** Loads the rows-table columns of `months`. */
  async loadRows(months: LoadedMonth[]): Promise<void> {
    const missing = months.filter((month) => !month.rowData);
    await Promise.all(missing.map(({month}) => loadScript(`data/rows-${month}.js`)));
    await this.absorb();
  }

  /** Files being unpacked, whichever load took them off the queue. */
  private readonly unpacking = new Set<Promise<void>>();
  /** a month came in since the dictionaries were merged */
  private merged = true;

  /** Takes in every file the scripts pushed, and waits for every file being unpacked (another load's too). */
  private async absorb(): Promise<void> {
    for (const file of drain()) {
      if (file.kind !== "packed") continue;
      const done: Promise<void> = unpack(file)
        .then((value) => this.take(value))
        .finally(() => this.unpacking.delete(done));
      this.unpacking.add(done);
    }
    await Promise.all(this.unpacking);
    if (!this.merged) this.mergeDictionaries();
  }

  private take(value: MonthData | MonthRows): void {
    if (value.kind === "rows") attachRows(this.months.get(value.month), value);
    else if (!this.months.has(value.month)) {
      this.months.set(value.month, decodeMonth(value));
      this.merged = false;
    }
  }

  private mergeDictionaries(): void {
    this.merged = true;
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

/** A month's rows-table columns; a row's target is its dataset, else its page, else its other target. */
function attachRows(month: LoadedMonth | undefined, file: MonthRows): void {
  if (!month) return;
  const [dataset, page, other] = [month.local.dataset_id, month.local.page_id, file.otherTarget];
  const target = Array.from(
    {length: file.rows},
    (_, row) => dataset.values[dataset.codes[row]] || page.values[page.codes[row]] || other.values[other.codes[row]],
  );
  month.rowData = {time: file.time, target, diff: Array.from(file.diff.codes, (code) => file.diff.values[code])};
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
