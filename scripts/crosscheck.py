#!/usr/bin/env python3
"""Independent reference implementation of `jsna report` indicators.csv / inequalities.csv.

Usage: scripts/crosscheck.py INPUT_DIR OUT_DIR [--reps N] [--seed N] [--no-suppression]
                             [--period fiscal-year|calendar-year] [--compare-before-suppression]
                             [--cost-users all|known]

Reads the four canonical files (population.csv, areas.csv, referrals.csv, services.csv; ISO
dates; canonical column names and codes; default client groups of data.md) and writes
OUT_DIR/indicators.csv and OUT_DIR/inequalities.csv with the columns of cli.md.
Standard library only; statistics in crosscheck_stats.py. Written from the specs
(/work/shared/indicators.md, data.md, cli.md, methods.md) without reading the Java code.
Reading decisions where the spec is ambiguous: docs/crosscheck-notes.md.
"""
import csv
import datetime as dt
import math
import os
import random
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck_stats as S  # noqa: E402

CLIENT_GROUPS = [  # id, label, lo, hi (None = open)
    ("children_families", "Children and families", 0, 17),
    ("learning_disability", "Learning disability", 18, 64),
    ("mental_health", "Mental health", 18, 64),
    ("physical_disability", "Physical and sensory disability", 18, 64),
    ("older_people", "Older people", 65, None),
    ("carers", "Carers", 18, None),
]
SOURCES = ["primary_care", "secondary_care", "self_or_family", "social_care", "community_health",
           "police_or_justice", "education", "other"]
OUTCOMES = ["service_provided", "signposted", "no_further_action", "ongoing", "declined", "other"]
FUNDERS = ["nhs", "council", "pooled", "self"]
SUP_MIN, SUP_MAX = 1, 7
COST_USERS = "all"  # cost_per_user: "all" service users, or only those with a "known" cost
CONFS = (0.95, 0.998)

NAMES = {
    "referrals_rate": ("Referrals per 1,000 population", "per 1,000"),
    "referrals_dsr": ("Referrals, directly age-standardised rate per 100,000", "per 100,000"),
    "referral_source_pct": ("Referrals by source (% of referrals with a known source)", "%"),
    "referral_conversion_pct": ("Referrals leading to a service (%)", "%"),
    "repeat_referral_pct": ("People referred twice or more (%)", "%"),
    "service_users_rate": ("Service users per 1,000 population", "per 1,000"),
    "service_events_rate": ("Service events per 1,000 population", "per 1,000"),
    "cost_per_head": ("Cost per head of population", "£ per head"),
    "cost_per_user": ("Cost per service user", "£ mean"),
    "funder_share_pct": ("Share of cost by funder (%)", "%"),
    "wait_days_median": ("Days from referral to first service (median)", "days"),
    "wait_days_p90": ("Days from referral to first service (90th percentile)", "days"),
}
INDICATOR_ORDER = list(NAMES)

IND_COLS = ["indicator_id", "indicator_name", "period", "client_group", "locality", "category_type",
            "category", "count", "denominator", "value", "lower_ci_95", "upper_ci_95",
            "lower_ci_99_8", "upper_ci_99_8", "unit", "method", "comparator_value",
            "compared_to_area_95", "compared_to_area_99_8", "value_note"]
INEQ_COLS = ["indicator_id", "period", "client_group", "sii", "sii_lower_95", "sii_upper_95", "rii",
             "rii_lower_95", "rii_upper_95", "ratio_most_least_deprived", "value_note"]

# ESP2013 bands: index i covers ages 5i..5i+4, index 18 is 90+ (one "year")
BANDS = [(5 * i, 5 * i + 4) for i in range(18)] + [(90, 90)]
BAND_LABELS = ["%d-%d" % b for b in BANDS[:18]] + ["90+"]


def die(msg):
    print("crosscheck: " + msg, file=sys.stderr)
    sys.exit(3)


def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        die(path + ": empty file")
    header = [h.strip() for h in rows[0]]
    return [dict(zip(header, r)) for r in rows[1:] if r != []], header


def pdate(s):
    return dt.date.fromisoformat(s.strip())


def age_at(rec, header, on):
    if "age" in header and rec.get("age", "").strip() != "":
        return int(rec["age"])
    if "birth_date" in header and rec.get("birth_date", "").strip():
        b = pdate(rec["birth_date"])
    elif "birth_year" in header and rec.get("birth_year", "").strip():
        b = dt.date(int(rec["birth_year"]), 7, 1)
    else:
        return None
    a = on.year - b.year - ((on.month, on.day) < (b.month, b.day))
    return a


def in_range(age, lo, hi):
    return age is not None and age >= lo and (hi is None or age <= hi)


def band_index(age):
    return min(age // 5, 18) if age < 90 else 18


def band_years_in(i, lo, hi):
    a, b = BANDS[i]
    top = b if hi is None else min(b, hi)
    return max(0, top - max(a, lo) + 1)


class Data:
    def __init__(self, d, period_kind):
        self.period_kind = period_kind
        areas, _ = read_csv(os.path.join(d, "areas.csv"))
        self.lookup = {}
        for r in areas:
            self.lookup[r["area_code"].strip()] = (r["locality"].strip(), int(r["imd_decile"]))
        self.localities = sorted({v[0] for v in self.lookup.values()})

        pop, ph = read_csv(os.path.join(d, "population.csv"))
        self.has_year = "year" in ph
        # single[(year, area)][age] ; bands[(year, area)][band index]
        self.single = defaultdict(lambda: defaultdict(int))
        self.band = defaultdict(lambda: defaultdict(int))
        self.pop_years = set()
        for r in pop:
            a = r["area_code"].strip()
            if a not in self.lookup:
                continue
            y = int(r["year"]) if self.has_year else None
            self.pop_years.add(y)
            p = int(r["population"])
            if "age" in ph and r.get("age", "").strip() != "":
                age = min(int(r["age"]), 90)
                self.single[(y, a)][age] += p
            else:
                lab = r["age_band"].strip()
                self.band[(y, a)][BAND_LABELS.index(lab)] += p

        refs, rh = read_csv(os.path.join(d, "referrals.csv"))
        self.refs = []
        for r in refs:
            date = pdate(r["referral_date"])
            self.refs.append(dict(
                id=r["referral_id"], person=r["person_id"], date=date,
                cg=r["client_group"].strip(), area=r.get("area_code", "").strip(),
                age=age_at(r, rh, date), source=r.get("source", "").strip(),
                outcome=r.get("outcome", "").strip()))
        self.ref_by_id = {r["id"]: r for r in self.refs}

        svc, sh = read_csv(os.path.join(d, "services.csv"))
        self.events = []
        for r in svc:
            start = pdate(r["start_date"])
            cost = None
            if "cost" in sh:
                c = r.get("cost", "").strip()
                cost = float(c) if c != "" else None
            elif "unit_cost" in sh and "units" in sh:
                uc, un = r.get("unit_cost", "").strip(), r.get("units", "").strip()
                cost = float(uc) * float(un) if uc and un else None
            self.events.append(dict(
                id=r["event_id"], person=r["person_id"], cg=r["client_group"].strip(),
                start=start, cost=cost, funder=r.get("funder", "").strip(),
                rid=r.get("referral_id", "").strip(), area=r.get("area_code", "").strip()))

    # -- places
    def place(self, area):
        if area in self.lookup:
            return self.lookup[area]
        return ("Unknown", None)

    # -- periods
    def period_of(self, date):
        if self.period_kind == "calendar-year":
            return date.year
        return date.year if date.month >= 4 else date.year - 1

    def period_label(self, y):
        if self.period_kind == "calendar-year":
            return str(y)
        return "%d/%02d" % (y, (y + 1) % 100)

    def periods(self):
        ys = [self.period_of(r["date"]) for r in self.refs] + [self.period_of(e["start"]) for e in self.events]
        if not ys:
            return []
        return list(range(min(ys), max(ys) + 1))

    def pop_year(self, y):
        """(year used, note or '')"""
        if not self.has_year:
            return None, ""
        if y in self.pop_years:
            return y, ""
        earlier = [x for x in self.pop_years if x < y]
        if not earlier:
            die("no population for mid-%d or any earlier year" % y)
        u = max(earlier)
        return u, "population of mid-%d used (no mid-%d estimate)" % (u, y)

    def pop_range(self, year, areas, lo, hi):
        tot = 0
        for a in areas:
            s = self.single.get((year, a))
            if s:
                for age, p in s.items():
                    if in_range(age, lo, hi):
                        tot += p
            b = self.band.get((year, a))
            if b:
                for i, p in b.items():
                    k = band_years_in(i, lo, hi)
                    if k:
                        n = BANDS[i][1] - BANDS[i][0] + 1
                        tot += p if k == n else p * k / n
        return tot

    def pop_bands(self, year, areas, lo, hi):
        """population per ESP band restricted to the range (list of 19, None for unused bands)."""
        out = [None] * 19
        for i in range(19):
            if band_years_in(i, lo, hi):
                out[i] = 0
        for a in areas:
            s = self.single.get((year, a))
            if s:
                for age, p in s.items():
                    if in_range(age, lo, hi):
                        out[band_index(age)] += p
            b = self.band.get((year, a))
            if b:
                for i, p in b.items():
                    k = band_years_in(i, lo, hi)
                    if k:
                        n = BANDS[i][1] - BANDS[i][0] + 1
                        out[i] += p if k == n else p * k / n
        return out


class Row:
    __slots__ = ("iid", "period", "cg", "loc", "ctype", "cat", "count", "den", "value", "ci",
                 "method", "note", "prim", "disc", "comp", "c95", "c998", "sup", "kind")

    def __init__(self, iid, period, cg, loc, ctype="", cat=""):
        self.iid, self.period, self.cg, self.loc, self.ctype, self.cat = iid, period, cg, loc, ctype, cat
        self.count = self.den = self.value = None
        self.ci = {c: (None, None) for c in CONFS}
        self.method = ""
        self.note = ""
        self.prim = []      # counts checked by primary suppression
        self.disc = 0       # disclosure count for secondary suppression
        self.comp = None
        self.c95 = self.c998 = "not compared"
        self.sup = False
        self.kind = "decile" if ctype == "deprivation_decile" else ("category" if ctype else "plain")

    def key(self):
        return (self.iid, self.period, self.cg, self.loc, self.ctype, self.cat)

    def has_interval(self):
        return all(self.ci[c][0] is not None and self.ci[c][1] is not None for c in CONFS)


def add_note(row, n):
    if n:
        row.note = n if not row.note else row.note + "; " + n


def rate_fill(row, count, pop, unknown, mult, popnote):
    row.count = count
    row.prim = [count]
    row.disc = count
    row.method = "Byar's (exact Poisson below 10)"
    if unknown:
        add_note(row, "population not known for Unknown areas")
        return
    row.den = pop
    add_note(row, popnote)
    if not pop:
        add_note(row, "no population")
        return
    row.value = count / pop * mult
    for c in CONFS:
        lo, up, m = S.rate_ci(count, pop, mult, c)
        row.ci[c] = (lo, up)


def pct_fill(row, num, den):
    row.count, row.den = num, den
    row.prim = [num, den]
    row.disc = num
    row.method = "Wilson score"
    if den == 0:
        add_note(row, "no denominator")
        return
    row.value = num / den * 100
    for c in CONFS:
        row.ci[c] = S.wilson(num, den, c, 100.0)


def median(v):
    s = sorted(v)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def p90(v):
    s = sorted(v)
    return s[math.ceil(0.9 * len(s)) - 1]


def compute(data):
    rows = {}
    locs = data.localities + ["Unknown", "All"]
    loc_areas = defaultdict(list)
    dec_areas = defaultdict(list)
    for a, (l, d) in data.lookup.items():
        loc_areas[l].append(a)
        dec_areas[d].append(a)
    all_areas = list(data.lookup)

    def new(iid, p, cg, loc, ctype="", cat=""):
        r = Row(iid, p, cg, loc, ctype, cat)
        rows[r.key()] = r
        return r

    # waits: per referral, first linked event
    ev_by_rid = defaultdict(list)
    ev_free = defaultdict(list)
    for e in data.events:
        if e["rid"]:
            ev_by_rid[e["rid"]].append(e)
        else:
            ev_free[(e["person"], e["cg"])].append(e)
    wait = {}
    for r in data.refs:
        best = None
        for e in ev_by_rid.get(r["id"], []):
            if e["start"] >= r["date"] and (best is None or e["start"] < best):
                best = e["start"]
        for e in ev_free.get((r["person"], r["cg"]), []):
            d = (e["start"] - r["date"]).days
            if 0 <= d <= 365 and (best is None or e["start"] < best):
                best = e["start"]
        if best is not None:
            wait[r["id"]] = (best - r["date"]).days

    for py in data.periods():
        P = data.period_label(py)
        year, popnote = data.pop_year(py)
        refs_p = [r for r in data.refs if data.period_of(r["date"]) == py]
        evs_p = [e for e in data.events if data.period_of(e["start"]) == py]
        for cg, _label, lo, hi in CLIENT_GROUPS:
            refs = [r for r in refs_p if r["cg"] == cg]
            evs = [e for e in evs_p if e["cg"] == cg]
            # grouping helpers: locality key sets for a record placed at area
            def groups_of(area):
                loc, dec = data.place(area)
                return loc, dec

            def pop_of(loc):
                if loc == "All":
                    return data.pop_range(year, all_areas, lo, hi)
                return data.pop_range(year, loc_areas[loc], lo, hi)

            ref_loc = defaultdict(list)
            ref_dec = defaultdict(list)
            for r in refs:
                loc, dec = groups_of(r["area"])
                ref_loc[loc].append(r)
                ref_loc["All"].append(r)
                if dec is not None:
                    ref_dec[dec].append(r)
            ev_loc = defaultdict(list)
            for e in evs:
                loc, dec = groups_of(e["area"])
                ev_loc[loc].append(e)
                ev_loc["All"].append(e)
            # people: first referral / first event
            first_ref = {}
            nref = defaultdict(int)
            for r in refs:
                nref[r["person"]] += 1
                k = (r["date"], r["id"])
                if r["person"] not in first_ref or k < first_ref[r["person"]][0]:
                    first_ref[r["person"]] = (k, r)
            first_ev = {}
            tot_cost = defaultdict(float)
            known_cost = defaultdict(bool)
            for e in evs:
                k = (e["start"], e["id"])
                if e["person"] not in first_ev or k < first_ev[e["person"]][0]:
                    first_ev[e["person"]] = (k, e)
                if e["cost"] is not None:
                    tot_cost[e["person"]] += e["cost"]
                    known_cost[e["person"]] = True
            rep_loc = defaultdict(list)
            for person, (_, r) in first_ref.items():
                loc, _dec = groups_of(r["area"])
                rep_loc[loc].append(person)
                rep_loc["All"].append(person)
            usr_loc = defaultdict(list)
            usr_dec = defaultdict(list)
            for person, (_, e) in first_ev.items():
                loc, dec = groups_of(e["area"])
                usr_loc[loc].append(person)
                usr_loc["All"].append(person)
                if dec is not None:
                    usr_dec[dec].append(person)

            for loc in locs:
                unk = loc == "Unknown"
                pop = None if unk else pop_of(loc)
                R = ref_loc.get(loc, [])
                E = ev_loc.get(loc, [])
                # referrals_rate
                rate_fill(new("referrals_rate", P, cg, loc), len(R), pop, unk, 1000.0, popnote)
                # DSR
                row = new("referrals_dsr", P, cg, loc)
                row.method = "Dobson (Byar's)"
                counts = [0] * 19
                for r in R:
                    if in_range(r["age"], lo, hi):
                        counts[band_index(r["age"])] += 1
                o = sum(counts)
                row.count = o
                row.prim = [o]
                row.disc = o
                if unk:
                    add_note(row, "population not known for Unknown areas")
                else:
                    pb = data.pop_bands(year, all_areas if loc == "All" else loc_areas[loc], lo, hi)
                    row.den = sum(p for p in pb if p is not None)
                    add_note(row, popnote)
                    used = [i for i in range(19) if pb[i] is not None]
                    zero = [BAND_LABELS[i] for i in used if pb[i] == 0]
                    if zero:
                        add_note(row, "not calculable: no population in age band " + ", ".join(zero))
                    elif o < 10:
                        add_note(row, "dsr not calculated for total count < 10")
                    else:
                        w = [S.ESP2013[i] * band_years_in(i, lo, hi) / (BANDS[i][1] - BANDS[i][0] + 1)
                             for i in used]
                        for c in CONFS:
                            v, l, u = S.dsr([counts[i] for i in used], [pb[i] for i in used], w, c)
                            row.value = v
                            row.ci[c] = (l, u)
                # source
                known = [r for r in R if r["source"]]
                for s in SOURCES:
                    pct_fill(new("referral_source_pct", P, cg, loc, "referral_source", s),
                             sum(1 for r in known if r["source"] == s), len(known))
                # conversion
                den = [r for r in R if r["outcome"] and r["outcome"] != "ongoing"]
                pct_fill(new("referral_conversion_pct", P, cg, loc),
                         sum(1 for r in den if r["outcome"] == "service_provided"), len(den))
                # repeat
                people = rep_loc.get(loc, [])
                pct_fill(new("repeat_referral_pct", P, cg, loc),
                         sum(1 for p in people if nref[p] >= 2), len(people))
                # service users
                users = usr_loc.get(loc, [])
                rate_fill(new("service_users_rate", P, cg, loc), len(users), pop, unk, 1000.0, popnote)
                rate_fill(new("service_events_rate", P, cg, loc), len(E), pop, unk, 1000.0, popnote)
                # cost per head
                row = new("cost_per_head", P, cg, loc)
                ce = [e for e in E if e["cost"] is not None]
                row.count = sum(e["cost"] for e in ce)
                ppl = len({e["person"] for e in ce})
                row.prim = [ppl]
                row.disc = ppl
                row.method = "crude (no interval)"
                if unk:
                    add_note(row, "population not known for Unknown areas")
                else:
                    row.den = pop
                    add_note(row, popnote)
                    if pop:
                        row.value = row.count / pop
                    else:
                        add_note(row, "no population")
                # cost per user
                row = new("cost_per_user", P, cg, loc)
                row.method = "Student's t over people's totals"
                if COST_USERS == "known":
                    users = [p for p in users if known_cost[p]]
                totals = [tot_cost[p] for p in users]
                row.count = sum(totals)
                row.den = len(users)
                ppl = sum(1 for p in users if known_cost[p])
                row.prim = [ppl, len(users)]
                row.disc = ppl
                if users:
                    for c in CONFS:
                        m, l, u, _sd = S.mean_ci(totals, c)
                        row.value = m
                        row.ci[c] = (l, u)
                    if len(users) == 1:
                        add_note(row, "no interval for a single user")
                else:
                    add_note(row, "no service users")
                # funder share
                fe = [e for e in ce if e["funder"]]
                tot = sum(e["cost"] for e in fe)
                ppl_tot = len({e["person"] for e in fe})
                for f in FUNDERS:
                    row = new("funder_share_pct", P, cg, loc, "funder", f)
                    row.method = "share (no interval)"
                    ff = [e for e in fe if e["funder"] == f]
                    row.count = sum(e["cost"] for e in ff)
                    row.den = tot
                    pf = len({e["person"] for e in ff})
                    row.prim = [pf, ppl_tot]
                    row.disc = pf
                    if tot > 0:
                        row.value = row.count / tot * 100
                    else:
                        add_note(row, "no cost with a known funder")
                # waits
                w = [wait[r["id"]] for r in R if r["id"] in wait]
                for iid, fn in (("wait_days_median", median), ("wait_days_p90", p90)):
                    row = new(iid, P, cg, loc)
                    row.method = "median" if fn is median else "nearest-rank 90th percentile"
                    row.count = row.den = len(w)
                    row.prim = [len(w)]
                    row.disc = len(w)
                    if w:
                        row.value = float(fn(w))
                    else:
                        add_note(row, "no referral with a linked service event")
            # decile rows
            for d in range(1, 11):
                pop = data.pop_range(year, dec_areas.get(d, []), lo, hi)
                rate_fill(new("referrals_rate", P, cg, "All", "deprivation_decile", str(d)),
                          len(ref_dec.get(d, [])), pop, False, 1000.0, popnote)
                rate_fill(new("service_users_rate", P, cg, "All", "deprivation_decile", str(d)),
                          len(usr_dec.get(d, [])), pop, False, 1000.0, popnote)
    return rows


def compare(rows):
    for r in rows.values():
        if r.loc == "All" and r.kind != "decile":
            continue
        ak = (r.iid, r.period, r.cg, "All", "", "") if r.kind == "decile" else \
            (r.iid, r.period, r.cg, "All", r.ctype, r.cat)
        a = rows.get(ak)
        r.comp = a.value if a else None
        if r.loc == "Unknown" or r.comp is None or not r.has_interval():
            continue
        res = []
        for c in CONFS:
            lo, up = r.ci[c]
            res.append("higher" if lo > r.comp else "lower" if up < r.comp else "similar")
        r.c95, r.c998 = res


def suppress(rows, localities):
    for r in rows.values():
        if any(c is not None and SUP_MIN <= c <= SUP_MAX for c in r.prim):
            r.sup = True
            r.note = "suppressed (count 1-7)" + ("; " + r.note if r.note else "")
    cat_sets = defaultdict(list)
    dec_sets = defaultdict(list)
    loc_sets = defaultdict(list)
    cat_order = {c: i for i, c in enumerate(SOURCES + FUNDERS)}
    loc_rank = {l: i for i, l in enumerate(sorted(localities) + ["Unknown"])}
    for r in rows.values():
        if r.kind == "category":
            cat_sets[(r.iid, r.period, r.cg, r.loc)].append(r)
        elif r.kind == "decile":
            dec_sets[(r.iid, r.period, r.cg)].append(r)
        if r.kind != "decile" and r.loc != "All":
            loc_sets[(r.iid, r.period, r.cg, r.cat)].append(r)
    for s in cat_sets.values():
        s.sort(key=lambda r: cat_order[r.cat])
    for s in dec_sets.values():
        s.sort(key=lambda r: int(r.cat))
    for s in loc_sets.values():
        s.sort(key=lambda r: loc_rank[r.loc])
    order = [cat_sets[k] for k in sorted(cat_sets)] + [dec_sets[k] for k in sorted(dec_sets)] + \
            [loc_sets[k] for k in sorted(loc_sets)]
    passes = 0
    while True:
        passes += 1
        changed = False
        for s in order:
            if sum(1 for r in s if r.sup) != 1:
                continue
            cand = [r for r in s if not r.sup]
            if not cand:
                continue
            best = min(cand, key=lambda r: r.disc)  # min keeps the first of ties
            best.sup = True
            best.note = "suppressed (secondary)" + ("; " + best.note if best.note else "")
            changed = True
        if not changed:
            break
    for r in rows.values():
        if r.sup:
            r.count = r.den = r.value = None
            r.ci = {c: (None, None) for c in CONFS}
    return passes


def sii(decs, reps, rng):
    """decs: list of (decile, pop, value, lower95, upper95) sorted ascending."""
    total = sum(d[1] for d in decs)
    a = [d[1] / total for d in decs]
    b = []
    cum = 0.0
    for ai in a:
        b.append(cum + ai / 2)
        cum += ai
    mb = sum(ai * bi for ai, bi in zip(a, b))
    sbb = sum(ai * (bi - mb) ** 2 for ai, bi in zip(a, b))
    c = [ai * (bi - mb) / sbb for ai, bi in zip(a, b)]

    def fit(y):
        b1 = sum(ci * yi for ci, yi in zip(c, y))
        b0 = sum(ai * yi for ai, yi in zip(a, y)) - b1 * mb
        return b1, (b0 + b1) / b0

    y = [d[2] for d in decs]
    s, ri = fit(y)
    mu = [math.log(d[2]) for d in decs]
    se = [(math.log(d[4]) - math.log(d[3])) / (2 * 1.959964) for d in decs]
    sd, rd = [], []
    gauss = rng.gauss
    exp = math.exp
    n = len(decs)
    for _ in range(reps):
        ys = [exp(gauss(mu[i], se[i])) for i in range(n)]
        b1 = 0.0
        sy = 0.0
        for i in range(n):
            b1 += c[i] * ys[i]
            sy += a[i] * ys[i]
        b0 = sy - b1 * mb
        sd.append(b1)
        rd.append((b0 + b1) / b0)
    sd.sort()
    rd.sort()
    lo_i = int(round(reps * 0.025)) - 1
    hi_i = int(round(reps * 0.975)) - 1
    return s, sd[lo_i], sd[hi_i], ri, rd[lo_i], rd[hi_i]


def inequalities(rows, true_vals, periods, reps, seed):
    out = []
    rng = random.Random(seed)
    for iid in ("referrals_rate", "service_users_rate"):
        for P in periods:
            for cg, *_ in CLIENT_GROUPS:
                notes = []
                decs = []
                for d in range(1, 11):
                    pop, cnt, val, lo, up = true_vals[(iid, P, cg, d)]
                    if not pop:
                        notes.append("decile %d left out: no population" % d)
                    elif cnt == 0:
                        notes.append("decile %d left out: zero count" % d)
                    else:
                        decs.append((d, pop, val, lo, up))
                rec = {"indicator_id": iid, "period": P, "client_group": cg}
                if len(decs) < 5:
                    notes.append("SII not calculated: fewer than 5 deciles")
                else:
                    s, sl, su, ri, rl, ru = sii(decs, reps, rng)
                    rec.update(sii=s, sii_lower_95=sl, sii_upper_95=su, rii=ri, rii_lower_95=rl,
                               rii_upper_95=ru)
                r1 = rows[(iid, P, cg, "All", "deprivation_decile", "1")]
                r10 = rows[(iid, P, cg, "All", "deprivation_decile", "10")]
                v1 = true_vals[(iid, P, cg, 1)][2]
                v10 = true_vals[(iid, P, cg, 10)][2]
                if r1.sup or r10.sup:
                    notes.append("ratio not shown: decile 1 or 10 suppressed")
                elif v1 is None or v10 is None:
                    notes.append("ratio not calculable")
                elif v10 == 0:
                    notes.append("ratio not calculable: decile 10 rate is 0")
                else:
                    rec["ratio_most_least_deprived"] = v1 / v10
                rec["value_note"] = "; ".join(notes)
                out.append(rec)
    return out


def fmt(x):
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    if isinstance(x, int):
        return str(x)
    if math.isnan(x) or math.isinf(x):
        return ""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    s = repr(x)
    if "e" in s or "E" in s:
        from decimal import Decimal
        s = format(Decimal(s), "f")
    return s


def text(s):
    if s and s[0] in "=+-@\t\r":
        return "'" + s
    return s


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    opts = argv
    reps, seed, sup, kind = 100000, 1, True, "fiscal-year"
    early_compare = False
    i = 0
    pos = []
    while i < len(argv):
        a = argv[i]
        if a == "--reps":
            reps = int(argv[i + 1]); i += 2; continue
        if a == "--seed":
            seed = int(argv[i + 1]); i += 2; continue
        if a == "--compare-before-suppression":
            early_compare = True; i += 1; continue
        if a == "--cost-users":
            global COST_USERS
            COST_USERS = argv[i + 1]; i += 2; continue
        if a == "--no-suppression":
            sup = False; i += 1; continue
        if a == "--period":
            kind = argv[i + 1]; i += 2; continue
        pos.append(a); i += 1
    if len(pos) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    inp, outd = pos
    data = Data(inp, kind)
    rows = compute(data)
    periods = [data.period_label(y) for y in data.periods()]
    true_vals = {}
    for r in rows.values():
        if r.kind == "decile":
            true_vals[(r.iid, r.period, r.cg, int(r.cat))] = (r.den, r.count, r.value, r.ci[0.95][0], r.ci[0.95][1])
    if early_compare:
        compare(rows)
    if sup:
        suppress(rows, data.localities)
    if not early_compare:
        # comparison on the published table: a suppressed row has no interval (not compared) and
        # a suppressed All value is never shown as comparator (docs/crosscheck-notes.md, point 13)
        compare(rows)
    ineq = inequalities(rows, true_vals, periods, reps, seed)
    os.makedirs(outd, exist_ok=True)
    order = {iid: i for i, iid in enumerate(INDICATOR_ORDER)}
    cat_order = {c: i for i, c in enumerate(SOURCES + FUNDERS)}
    loc_rank = {l: i for i, l in enumerate(data.localities + ["Unknown", "All"])}
    cg_rank = {c[0]: i for i, c in enumerate(CLIENT_GROUPS)}

    def sk(r):
        return (order[r.iid], r.period, cg_rank[r.cg], loc_rank[r.loc], r.kind == "decile",
                int(r.cat) if r.kind == "decile" else cat_order.get(r.cat, -1))
    with open(os.path.join(outd, "indicators.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(IND_COLS)
        for r in sorted(rows.values(), key=sk):
            name, unit = NAMES[r.iid]
            w.writerow([r.iid, text(name), r.period, r.cg, text(r.loc), r.ctype, text(r.cat),
                        fmt(r.count), fmt(r.den), fmt(r.value),
                        fmt(r.ci[0.95][0]), fmt(r.ci[0.95][1]), fmt(r.ci[0.998][0]), fmt(r.ci[0.998][1]),
                        unit, text(r.method), fmt(r.comp) if not (r.loc == "All" and r.kind != "decile") else "",
                        r.c95, r.c998, text(r.note)])
    with open(os.path.join(outd, "inequalities.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(INEQ_COLS)
        for rec in ineq:
            w.writerow([fmt(rec.get(c)) if c != "value_note" else text(rec.get(c, "")) for c in INEQ_COLS])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
