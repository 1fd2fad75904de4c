/**
 * The benchmark log's universe: 200 users, 5,000 datasets, 300 pages and 15 actions by default,
 * with Zipf-like popularity tables for fast sampling. Names are built from word lists, so the
 * catalog depends only on its sizes (not on the row seed): appended days reuse the same names.
 * It does not write rows: see bench-rows.ts.
 */
import {cumulative, zipfWeights} from "./random.js";

export interface BenchCatalogSizes {
  /** defaults to 200 */
  users?: number;
  /** defaults to 5000 */
  datasets?: number;
  /** defaults to 300 */
  pages?: number;
}

export interface BenchCatalog {
  users: string[];
  userTable: Float64Array;
  datasets: string[];
  datasetTable: Float64Array;
  /** subdomain of each dataset ("" for the main domain) */
  datasetSubdomains: string[];
  pages: string[];
  pageTable: Float64Array;
  groups: string[];
  maps: string[];
  reuses: string[];
  actions: readonly BenchAction[];
  actionTable: Float64Array;
}

/** What an action fills besides timestamp, domain, user and action. */
export type BenchTarget = "dataset" | "page" | "user" | "group" | "map" | "reuse" | "domain";

export interface BenchAction {
  name: string;
  target: BenchTarget;
  /** whether the row carries a JSON diff */
  diff: boolean;
  weight: number;
}

/** The 15 actions of the benchmark log and their relative frequency. */
export const BENCH_ACTIONS: readonly BenchAction[] = [
  {name: "edit_dataset", target: "dataset", diff: true, weight: 40},
  {name: "publish_dataset", target: "dataset", diff: false, weight: 15},
  {name: "add_dataset", target: "dataset", diff: false, weight: 4},
  {name: "unpublish_dataset", target: "dataset", diff: false, weight: 2},
  {name: "delete_dataset", target: "dataset", diff: false, weight: 1},
  {name: "aborting_processing_dataset", target: "dataset", diff: false, weight: 3},
  {name: "edit_page", target: "page", diff: true, weight: 12},
  {name: "publish_page", target: "page", diff: false, weight: 4},
  {name: "add_page", target: "page", diff: false, weight: 1},
  {name: "add_user_to_domain", target: "user", diff: false, weight: 1},
  {name: "add_user_to_group", target: "group", diff: false, weight: 1.5},
  {name: "edit_domain_property", target: "domain", diff: true, weight: 1},
  {name: "edit_map", target: "map", diff: true, weight: 3},
  {name: "add_map", target: "map", diff: false, weight: 0.5},
  {name: "add_reuse", target: "reuse", diff: false, weight: 1},
];

export const BENCH_SUBDOMAINS = ["culture", "mobilite", "environnement", "economie", "citoyennete"];

const GIVEN = "abcdefghijklmnoprstvwy".split("");
const FAMILY = [
  "martin",
  "bernard",
  "dubois",
  "thomas",
  "robert",
  "richard",
  "petit",
  "durand",
  "leroy",
  "moreau",
  "simon",
  "laurent",
  "lefebvre",
  "michel",
  "garcia",
  "david",
  "bertrand",
  "roux",
  "vincent",
  "fournier",
  "morel",
  "girard",
  "andre",
  "mercier",
  "dupont",
  "lambert",
  "bonnet",
  "francois",
  "martinez",
];
const SUBJECTS = [
  "comptages-velo",
  "qualite-air",
  "stationnement",
  "budget",
  "subventions",
  "arbres",
  "collecte-dechets",
  "bornes-recharge",
  "frequentation-musees",
  "equipements-sportifs",
  "ecoles",
  "trafic-routier",
  "horaires-bus",
  "parkings",
  "logements-sociaux",
  "permis-construire",
  "elections",
  "population",
  "consommation-energie",
  "eau-potable",
  "bruit",
  "espaces-verts",
  "bibliotheques",
  "marches-publics",
  "accidents",
  "chantiers",
  "defibrillateurs",
  "wifi-public",
  "toilettes",
  "creches",
  "piscines",
  "cimetieres",
  "eclairage-public",
  "pistes-cyclables",
  "velos-libre-service",
  "zones-30",
  "evenements",
  "associations",
  "entreprises",
  "emploi",
  "tourisme",
  "hebergements",
  "fontaines",
  "pollens",
  "meteo",
  "inondations",
  "cadastre",
  "adresses",
  "iris",
  "deliberations",
];
const QUALIFIERS = [
  "temps-reel",
  "annuel",
  "mensuel",
  "par-commune",
  "par-quartier",
  "historique",
  "previsionnel",
  "consolide",
  "geolocalise",
  "detail",
  "synthese",
  "indicateurs",
  "brut",
  "agrege",
  "liste",
  "contours",
  "points",
  "horaires",
  "tarifs",
  "capteurs",
  "releves",
  "statistiques",
  "inventaire",
  "referentiel",
  "evolution",
];
const YEARS = ["2022", "2023", "2024", "2025"];

/** The catalog for the given sizes; the same sizes always give the same names. */
export function createBenchCatalog(sizes: BenchCatalogSizes = {}): BenchCatalog {
  const userCount = sizes.users ?? 200;
  const users = Array.from({length: userCount}, (_, i) =>
    i === 0
      ? "data-team-bot"
      : `${GIVEN[i % GIVEN.length]}.${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]}${i >= GIVEN.length * FAMILY.length ? i : ""}`,
  );
  const datasetCount = sizes.datasets ?? 5000;
  const datasets = Array.from({length: datasetCount}, (_, i) => {
    const subject = SUBJECTS[i % SUBJECTS.length];
    const qualifier = QUALIFIERS[Math.floor(i / SUBJECTS.length) % QUALIFIERS.length];
    const round = Math.floor(i / (SUBJECTS.length * QUALIFIERS.length));
    const suffix = round < YEARS.length ? YEARS[round] : `v${round}`;
    return `${subject}-${qualifier}-${suffix}`;
  });
  const pageCount = sizes.pages ?? 300;
  const pages = Array.from(
    {length: pageCount},
    (_, i) => `${SUBJECTS[i % SUBJECTS.length]}-${i < SUBJECTS.length ? "dashboard" : `page-${Math.floor(i / SUBJECTS.length)}`}`,
  );
  return {
    users,
    userTable: cumulative(zipfWeights(users.length, 1.05)),
    datasets,
    datasetTable: cumulative(zipfWeights(datasets.length, 0.95)),
    datasetSubdomains: datasets.map((_, i) => (i % 3 === 0 ? BENCH_SUBDOMAINS[(i / 3) % BENCH_SUBDOMAINS.length] : "")),
    pages,
    pageTable: cumulative(zipfWeights(pages.length, 0.9)),
    groups: Array.from({length: 20}, (_, i) => `groupe-${SUBJECTS[i]}`),
    maps: Array.from({length: 50}, (_, i) => `carte-${SUBJECTS[i]}`),
    reuses: Array.from(
      {length: 100},
      (_, i) => `Réutilisation n°${i + 1} : « ${SUBJECTS[i % SUBJECTS.length].replace("-", " ")} », vue ${QUALIFIERS[i % QUALIFIERS.length]}`,
    ),
    actions: BENCH_ACTIONS,
    actionTable: cumulative(BENCH_ACTIONS.map((action) => action.weight)),
  };
}
