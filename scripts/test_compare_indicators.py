#!/usr/bin/env python3
"""Tests scripts/compare_indicators.py: a table compared with itself is clean; rows suppressed as
jsna's audit would suppress them are accepted and counted (unless --no-audit), with their
consequences (no comparator from a hidden All row, SII withheld for a hidden decile); every other
change of a published cell, note or suppression is a mismatch. The tables are the cross-check's
own output on the `tiny` fixture in calendar years (both periods are part periods there)."""
import csv, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # importing crosscheck leaves no __pycache__ in scripts/
sys.path.insert(0, HERE)
from crosscheck import NAMES  # noqa: E402

SUP = "suppressed (disclosure control)"
NOT_PUB = "not published: a decile count is suppressed, and the SII would reveal it"
P23 = "part period: 2023-04-01 to 2023-12-31 (275 of 365 days)"
bad = 0
n = 0
base = tempfile.mkdtemp(prefix="cmp_")
exp = os.path.join(base, "expected")
subprocess.run([sys.executable, os.path.join(HERE, "crosscheck.py"), os.path.join(HERE, "crosscheck_fixtures", "tiny"),
                exp, "--reps", "2000", "--period", "calendar-year"], check=True)
KEY = ["indicator_id", "period", "client_group", "locality", "category_type", "category"]


def load(name):
    with open(os.path.join(exp, name), newline="") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def find(rows, **kv):
    return next(r for r in rows if all(r[k] == v for k, v in kv.items()))


def hide(r):
    """r as jsna's audit would hide it (docs/disclosure.md, "What a suppressed row shows")"""
    for c in ("count", "denominator", "value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"):
        r[c] = ""
    r["compared_to_area_95"] = r["compared_to_area_99_8"] = "not compared"
    r["method"] = NAMES[r["indicator_id"]][2]
    keep = [p for p in r["value_note"].split("; ") if p.startswith(("part period", "population"))]
    r["value_note"] = "; ".join([SUP] + keep)


def check(what, mutate, expect_rc, expect_line=None, table="indicators.csv", opts=()):
    """copy the expected folder, apply mutate(ind_rows, ineq_rows), compare `table`"""
    global bad, n
    n += 1
    act = os.path.join(base, "actual")
    shutil.rmtree(act, ignore_errors=True)
    shutil.copytree(exp, act)
    tabs = {}
    for name in ("indicators.csv", "inequalities.csv"):
        tabs[name] = load(name)
    mutate(tabs["indicators.csv"][1], tabs["inequalities.csv"][1])
    for name, (h, rows) in tabs.items():
        with open(os.path.join(act, name), "w", newline="") as f:
            w = csv.DictWriter(f, h, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    p = subprocess.run([sys.executable, os.path.join(HERE, "compare_indicators.py"), os.path.join(exp, table),
                        os.path.join(act, table)] + list(opts), capture_output=True, text=True)
    ok = p.returncode == expect_rc and (expect_line is None or expect_line in p.stdout)
    if not ok:
        bad += 1
        print("FAIL", what, "rc", p.returncode, "expected", expect_rc, "\n" + p.stdout[-1500:])


def nothing(ind, ineq):
    pass


check("identical", nothing, 0, "hidden by jsna's audit (accepted, see docs/crosscheck-notes.md): 0 rows")
check("identical inequalities", nothing, 0, table="inequalities.csv")


# North referrals 2023 (12, published): hidden as the audit would -> accepted, counted
def audit_north(ind, ineq):
    hide(find(ind, indicator_id="referrals_rate", period="2023", client_group="mental_health", locality="North",
              category_type=""))


check("audit-hidden row accepted", audit_north, 0, "hidden by jsna's audit (accepted, see docs/crosscheck-notes.md): 1 rows")
check("--no-audit counts it", audit_north, 1, opts=["--no-audit"])


def audit_north_count_left(ind, ineq):
    audit_north(ind, ineq)
    find(ind, indicator_id="referrals_rate", period="2023", client_group="mental_health", locality="North",
         category_type="")["count"] = "12"


check("hidden row showing its count", audit_north_count_left, 1)


def audit_north_method(ind, ineq):
    audit_north(ind, ineq)
    find(ind, indicator_id="referrals_rate", period="2023", client_group="mental_health", locality="North",
         category_type="")["method"] = "Byars"


check("hidden row with the method used", audit_north_method, 1)


def audit_north_no_part(ind, ineq):
    audit_north(ind, ineq)
    find(ind, indicator_id="referrals_rate", period="2023", client_group="mental_health", locality="North",
         category_type="")["value_note"] = SUP


check("hidden row without its part-period note", audit_north_no_part, 1)


# a hidden All row is no comparator: the rows compared with it lose comparator and comparison
def audit_all(ind, ineq):
    k = dict(indicator_id="referrals_rate", period="2023", client_group="mental_health")
    hide(find(ind, locality="All", category_type="", **k))
    for r in ind:
        if all(r[a] == b for a, b in k.items()) and not (r["locality"] == "All" and r["category_type"] == ""):
            r["comparator_value"] = ""
            r["compared_to_area_95"] = r["compared_to_area_99_8"] = "not compared"


check("hidden All row and its consequences", audit_all, 0, "): 1 rows")


def audit_all_comparator_kept(ind, ineq):
    hide(find(ind, indicator_id="referrals_rate", period="2023", client_group="mental_health", locality="All",
              category_type=""))


check("hidden All row still used as comparator", audit_all_comparator_kept, 1)


# a decile hidden by the audit withholds the SII (inequalities compared with indicators beside them);
# mental_health's SII is withheld already (d2, d10), so carers 2023, whose deciles are all published
def audit_decile_carers(ind, ineq, withhold=True):
    hide(find(ind, indicator_id="referrals_rate", period="2023", client_group="carers", locality="All",
              category_type="deprivation_decile", category="1"))
    q = find(ineq, indicator_id="referrals_rate", period="2023", client_group="carers")
    if withhold:
        for c in ("sii", "sii_lower_95", "sii_upper_95", "rii", "rii_lower_95", "rii_upper_95",
                  "ratio_most_least_deprived"):
            q[c] = ""
        q["value_note"] = NOT_PUB + "; " + P23


check("SII withheld for an audit-hidden decile", audit_decile_carers, 0,
      "withheld because jsna's audit hid a decile row", table="inequalities.csv")
check("SII published beside an audit-hidden decile", lambda i, q: audit_decile_carers(i, q, False), 1,
      table="inequalities.csv")


# anything else is a mismatch
def publish_suppressed(ind, ineq):
    r = find(ind, indicator_id="referrals_rate", period="2023", client_group="mental_health", locality="South",
             category_type="")
    assert r["value_note"].startswith(SUP)
    r["value_note"] = P23


check("a row the cross-check hides published", publish_suppressed, 1)


def count_dependent_note_kept(ind, ineq):
    r = find(ind, indicator_id="referrals_dsr", period="2023", client_group="mental_health", locality="South")
    assert r["value_note"] == SUP + "; " + P23
    r["value_note"] = SUP + "; dsr NA for total count < 10; " + P23


check("count-dependent note on a suppressed row", count_dependent_note_kept, 1)


def old_note(ind, ineq):
    r = find(ind, indicator_id="referrals_dsr", period="2023", client_group="mental_health", locality="South")
    r["value_note"] = "suppressed (count 1-7); " + P23


check("another suppression note", old_note, 1)


def part_note_moved(ind, ineq):
    r = find(ind, indicator_id="referrals_rate", period="2024", client_group="mental_health", locality="North",
             category_type="")
    parts = r["value_note"].split("; ")
    parts[-2], parts[-1] = parts[-1], parts[-2]
    r["value_note"] = "; ".join(parts)


check("part period not last", part_note_moved, 1)


def part_note_days(ind, ineq):
    r = find(ind, indicator_id="referrals_rate", period="2023", client_group="mental_health", locality="North",
             category_type="")
    r["value_note"] = r["value_note"].replace("275 of 365", "275 of 366")


check("part period days", part_note_days, 1)


def number_changed(ind, ineq):
    r = find(ind, indicator_id="referrals_rate", period="2023", client_group="mental_health", locality="North",
             category_type="")
    r["upper_ci_95"] = repr(float(r["upper_ci_95"]) * (1 + 1e-8))


check("a limit off by 1e-8", number_changed, 1)


def sii_note(ind, ineq):
    q = find(ineq, indicator_id="referrals_rate", period="2023", client_group="mental_health")
    assert q["value_note"] == NOT_PUB + "; " + P23
    q["value_note"] = NOT_PUB + "; decile 2 left out: zero count; " + P23


check("withheld SII with a decile note", sii_note, 1, table="inequalities.csv")
print("checked", n, "failures", bad)
shutil.rmtree(base, ignore_errors=True)
sys.exit(1 if bad else 0)
