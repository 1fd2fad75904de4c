/**
 * The sample portal's state while the log is written: which datasets, pages, groups, maps and
 * reuses exist, in draft or published, and how popular each is. Actions read and change it, so
 * a dataset is added before it is published and never edited after it is deleted.
 * It does not choose actions or times: see sample-actions.ts and sample-log.ts.
 */
import type {Random} from "./random.js";
import {
  DATASETS_AT_START,
  GROUPS_AT_START,
  MAPS_AT_START,
  PAGES_AT_START,
  SAMPLE_DATASETS,
  SAMPLE_GROUPS,
  SAMPLE_MAPS,
  SAMPLE_PAGES,
  SAMPLE_REUSES,
  type Subdomain,
} from "./sample-catalog.js";

export type Status = "future" | "draft" | "published" | "deleted";

export interface Entity {
  id: string;
  subdomain: Subdomain;
  status: Status;
  /** Zipf-like weight from a seeded shuffle of the catalog */
  popularity: number;
  /** e.g. records count for datasets, kept so that successive diffs chain */
  counter: number;
}

export interface Reuse {
  title: string;
  datasetId: string;
  status: Status;
}

export interface Portal {
  datasets: Entity[];
  pages: Entity[];
  groups: Entity[];
  maps: Entity[];
  reuses: Reuse[];
  /** subdomain favoured during a campaign ("" = none) */
  focus: Subdomain;
}

function entities(list: ReadonlyArray<readonly [string, Subdomain]>, atStart: number, random: Random): Entity[] {
  const ranks = list.map((_, i) => i);
  for (let i = ranks.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  return list.map(([id, subdomain], i) => ({
    id,
    subdomain,
    status: i < atStart ? (random.chance(0.06) ? "draft" : "published") : "future",
    popularity: 1 / Math.pow(ranks[i] + 1, 0.9),
    counter: 200 + random.int(40_000),
  }));
}

/** The portal as it stands on the first day of the log. */
export function createPortal(random: Random): Portal {
  return {
    datasets: entities(SAMPLE_DATASETS, DATASETS_AT_START, random),
    pages: entities(SAMPLE_PAGES, PAGES_AT_START, random),
    groups: entities(
      SAMPLE_GROUPS.map((id) => [id, ""] as const),
      GROUPS_AT_START,
      random,
    ),
    maps: entities(
      SAMPLE_MAPS.map((id) => [id, ""] as const),
      MAPS_AT_START,
      random,
    ),
    reuses: SAMPLE_REUSES.map(([title, datasetId]) => ({title, datasetId, status: "future"})),
    focus: "",
  };
}

/** The next entity waiting to be created, if any. */
export function nextFuture<T extends {status: Status}>(items: T[]): T | undefined {
  return items.find((item) => item.status === "future");
}

/**
 * A popularity-weighted pick among entities whose status is one of `statuses`; entities of the
 * campaign's subdomain weigh five times more. Undefined when none qualifies.
 */
export function pickEntity(portal: Portal, items: Entity[], statuses: readonly Status[], random: Random): Entity | undefined {
  const candidates = items.filter((item) => statuses.includes(item.status));
  if (candidates.length === 0) return undefined;
  const weights = candidates.map((item) => item.popularity * (portal.focus !== "" && item.subdomain === portal.focus ? 5 : 1));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let u = random.next() * total;
  for (let i = 0; i < candidates.length; i++) {
    u -= weights[i];
    if (u < 0) return candidates[i];
  }
  return candidates[candidates.length - 1];
}
