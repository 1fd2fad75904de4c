import {test} from "uvu";
import * as assert from "uvu/assert";
import {chartSpecsJson} from "../../src/site/chart-specs.js";

const HOSTILE = "</script><script>alert(1)</script> <!-- --> & \u2028\u2029 </SCRIPT >";

test("chartSpecsJson: no '<', '>', '&', U+2028 or U+2029 is written as is; JSON.parse gives the specs back", () => {
  const charts = [{id: "actions", vega: {description: HOSTILE, data: [{name: "source_0", values: [{action: HOSTILE, count: 1}]}]}}];
  const text = chartSpecsJson(charts);
  assert.not.match(text, /[<>&\u2028\u2029]/);
  assert.ok(text.includes("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"), text);
  assert.equal(JSON.parse(text), {charts});
});

test("chartSpecsJson: only the id and the compiled spec of each chart", () => {
  const text = chartSpecsJson([{id: "users", vega: {width: 1}, title: "Users"} as {id: string; vega: object}]);
  assert.is(text, '{"charts":[{"id":"users","vega":{"width":1}}]}');
});

test.run();
