#!/usr/bin/env python3
"""Compare two jsna indicator tables (or two inequalities tables) row by row.

Usage: scripts/compare_indicators.py EXPECTED.csv ACTUAL.csv [--strict-text] [--no-audit] [--max N]

EXPECTED is the cross-check's table (scripts/crosscheck.py), ACTUAL jsna's.
indicators.csv rows are matched on (indicator_id, period, client_group, locality, category_type,
category); inequalities.csv rows (recognised by their `sii` column) on (indicator_id, period,
client_group).
  * numbers: |a - e| <= max(1e-12, 1e-9 * |e|); an empty cell must be empty on both sides;
  * SII/RII limits (simulated): within 5% of the expected interval width;
  * text columns the spec fixes (keys, compared_to_area_*) must be equal exactly;
  * value_note: the parts whose wording the docs fix must be equal exactly and in order —
    `suppressed (disclosure control)` (first), `population of mid-Y used (no mid-Z estimate)`,
    `not published: a decile count is suppressed, and the SII would reveal it`, `part period: ...`
    (last); of the other parts (implementation wording) only whether there are any is compared;
  * method: exactly on suppressed rows (the catalogue's method); elsewhere free text;
  * indicator_name, unit and other method wording are listed as notes. `--strict-text` compares
    every free-text cell exactly.
jsna's audit (docs/disclosure.md) may hide a few rows beyond the rules' fixed point, which the
cross-check does not reproduce. By default a row that jsna suppressed and the cross-check did not
is accepted when jsna shows it as a suppressed row must look (empty count, denominator, value and
limits, `not compared`, the catalogue's method, `suppressed (disclosure control)` followed by the
cross-check's count-free notes only); so are the consequences of its hiding (an `All` row hidden
this way is no comparator; a decile hidden this way withholds the SII — for an inequalities table
both indicators.csv files beside the two tables are read to find such deciles). Their number is
printed on one summary line. `--no-audit` counts them as mismatches instead.
Every other difference is a mismatch. Prints every mismatch, missing and extra row, then a
summary; exit 1 on any mismatch, missing or extra row, 0 otherwise; 2 on a usage or read error.
"""
import csv
import os
import re
import sys

sys.dont_write_bytecode = True  # importing crosscheck leaves no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crosscheck import NAMES, SUPPRESSED_NOTE, NOT_PUBLISHED_NOTE  # noqa: E402

IND_KEY = ["indicator_id", "period", "client_group", "locality", "category_type", "category"]
INEQ_KEY = ["indicator_id", "period", "client_group"]
NUM_IND = ["count", "denominator", "value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8",
           "upper_ci_99_8", "comparator_value"]
EMPTY_WHEN_SUPPRESSED = ["count", "denominator", "value", "lower_ci_95", "upper_ci_95",
                         "lower_ci_99_8", "upper_ci_99_8"]
EXACT_TEXT_IND = ["compared_to_area_95", "compared_to_area_99_8"]
TREND_IND = ["recent_trend", "recent_trend_reason"]
FREE_TEXT_IND = ["indicator_name", "unit", "method"]
NUM_INEQ = ["sii", "rii", "ratio_most_least_deprived"]
SIM_LIMITS = [("sii_lower_95", "sii_upper_95"), ("rii_lower_95", "rii_upper_95")]
INEQ_VALUES = NUM_INEQ + [c for pair in SIM_LIMITS for c in pair]
# value_note parts whose wording the docs fix (compared exactly)
FIXED_NOTE = re.compile(r"^(suppressed|part period: |population of mid-\d+ used |not published: )")
# the cross-check's notes that hold whatever the counts are (kept on a suppressed row)
COUNT_FREE_NOTE = re.compile(r"^(part period: |population of mid-\d+ used |population not known |"
                             r"no population$|not calculable: no population in age band )")


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def num(s):
    s = s.strip()
    if s.startswith("'"):
        s = s[1:]
    return float(s)


def parts(note):
    return [p for p in note.split("; ") if p != ""] if note.strip() else []


def is_suppressed(row):
    return row.get("value_note", "").startswith("suppressed")


def note_problem(en, an):
    """None when the notes agree as described in the docstring, else a reason."""
    ep, ap = parts(en), parts(an)
    ef, af = [p for p in ep if FIXED_NOTE.match(p)], [p for p in ap if FIXED_NOTE.match(p)]
    if ef != af:
        return "fixed wording differs"
    if bool(len(ep) - len(ef)) != bool(len(ap) - len(af)):
        return "other notes present on one side only"
    if any(p.startswith("part period: ") for p in ap) and not ap[-1].startswith("part period: "):
        return "part period not last"
    if any(p.startswith("suppressed") for p in ap) and not ap[0].startswith("suppressed"):
        return "suppressed not first"
    return None


def audit_hidden(E, A):
    """keys of rows the cross-check publishes and jsna shows suppressed"""
    return {k for k, e in E.items() if k in A and not is_suppressed(e) and is_suppressed(A[k])}


def as_suppressed(e):
    """the cross-check's row as it reads once suppressed (docs/disclosure.md)"""
    e = dict(e)
    for c in EMPTY_WHEN_SUPPRESSED:
        e[c] = ""
    for c in EXACT_TEXT_IND:
        e[c] = "not compared"
    e["method"] = NAMES[e["indicator_id"]][2] if e["indicator_id"] in NAMES else e.get("method", "")
    e["value_note"] = "; ".join([SUPPRESSED_NOTE] + [p for p in parts(e.get("value_note", ""))
                                                     if COUNT_FREE_NOTE.match(p)])
    return e


def comparator_key(k):
    iid, p, cg, loc, ct, cat = k
    if ct == "deprivation_decile":
        return (iid, p, cg, "All", "", "")
    if loc == "All":
        return None
    return (iid, p, cg, "All", ct, cat)


def index(rows, key, what, problems):
    d = {}
    for r in rows:
        k = tuple(r.get(c, "") for c in key)
        if k in d:
            problems.append(("duplicate", k, "row repeated in " + what))
        d[k] = r
    return d


def sibling_indicators(path):
    p = os.path.join(os.path.dirname(os.path.abspath(path)), "indicators.csv")
    if not os.path.isfile(p):
        return None
    _h, rows = read(p)
    return {tuple(r.get(c, "") for c in IND_KEY): r for r in rows}


def main(argv):
    strict = "--strict-text" in argv
    accept_audit = "--no-audit" not in argv
    mx = 1000000
    pos = []
    i = 0
    while i < len(argv):
        if argv[i] == "--max":
            mx = int(argv[i + 1]); i += 2; continue
        if argv[i] not in ("--strict-text", "--no-audit"):
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

    E = index(ex, key, "expected", problems)
    A = index(ac, key, "actual", problems)
    audit_line = ""
    if accept_audit and not ineq:
        H = audit_hidden(E, A)
        for k in H:
            E[k] = as_suppressed(E[k])
        for k, e in E.items():
            ck = comparator_key(k)
            if ck is not None and ck in H:
                e = E[k] = dict(e)
                e["comparator_value"] = ""
                for c in EXACT_TEXT_IND:
                    e[c] = "not compared"
        # a row hidden by the audit is a suppressed point of the series whose 5 periods hold it
        complete = sorted({k[1] for k, e in E.items() if e.get("recent_trend_reason") != "part period"})
        trend_hidden = 0
        for k, e in E.items():
            if e.get("recent_trend_reason") in ("part period", "not enough data points", "missing confidence interval",
                                                "suppressed value", None) or k[1] not in complete:
                continue
            at = complete.index(k[1])
            if any((k[0], p, k[2], k[3], k[4], k[5]) in H for p in complete[max(0, at - 4):at + 1]):
                e = E[k] = dict(e)
                e["recent_trend"], e["recent_trend_reason"] = "cannot be calculated", "suppressed value"
                trend_hidden += 1
        audit_line = "hidden by jsna's audit (accepted, see docs/crosscheck-notes.md): %d rows" % len(H)
        if trend_hidden:
            audit_line += "; recent trend not calculated because of them: %d rows" % trend_hidden
    elif accept_audit and ineq:
        ei, ai = sibling_indicators(pos[0]), sibling_indicators(pos[1])
        withheld = 0
        if ei is not None and ai is not None:
            H = audit_hidden(ei, ai)
            for k, e in E.items():
                if NOT_PUBLISHED_NOTE in parts(e.get("value_note", "")):
                    continue
                if any((k[0], k[1], k[2], "All", "deprivation_decile", str(d)) in H for d in range(1, 11)):
                    e = E[k] = dict(e)
                    for c in INEQ_VALUES:
                        e[c] = ""
                    e["value_note"] = "; ".join([NOT_PUBLISHED_NOTE] + [p for p in parts(e.get("value_note", ""))
                                                                        if p.startswith("part period: ")])
                    withheld += 1
            if withheld:
                audit_line = ("withheld because jsna's audit hid a decile row (accepted, see "
                              "docs/crosscheck-notes.md): %d rows" % withheld)
        else:
            audit_line = "no indicators.csv beside both tables: no SII withheld by jsna's audit accepted"

    counts = {"mismatch": 0, "missing": 0, "extra": 0}
    by_col = {}
    soft = {}

    def bad(k, c, msg):
        problems.append(("mismatch", k, msg))
        by_col[c] = by_col.get(c, 0) + 1

    for k, e in E.items():
        a = A.get(k)
        if a is None:
            problems.append(("missing", k, ""))
            continue
        if ineq:
            numcols, exact, free = NUM_INEQ, [], []
        else:
            numcols, exact, free = NUM_IND, EXACT_TEXT_IND + [c for c in TREND_IND if c in hx], FREE_TEXT_IND
        for c in numcols:
            ev, av = e.get(c, ""), a.get(c, "")
            if ev.strip() == "" or av.strip() == "":
                if ev.strip() != av.strip():
                    bad(k, c, "%s: expected %r, actual %r" % (c, ev, av))
                continue
            try:
                x, y = num(ev), num(av)
            except ValueError:
                if ev != av:
                    bad(k, c, "%s: expected %r, actual %r" % (c, ev, av))
                continue
            if abs(y - x) > max(1e-12, 1e-9 * abs(x)):
                bad(k, c, "%s: expected %s, actual %s (rel diff %.3g)"
                    % (c, ev, av, abs(y - x) / max(abs(x), 1e-300)))
        if ineq:
            for lo_c, up_c in SIM_LIMITS:
                el, eu, al, au = e.get(lo_c, ""), e.get(up_c, ""), a.get(lo_c, ""), a.get(up_c, "")
                if "" in (el.strip(), eu.strip(), al.strip(), au.strip()):
                    if (el.strip() == "", eu.strip() == "") != (al.strip() == "", au.strip() == ""):
                        bad(k, lo_c, "%s/%s: expected %r/%r, actual %r/%r" % (lo_c, up_c, el, eu, al, au))
                    continue
                w = abs(num(eu) - num(el))
                for c, x, y in ((lo_c, num(el), num(al)), (up_c, num(eu), num(au))):
                    if abs(x - y) > 0.05 * w + 1e-12:
                        bad(k, c, "%s: expected %s, actual %s (%.1f%% of width)"
                            % (c, x, y, 100 * abs(x - y) / w if w else float("inf")))
        for c in exact:
            if e.get(c, "") != a.get(c, ""):
                bad(k, c, "%s: expected %r, actual %r" % (c, e.get(c, ""), a.get(c, "")))
        for c in free:
            if e.get(c, "") != a.get(c, ""):
                if strict or (c == "method" and is_suppressed(e)):
                    bad(k, c, "%s: expected %r, actual %r" % (c, e.get(c, ""), a.get(c, "")))
                else:
                    sk = (k[0], c, e.get(c, ""), a.get(c, ""))
                    soft[sk] = soft.get(sk, 0) + 1
        en, an = e.get("value_note", ""), a.get("value_note", "")
        why = (None if en == an else "differs") if strict else note_problem(en, an)
        if why:
            bad(k, "value_note", "value_note (%s): expected %r, actual %r" % (why, en, an))
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
    if audit_line:
        print(audit_line)
    print("SUMMARY: expected rows %d, actual rows %d, mismatched cells %d, missing rows %d, extra rows %d%s"
          % (len(E), len(A), counts["mismatch"], counts["missing"], counts["extra"],
             ", other problems %d" % n_other if n_other else ""))
    if by_col:
        print("mismatches by column: " + ", ".join("%s %d" % kv for kv in sorted(by_col.items())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
