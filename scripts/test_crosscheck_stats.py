#!/usr/bin/env python3
"""Checks crosscheck_stats against the reference package's golden outputs (rel 1e-9)."""
import csv, os, sys
from collections import OrderedDict, defaultdict
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck_stats as S

G = os.environ.get("GOLDEN", "/work/shared/golden")
bad = 0
checked = 0


def close(a, e, what):
    global bad, checked
    checked += 1
    if e in ("NA", ""):
        if a is not None:
            bad += 1; print("MISMATCH", what, a, e)
        return
    e = float(e)
    if a is None or abs(a - e) > max(1e-12, 1e-9 * abs(e)):
        bad += 1; print("MISMATCH", what, a, e)


def rows(p):
    with open(os.path.join(G, p), newline="") as f:
        return list(csv.DictReader(f))

for r in [r for r in rows("rate/out_rate_conf95_998.csv") if r["numerator"] != "NA"]:
    x, n = int(r["numerator"]), float(r["denominator"])
    close(x / n * 1e5, r["value"], ("rate", r["area"]))
    for conf, lo, up in ((0.95, "lower95_0cl", "upper95_0cl"), (0.998, "lower99_8cl", "upper99_8cl")):
        l, u, m = S.rate_ci(x, n, 1e5, conf)
        close(l, r[lo], ("rate", r["area"], lo)); close(u, r[up], ("rate", r["area"], up))
        assert m == r["method"], (m, r["method"])

for r in [r for r in rows("proportion/out_proportion_conf95_998_pct.csv") if "NA" not in (r["numerator"], r["denominator"])]:
    x, n = int(r["numerator"]), float(r["denominator"])
    for conf, lo, up in ((0.95, "lower95_0cl", "upper95_0cl"), (0.998, "lower99_8cl", "upper99_8cl")):
        l, u = S.wilson(x, n, conf, 100)
        close(l, r[lo], ("prop", r["area"], lo)); close(u, r[up], ("prop", r["area"], up))

grp = defaultdict(list)
for r in rows("mean/input_mean.csv"):
    grp[r["group"]].append(float(r["value"]))
for r in rows("mean/out_mean_conf95_998.csv"):
    v = grp[r["group"]]
    for conf, lo, up in ((0.95, "lower95_0cl", "upper95_0cl"), (0.998, "lower99_8cl", "upper99_8cl")):
        m, l, u, sd = S.mean_ci(v, conf)
        close(m, r["value"], ("mean", r["group"]))
        close(l, r[lo], ("mean", r["group"], lo)); close(u, r[up], ("mean", r["group"], up))

d = defaultdict(list)
for r in rows("dsr/input_dsr.csv"):
    d[(r["area"], r["sex"])].append((float(0 if r["deaths"] in ("", "NA") else r["deaths"]), float(r["pop"]), float(r["esp2013"])))
for r in rows("dsr/out_dsr_area_sex_conf95_998.csv"):
    b = d[(r["area"], r["sex"])]
    for conf, lo, up in ((0.95, "lower95_0cl", "upper95_0cl"), (0.998, "lower99_8cl", "upper99_8cl")):
        res = S.dsr([x[0] for x in b], [x[1] for x in b], [x[2] for x in b], conf)
        if res is None:
            close(None, r["value"], ("dsr", r["area"]))
            continue
        close(res[0], r["value"], ("dsr", r["area"], r["sex"]))
        close(res[1], r[lo], ("dsr", r["area"], lo)); close(res[2], r[up], ("dsr", r["area"], up))

close(S.z_of(0.95), "1.95996398454005", "z95")
close(S.z_of(0.998), "3.09023230616781", "z998")
print("checked", checked, "mismatches", bad)
sys.exit(1 if bad else 0)
