/**
 * How the pages link each other and their files: relative hrefs only (the site works from any
 * sub-folder and from file://), the neighbours of a period (the one that ends where it starts, and
 * the one that starts where it ends) and the downloads' link text. Pure.
 */
import type {Period} from "../periods/types.js";
import type {DownloadInfo} from "./types.js";
import {formatBytes, formatRows} from "./figures.js";
import {en, type Messages} from "../i18n/en.js";

export interface Link {
  href: string;
  label: string;
}

/** Local files every page links, relative to that page. */
export interface AssetLinks {
  css: string;
  favicon: string;
  script: string;
}

export interface DownloadView {
  href: string;
  /** e.g. "activity.csv" */
  name: string;
  format: "CSV" | "JSON";
  /** e.g. "1,200 rows" */
  rows: string;
  /** e.g. "41 kB" */
  size: string;
}

/** The relative way up from a period folder to the site root, e.g. "month/2025-03/" -> "../../". */
export function rootPrefix(path: string): string {
  return path
    .split("/")
    .filter(Boolean)
    .map(() => "../")
    .join("");
}

/** The links a page at `root` uses for the shared assets. */
export function assetLinks(root: string): AssetLinks {
  return {css: `${root}assets/site.css`, favicon: `${root}favicon.ico`, script: `${root}assets/live-charts.js`};
}

/** Links end in index.html so that the site also works from file://, where a folder is not a page. */
export function pageHref(root: string, path: string): string {
  return `${root}${path}index.html`;
}

/** A download link; `folder` is the way from the linking page to the file's period folder. */
export function downloadView(file: DownloadInfo, format: "CSV" | "JSON", folder = "", m: Messages = en): DownloadView {
  return {
    href: `${folder}${file.href}`,
    name: file.href.split("/").pop() ?? file.href,
    format,
    rows: formatRows(file.rows, m),
    size: formatBytes(file.bytes, m),
  };
}

/** Finds a page by type and key, and the pages just before and after a page of the same type. */
export function pageIndex<T extends {period: Period}>(pages: T[]) {
  const byKey = new Map(pages.map((page) => [`${page.period.type}:${page.period.key}`, page]));
  const byStart = new Map(pages.map((page) => [`${page.period.type}:${page.period.startMs}`, page]));
  const byEnd = new Map(pages.map((page) => [`${page.period.type}:${page.period.endMs}`, page]));
  return {
    find: (type: string, key: string) => byKey.get(`${type}:${key}`),
    // rolling windows overlap rather than follow each other: they have no neighbours
    previous: ({period}: T) => (period.type === "rolling" ? undefined : byEnd.get(`${period.type}:${period.startMs}`)),
    next: ({period}: T) => (period.type === "rolling" ? undefined : byStart.get(`${period.type}:${period.endMs}`)),
  };
}

/** What pageIndex returns for pages of type T. */
export type PageIndex<T extends {period: Period}> = ReturnType<typeof pageIndex<T>>;
