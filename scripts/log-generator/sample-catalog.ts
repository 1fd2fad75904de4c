/**
 * The invented portal behind the sample log: one metropolitan domain, its people, datasets, pages,
 * groups, maps and reuses. Plain data, in a fixed order (the generator's output depends on it).
 * It does not decide who does what when: see sample-events.ts.
 */

export const SAMPLE_DOMAIN = "metropole-opendata";
export const SUBDOMAINS = ["culture", "mobilite", "environnement"] as const;
export type Subdomain = (typeof SUBDOMAINS)[number] | "";

/** admin: everything; producer: datasets; editor: pages, maps and reuses. */
export type Role = "admin" | "producer" | "editor";

export interface SampleUser {
  id: string;
  role: Role;
  /** relative activity: two power users do most of the work */
  weight: number;
  /** "YYYY-MM-DD" when an admin adds them to the domain; absent = already there */
  joins?: string;
}

export const SAMPLE_USERS: readonly SampleUser[] = [
  {id: "c.martin", role: "admin", weight: 30},
  {id: "l.dubois", role: "producer", weight: 24},
  {id: "s.bernard", role: "producer", weight: 9},
  {id: "m.petit", role: "editor", weight: 7},
  {id: "a.moreau", role: "producer", weight: 5},
  {id: "j.laurent", role: "editor", weight: 4},
  {id: "e.simon", role: "producer", weight: 3.5},
  {id: "n.michel", role: "producer", weight: 3, joins: "2025-09-15"},
  {id: "p.lefebvre", role: "editor", weight: 2.5},
  {id: "t.leroy", role: "producer", weight: 2},
  {id: "h.roux", role: "admin", weight: 1.8},
  {id: "v.david", role: "producer", weight: 1.6, joins: "2025-11-03"},
  {id: "k.bertrand", role: "editor", weight: 1.4},
  {id: "r.morel", role: "producer", weight: 1.2},
  {id: "g.fournier", role: "producer", weight: 1, joins: "2026-01-12"},
  {id: "i.girard", role: "editor", weight: 0.9},
  {id: "b.bonnet", role: "producer", weight: 0.8},
  {id: "d.dupont", role: "producer", weight: 0.7, joins: "2026-03-02"},
  {id: "f.lambert", role: "editor", weight: 0.6},
  {id: "o.fontaine", role: "producer", weight: 0.5},
  {id: "y.rousseau", role: "producer", weight: 0.4, joins: "2026-06-08"},
  {id: "prestataire-sig", role: "producer", weight: 0.4},
  {id: "z.vincent", role: "editor", weight: 0.3, joins: "2026-09-07"},
  {id: "w.mercier", role: "producer", weight: 0.2},
];

/** The nightly harvester/refresh account; its rows use UTC "Z" timestamps. */
export const BOT_USER = "data-team-bot";

/** People added to the domain or a group who never act themselves (username only). */
export const READERS = ["lecteur.mairie-nord", "a.garnier", "elus.cabinet", "m.chevalier", "observatoire-habitat"];

/** [dataset_id, subdomain]; listed roughly from most to least edited. */
export const SAMPLE_DATASETS: ReadonlyArray<readonly [string, Subdomain]> = [
  ...(
    [
      "velib-disponibilite-temps-reel",
      "comptages-velo-permanents",
      "trafic-routier-temps-reel",
      "parkings-relais-occupation",
      "horaires-tramway-gtfs",
      "arrets-bus-reseau",
      "pistes-cyclables",
      "stationnement-voirie",
      "bornes-recharge-vehicules-electriques",
      "chantiers-voirie-en-cours",
      "accidents-corporels-circulation",
      "zones-30",
      "autopartage-stations",
      "aires-covoiturage",
      "frequentation-metro-annuelle",
      "places-stationnement-pmr",
      "perturbations-transports",
      "trottinettes-zones-stationnement",
    ] as const
  ).map((id) => [id, "mobilite"] as const),
  ...(
    [
      "qualite-air-indices-atmo",
      "arbres-alignement",
      "espaces-verts",
      "collecte-dechets-calendrier",
      "points-apport-volontaire",
      "bruit-cartes-strategiques",
      "consommation-energie-batiments-publics",
      "ilots-fraicheur",
      "fontaines-eau-potable",
      "composteurs-collectifs",
      "releves-pluviometrie",
      "zones-inondables-ppri",
      "qualite-eau-baignade",
      "tonnages-dechets-menagers",
      "inventaire-especes-biodiversite",
      "emissions-gaz-effet-serre",
    ] as const
  ).map((id) => [id, "environnement"] as const),
  ...(
    [
      "agenda-evenements-culturels",
      "musees-frequentation",
      "bibliotheques-horaires",
      "monuments-historiques",
      "equipements-culturels",
      "prets-bibliotheques",
      "oeuvres-art-espace-public",
      "salles-spectacle",
      "conservatoires-effectifs",
      "cinemas-etablissements",
    ] as const
  ).map((id) => [id, "culture"] as const),
  ...(
    [
      "budget-primitif-2025",
      "compte-administratif-2024",
      "subventions-associations-2025",
      "marches-publics-attribues",
      "deliberations-conseil-metropolitain",
      "population-legale-communes",
      "adresses-base-adresse-locale",
      "permis-construire-deposes",
      "equipements-sportifs",
      "piscines-frequentation",
      "ecoles-effectifs",
      "menus-cantines-scolaires",
      "places-creches",
      "marches-alimentaires",
      "defibrillateurs-dae",
      "wifi-public-hotspots",
      "toilettes-publiques",
      "elus-metropolitains",
      "effectifs-agents-metropole",
      "communes-contours",
      "iris-contours",
      "cadastre-parcelles",
      "logements-sociaux-programmes",
      "etablissements-recevant-public",
      "budget-primitif-2024",
      "compte-administratif-2023",
      "subventions-associations-2024",
      "taxe-fonciere-taux",
      "dette-metropole-encours",
      "indemnites-elus",
      "declarations-marches-conclus",
      "lieux-vote-bureaux",
      "resultats-elections-municipales-2026",
      "associations-repertoire",
      "entreprises-zones-activite",
      "offres-emploi-metropole",
      "zones-activite-economique",
      "prix-immobilier-dvf",
      "plan-local-urbanisme-zonage",
      "batiments-publics",
      "cimetieres",
      "stations-meteo",
      "decheteries-horaires",
      "consultations-citoyennes",
      "signalements-voirie",
      "occupation-domaine-public-terrasses",
      "arretes-municipaux",
      "lieux-accueil-enfance",
      "residences-seniors",
      "centres-sociaux",
      "maisons-sante",
      "pharmacies-garde",
      "jardins-partages",
      "eclairage-public-points-lumineux",
      "canopee-indice",
      "pollens-surveillance",
      "mobilier-urbain-bancs",
      "fibre-deploiement",
      "repertoire-gares",
      "tourisme-hebergements",
      "offices-tourisme",
      "marches-noel-2025",
      "jeux-olympiques-sites",
      "feux-tricolores",
      "photovoltaique-toitures",
      // not yet on the portal when the log starts: added during the period, in this order
      "budget-primitif-2026",
      "compte-administratif-2025",
      "subventions-associations-2026",
      "velo-stationnements-securises",
      "qualite-air-capteurs-citoyens",
      "ilots-fraicheur-ete-2026",
      "agenda-fete-musique-2026",
      "plan-canicule-lieux-frais",
      "zfe-vehicules-autorises",
      "observatoire-loyers",
      "sobriete-energetique-suivi",
      "budget-participatif-projets",
      "budget-participatif-votes",
      "velo-cargo-aides",
      "frequentation-parcs-capteurs",
      "abris-voyageurs",
      "recyclage-textiles-conteneurs",
      "vacances-apprenantes-activites",
      "nuit-des-musees-2026",
      "occupation-salles-municipales",
      "travaux-ecoles-ete-2026",
    ] as const
  ).map((id) => [id, ""] as const),
];

/** How many SAMPLE_DATASETS already exist when the log starts (the rest are added later). */
export const DATASETS_AT_START = SAMPLE_DATASETS.length - 21;

/** [page_id, subdomain]; the last PAGES_ADDED_LATER are created during the period. */
export const SAMPLE_PAGES: ReadonlyArray<readonly [string, Subdomain]> = [
  ["accueil", ""],
  ["mobilite-dashboard", "mobilite"],
  ["qualite-air-tableau-de-bord", "environnement"],
  ["budget-explorer", ""],
  ["a-propos", ""],
  ["faq", ""],
  ["api-documentation", ""],
  ["cartes-interactives", ""],
  ["reutilisations", ""],
  ["culture-agenda", "culture"],
  ["mentions-legales", ""],
  ["contact", ""],
  ["donnees-par-theme", ""],
  ["chiffres-cles-territoire", ""],
  ["guide-producteurs", ""],
  ["nouveautes", ""],
  ["velo-observatoire", "mobilite"],
  ["environnement-accueil", "environnement"],
  ["mobilite-accueil", "mobilite"],
  ["culture-accueil", "culture"],
  ["elections-2026-resultats", ""],
  ["budget-participatif", ""],
  ["hackathon-mobilites-2026", "mobilite"],
  ["canicule-ete-2026", "environnement"],
  ["open-data-en-bref", ""],
];
export const PAGES_AT_START = 18;

export const SAMPLE_GROUPS = ["producteurs-donnees", "equipe-communication", "administrateurs", "partenaires-transport"];
export const GROUPS_AT_START = 3;

export const SAMPLE_MAPS = [
  "carte-velib-stations",
  "carte-qualite-air",
  "carte-travaux-voirie",
  "carte-equipements-culturels",
  "carte-arbres-remarquables",
  "carte-budget-quartiers",
  "carte-ilots-fraicheur",
];
export const MAPS_AT_START = 4;

/** [reuse_title, dataset_id]: submitted then published during the period, in this order. */
export const SAMPLE_REUSES: ReadonlyArray<readonly [string, string]> = [
  ["Où garer mon vélo ? Application mobile", "velib-disponibilite-temps-reel"],
  ["Qualité de l'air : l'indice ATMO au quotidien", "qualite-air-indices-atmo"],
  ['Le "vrai" coût des transports, quartier par quartier', "frequentation-metro-annuelle"],
  ["Bibliothèques : horaires étendus et prêts", "prets-bibliotheques"],
  ["Budget 2025 ; lecture citoyenne", "budget-primitif-2025"],
  ["Carte des îlots de fraîcheur, été 2026", "ilots-fraicheur"],
  ["Observatoire vélo — comptages en direct", "comptages-velo-permanents"],
  ["Arbres d'alignement : « la canopée de ma rue »", "arbres-alignement"],
  ["Où voter en 2026 ? Bureaux et résultats", "lieux-vote-bureaux"],
  ["Marchés alimentaires près de chez vous", "marches-alimentaires"],
];
