/**
 * The text of a period page's chart-specs block, `<script type="application/json" id="chart-specs">`:
 * the compiled Vega spec of each chart, which the live charts read instead of fetching charts.json
 * (a page opened from disk may not fetch). A JSON block is data, not a script, so the pages' CSP
 * (`script-src 'self'`) does not run it; the escaping below keeps any log string inside it.
 * It does not write the block's tags: the period template does.
 */
import type {Spec} from "vega";

/** "<" (no "</script>", no "<!--"), ">" and "&" as JSON escapes; U+2028/9 too, for older parsers. */
const UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * `{"charts": [{"id", "vega"}]}` as JSON in which none of `< > & U+2028 U+2029` appears literally,
 * e.g. a label `</script>` is written `\u003c/script\u003e`; JSON.parse gives back the same specs.
 */
export function chartSpecsJson(charts: readonly {id: string; vega: Spec}[]): string {
  const text = JSON.stringify({charts: charts.map(({id, vega}) => ({id, vega}))});
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
