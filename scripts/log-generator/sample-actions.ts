/**
 * The sample log's actions: for each, which fields it fills (dataset_id for *_dataset, page_id for
 * *_page, username for user actions, a JSON `diff` for every edit_*) and how it changes the portal.
 * A handler returns undefined when the action makes no sense right now (nothing left to publish).
 * It does not pick users or times: see sample-log.ts.
 */
import type {LogField} from "../../src/ingest/types.js";
import type {Random} from "./random.js";
import {READERS, SAMPLE_USERS, type Role} from "./sample-catalog.js";
import {nextFuture, pickEntity, type Entity, type Portal, type Reuse} from "./sample-portal.js";

export type RowFields = Partial<Record<LogField, string>>;
type Handler = (portal: Portal, random: Random) => RowFields | undefined;

const LIVE = ["draft", "published"] as const;
// people already on the domain when the log starts (newcomers are added to a group when they join)
const FOUNDERS = SAMPLE_USERS.filter((user) => user.joins === undefined).map((user) => user.id);

const DATASET_EDITS: ReadonlyArray<(e: Entity) => object> = [
  (e) => ({field: "title", old: e.id.replaceAll("-", " "), new: `${e.id.replaceAll("-", " ")} (mise à jour)`}),
  () => ({field: "description", old: "Données mises à jour chaque nuit.", new: "Données mises à jour toutes les heures, sauf le dimanche."}),
  (e) => ({field: "keyword", old: ["open data"], new: ["open data", e.subdomain || "métropole"]}),
  () => ({field: "license", old: "Licence Ouverte v2.0", new: "ODbL"}),
  () => ({field: "publisher", old: "Direction des mobilités", new: "Direction de l'espace public & des mobilités"}),
  () => ({field: "attributions", old: "", new: "© contributeurs OpenStreetMap"}),
];
const PAGE_EDITS = [
  {field: "content", lang: "fr", change: "paragraph added"},
  {field: "title", old: "Tableau de bord", new: "Tableau de bord — données en direct"},
  {field: "content", lang: "en", change: "chart widget updated"},
];
const DOMAIN_EDITS = [
  {field: "theme.primary_color", old: "#1d4f91", new: "#14406f"},
  {field: "title", old: "Open data de la Métropole", new: "Données ouvertes de la Métropole"},
  {field: "default_sort", old: "modified", new: "explore.popularity_score"},
  {field: "contact_email", old: "opendata@metropole.example", new: "donnees@metropole.example"},
];

function datasetFields(e: Entity): RowFields {
  return {dataset_id: e.id, subdomain_id: e.subdomain};
}

function reuseFields(portal: Portal, reuse: Reuse): RowFields {
  const subdomain = portal.datasets.find((e) => e.id === reuse.datasetId)?.subdomain ?? "";
  return {reuse_title: reuse.title, dataset_id: reuse.datasetId, subdomain_id: subdomain};
}

/** Every action of the sample, with its effect; the keys are the action names written to the log. */
export const SAMPLE_ACTIONS: Record<string, Handler> = {
  add_dataset: (p) => {
    const e = nextFuture(p.datasets);
    if (e) e.status = "draft";
    return e && datasetFields(e);
  },
  edit_dataset: (p, r) => {
    const e = pickEntity(p, p.datasets, LIVE, r);
    return e && {...datasetFields(e), diff: JSON.stringify(r.pick(DATASET_EDITS)(e))};
  },
  publish_dataset: (p, r) => {
    const e = pickEntity(p, p.datasets, r.chance(0.7) ? ["draft"] : ["published"], r);
    if (e) e.status = "published";
    return e && datasetFields(e);
  },
  unpublish_dataset: (p, r) => {
    const e = pickEntity(p, p.datasets, ["published"], r);
    if (e) e.status = "draft";
    return e && datasetFields(e);
  },
  delete_dataset: (p, r) => {
    const e = pickEntity(p, p.datasets, ["draft"], r);
    if (e) e.status = "deleted";
    return e && datasetFields(e);
  },
  aborting_processing_dataset: (p, r) => {
    const e = pickEntity(p, p.datasets, LIVE, r);
    return e && datasetFields(e);
  },
  add_user_to_domain: (_, r) => ({username: r.pick(READERS)}),
  edit_domain_property: (_, r) => ({diff: JSON.stringify(r.pick(DOMAIN_EDITS))}),
  add_page: (p) => {
    const e = nextFuture(p.pages);
    if (e) e.status = "draft";
    return e && {page_id: e.id, subdomain_id: e.subdomain};
  },
  edit_page: (p, r) => {
    const e = pickEntity(p, p.pages, LIVE, r);
    return e && {page_id: e.id, subdomain_id: e.subdomain, diff: JSON.stringify(r.pick(PAGE_EDITS))};
  },
  publish_page: (p, r) => {
    const e = pickEntity(p, p.pages, r.chance(0.7) ? ["draft"] : ["published"], r);
    if (e) e.status = "published";
    return e && {page_id: e.id, subdomain_id: e.subdomain};
  },
  delete_page: (p, r) => {
    const e = pickEntity(p, p.pages, ["draft"], r);
    if (e) e.status = "deleted";
    return e && {page_id: e.id, subdomain_id: e.subdomain};
  },
  add_group: (p) => {
    const e = nextFuture(p.groups);
    if (e) e.status = "published";
    return e && {group_id: e.id};
  },
  edit_group: (p, r) => {
    const e = pickEntity(p, p.groups, LIVE, r);
    return e && {group_id: e.id, diff: JSON.stringify({field: "permissions", added: [r.pick(["publish_dataset", "edit_page", "manage_reuses"])]})};
  },
  add_user_to_group: (p, r) => {
    const e = pickEntity(p, p.groups, LIVE, r);
    return e && {group_id: e.id, username: r.chance(0.3) ? r.pick(READERS) : r.pick(FOUNDERS)};
  },
  add_map: (p) => {
    const e = nextFuture(p.maps);
    if (e) e.status = "published";
    return e && {map_id: e.id};
  },
  edit_map: (p, r) => {
    const e = pickEntity(p, p.maps, LIVE, r);
    if (!e) return undefined;
    const layers = (e.counter++ % 4) + 1;
    return {map_id: e.id, diff: JSON.stringify({field: "layers", old: layers, new: layers + 1})};
  },
  add_reuse: (p) => {
    const reuse = nextFuture(p.reuses);
    if (reuse) reuse.status = "draft";
    return reuse && reuseFields(p, reuse);
  },
  publish_reuse: (p) => {
    const reuse = p.reuses.find((item) => item.status === "draft");
    if (reuse) reuse.status = "published";
    return reuse && reuseFields(p, reuse);
  },
};

/** How often each role does each action, before campaign boosts. */
export const ROLE_ACTIONS: Record<Role, Record<string, number>> = {
  admin: {
    edit_dataset: 14,
    publish_dataset: 7,
    add_dataset: 0.6,
    unpublish_dataset: 1,
    delete_dataset: 0.5,
    edit_page: 5,
    publish_page: 2,
    add_page: 0.15,
    delete_page: 0.2,
    add_user_to_domain: 0.5,
    edit_domain_property: 1.2,
    add_group: 0.05,
    edit_group: 0.8,
    add_user_to_group: 1.2,
    add_map: 0.05,
    edit_map: 0.8,
    add_reuse: 0.1,
    publish_reuse: 0.6,
  },
  producer: {
    edit_dataset: 22,
    publish_dataset: 12,
    add_dataset: 0.5,
    unpublish_dataset: 1.2,
    delete_dataset: 0.4,
    aborting_processing_dataset: 0.8,
    edit_map: 0.5,
    add_map: 0.05,
  },
  editor: {
    edit_page: 20,
    publish_page: 6,
    add_page: 0.3,
    delete_page: 0.3,
    add_map: 0.1,
    edit_map: 4,
    add_reuse: 0.4,
    publish_reuse: 1.2,
    edit_dataset: 3,
  },
};
