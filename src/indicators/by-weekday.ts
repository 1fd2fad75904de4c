/**
 * Activity by weekday: the period's actions and the distinct users who acted (non-empty user_id)
 * on each ISO weekday, 1 = Monday ... 7 = Sunday, of the local calendar day a row carries (its `day`
 * key, in the report's time zone: a row at 23:30 UTC on a Sunday in winter is a Monday in Paris).
 * Lists all seven days, zeros included. One pass over the rows' codes; no Arquero groupby.
 */
import type {ColumnTable} from "arquero";
import {EMPTY_CODE} from "../ingest/coded-column.js";
import {isoWeekday, parseDayKey} from "../periods/calendar-keys.js";
import {codedColumn} from "./coded-rows.js";
import type {Indicator, PeriodIndicators} from "./types.js";

/** Actions and distinct users per ISO weekday, Monday (1) first. */
export const byWeekday: Indicator<"byWeekday"> = {
  id: "byWeekday",
  columns: ["day", "user_id"],
  label: "Activity by weekday",
  description: "How many actions were made, and by how many different users, on each day of the week.",
  compute(rows: ColumnTable) {
    const day = codedColumn(rows, "day");
    const user = codedColumn(rows, "user_id");
    // weekday index (0 = Monday) per day code, once per distinct day rather than per row
    const weekdayOf = Int8Array.from(day.dictionary, (key) => {
      const dayNumber = parseDayKey(key);
      return dayNumber === undefined ? -1 : isoWeekday(dayNumber) - 1;
    });
    const width = user.dictionary.length;
    // seen[weekday * width + user code]: that user acted that weekday; a log of many more users
    // than the period has rows gets a Set of those cells instead
    const flat = 7 * width <= Math.max(1 << 16, 4 * day.codes.length);
    const seen = flat ? new Uint8Array(7 * width) : new Set<number>();
    const actions = new Float64Array(7);
    const users = new Float64Array(7);
    for (let row = 0; row < day.codes.length; row++) {
      const weekday = weekdayOf[day.codes[row]];
      if (weekday < 0) continue; // a row without a day key (only a hand-made table lacks them)
      actions[weekday]++;
      const code = user.codes[row];
      if (code === EMPTY_CODE) continue;
      const cell = weekday * width + code;
      if (seen instanceof Uint8Array) {
        if (seen[cell] !== 0) continue;
        seen[cell] = 1;
      } else {
        if (seen.has(cell)) continue;
        seen.add(cell);
      }
      users[weekday]++;
    }
    const result: PeriodIndicators["byWeekday"] = [];
    for (let i = 0; i < 7; i++) result.push({weekday: i + 1, actions: actions[i], users: users[i]});
    return result;
  },
};
