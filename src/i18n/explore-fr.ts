/**
 * The explorer's words in French: the `explore` part of fr.ts, typed by the English one
 * (explore-en.ts), so that a missing entry does not compile. French typography: a no-break space
 * before ":" and ";".
 */
import type {ExploreMessages} from "./explore-en.js";

const NBSP = "\u00a0";
const C = `${NBSP}:`;

export const exploreFr: ExploreMessages = {
  pageTitle: "Explorer",
  heading: "Explorer l’activité",
  intro: `Choisissez des jours et des filtres${C} chaque chiffre et chaque graphique est calculé dans votre navigateur à partir des données du rapport.`,
  timesIn: "Heures en",
  dataUpTo: "données jusqu’au",
  filters: "Sélection",
  customRange: "Dates choisies",
  from: "Du",
  to: "Au",
  subdomain: "Sous-domaine",
  allSubdomains: "Tous les sous-domaines",
  mainDomain: "Domaine principal (sans sous-domaine)",
  action: "Action",
  allActions: "Toutes les actions",
  user: "Utilisateur",
  dataset: "Jeu de données",
  page: "Page",
  anyValue: "Tous",
  clear: "Effacer les filtres",
  apply: "Appliquer",
  loading: "Chargement des données…",
  computing: "Calcul en cours…",
  noScript: `L’explorateur calcule ses chiffres dans le navigateur${C} il a besoin de JavaScript.`,
  downloadFigures: "Télécharger ces chiffres (JSON)",
  downloadRows: "Télécharger ces lignes (CSV)",
  rowsTitle: "Lignes",
  rowsSearch: "Rechercher dans les lignes",
  showRows: "Afficher les lignes",
  previousPage: "Lignes précédentes",
  nextPage: "Lignes suivantes",
  showMore: "Afficher 20 de plus",
  noActivity: "Aucune activité dans cette sélection",
  failed: (message) => `L’explorateur n’a pas pu charger ses données${C} ${message}`,
  status: (actions, days) => `${actions} dans cette sélection, ${days}.`,
  rowsPage: (first, last, total) => `Lignes ${first} à ${last} sur ${total}`,
  noRows: "Aucune ligne ne correspond.",
  filterTo: {
    user: (value) => `N’afficher que l’utilisateur ${value}`,
    dataset: (value) => `N’afficher que le jeu de données ${value}`,
    page: (value) => `N’afficher que la page ${value}`,
  },
  columns: {time: "Date et heure", action: "Action", user: "Utilisateur", target: "Cible", diff: "Modification"},
  figures: {actions: "Actions", users: "Utilisateurs", datasets: "Jeux de données", pages: "Pages", actionsPerUser: "Actions par utilisateur"},
};
