/**
 * Writes the sample activity log that `npm run sample` commits as data/sample-activity.csv: one
 * metropolitan domain over about 15 months, day by day: people at office hours (Paris offsets),
 * the nightly bot and system rows (UTC "Z"), new colleagues joining, campaigns.
 * Deterministic: the same options give the same bytes. It does not touch the disk.
 */
import {LOG_FIELDS, type LogField} from "../../src/ingest/types.js";
import {csvLine} from "./csv-line.js";
import {formatParis, formatUtc, parisWallToUtc} from "./paris-time.js";
import {createRandom, pickWeighted, type Random} from "./random.js";
import {campaignOn, dayVolume, officeTime, poisson} from "./sample-calendar.js";
import {BOT_USER, SAMPLE_DOMAIN, SAMPLE_USERS, type SampleUser} from "./sample-catalog.js";
import {ROLE_ACTIONS, SAMPLE_ACTIONS, type RowFields} from "./sample-actions.js";
import {createPortal, pickEntity, type Portal} from "./sample-portal.js";

export interface SampleOptions {
  /** defaults to 20261120 */
  seed?: number;
  /** first Paris date, "YYYY-MM-DD"; defaults to "2025-08-18" */
  firstDay?: string;
  /** last Paris date, inclusive; defaults to "2026-11-20" */
  lastDay?: string;
}

export interface SampleRow {
  /** epoch milliseconds, for sorting */
  time: number;
  fields: Record<LogField, string>;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
// mean number of people's actions on an ordinary weekday at the start of the span
const WEEKDAY_ACTIONS = 11;
const BOT_DATASETS = new Set([
  "velib-disponibilite-temps-reel",
  "trafic-routier-temps-reel",
  "parkings-relais-occupation",
  "qualite-air-indices-atmo",
  "releves-pluviometrie",
  "comptages-velo-permanents",
  "perturbations-transports",
]);

interface PendingEvent {
  time: number;
  /** user_id, "" for the platform itself */
  user: string;
  utc: boolean;
  act: () => RowFields;
}

function personAction(portal: Portal, random: Random, user: SampleUser, boost: Record<string, number>): RowFields {
  const table = ROLE_ACTIONS[user.role];
  const actions = Object.keys(table);
  const weights = actions.map((action) => table[action] * (boost[action] ?? 1));
  for (let attempt = 0; attempt < 6; attempt++) {
    const action = pickWeighted(random, actions, weights);
    const fields = SAMPLE_ACTIONS[action](portal, random);
    if (fields) return {...fields, action};
  }
  return {...SAMPLE_ACTIONS.edit_dataset(portal, random), action: "edit_dataset"};
}

function botRefresh(portal: Portal, random: Random, events: PendingEvent[], time: number): void {
  const dataset = pickEntity(
    portal,
    portal.datasets.filter((e) => BOT_DATASETS.has(e.id)),
    ["published"],
    random,
  );
  if (!dataset) return;
  const growth = 1 + random.int(400);
  const diff = JSON.stringify({field: "records_count", old: dataset.counter, new: dataset.counter + growth});
  dataset.counter += growth;
  const fields = {dataset_id: dataset.id, subdomain_id: dataset.subdomain};
  events.push({time, user: BOT_USER, utc: true, act: () => ({...fields, action: "edit_dataset", diff})});
  if (random.chance(0.35)) {
    events.push({
      time: time + (2 + random.int(6)) * MINUTE + random.int(MINUTE),
      user: BOT_USER,
      utc: true,
      act: () => ({...fields, action: "publish_dataset"}),
    });
  }
}

function dayEvents(portal: Portal, random: Random, dayMs: number, volume: number): PendingEvent[] {
  const day = formatUtc(dayMs).slice(0, 10);
  const campaign = campaignOn(day);
  const events: PendingEvent[] = [];
  for (const user of SAMPLE_USERS.filter((u) => u.joins === day)) {
    const time = parisWallToUtc(dayMs + 9 * 60 * MINUTE + random.int(30 * MINUTE));
    const group = user.role === "editor" ? "equipe-communication" : "producteurs-donnees";
    events.push({time, user: "c.martin", utc: false, act: () => ({action: "add_user_to_domain", username: user.id})});
    events.push({
      time: time + 3 * MINUTE + random.int(MINUTE),
      user: "c.martin",
      utc: false,
      act: () => ({action: "add_user_to_group", username: user.id, group_id: group}),
    });
  }
  const botRuns = poisson(random, 1.1);
  for (let run = 0; run < botRuns; run++) botRefresh(portal, random, events, dayMs + DAY / 24 + random.int(DAY / 8));
  if (random.chance(0.2)) {
    events.push({
      time: dayMs + random.int(DAY),
      user: "",
      utc: true,
      act: () => {
        const dataset = pickEntity(portal, portal.datasets, ["draft", "published"], random);
        return {action: "aborting_processing_dataset", dataset_id: dataset?.id, subdomain_id: dataset?.subdomain};
      },
    });
  }
  const present = SAMPLE_USERS.filter((u) => u.joins === undefined || u.joins < day);
  const people = poisson(random, WEEKDAY_ACTIONS * volume);
  for (let i = 0; i < people; i++) {
    const user = pickWeighted(
      random,
      present,
      present.map((u) => u.weight),
    );
    events.push({
      time: parisWallToUtc(officeTime(random, dayMs)),
      user: user.id,
      utc: false,
      act: () => personAction(portal, random, user, campaign?.boost ?? {}),
    });
  }
  return events;
}

/** Every row of the sample, sorted by time; the portal state advances in time order. */
export function generateSampleRows(options: SampleOptions = {}): SampleRow[] {
  const random = createRandom(options.seed ?? 20261120);
  const firstMs = Date.parse(`${options.firstDay ?? "2025-08-18"}T00:00:00Z`);
  const lastMs = Date.parse(`${options.lastDay ?? "2026-11-20"}T00:00:00Z`);
  const portal = createPortal(random);
  const rows: SampleRow[] = [];
  for (let dayMs = firstMs; dayMs <= lastMs; dayMs += DAY) {
    portal.focus = campaignOn(formatUtc(dayMs).slice(0, 10))?.focus ?? "";
    const events = dayEvents(portal, random, dayMs, dayVolume(dayMs, firstMs, lastMs));
    events.sort((a, b) => a.time - b.time); // stable: ties keep creation order
    for (const event of events) {
      const fields = Object.fromEntries(LOG_FIELDS.map((field) => [field, ""])) as Record<LogField, string>;
      Object.assign(fields, event.act(), {
        timestamp: event.utc ? formatUtc(event.time) : formatParis(event.time),
        domain_id: SAMPLE_DOMAIN,
        user_id: event.user,
      });
      rows.push({time: event.time, fields});
    }
  }
  return rows.sort((a, b) => a.time - b.time);
}

/** The sample as OpenDataSoft exports it: `;`-separated CSV with a header line, "\n" line ends. */
export function generateSampleCsv(options: SampleOptions = {}): string {
  const lines = generateSampleRows(options).map((row) =>
    csvLine(
      LOG_FIELDS.map((f) => row.fields[f] ?? ""),
      ";",
    ),
  );
  return LOG_FIELDS.join(";") + "\n" + lines.join("");
}
