/**
 * The shape of src/ that a newcomer relies on: no import cycles (a module's imports never lead back
 * to it, type-only imports included), cache/ and site/ independent of each other, and no file over
 * ~350 lines nor function over ~80 (those that must stay longer are listed here with why). A small
 * import-graph walker over the sources' `import`/`export ... from` lines: no dependency.
 */
import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {test} from "uvu";
import * as assert from "uvu/assert";

const SRC = "src";
const sources = readdirSync(SRC, {recursive: true})
  .map(String)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
  .map((file) => path.join(SRC, file).replaceAll("\\", "/"))
  .sort();

/** Each module's relative imports (static, type-only included; dynamic `import()` loads lazily and is left out), as paths of src/. */
export function importGraph(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const imports = [...read(file).matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+"(\.{1,2}\/[^"]+)"/gm)].map((match) =>
      path.posix.join(path.posix.dirname(file), match[1].replace(/\.js$/, ".ts")),
    );
    graph.set(file, [...new Set(imports.filter((target) => known.has(target)))]);
  }
  return graph;
}

/** The cycles of a graph, each as the modules on it in import order, e.g. [["a.ts", "b.ts", "a.ts"]]. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const trail: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") cycles.push([...trail.slice(trail.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    trail.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

/**
 * Functions (declarations, methods, arrow functions assigned at the start of a line) and their
 * length in lines, from the line that opens them to the `}` at the same indentation that closes them.
 */
export function functionLengths(text: string): {name: string; line: number; lines: number}[] {
  const lines = text.split("\n");
  const found: {name: string; line: number; lines: number}[] = [];
  const opening =
    /^(\s*)(?:export\s+)?(?:(?:async\s+)?function\s*\*?\s*(\w+)|(?:(?:private|static|readonly|async|get|set)\s+)*#?(\w+)\s*(?:<[^>]*>)?\([^)]*\)[^=;]*\{$|(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*(?::[^=]+)?=>\s*\{$)/;
  for (const [i, line] of lines.entries()) {
    const match = opening.exec(line);
    if (!match || /^\s*(?:if|for|while|switch|catch|return)\b/.test(line)) continue;
    const close = new RegExp(`^${match[1]}\\}`);
    const end = lines.findIndex((other, j) => j > i && close.test(other));
    if (end > i) found.push({name: match[2] ?? match[3] ?? match[4], line: i + 1, lines: end - i + 1});
  }
  return found;
}

/** Files allowed past ~350 lines, and why. */
const LONG_FILES: Record<string, string> = {
  "src/cache/build-cache.ts":
    "the cache's one format, read and written side by side so that they cannot drift apart (its own issue: split reading and writing)",
};

/** Functions allowed past ~80 lines, and why. */
const LONG_FUNCTIONS: Record<string, string> = {
  "src/ingest/read-csv.ts:parseCsvText":
    "readCsv's parse (readCsv only picks where the text comes from; read-csv-bytes hands it text too): one generator whose state (the unfinished row, the header, the line number, the parser, a huge record) its two nested parsers share; a class would split it, but this is the ingest's hot loop at 1M rows: its own change, measured",
};

test("src/ has no import cycle (type-only imports count: they are what keeps a cycle alive when a value import is added)", () => {
  const cycles = importCycles(importGraph(sources, (file) => readFileSync(file, "utf8")));
  assert.equal(
    cycles.map((cycle) => cycle.join(" -> ")),
    [],
  );
});

test("the cycle finder finds a cycle through type imports and none in a tree", () => {
  const files: Record<string, string> = {
    "src/a.ts": 'import {b} from "./b.js";\n',
    "src/b.ts": 'import type {C} from "./c/c.js";\n',
    "src/c/c.ts": 'export type {A} from "../a.js";\nconst x = await import("../d.js");\n',
    "src/d.ts": 'import {a} from "./a.js";\n',
  };
  assert.equal(importCycles(importGraph(Object.keys(files), (file) => files[file])), [["src/a.ts", "src/b.ts", "src/c/c.ts", "src/a.ts"]]);
  delete files["src/c/c.ts"];
  assert.equal(importCycles(importGraph(Object.keys(files), (file) => files[file])), []);
});

test("cache/ and site/ do not import each other (the downloads between them are downloads/)", () => {
  const graph = importGraph(sources, (file) => readFileSync(file, "utf8"));
  const across = [...graph].flatMap(([file, imports]) =>
    imports
      .filter(
        (target) => (file.startsWith("src/cache/") && target.startsWith("src/site/")) || (file.startsWith("src/site/") && target.startsWith("src/cache/")),
      )
      .map((target) => `${file} -> ${target}`),
  );
  assert.equal(across, []);
});

test("no file of src/ over 350 lines, no function over 80, but those listed with why", () => {
  const long: string[] = [];
  for (const file of sources) {
    const text = readFileSync(file, "utf8");
    const count = text.split("\n").length - 1;
    if (count > 350 && !(file in LONG_FILES)) long.push(`${file}: ${count} lines`);
    for (const {name, line, lines} of functionLengths(text))
      if (lines > 80 && !(`${file}:${name}` in LONG_FUNCTIONS)) long.push(`${file}:${line} ${name}: ${lines} lines`);
  }
  assert.equal(long, []);
});

test("the function measure finds declarations, methods and arrow functions", () => {
  const text =
    "export async function one(a: number): Promise<void> {\n  x;\n}\nclass K {\n  async add(count: number): Promise<void> {\n    y;\n    z;\n  }\n}\nconst two = async (a: string) => {\n};\n";
  assert.equal(
    functionLengths(text).map(({name, lines}) => [name, lines]),
    [
      ["one", 3],
      ["add", 4],
      ["two", 2],
    ],
  );
});

test.run();
