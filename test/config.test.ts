import {test} from "uvu";
import * as assert from "uvu/assert";
import {availableParallelism} from "node:os";
import path from "node:path";
import {buildConfig} from "../src/config.js";
import {emailConfig} from "../src/email/email-config.js";
import {assertDay, readConfigFile} from "../src/options.js";
import {outProblem} from "../src/out-paths.js";
import {ConfigError, UsageError} from "../src/errors.js";

const today = () => "2026-03-31";

test("buildConfig applies the defaults", () => {
  const config = buildConfig({input: ["log.csv"]}, today);
  assert.equal(config, {
    inputs: ["log.csv"],
    out: "dist",
    timeZone: "UTC",
    asOf: "2026-03-31",
    periods: ["week", "month", "quarter", "year", "all", "rolling"],
    top: 5,
    format: undefined,
    title: undefined,
    lang: "en",
    maxRejectedPercent: 5,
    quiet: false,
    json: false,
    force: false,
    workers: availableParallelism(),
    cache: "dist.cache",
  });
  assert.is(buildConfig({input: ["a"], workers: "0"}, today).workers, 0);
  assert.is(buildConfig({input: ["a"], out: "site/"}, today).cache, "site.cache", "beside --out");
  assert.is(buildConfig({input: ["a"], cache: "/var/cache/ar"}, today).cache, "/var/cache/ar");
  assert.is(buildConfig({input: ["a"], "no-cache": true}, today).cache, null);
  assert.throws(() => buildConfig({input: ["a"], workers: "-1"}, today), /--workers/);
});

test("buildConfig normalises periods, top and zone", () => {
  const config = buildConfig({input: ["a", "b"], tz: "Europe/Paris", periods: ["month,week"], top: "10", "as-of": "2024-02-29"}, today);
  assert.equal(config.periods, ["week", "month"]);
  assert.is(config.top, 10);
  assert.is(config.asOf, "2024-02-29");
  assert.is(config.timeZone, "Europe/Paris");
});

test("lang: en by default, fr from the config file or a flag, anything else one line naming the languages", () => {
  assert.is(buildConfig({input: ["a"], lang: "fr"}, today).lang, "fr");
  const refused = (options: Record<string, unknown>) => (e: unknown) =>
    e instanceof ConfigError && e.message === `option --lang: "${options.lang}" is not one of the available languages: en, fr`;
  assert.throws(() => buildConfig({input: ["a"], lang: "de"}, today), refused({lang: "de"}));
  assert.throws(() => buildConfig({input: ["a"], lang: "FR"}, today), refused({lang: "FR"}));
  assert.is(emailConfig({period: "month:2025-03", eml: "x.eml"}, {}).lang, undefined, "the email follows the report's");
  assert.is(emailConfig({period: "month:2025-03", eml: "x.eml", lang: "fr"}, {}).lang, "fr");
  assert.throws(() => emailConfig({period: "month:2025-03", eml: "x.eml", lang: "de"}, {}), refused({lang: "de"}));
});

test("buildConfig rejects bad values with one clear line", () => {
  assert.throws(
    () => buildConfig({}, today),
    (e: unknown) => e instanceof UsageError && /--input/.test(e.message),
  );
  assert.throws(
    () => buildConfig({input: ["a"], tz: "Mars/Base"}, today),
    (e: unknown) => e instanceof ConfigError && /Mars\/Base/.test(e.message),
  );
  assert.throws(
    () => buildConfig({input: ["a"], "as-of": "2025-02-30"}, today),
    (e: unknown) => e instanceof ConfigError && /2025-02-30/.test(e.message),
  );
  assert.throws(() => buildConfig({input: ["a"], periods: ["fortnight"]}, today), /fortnight/);
  assert.throws(() => buildConfig({input: ["a"], top: "0"}, today), /--top/);
  assert.throws(() => buildConfig({input: ["a"], format: "xml"}, today), /xml/);
  assert.throws(() => buildConfig({input: ["a"], "max-rejected": "150"}, today), /max-rejected/);
  assert.throws(() => buildConfig({input: ["a"], colour: "red"}, today), /colour/);
});

test("outProblem refuses an --out whose replacement would move the user's folders or inputs", () => {
  const places = {cwd: "/home/ann/work", home: "/home/ann"};
  const inputs = ["logs", "/data/extra.csv"];
  const refused = (out: string) => outProblem(out, inputs, places);
  assert.is(refused(""), "--out is empty: give the folder the report goes to, e.g. dist");
  assert.is(refused(" "), "--out is empty: give the folder the report goes to, e.g. dist");
  assert.is(refused("."), "--out . is the current folder: choose an empty or new folder");
  assert.is(refused("/home/ann/work/"), "--out /home/ann/work/ is the current folder: choose an empty or new folder");
  assert.is(refused(".."), "--out .. is the current folder or holds it: choose an empty or new folder");
  assert.is(refused("/"), "--out / is the current folder or holds it: choose an empty or new folder");
  // a cron job runs in the home folder: then its --out is refused as the current folder
  assert.is(outProblem("/home/ann", [], {cwd: "/srv", home: "/home/ann"}), "--out /home/ann is the home folder: choose an empty or new folder");
  assert.is(outProblem("/home", [], {cwd: "/srv", home: "/home/ann"}), "--out /home is the home folder or holds it: choose an empty or new folder");
  assert.is(refused("logs"), "--out logs is the input logs: choose an empty or new folder");
  assert.is(refused("./logs/"), "--out ./logs/ is the input logs: choose an empty or new folder");
  assert.is(refused("/data"), "--out /data holds the input /data/extra.csv: choose an empty or new folder");
  assert.is(refused("logs/site"), "--out logs/site is inside the input folder logs: choose an empty or new folder");
  assert.is(refused("dist"), undefined);
  assert.is(refused("logs2"), undefined, "a sibling whose name starts like an input's");
  assert.is(refused("..site"), undefined, "a name starting with two dots is inside the current folder");
  assert.is(refused("/home/ann/reports/site"), undefined);
});

test("buildConfig refuses such an --out, and a --cache that is the report, an input or the current folder", () => {
  const places = {cwd: "/home/ann/work", home: "/home/ann"};
  const config = (options: Record<string, unknown>) => buildConfig({input: ["logs"], ...options}, today, places);
  assert.throws(
    () => config({out: "."}),
    (e: unknown) => e instanceof ConfigError && e.message === "--out . is the current folder: choose an empty or new folder",
  );
  assert.throws(
    () => config({out: ""}),
    (e: unknown) => e instanceof ConfigError && /^--out is empty/.test(e.message),
  );
  assert.throws(() => config({out: "logs"}), /--out logs is the input logs/);
  assert.throws(() => config({out: "site", cache: "site"}), /--cache site is, holds or is inside --out site/);
  assert.throws(() => config({out: "site", cache: "site/cache"}), /--cache site\/cache is, holds or is inside --out site/);
  assert.throws(() => config({cache: "logs"}), /--cache logs is, holds or is inside the input logs/);
  assert.throws(() => config({cache: "."}), /--cache \. is or holds the current or home folder/);
  assert.throws(() => config({cache: ""}), /--cache is empty/);
  assert.is(config({out: "logs", "no-cache": true, input: ["other"]}).out, "logs");
  assert.is(config({out: "site"}).cache, "site.cache");
});

test("assertDay accepts real days only", () => {
  assert.is(assertDay("2024-02-29", "as-of"), "2024-02-29");
  for (const bad of ["2023-02-29", "2025-13-01", "2025-1-1", "yesterday", "2025-04-31"]) assert.throws(() => assertDay(bad, "as-of"));
});

test("assertDay refuses days outside the years 1970 to 2199 that a report covers, with one line", () => {
  assert.is(assertDay("1970-01-01", "as-of"), "1970-01-01");
  assert.is(assertDay("2199-12-31", "as-of"), "2199-12-31");
  for (const far of ["9999-12-31", "0000-01-01", "1969-12-31", "2200-01-01"]) {
    assert.throws(
      () => buildConfig({input: ["a"], "as-of": far}, today),
      (e: unknown) => e instanceof ConfigError && e.message === `option --as-of: "${far}" is outside the years 1970 to 2199 that a report covers`,
    );
  }
  assert.throws(
    () => emailConfig({period: "month:2025-03", eml: "x.eml", "as-of": "9999-12-31"}, {}),
    (e: unknown) => e instanceof ConfigError && /1970 to 2199/.test(e.message),
  );
});

test('readConfigFile keeps an empty "out" empty, for buildConfig to refuse, instead of reading it as the file\'s folder', async () => {
  const options = await readConfigFile("/srv/report/config.json", async () => '{"input": "logs", "out": ""}');
  assert.equal(options, {input: "/srv/report/logs", out: ""});
  assert.throws(() => buildConfig(options, today, {cwd: "/home/ann", home: "/home/ann"}), /^--out is empty/);
});

test("readConfigFile resolves paths against the file and reports bad JSON with the file name", async () => {
  const files: Record<string, string> = {"/etc/ar/config.json": '{"input": ["logs"], "tz": "Europe/Paris", "out": "../site"}', "/bad.json": "{nope"};
  const read = async (f: string) => {
    if (!(f in files)) throw Object.assign(new Error("missing"), {code: "ENOENT"});
    return files[f];
  };
  const options = await readConfigFile("/etc/ar/config.json", read);
  assert.equal(options.input, [path.resolve("/etc/ar/logs")]);
  assert.is(options.out, path.resolve("/etc/site"));
  await readConfigFile("/bad.json", read).then(
    () => assert.unreachable(),
    (e: Error) => assert.match(e.message, /^\/bad\.json: .*not valid JSON/),
  );
  await readConfigFile("/none.json", read).then(
    () => assert.unreachable(),
    (e: Error) => assert.match(e.message, /\/none\.json.*ENOENT/),
  );
});

test("emailConfig parses periods and takes SMTP_URL from the environment only", () => {
  const config = emailConfig({period: "latest:month", eml: "x.eml"}, {SMTP_URL: "smtp://u:p@127.0.0.1:2525"});
  assert.equal(config.period, {kind: "latest", type: "month"});
  assert.is(config.smtpUrl, "smtp://u:p@127.0.0.1:2525");
  assert.equal(emailConfig({period: "rolling:last-7-days", to: ["a@x.org,b@x.org"]}, {}).to, ["a@x.org", "b@x.org"]);
  assert.throws(
    () => emailConfig({period: "month:2025-03"}, {}),
    (e: unknown) => e instanceof UsageError,
  );
  assert.throws(() => emailConfig({period: "fortnight:1", eml: "x"}, {}), /fortnight/);
  assert.throws(() => emailConfig({period: "latest:all", eml: "x"}, {}), /latest/);
});

test("emailConfig takes only http: and https: base URLs", () => {
  const base = (url: string) => emailConfig({period: "latest:month", eml: "x.eml", "base-url": url}, {}).baseUrl;
  assert.is(base("https://reports.example.org"), "https://reports.example.org/");
  assert.is(base("http://127.0.0.1:8080/report/"), "http://127.0.0.1:8080/report/");
  for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "file:///etc/passwd", "vbscript:x", "reports.example.org", ""]) {
    assert.throws(
      () => base(bad),
      (e: unknown) => e instanceof ConfigError && /^option --base-url: /.test(e.message) && !e.message.includes("\n"),
      bad,
    );
  }
});

test.run();
