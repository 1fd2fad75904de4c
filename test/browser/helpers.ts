/**
 * What the real-browser tests of the report site share: building a fixture log into a temp folder
 * (once per fixture and process), serving a folder on 127.0.0.1, launching Debian's Chromium through
 * playwright-core, watching a page for errors and foreign requests, and waiting for the live charts.
 * It asserts nothing itself: each test file decides what a problem is.
 * It never downloads a browser and never listens on anything but loopback.
 */
import {rmSync} from "node:fs";
import {mkdtemp, readFile, stat} from "node:fs/promises";
import {createServer} from "node:http";
import {tmpdir} from "node:os";
import path from "node:path";
import {chromium, type Browser, type BrowserContext, type Page} from "playwright-core";
import {build} from "../../src/build.js";
import {buildConfig} from "../../src/config.js";

/** the 13-row end-to-end fixture: a `<script>` user id and a `=HYPERLINK("x")` action */
export const LOG_FIXTURE = "test/fixtures/build/log.csv";
/** hostile strings in every column, all in March 2026 */
export const HOSTILE_FIXTURE = "test/fixtures/browser/hostile.csv";
/** the period page every test opens: March 2026, in Europe/Paris */
export const MONTH_PAGE = "month/2026-03/index.html";
/** the seven charts of a period page, in page order */
export const CHART_IDS = ["actions", "users", "actions-by-user", "top-users", "top-datasets", "top-pages", "distribution", "byWeekday"];

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's Chromium, headless. */
export const launchBrowser = (): Promise<Browser> => chromium.launch({executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS});

const builds = new Map<string, Promise<string>>();

/**
 * Builds a fixture log (Europe/Paris, as of 2026-03-31, fixed clock) into a temp folder and resolves
 * to that folder; `periods` as the --periods option, all six types by default. Test files run in one
 * process under uvu, so each (fixture, periods) is built once per run; the folder is removed when
 * the process exits.
 */
export function builtSite(fixture: string, periods = "week,month,quarter,year,all,rolling"): Promise<string> {
  let site = builds.get(`${fixture} ${periods}`);
  if (!site) {
    site = (async () => {
      const root = await mkdtemp(path.join(tmpdir(), "ar-browser-"));
      process.once("exit", () => rmSync(root, {recursive: true, force: true}));
      const out = path.join(root, "site");
      // charts and pages on this thread: the worker path is the CLI tests' (a worker started from the sources loads tsx)
      const config = buildConfig({input: [path.resolve(fixture)], out, tz: "Europe/Paris", "as-of": "2026-03-31", "max-rejected": "50", periods, workers: "0"});
      await build(config, {now: () => new Date("2026-04-01T06:00:00Z"), log: () => {}, progress: () => {}});
      return out;
    })();
    builds.set(`${fixture} ${periods}`, site);
  }
  return site;
}

/** the README's sample log (data/activity-report.json: Europe/Paris) */
export const SAMPLE_LOG = "data/sample-activity.csv";
/** the sample's month page that the docs' screenshots show, as of 7 December 2026 */
export const SAMPLE_MONTH_PAGE = "month/2026-11/index.html";

const samples = new Map<string, Promise<string>>();

/**
 * Builds the sample log as of 2026-12-07 (its month pages only, by default) into a temp folder,
 * once per process, and resolves to that folder, removed when the process exits.
 */
export function builtSample(periods = "month"): Promise<string> {
  let site = samples.get(periods);
  if (!site) {
    site = (async () => {
      const root = await mkdtemp(path.join(tmpdir(), "ar-sample-"));
      process.once("exit", () => rmSync(root, {recursive: true, force: true}));
      const out = path.join(root, "site");
      const config = buildConfig({
        input: [path.resolve(SAMPLE_LOG)],
        out,
        tz: "Europe/Paris",
        "as-of": "2026-12-07",
        periods,
        title: "Métropole Open Data (sample)",
        workers: "0",
      });
      await build(config, {now: () => new Date("2026-12-07T06:00:00Z"), log: () => {}, progress: () => {}});
      return out;
    })();
    samples.set(periods, site);
  }
  return site;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

/**
 * The file a request path names inside `root`, or null when it is not one we serve: outside the
 * root (after decoding, e.g. "/..%2f..%2fetc/passwd"), or of a type not in the list above.
 * A path ending in "/" names its index.html.
 */
export function fileFor(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = path.resolve(root, "." + path.posix.normalize("/" + decoded) + (decoded.endsWith("/") ? "index.html" : ""));
  if (!file.startsWith(path.resolve(root) + path.sep)) return null;
  return CONTENT_TYPES[path.extname(file)] ? file : null;
}

export interface StaticServer {
  /** e.g. "http://127.0.0.1:41234" */
  origin: string;
  close: () => Promise<void>;
}

/** Serves `root` on 127.0.0.1 (a free port): GET and HEAD of known file types, 404 otherwise. */
export async function serveFolder(root: string): Promise<StaticServer> {
  const server = createServer(async (request, response) => {
    const file = request.method === "GET" || request.method === "HEAD" ? fileFor(root, new URL(request.url ?? "/", "http://127.0.0.1").pathname) : null;
    const body = file && (await stat(file).catch(() => null))?.isFile() ? await readFile(file).catch(() => null) : null;
    if (!file || !body) {
      response.writeHead(404, {"content-type": "text/plain"}).end("not found");
      return;
    }
    response.writeHead(200, {"content-type": CONTENT_TYPES[path.extname(file)], "content-length": body.length});
    response.end(request.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const {port} = server.address() as {port: number};
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * Records what should never happen on a page: console errors, uncaught exceptions, failed requests,
 * responses >= 400, requests to any host but 127.0.0.1, and dialogs (alert, confirm...), which it
 * dismisses. Returns the list it fills, one line per problem.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.hostname !== "127.0.0.1") problems.push(`foreign request: ${request.url()}`);
  });
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("response", (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

/**
 * Waits until the live-charts script has handled every figure (it sets `data-charts-ready` on
 * <html> last) and returns each figure's state, e.g. ["actions:true", ...]: "true" when a live
 * vega view replaced the baked SVG, "failed" when the baked SVG was kept.
 */
export async function waitForLiveCharts(page: Page): Promise<string[]> {
  await page.waitForSelector("html[data-charts-ready='true']", {timeout: 20_000});
  return page.$$eval("figure[data-chart]", (figures) => figures.map((f) => `${f.getAttribute("data-chart")}:${f.getAttribute("data-live")}`));
}

/**
 * Records Content-Security-Policy violations on `window.cspViolations` from the first script on:
 * init scripts run through the devtools protocol, so the page's CSP does not block them.
 */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const list: string[] = [];
    Object.defineProperty(window, "cspViolations", {value: list});
    document.addEventListener("securitypolicyviolation", (event) => {
      list.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
}

/** The violations `recordCspViolations` saw on this page so far. */
export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...((window as unknown as {cspViolations?: string[]}).cspViolations ?? [])]);

export interface Session {
  browser: Browser;
  server: StaticServer;
  /** the built site's folder */
  dir: string;
  /** absolute URL of a path in the site, e.g. url("index.html") */
  url: (pathInSite: string) => string;
}

/**
 * A test file's browser and server on a built fixture (SAMPLE_LOG: builtSample), started on first use (tests await it, so a
 * failed setup fails the tests instead of silently skipping them) and closed by `close`.
 */
export function browserSession(fixture: string, periods?: string): {get: () => Promise<Session>; close: () => Promise<void>} {
  let session: Promise<Session> | undefined;
  return {
    get: () =>
      (session ??= (async () => {
        const dir = await (fixture === SAMPLE_LOG ? builtSample(periods) : builtSite(fixture, periods));
        const [server, browser] = await Promise.all([serveFolder(dir), launchBrowser()]);
        return {browser, server, dir, url: (pathInSite: string) => `${server.origin}/${pathInSite}`};
      })()),
    close: async () => {
      const started = await session?.catch(() => undefined);
      await started?.browser.close();
      await started?.server.close();
    },
  };
}
