import {test} from "uvu";
import * as assert from "uvu/assert";
import {topPages} from "../../src/indicators/top-pages.js";
import {march, marchRows, noRows} from "../fixtures/indicators/march-log.js";

test("pages by action count, rows without page_id left out, tie by id", () => {
  assert.equal(topPages.compute(marchRows(), {period: march, top: 5}), [
    {page_id: "page-1", count: 2, byAction: {create: 1, update: 1}},
    {page_id: "page-2", count: 2, byAction: {update: 2}},
  ]);
});

test("top 1 keeps the first of the tie", () => {
  assert.equal(
    topPages.compute(marchRows(), {period: march, top: 1}).map((p) => p.page_id),
    ["page-1"],
  );
});

test("an empty period has no top pages", () => {
  assert.equal(topPages.compute(noRows(), {period: march, top: 5}), []);
});

test.run();
