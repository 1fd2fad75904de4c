import {test} from "uvu";
import * as assert from "uvu/assert";
import * as aq from "arquero";
import {topDatasets} from "../../src/indicators/top-datasets.js";
import {march, marchRows, noRows} from "../fixtures/indicators/march-log.js";

test("datasets by action count, rows without dataset_id left out, three-way tie by id", () => {
  assert.equal(topDatasets.compute(marchRows(), {period: march, top: 5}), [
    {dataset_id: "ds-a", count: 2, byAction: {publish: 1, update: 1}},
    {dataset_id: "ds-b", count: 2, byAction: {publish: 1, update: 1}},
    {dataset_id: "ds-c", count: 2, byAction: {delete: 1, publish: 1}},
    {dataset_id: "ds-d", count: 1, byAction: {create: 1}},
  ]);
});

test("top 3 cuts inside the tie by id", () => {
  assert.equal(
    topDatasets.compute(marchRows(), {period: march, top: 3}).map((d) => d.dataset_id),
    ["ds-a", "ds-b", "ds-c"],
  );
});

test('hostile ids and actions stay apart; ties by plain string order ("<" < "d" < "x")', () => {
  const rows = aq.table({
    dataset_id: ['x"|"y', "x", "x", "<script>alert(1)</script>", "données 😀"],
    action: ["z", 'y"|"z', 'y"|"z', "update", "update"],
  });
  assert.equal(topDatasets.compute(rows, {period: march, top: 5}), [
    {dataset_id: "x", count: 2, byAction: {'y"|"z': 2}},
    {dataset_id: "<script>alert(1)</script>", count: 1, byAction: {update: 1}},
    {dataset_id: "données 😀", count: 1, byAction: {update: 1}},
    {dataset_id: 'x"|"y', count: 1, byAction: {z: 1}},
  ]);
});

test("an empty period has no top datasets", () => {
  assert.equal(topDatasets.compute(noRows(), {period: march, top: 5}), []);
});

test.run();
