import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {test} from "uvu";
import * as assert from "uvu/assert";
import {escapeHtml} from "../../src/site/escape-html.js";
import {explorePage} from "../../src/explore/explore-page.js";

const HOSTILE = `</title><script>alert("x")</script><b title='y' data-a="z">&amp;`;

test("escapeHtml: the five characters as numeric references, nothing else touched", () => {
  assert.is(escapeHtml(`<b title='x'>`), "&#60;b title=&#39;x&#39;&#62;");
  assert.is(escapeHtml(`a & "b"`), "a &#38; &#34;b&#34;");
  assert.is(escapeHtml("métropole · 1\u202f334 ✓"), "métropole · 1\u202f334 ✓");
  assert.is(escapeHtml(""), "");
  assert.not.match(escapeHtml(HOSTILE), /[<>"']|&(?!#\d+;)/);
});

test("escapeHtml: a browser-style decode gives the text back", () => {
  const decode = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  assert.is(decode(escapeHtml(HOSTILE)), HOSTILE);
});

test("the explorer's page escapes the report's title with it", () => {
  const html = explorePage(HOSTILE);
  assert.ok(html.includes(`<title>Explore · ${escapeHtml(HOSTILE)}</title>`));
  assert.not.ok(html.includes("<script>alert"));
});

test("one escaper in src/: no other module replaces the HTML special characters itself", () => {
  const files = readdirSync("src", {recursive: true})
    .map(String)
    .filter((file) => file.endsWith(".ts"));
  const escapers = files.filter(
    (file) => file !== path.join("site", "escape-html.ts") && /\.replace\(\/\[&<>/.test(readFileSync(path.join("src", file), "utf8")),
  );
  assert.equal(escapers, []);
});

test.run();
