/**
 * What a build is given besides its config (its effects) and what it answers (its summary). Types
 * only, so that the CLI, the up-to-date check and the stages share them without importing build.ts.
 */

export interface BuildEffects {
  /** the build time written to report.json and the index page */
  now: () => Date;
  /** one human line of progress, e.g. "ingest: 1,000,000 rows" */
  log: (message: string) => void;
  /** a long step's progress: done out of total (bytes or periods) */
  progress: (step: string, done: number, total: number) => void;
}

export interface BuildSummary {
  out: string;
  /** true when the published report already matched the inputs and options: nothing was rebuilt */
  upToDate: boolean;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  periods: number;
  /** periods whose folder was kept from the previous build (unchanged content key), not rendered */
  reused?: number;
  rendered?: number;
  /**
   * "append": only what was added since the cached build was parsed (new files among the old ones
   * too); "reexport": inputs that changed otherwise were read again whole, the rows the cache had read
   * from them recognised by hash and not parsed further;
   * "cold": every input was read
   */
  ingestMode?: "append" | "reexport" | "cold";
  /** why every input was read although a cache was asked for, e.g. "log.csv changed" */
  ingestReason?: string;
  /** every input read with a cache of the same columns: the rows it had (their downloads copied, not formatted) */
  knownRows?: number;
  seconds: number;
  /** seconds per stage, e.g. {ingest: 4.1, indicators: 2.3, ...} */
  stages: Record<string, number>;
  /** entries of input folders not read (the CLI's), e.g. ["logs/pipe.csv (a FIFO, not a regular file)"] */
  skipped?: string[];
}
