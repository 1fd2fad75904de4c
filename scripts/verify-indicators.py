#!/usr/bin/env python3
"""An independent computation of the eight indicators, to check a build against.

Written separately from the TypeScript pipeline, in another language and with its own reading of
the log (Python's csv/json, zoneinfo, isocalendar), so that a shared mistake is unlikely.

    python3 scripts/verify-indicators.py --out dist --tz Europe/Paris --as-of 2026-03-31 LOG...
    python3 scripts/verify-indicators.py --out dist --tz Europe/Paris --as-of 2026-03-31 --selection figures.json LOG...

Compares every period of <out>/report.json and every <out>/<path>/indicators.json with its own
numbers and prints the differences; exits 1 when there is any. Standard library only. It checks too
that every week, month, quarter and year from the first event to the as-of day is listed (quiet ones
included, none starting after it), that rows after the as-of day count in no period (afterAsOf), the
buckets of open periods (up to the as-of day), and what each period is compared with.
"""
import argparse, csv, io, json, math, os, re, sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

FIELDS = ["timestamp", "domain_id", "user_id", "dataset_id", "username", "action", "group_id", "page_id", "diff", "map_id", "reuse_title", "subdomain_id"]
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$")


def text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, separators=(",", ":"), ensure_ascii=False)
    return str(v)


def records(path):
    raw = open(path, "rb").read().decode("utf-8-sig")
    ext = os.path.splitext(path)[1].lower()
    if ext == ".csv":
        header_line = raw.split("\n", 1)[0]
        sep = ";" if header_line.count(";") > header_line.count(",") else ","
        reader = csv.reader(io.StringIO(raw, newline=""), delimiter=sep)
        header = [h.strip() for h in next(reader)]
        for row in reader:
            if row == [] or row == [""]:
                continue
            yield {h: (row[i] if i < len(row) else None) for i, h in enumerate(header)} if len(row) == len(header) else None
    elif ext == ".json":
        data = json.loads(raw)
        for r in (data["results"] if isinstance(data, dict) else data):
            yield {k.strip(): text(v) for k, v in r.items()}
    else:
        for line in raw.splitlines():
            if line.strip():
                yield {k.strip(): text(v) for k, v in json.loads(line).items()}


def instant(ts, zone):
    m = ISO.match(ts.strip())
    if not m:
        return None
    y, mo, d, h, mi, s, frac, off = m.groups()
    try:
        micro = int((frac or "0")[:6].ljust(6, "0"))
        local = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), micro)
    except ValueError:
        return None
    if off is None:
        return local.replace(tzinfo=zone)
    if off == "Z":
        return local.replace(tzinfo=ZoneInfo("UTC"))
    sign = 1 if off[0] == "+" else -1
    digits = off[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return (local - sign * timedelta(hours=hours, minutes=minutes)).replace(tzinfo=ZoneInfo("UTC"))


def load(paths, zone):
    events, seen, counts = [], set(), Counter()
    for path in paths:
        for r in records(path):
            counts["rows"] += 1
            if r is None:
                counts["rejected"] += 1
                continue
            norm = {k.lower(): (v or "") for k, v in r.items()}
            t = instant(norm.get("timestamp", ""), zone)
            if t is None or norm.get("action", "").strip() == "":
                counts["rejected"] += 1
                continue
            key = tuple(sorted(norm.items()))
            if key in seen:
                counts["duplicates"] += 1
                continue
            seen.add(key)
            counts["accepted"] += 1
            local = t.astimezone(zone)
            iso = local.isocalendar()
            events.append({
                "local": local, "day": local.strftime("%Y-%m-%d"), "week": f"{iso[0]}-W{iso[1]:02d}",
                "month": local.strftime("%Y-%m"), "quarter": f"{local.year}-Q{(local.month - 1) // 3 + 1}",
                "year": str(local.year), "action": norm["action"], "user": norm.get("user_id", ""),
                "dataset": norm.get("dataset_id", ""), "page": norm.get("page_id", ""),
                "weekday": local.isoweekday(), "subdomain": norm.get("subdomain_id", ""),
            })
    return events, counts


def ranked(counter):
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def top(events, field, n):
    per = defaultdict(Counter)
    for e in events:
        if e[field]:
            per[e[field]][e["action"]] += 1
    totals = Counter({k: sum(v.values()) for k, v in per.items()})
    return [(k, c, dict(ranked(per[k]))) for k, c in ranked(totals)[:n]]


def indicators(events, bucket, n):
    users = {e["user"] for e in events if e["user"]}
    actions = Counter(e["action"] for e in events)
    total = len(events)
    by_bucket = defaultdict(set)
    weekday_users = defaultdict(set)
    for e in events:
        if e["user"]:
            weekday_users[e["weekday"]].add(e["user"])
    weekday_actions = Counter(e["weekday"] for e in events)
    for e in events:
        if e["user"]:
            by_bucket[e[bucket]].add(e["user"])
    return {
        "totals": {"actions": total, "users": len(users), "datasets": len({e["dataset"] for e in events if e["dataset"]}),
                   "pages": len({e["page"] for e in events if e["page"]}), "actionsPerUser": sum(1 for e in events if e["user"]) / len(users) if users else 0},
        "series": sorted(Counter((e[bucket], e["action"]) for e in events).items()),
        "usersOverTime": sorted((b, len(u)) for b, u in by_bucket.items()),
        "actionsByUser": ranked(Counter(e["user"] for e in events if e["user"])),
        "topUsers": top(events, "user", n), "topDatasets": top(events, "dataset", n), "topPages": top(events, "page", n),
        "distribution": [(a, c, c / total) for a, c in ranked(actions)],
        "byWeekday": [(d, weekday_actions[d], len(weekday_users[d])) for d in range(1, 8)],
    }


def as_theirs(built):
    return {
        "totals": built["totals"],
        "series": sorted(((s["bucket"], s["action"]), s["count"]) for s in built["actions"]["series"]),
        "usersOverTime": [(u["bucket"], u["users"]) for u in built["usersOverTime"]],
        "actionsByUser": [(u["user_id"], u["count"]) for u in built["actionsByUser"]],
        "topUsers": [(u["user_id"], u["count"], u["byAction"]) for u in built["topUsers"]],
        "topDatasets": [(u["dataset_id"], u["count"], u["byAction"]) for u in built["topDatasets"]],
        "topPages": [(u["page_id"], u["count"], u["byAction"]) for u in built["topPages"]],
        "distribution": [(d["action"], d["count"], d["share"]) for d in built["distribution"]],
        "byWeekday": [(d["weekday"], d["actions"], d["users"]) for d in built.get("byWeekday", [])],
    }


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a.items()) == list(b.items()) if all(isinstance(v, int) for v in a.values()) else a == b
    return a == b


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--tz", default="UTC")
    p.add_argument("--as-of", required=True)
    p.add_argument("--top", type=int, default=5)
    p.add_argument("--selection", help="a JSON file of the explorer's figures (#download-figures): checks those instead of the periods")
    p.add_argument("logs", nargs="+")
    a = p.parse_args()
    zone = ZoneInfo(a.tz)
    paths = []
    for x in a.logs:
        paths += sorted(os.path.join(x, f) for f in os.listdir(x) if f.endswith((".csv", ".json", ".ndjson", ".jsonl"))) if os.path.isdir(x) else [x]
    events, counts = load(paths, zone)
    report = json.load(open(os.path.join(a.out, "report.json")))
    problems = []
    for k in ["rows", "accepted", "rejected", "duplicates"]:
        if report["input"][k] != counts[k]:
            problems.append(f"input.{k}: built {report['input'][k]}, expected {counts[k]}")

    as_of = date.fromisoformat(a.as_of)
    # rows dated after the as-of day are accepted but count in no period
    later = [e for e in events if e["local"].date() > as_of]
    events = [e for e in events if e["local"].date() <= as_of]
    if report["input"].get("afterAsOf") != len(later):
        problems.append(f"input.afterAsOf: built {report['input'].get('afterAsOf')}, expected {len(later)}")
    last = max((e["local"] for e in events), default=None)
    built_last = report.get("lastAction")
    if (last is None) != (built_last is None) or (last is not None and datetime.fromisoformat(built_last.replace("Z", "+00:00")) != last):
        problems.append(f"lastAction: built {built_last}, expected {last}")
    first_day = min((e["local"].date() for e in events), default=None)

    def first_of(kind, d):
        if kind == "week":
            return d - timedelta(days=d.weekday())
        if kind == "month":
            return d.replace(day=1)
        if kind == "quarter":
            return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
        return date(d.year, 1, 1)

    def next_of(kind, d):
        return first_of(kind, d + timedelta(days={"week": 7, "month": 31, "quarter": 92, "year": 366}[kind]))

    def key_of(kind, d):
        iso = d.isocalendar()
        return {"week": f"{iso[0]}-W{iso[1]:02d}", "month": d.strftime("%Y-%m"), "quarter": f"{d.year}-Q{(d.month - 1) // 3 + 1}", "year": str(d.year)}[kind]

    def days(start, end):
        return [start + timedelta(days=i) for i in range((end - start).days)]

    def bucket_keys(bucket, start, end):
        keys = []
        for d in days(start, end):
            k = d.isoformat() if bucket == "day" else key_of(bucket, d)
            if not keys or keys[-1] != k:
                keys.append(k)
        return keys

    def between(start, end):
        return [e for e in events if start <= e["local"].date() < end]

    if a.selection:
        return check_selection(json.load(open(a.selection, encoding="utf-8")), events, report, as_of, a.top, bucket_keys)

    def window(kind, first, end):
        """what a period [first, end) is compared with: (type, key, start, end) or None"""
        if kind == "all" or first_day is None or first_day > first:
            return None
        if kind == "rolling":
            n = (end - first).days
            start = first - timedelta(days=n)
            return None if start < first_day else ("previous-window", f"previous-{n}-days", start, first)
        before = first_of(kind, first - timedelta(days=1))
        if before < first_day:
            return None
        n = (as_of - first).days + 1
        if end > as_of + timedelta(days=1) and before + timedelta(days=n) < first:
            return ("previous-same-days", key_of(kind, before), before, before + timedelta(days=n))
        return ("previous", key_of(kind, before), before, first)

    # every week, month, quarter and year from the first counted event's to the as-of day's, quiet ones too
    expected = {}
    for kind, bucket in [("week", "day"), ("month", "day"), ("quarter", "week"), ("year", "month")]:
        d = first_of(kind, first_day) if first_day else None
        while d is not None and d <= as_of:
            end = next_of(kind, d)
            expected[(kind, key_of(kind, d))] = (between(d, end), bucket, d, end)
            d = end
    after = as_of + timedelta(days=1)
    expected[("all", "all")] = (events, "month", first_day or as_of, after)
    for n in (7, 30):
        first = as_of - timedelta(days=n - 1)
        expected[("rolling", f"last-{n}-days")] = (between(first, after), "day", first, after)
    built_keys = {(q["type"], q["key"]) for q in report["periods"]}
    for missing in sorted(set(expected) - built_keys):
        problems.append(f"period {missing} missing from report.json")
    for extra in sorted(built_keys - set(expected)):
        problems.append(f"period {extra} in report.json but not between the first event and the as-of day")
    checked = 0
    for q in report["periods"]:
        key = (q["type"], q["key"])
        if key not in expected:
            continue
        evs, bucket, start, end = expected[key]
        built = json.load(open(os.path.join(a.out, q["path"], "indicators.json")))
        if (q["start"][:10], q["end"][:10]) != (start.isoformat(), end.isoformat()):
            problems.append(f"{q['path']}: days {q['start']} - {q['end']}, expected {start} - {end}")
        mine = indicators(evs, bucket, a.top)
        theirs = as_theirs(built)
        for name in mine:
            if not same(mine[name], theirs[name]):
                problems.append(f"{q['path']} {name}: built {str(theirs[name])[:300]} expected {str(mine[name])[:300]}")
        if q["actions"] != mine["totals"]["actions"] or q["users"] != mine["totals"]["users"]:
            problems.append(f"report.json {q['path']}: actions/users differ")
        # an open period's buckets end with the as-of day's
        buckets = bucket_keys(bucket, start, min(end, after))
        if built["actions"]["buckets"] != buckets:
            problems.append(f"{q['path']} buckets: built {built['actions']['buckets'][-3:]} expected {buckets[-3:]} ({len(built['actions']['buckets'])} vs {len(buckets)})")
        data_from = first_day.isoformat() if key[0] != "all" and first_day and start < first_day < end else None
        if built.get("dataFrom") != data_from:
            problems.append(f"{q['path']} dataFrom: built {built.get('dataFrom')} expected {data_from}")
        before = [e["local"] for e in events if e["local"].date() < start]
        prev_action = max(before) if before else None
        built_prev = built.get("previousAction")
        if (prev_action is None) != (built_prev is None) or (prev_action is not None and datetime.fromisoformat(built_prev.replace("Z", "+00:00")) != prev_action):
            problems.append(f"{q['path']} previousAction: built {built_prev} expected {prev_action}")
        w = window(key[0], start, end)
        got = built.get("comparison")
        if w is None:
            if got is not None:
                problems.append(f"{q['path']} comparison: built {got}, expected none")
        else:
            kind, wkey, wstart, wend = w
            inside = between(wstart, wend)
            want = (kind, wkey, wstart.isoformat(), wend.isoformat(), len(inside), len({e["user"] for e in inside if e["user"]}))
            have = got and (got["type"], got["key"], got["start"][:10], got["end"][:10], got["actions"], got["users"])
            if have != want:
                problems.append(f"{q['path']} comparison: built {have} expected {want}")
        checked += 1
    print(f"checked {checked} periods, {counts['rows']} rows ({counts['accepted']} accepted, {counts['rejected']} rejected, {counts['duplicates']} duplicates)")
    for line in problems[:50]:
        print("DIFF", line)
    print(f"{len(problems)} differences")
    return 1 if problems else 0


BUCKET_OF_TYPE = {"week": "day", "month": "day", "rolling": "day", "quarter": "week", "year": "month", "all": "month"}


def check_selection(built, events, report, as_of, n, bucket_keys):
    """The explorer's figures of one selection (days from/to inclusive, filters: null is any, an
    empty subdomain the rows without one) against the events; the bucket is a baked period's when the
    days are one's, else days up to 92 days, ISO weeks up to 400, months beyond."""
    sel = built["selection"]
    first, last = date.fromisoformat(sel["from"]), date.fromisoformat(sel["to"])
    fields = {"subdomain": "subdomain", "action": "action", "user": "user", "dataset": "dataset", "page": "page"}
    chosen = [e for e in events if first <= e["local"].date() <= last and all(sel.get(f) is None or e[k] == sel[f] for f, k in fields.items())]
    baked = [q for q in report["periods"] if q["start"][:10] == sel["from"] and date.fromisoformat(q["end"][:10]) - timedelta(days=1) == last]
    length = (last - first).days + 1
    bucket = BUCKET_OF_TYPE[baked[0]["type"]] if baked else "day" if length <= 92 else "week" if length <= 400 else "month"
    mine, theirs, problems = indicators(chosen, bucket, n), as_theirs(built), []
    for name in mine:
        if not same(theirs[name], mine[name]):
            problems.append(f"{name}: built {str(theirs[name])[:300]} expected {str(mine[name])[:300]}")
    buckets = bucket_keys(bucket, first, min(last, as_of) + timedelta(days=1))
    if built["actions"]["bucket"] != bucket or built["actions"]["buckets"] != buckets:
        problems.append(f"buckets: built {built['actions']['bucket']} {built['actions']['buckets'][:3]}... expected {bucket} {buckets[:3]}... ({len(built['actions']['buckets'])} vs {len(buckets)})")
    print(f"checked the selection {json.dumps(sel, ensure_ascii=False)}: {len(chosen)} rows")
    for line in problems[:50]:
        print("DIFF", line)
    print(f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
