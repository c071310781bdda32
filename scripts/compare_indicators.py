#!/usr/bin/env python3
"""Compare two jsna indicator tables (or two inequalities tables) row by row.

Usage: scripts/compare_indicators.py EXPECTED.csv ACTUAL.csv [--strict-text] [--max N]

indicators.csv rows are matched on (indicator_id, period, client_group, locality, category_type,
category); inequalities.csv rows (recognised by their `sii` column) on (indicator_id, period,
client_group).
  * numbers: |a - e| <= max(1e-12, 1e-9 * |e|); an empty cell must be empty on both sides;
  * SII/RII limits (simulated): within 5% of the expected interval width;
  * text columns the spec fixes (keys, compared_to_area_*) must be equal exactly;
  * free text (indicator_name, unit, method, value_note) is implementation-defined wording, so by
    default only its class is compared: value_note empty / non-empty / starts with `suppressed`;
    name, unit and method are listed as notes. `--strict-text` compares them exactly too.
Prints every mismatch, missing and extra row, then a summary; exit 1 on any mismatch, 0 otherwise.
"""
import csv
import sys

IND_KEY = ["indicator_id", "period", "client_group", "locality", "category_type", "category"]
INEQ_KEY = ["indicator_id", "period", "client_group"]
NUM_IND = ["count", "denominator", "value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8",
           "upper_ci_99_8", "comparator_value"]
EXACT_TEXT_IND = ["compared_to_area_95", "compared_to_area_99_8"]
FREE_TEXT_IND = ["indicator_name", "unit", "method"]
NUM_INEQ = ["sii", "rii", "ratio_most_least_deprived"]
SIM_LIMITS = [("sii_lower_95", "sii_upper_95"), ("rii_lower_95", "rii_upper_95")]


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def num(s):
    s = s.strip()
    if s.startswith("'"):
        s = s[1:]
    return float(s)


def note_class(s):
    s = s.strip()
    if not s:
        return "empty"
    return "suppressed" if s.lower().startswith("suppressed") else "note"


def main(argv):
    strict = "--strict-text" in argv
    mx = 1000000
    pos = []
    i = 0
    while i < len(argv):
        if argv[i] == "--max":
            mx = int(argv[i + 1]); i += 2; continue
        if argv[i] != "--strict-text":
            pos.append(argv[i])
        i += 1
    if len(pos) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        hx, ex = read(pos[0])
        ha, ac = read(pos[1])
    except OSError as e:
        print("compare_indicators: %s" % e, file=sys.stderr)
        return 2
    ineq = "sii" in hx
    key = INEQ_KEY if ineq else IND_KEY
    problems = []
    for h, name in ((hx, "expected"), (ha, "actual")):
        missing = [c for c in key if c not in h]
        if missing:
            print("%s file lacks key columns %s" % (name, missing))
            return 2
    if hx != ha:
        problems.append(("columns", "", "expected %s, actual %s" % (hx, ha)))

    def index(rows, what):
        d = {}
        for r in rows:
            k = tuple(r.get(c, "") for c in key)
            if k in d:
                problems.append(("duplicate", k, "row repeated in " + what))
            d[k] = r
        return d
    E = index(ex, "expected")
    A = index(ac, "actual")
    counts = {"mismatch": 0, "missing": 0, "extra": 0, "soft": 0}
    by_col = {}
    soft = {}
    for k, e in E.items():
        a = A.get(k)
        if a is None:
            problems.append(("missing", k, ""))
            continue
        if ineq:
            numcols, exact, free = NUM_INEQ, [], []
        else:
            numcols, exact, free = NUM_IND, EXACT_TEXT_IND, FREE_TEXT_IND
        for c in numcols:
            ev, av = e.get(c, ""), a.get(c, "")
            if ev.strip() == "" or av.strip() == "":
                if ev.strip() != av.strip():
                    problems.append(("mismatch", k, "%s: expected %r, actual %r" % (c, ev, av)))
                    by_col[c] = by_col.get(c, 0) + 1
                continue
            try:
                x, y = num(ev), num(av)
            except ValueError:
                if ev != av:
                    problems.append(("mismatch", k, "%s: expected %r, actual %r" % (c, ev, av)))
                    by_col[c] = by_col.get(c, 0) + 1
                continue
            if abs(y - x) > max(1e-12, 1e-9 * abs(x)):
                problems.append(("mismatch", k, "%s: expected %s, actual %s (rel diff %.3g)"
                                 % (c, ev, av, abs(y - x) / max(abs(x), 1e-300))))
                by_col[c] = by_col.get(c, 0) + 1
        if ineq:
            for lo_c, up_c in SIM_LIMITS:
                el, eu, al, au = e.get(lo_c, ""), e.get(up_c, ""), a.get(lo_c, ""), a.get(up_c, "")
                if "" in (el.strip(), eu.strip(), al.strip(), au.strip()):
                    if (el.strip() == "", eu.strip() == "") != (al.strip() == "", au.strip() == ""):
                        problems.append(("mismatch", k, "%s/%s: expected %r/%r, actual %r/%r"
                                         % (lo_c, up_c, el, eu, al, au)))
                        by_col[lo_c] = by_col.get(lo_c, 0) + 1
                    continue
                w = abs(num(eu) - num(el))
                for c, x, y in ((lo_c, num(el), num(al)), (up_c, num(eu), num(au))):
                    if abs(x - y) > 0.05 * w + 1e-12:
                        problems.append(("mismatch", k, "%s: expected %s, actual %s (%.1f%% of width)"
                                         % (c, x, y, 100 * abs(x - y) / w if w else float("inf"))))
                        by_col[c] = by_col.get(c, 0) + 1
        for c in exact:
            if e.get(c, "") != a.get(c, ""):
                problems.append(("mismatch", k, "%s: expected %r, actual %r" % (c, e.get(c, ""), a.get(c, ""))))
                by_col[c] = by_col.get(c, 0) + 1
        for c in free:
            if e.get(c, "") != a.get(c, ""):
                if strict:
                    problems.append(("mismatch", k, "%s: expected %r, actual %r" % (c, e.get(c, ""), a.get(c, ""))))
                    by_col[c] = by_col.get(c, 0) + 1
                else:
                    soft.setdefault((k[0], c, e.get(c, ""), a.get(c, "")), 0)
                    soft[(k[0], c, e.get(c, ""), a.get(c, ""))] += 1
        en, an = e.get("value_note", ""), a.get("value_note", "")
        if strict and en != an or not strict and note_class(en) != note_class(an):
            problems.append(("mismatch", k, "value_note: expected %r, actual %r" % (en, an)))
            by_col["value_note"] = by_col.get("value_note", 0) + 1
    for k in A:
        if k not in E:
            problems.append(("extra", k, ""))
    shown = 0
    for kind, k, msg in problems:
        if kind in counts:
            counts[kind] += 1
        if shown < mx:
            print("%-9s %s %s" % (kind.upper(), ",".join(k) if isinstance(k, tuple) else k, msg))
            shown += 1
    if soft:
        print("notes (free-text wording differs; not counted, use --strict-text):")
        for (iid, c, ev, av), n in sorted(soft.items()):
            print("  %s %s: expected %r, actual %r (%d rows)" % (iid, c, ev, av, n))
    n_other = sum(1 for p in problems if p[0] not in counts)
    print("SUMMARY: expected rows %d, actual rows %d, mismatched cells %d, missing rows %d, extra rows %d%s"
          % (len(E), len(A), counts["mismatch"], counts["missing"], counts["extra"],
             ", other problems %d" % n_other if n_other else ""))
    if by_col:
        print("mismatches by column: " + ", ".join("%s %d" % kv for kv in sorted(by_col.items())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
