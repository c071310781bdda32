#!/usr/bin/env python3
"""Independent reference implementation of `jsna report` indicators.csv / inequalities.csv.

Usage: scripts/crosscheck.py INPUT_DIR OUT_DIR [--reps N] [--seed N] [--no-suppression]
                             [--period fiscal-year|calendar-year] [--compare-before-suppression]
                             [--cost-users known|all]
                             [--closure-of JSNA_INDICATORS.csv]

Reads the four canonical files (population.csv, areas.csv, referrals.csv, services.csv; ISO
dates; canonical column names and codes; default client groups of data.md) and writes
OUT_DIR/indicators.csv and OUT_DIR/inequalities.csv with the columns of cli.md.
--closure-of FILE also checks that jsna's indicators.csv FILE (same inputs and --period) is a fixed
point of the disclosure rules: starting from the rows FILE shows suppressed, the passes of
docs/disclosure.md must hide nothing more. It prints one line and the rows, if any, and the exit
status is 1 when they hide more (jsna's audit only adds suppressions before the passes run again,
so its final table must be closed under them).
Standard library only; statistics in crosscheck_stats.py. Written from the specs
(/work/shared/indicators.md, data.md, cli.md, methods.md) and the project's documented rules
(docs/indicators.md, docs/disclosure.md) without reading the Java code.
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
COST_USERS = "known"  # cost_per_user: service users with a "known" cost (docs/indicators.md), or "all"
CONFS = (0.95, 0.998)

# The catalogue as `jsna indicators --format csv` lists it (name, unit, method). A suppressed row
# shows the catalogue's method (docs/disclosure.md, "What a suppressed row shows").
NAMES = {
    "referrals_rate": ("Referrals received per 1,000 population", "per 1,000", "Byar (exact Poisson < 10)"),
    "referrals_dsr": ("Referrals per 100,000 population, directly age-standardised (ESP2013)", "per 100,000",
                      "Dobson"),
    "referral_source_pct": ("Share of referrals by referral source", "%", "Wilson"),
    "referral_conversion_pct": ("Referrals that led to a service", "%", "Wilson"),
    "repeat_referral_pct": ("People referred more than once in the period", "%", "Wilson"),
    "service_users_rate": ("Service users per 1,000 population", "per 1,000", "Byar (exact Poisson < 10)"),
    "service_events_rate": ("Service events per 1,000 population", "per 1,000", "Byar (exact Poisson < 10)"),
    "cost_per_head": ("Cost of services per head of population", "£ per head", "none"),
    "cost_per_user": ("Cost of services per service user", "£ mean", "Student's t-distribution"),
    "funder_share_pct": ("Share of cost by funder", "%", "none"),
    "wait_days_median": ("Median days from referral to first service", "median days", "none"),
    "wait_days_p90": ("90th percentile of days from referral to first service",
                      "90th percentile days (nearest-rank)", "none"),
}
# Disclosure control (docs/disclosure.md): the bases, their lead indicators, the category indicators
BASES = {
    "referrals": ("referrals_rate", ["referrals_rate", "referrals_dsr", "referral_source_pct",
                                     "referral_conversion_pct", "repeat_referral_pct", "wait_days_median",
                                     "wait_days_p90"]),
    "services": ("service_users_rate", ["service_users_rate", "service_events_rate", "cost_per_head",
                                        "cost_per_user", "funder_share_pct"]),
}
CATEGORIES = {"referral_source_pct": ("referral_source", SOURCES), "funder_share_pct": ("funder", FUNDERS)}
BASE_CATEGORY = {"referrals": "referral_source_pct", "services": "funder_share_pct"}
FILE_TOTAL_INDICATORS = ["referrals_rate", "service_events_rate"]
SUPPRESSED_NOTE = "suppressed (disclosure control)"
NOT_PUBLISHED_NOTE = "not published: a decile count is suppressed, and the SII would reveal it"
INDICATOR_ORDER = list(NAMES)

IND_COLS = ["indicator_id", "indicator_name", "period", "client_group", "locality", "category_type",
            "category", "count", "denominator", "value", "lower_ci_95", "upper_ci_95",
            "lower_ci_99_8", "upper_ci_99_8", "unit", "method", "comparator_value",
            "compared_to_area_95", "compared_to_area_99_8", "value_note", "recent_trend", "recent_trend_reason"]
INEQ_COLS = ["indicator_id", "period", "client_group", "sii", "sii_lower_95", "sii_upper_95", "rii",
             "rii_lower_95", "rii_upper_95", "ratio_most_least_deprived", "value_note"]

# ESP2013 bands: index i covers ages 5i..5i+4, index 18 is 90+ (one "year")
BANDS = [(5 * i, 5 * i + 4) for i in range(18)] + [(90, 90)]
BAND_LABELS = ["%d-%d" % b for b in BANDS[:18]] + ["90+"]


def ordkey(s):
    """ordinal string order (UTF-16 code units, as the spec compares strings)"""
    return s.encode("utf-16-be")


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
        # sex is not read: F, M and U (not known) all count in every indicator (docs/data.md, "Codes")
        # coverage (docs/indicators.md, "Part periods"): whole months from the earliest to the latest
        # referral date or service start date; end dates do not count
        dates = [r["date"] for r in self.refs] + [e["start"] for e in self.events]
        self.coverage = None
        if dates:
            lo, hi = min(dates), max(dates)
            nxt = dt.date(hi.year + (hi.month == 12), hi.month % 12 + 1, 1)
            self.coverage = (lo.replace(day=1), nxt - dt.timedelta(days=1))

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

    def period_bounds(self, y):
        if self.period_kind == "calendar-year":
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        return dt.date(y, 4, 1), dt.date(y + 1, 3, 31)

    def part_note(self, y):
        """'part period: FROM to TO (N of M days)' for a period not wholly inside the coverage, else ''."""
        a, b = self.period_bounds(y)
        ca, cb = self.coverage
        m = (b - a).days + 1
        if ca <= a and b <= cb:
            return ""
        lo, hi = max(a, ca), min(b, cb)
        if lo > hi:
            return "part period: none of its days inside the coverage %s to %s (0 of %d days)" % (ca, cb, m)
        return "part period: %s to %s (%d of %d days)" % (lo, hi, (hi - lo).days + 1, m)

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
                 "method", "notes", "prim", "disc", "cden", "comp", "c95", "c998", "sup", "kind")

    def __init__(self, iid, period, cg, loc, ctype="", cat=""):
        self.iid, self.period, self.cg, self.loc, self.ctype, self.cat = iid, period, cg, loc, ctype, cat
        self.count = self.den = self.value = None
        self.ci = {c: (None, None) for c in CONFS}
        self.method = NAMES[iid][2]  # the catalogue's; a rate with an interval says Exact or Byars
        self.notes = []     # (text, count_free): only count-free notes stay on a suppressed row
        self.prim = []      # counts checked by primary suppression
        self.disc = 0       # disclosure count for secondary suppression
        self.cden = None    # count-based denominator (category-total sets)
        self.comp = None
        self.c95 = self.c998 = "not compared"
        self.sup = False
        self.kind = "decile" if ctype == "deprivation_decile" else ("category" if ctype else "plain")

    def key(self):
        return (self.iid, self.period, self.cg, self.loc, self.ctype, self.cat)

    def has_interval(self):
        return all(self.ci[c][0] is not None and self.ci[c][1] is not None for c in CONFS)


def add_note(row, n, count_free):
    """count_free: the note holds whatever the counts are (population year, unknown or missing
    population, DSR band without population); a suppressed row keeps only those."""
    if n:
        row.notes.append((n, count_free))


def rate_fill(row, count, pop, unknown, mult, popnote):
    row.count = count
    row.prim = [count]
    row.disc = count
    if unknown:
        add_note(row, "population not known for Unknown areas", True)
        return
    row.den = pop
    add_note(row, popnote, True)
    if not pop:
        add_note(row, "no population", True)
        return
    row.value = count / pop * mult
    for c in CONFS:
        lo, up, m = S.rate_ci(count, pop, mult, c)
        row.ci[c] = (lo, up)
        row.method = m


def pct_fill(row, num, den):
    row.count, row.den = num, den
    row.prim = [num, den]
    row.disc = num
    row.cden = den
    if den == 0:
        add_note(row, "no denominator", False)
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
                k = (r["date"], ordkey(r["id"]))
                if r["person"] not in first_ref or k < first_ref[r["person"]][0]:
                    first_ref[r["person"]] = (k, r)
            first_ev = {}
            tot_cost = defaultdict(float)
            known_cost = defaultdict(bool)
            for e in evs:
                k = (e["start"], ordkey(e["id"]))
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
                counts = [0] * 19
                for r in R:
                    if in_range(r["age"], lo, hi):
                        counts[band_index(r["age"])] += 1
                o = sum(counts)
                row.count = o
                row.prim = [o]
                row.disc = o
                if unk:
                    add_note(row, "population not known for Unknown areas", True)
                else:
                    pb = data.pop_bands(year, all_areas if loc == "All" else loc_areas[loc], lo, hi)
                    row.den = sum(p for p in pb if p is not None)
                    add_note(row, popnote, True)
                    used = [i for i in range(19) if pb[i] is not None]
                    zero = [BAND_LABELS[i] for i in used if pb[i] == 0]
                    if zero:
                        add_note(row, "not calculable: no population in age band " + ", ".join(zero), True)
                    elif o < 10:
                        add_note(row, "dsr NA for total count < 10", False)
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
                if unk:
                    add_note(row, "population not known for Unknown areas", True)
                else:
                    row.den = pop
                    add_note(row, popnote, True)
                    if pop:
                        row.value = row.count / pop
                    else:
                        add_note(row, "no population", True)
                # cost per user
                row = new("cost_per_user", P, cg, loc)
                if COST_USERS == "known":
                    users = [p for p in users if known_cost[p]]
                totals = [tot_cost[p] for p in users]
                row.count = sum(totals)
                row.den = len(users)
                ppl = sum(1 for p in users if known_cost[p])
                row.prim = [ppl, len(users)]
                row.disc = ppl
                row.cden = len(users)
                if users:
                    for c in CONFS:
                        m, l, u, _sd = S.mean_ci(totals, c)
                        row.value = m
                        row.ci[c] = (l, u)
                    if len(users) == 1:
                        add_note(row, "no interval for a single user", False)
                else:
                    add_note(row, "no service users", False)
                # funder share
                fe = [e for e in ce if e["funder"]]
                tot = sum(e["cost"] for e in fe)
                ppl_tot = len({e["person"] for e in fe})
                for f in FUNDERS:
                    row = new("funder_share_pct", P, cg, loc, "funder", f)
                    ff = [e for e in fe if e["funder"] == f]
                    row.count = sum(e["cost"] for e in ff)
                    row.den = tot
                    pf = len({e["person"] for e in ff})
                    row.prim = [pf, ppl_tot]
                    row.disc = pf
                    row.cden = ppl_tot
                    if tot > 0:
                        row.value = row.count / tot * 100
                    else:
                        add_note(row, "no cost with a known funder", False)
                # waits
                w = [wait[r["id"]] for r in R if r["id"] in wait]
                for iid, fn in (("wait_days_median", median), ("wait_days_p90", p90)):
                    row = new(iid, P, cg, loc)
                    row.count = row.den = len(w)
                    row.prim = [len(w)]
                    row.disc = len(w)
                    row.cden = len(w)
                    if w:
                        row.value = float(fn(w))
                    else:
                        add_note(row, "no referral with a linked service event", False)
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


def suppress(rows, localities, periods):
    """Disclosure control as docs/disclosure.md describes it, without the audit: primary
    suppression, then full passes of the protection rules until a pass hides nothing. Returns
    the number of passes."""
    for r in rows.values():
        if any(c is not None and SUP_MIN <= c <= SUP_MAX for c in r.prim):
            r.sup = True
    cgs = [c[0] for c in CLIENT_GROUPS]
    places = sorted(localities, key=ordkey) + ["Unknown"]   # set order: localities ordinal, Unknown

    def by_key(sets):
        return [v for _k, v in sorted(sets, key=lambda kv: tuple(ordkey(x) for x in kv[0]))]

    # 1. category sets: per indicator, period, client group, place (localities, Unknown, All)
    cat_sets = by_key([((iid, P, cg, loc), [rows[(iid, P, cg, loc, ct, c)] for c in cats])
                       for iid, (ct, cats) in CATEGORIES.items() for P in periods for cg in cgs
                       for loc in places + ["All"]])
    # 2. category-total sets: per category indicator, period, client group: the places' rows
    tot_sets = by_key([((iid, P, cg), [[rows[(iid, P, cg, loc, ct, c)] for c in cats] for loc in places])
                       for iid, (ct, cats) in CATEGORIES.items() for P in periods for cg in cgs])
    # 3. decile sets: deciles 1-10 and the plain Unknown row
    dec_sets = by_key([((iid, P, cg), [rows[(iid, P, cg, "All", "deprivation_decile", str(d))]
                                       for d in range(1, 11)] + [rows[(iid, P, cg, "Unknown", "", "")]])
                       for iid in ("referrals_rate", "service_users_rate") for P in periods for cg in cgs])
    # 5./6. locality sets: per indicator, period, client group, category; All is the total, no member
    leads = {lead for lead, _ in BASES.values()}
    lead_sets, other_sets = [], []
    for iid in NAMES:
        ct, cats = CATEGORIES.get(iid, ("", [""]))
        for P in periods:
            for cg in cgs:
                for c in cats:
                    kv = ((iid, P, cg, c), [rows[(iid, P, cg, loc, ct, c)] for loc in places])
                    (lead_sets if iid in leads else other_sets).append(kv)
    lead_sets, other_sets = by_key(lead_sets), by_key(other_sets)
    # 7. file-total sets: the plain All rows, and the plain Unknown rows, of referrals_rate and
    # service_events_rate over every period and client group (period, then client group ordinal)
    cg_ord = sorted(cgs, key=ordkey)
    file_sets = by_key([((iid, loc), [rows[(iid, P, cg, loc, "", "")] for P in periods for cg in cg_ord])
                        for iid in FILE_TOTAL_INDICATORS for loc in ("All", "Unknown")])
    # 4. shared base: every row (plain and category, not decile) of a base at one place
    at_place = defaultdict(list)
    for r in rows.values():
        if r.kind != "decile":
            at_place[(r.iid, r.period, r.cg, r.loc)].append(r)

    def hide(r):
        if r.sup:
            return 0
        r.sup = True
        return 1

    def secondary(s, nonzero=False):
        if sum(1 for r in s if r.sup) != 1:
            return 0
        cand = [r for r in s if not r.sup]
        if not cand:
            return 0
        if nonzero and any(r.disc > 0 for r in cand):
            cand = [r for r in cand if r.disc > 0]
        return hide(min(cand, key=lambda r: r.disc))  # min keeps the first of ties

    def category_total(s):
        hidden = [all(r.sup for r in place) for place in s]
        if sum(hidden) != 1:
            return 0
        cand = [place for place, h in zip(s, hidden) if not h]
        if not cand:
            return 0
        return sum(hide(r) for r in min(cand, key=lambda place: place[0].cden))

    def shared_base():
        n = 0
        for base, (lead, inds) in BASES.items():
            ci = BASE_CATEGORY[base]
            ct, cats = CATEGORIES[ci]
            for P in periods:
                for cg in cgs:
                    for loc in places + ["All"]:
                        if rows[(lead, P, cg, loc, "", "")].sup or \
                                all(rows[(ci, P, cg, loc, ct, c)].sup for c in cats):
                            n += sum(hide(r) for iid in inds for r in at_place[(iid, P, cg, loc)])
        return n

    passes = 0
    while True:
        passes += 1
        n = sum(secondary(s, nonzero=True) for s in cat_sets)
        n += sum(category_total(s) for s in tot_sets)
        n += sum(secondary(s) for s in dec_sets)
        n += shared_base()
        n += sum(secondary(s) for s in lead_sets)
        n += shared_base()
        n += sum(secondary(s) for s in other_sets)
        n += sum(secondary(s) for s in file_sets)
        n += shared_base()
        if n == 0:
            break
    for r in rows.values():
        if r.sup:
            r.count = r.den = r.value = None
            r.ci = {c: (None, None) for c in CONFS}
            r.method = NAMES[r.iid][2]
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


def inequalities(rows, true_vals, periods, part_notes, reps, seed):
    out = []
    rng = random.Random(seed)
    for iid in ("referrals_rate", "service_users_rate"):
        for P in periods:
            for cg, *_ in CLIENT_GROUPS:
                notes = []
                rec = {"indicator_id": iid, "period": P, "client_group": cg}
                if any(rows[(iid, P, cg, "All", "deprivation_decile", str(d))].sup for d in range(1, 11)):
                    # nothing published, and no note that would tell a hidden count
                    # (docs/disclosure.md, "Inequalities"; shared/indicators.md)
                    notes.append(NOT_PUBLISHED_NOTE)
                    if part_notes[P]:
                        notes.append(part_notes[P])
                    rec["value_note"] = "; ".join(notes)
                    out.append(rec)
                    continue
                decs = []
                for d in range(1, 11):
                    pop, cnt, val, lo, up = true_vals[(iid, P, cg, d)]
                    if not pop:
                        notes.append("decile %d left out: no population" % d)
                    elif cnt == 0:
                        notes.append("decile %d left out: zero count" % d)
                    else:
                        decs.append((d, pop, val, lo, up))
                if len(decs) < 5:
                    notes.append("SII not calculated: fewer than 5 deciles")
                else:
                    s, sl, su, ri, rl, ru = sii(decs, reps, rng)
                    rec.update(sii=s, sii_lower_95=sl, sii_upper_95=su, rii=ri, rii_lower_95=rl,
                               rii_upper_95=ru)
                v1 = true_vals[(iid, P, cg, 1)][2]
                v10 = true_vals[(iid, P, cg, 10)][2]
                if v1 is None or v10 is None:
                    notes.append("ratio not calculable")
                elif v10 == 0:
                    notes.append("ratio not calculable: decile 10 rate is 0")
                else:
                    rec["ratio_most_least_deprived"] = v1 / v10
                if part_notes[P]:
                    notes.append(part_notes[P])
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


def untext(s):
    return s[1:] if len(s) > 1 and s[0] == "'" and s[1] in "=+-@\t\r" else s


TREND_THRESHOLD = 9.54953570608324  # qnorm(0.999)^2 (trends.md)
TREND_Z = 1.959963984540054


def trend_marker(points, kind):
    """trends.md, steps 3-8, on exactly 5 points (oldest first) of (count, den, value, lower, upper);
    formulas as written there (uncentred t = 1..5), not as jsna computes them."""
    def cannot(reason):
        return ("cannot be calculated", reason)
    if kind == "proportion":
        if any(c is None or d is None for c, d, _, _, _ in points):
            return cannot("missing values")
        if any(not d > 0 for _, d, _, _, _ in points):
            return cannot("denominator not positive")
        if any(c >= d for c, d, _, _, _ in points):
            return cannot("count not below denominator")
        if any(c <= 0 for c, _, _, _, _ in points):
            return cannot("zero count")
    else:
        if any(y is None for _, _, y, _, _ in points):
            return cannot("missing values")
        if any(lo is None or up is None for _, _, _, lo, up in points):
            return cannot("missing confidence interval")
        if any(not up - lo > 0 for _, _, _, lo, up in points):
            return cannot("confidence interval has no width")
    t = [1, 2, 3, 4, 5]

    def slope(idx):
        if kind == "proportion":
            n = len(idx)
            ls = [math.log(points[i][0] / (points[i][1] - points[i][0])) for i in idx]
            ts = [t[i] for i in idx]
            return (n * sum(a * b for a, b in zip(ts, ls)) - sum(ts) * sum(ls)) / (n * sum(a * a for a in ts) - sum(ts) ** 2)
        w = [1 / ((points[i][4] - points[i][3]) / (2 * TREND_Z)) ** 2 for i in idx]
        ts = [t[i] for i in idx]
        ys = [points[i][2] for i in idx]
        s1, st, sy = sum(w), sum(a * b for a, b in zip(w, ts)), sum(a * b for a, b in zip(w, ys))
        sty = sum(a * b * c for a, b, c in zip(w, ts, ys))
        stt = sum(a * b * b for a, b in zip(w, ts))
        d = s1 * stt - st * st
        return (s1 * sty - st * sy) / d, d / s1
    if kind == "proportion":
        c = [p[0] for p in points]
        d = [p[1] for p in points]
        N, C = sum(d), sum(c)
        sct = sum(a * b for a, b in zip(c, t))
        sdt = sum(a * b for a, b in zip(d, t))
        sdt2 = sum(a * b * b for a, b in zip(d, t))
        x2 = N * (N * sct - C * sdt) ** 2 / (C * (N - C) * (N * sdt2 - sdt ** 2))
        b = slope(range(5))
        drops = [slope([i for i in range(5) if i != j]) for j in range(5)]
    else:
        b, dvs = slope(range(5))
        x2 = b * b * dvs
        drops = [slope([i for i in range(5) if i != j])[0] for j in range(5)]
    if not x2 > TREND_THRESHOLD:
        return ("no significant change", "no significant trend")

    def sign(v):
        return (v > 0) - (v < 0)
    if any(sign(v) != sign(b) for v in drops):
        return ("no significant change", "outlier found")
    if b == 0:
        return ("no significant change", "no significant trend")
    return ("increasing" if b > 0 else "decreasing", "significant trend, no outliers")


def recent_trends(rows, periods, part_notes):
    """trends.md, "In jsna": per row, the 5 most recent complete periods of its series up to its own,
    from the published (suppressed = hidden) rows; returns {row key: (marker, reason)}."""
    complete = [p for p in periods if not part_notes[p]]
    out = {}
    for r in rows.values():
        if part_notes[r.period]:
            out[r.key()] = ("cannot be calculated", "part period")
            continue
        at = complete.index(r.period)
        window = [rows.get((r.iid, p, r.cg, r.loc, r.ctype, r.cat)) for p in complete[max(0, at - 4):at + 1]]
        window = [w for w in window if w is not None]
        method = NAMES[r.iid][2]
        kind = "proportion" if method == "Wilson" else (None if method == "none" else "rate")
        if len(window) < 5:
            out[r.key()] = ("cannot be calculated", "not enough data points")
        elif kind is None:
            out[r.key()] = ("cannot be calculated", "missing confidence interval")
        elif any(w.sup for w in window):
            out[r.key()] = ("cannot be calculated", "suppressed value")
        else:
            out[r.key()] = trend_marker([(w.count, w.den, w.value, w.ci[0.95][0], w.ci[0.95][1]) for w in window],
                                        kind)
    return out


def main(argv):
    global COST_USERS
    reps, seed, sup, kind = 100000, 1, True, "fiscal-year"
    early_compare = False
    closure_of = None
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
            COST_USERS = argv[i + 1]; i += 2; continue
        if a == "--closure-of":
            closure_of = argv[i + 1]; i += 2; continue
        if a == "--no-suppression":
            sup = False; i += 1; continue
        if a == "--period":
            kind = argv[i + 1]; i += 2; continue
        pos.append(a); i += 1
    if len(pos) != 2 or COST_USERS not in ("known", "all") or kind not in ("fiscal-year", "calendar-year"):
        print(__doc__, file=sys.stderr)
        return 2
    inp, outd = pos
    data = Data(inp, kind)
    rows = compute(data)
    periods = [data.period_label(y) for y in data.periods()]
    part_notes = {data.period_label(y): data.part_note(y) for y in data.periods()}
    true_vals = {}
    for r in rows.values():
        if r.kind == "decile":
            true_vals[(r.iid, r.period, r.cg, int(r.cat))] = (r.den, r.count, r.value, r.ci[0.95][0], r.ci[0.95][1])
    if early_compare:
        compare(rows)
    if sup:
        suppress(rows, data.localities, periods)
    if not early_compare:
        # comparison on the published table: a suppressed row has no interval (not compared) and
        # a suppressed All value is never shown as comparator (docs/crosscheck-notes.md, point 13)
        compare(rows)
    ineq = inequalities(rows, true_vals, periods, part_notes, reps, seed)
    trends = recent_trends(rows, periods, part_notes)
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
            name, unit, _ = NAMES[r.iid]
            # a suppressed row keeps only the notes that hold whatever the counts are; the part
            # period comes last (docs/disclosure.md; docs/indicators.md, "Part periods")
            notes = [SUPPRESSED_NOTE] + [n for n, free in r.notes if free] if r.sup else [n for n, _ in r.notes]
            if part_notes[r.period]:
                notes.append(part_notes[r.period])
            w.writerow([r.iid, text(name), r.period, r.cg, text(r.loc), r.ctype, text(r.cat),
                        fmt(r.count), fmt(r.den), fmt(r.value),
                        fmt(r.ci[0.95][0]), fmt(r.ci[0.95][1]), fmt(r.ci[0.998][0]), fmt(r.ci[0.998][1]),
                        unit, text(r.method), fmt(r.comp) if not (r.loc == "All" and r.kind != "decile") else "",
                        r.c95, r.c998, text("; ".join(notes))] + list(trends[r.key()]))
    with open(os.path.join(outd, "inequalities.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(INEQ_COLS)
        for rec in ineq:
            w.writerow([fmt(rec.get(c)) if c != "value_note" else text(rec.get(c, "")) for c in INEQ_COLS])
    if closure_of:
        return closure(data, periods, closure_of)
    return 0


def closure(data, periods, path):
    """Are the rows suppressed in jsna's table `path` a fixed point of the rules?"""
    rows = compute(data)
    keys = ["indicator_id", "period", "client_group", "locality", "category_type", "category"]
    with open(path, newline="", encoding="utf-8-sig") as f:
        hidden = set()
        for r in csv.DictReader(f):
            k = tuple(untext(r[c]) for c in keys)
            if k not in rows:
                print("closure: %s has a row the cross-check does not: %s" % (path, ",".join(k)))
                return 1
            if r["value_note"].startswith("suppressed"):
                hidden.add(k)
                rows[k].sup = True
    suppress(rows, data.localities, periods)
    more = sorted(k for k, r in rows.items() if r.sup and k not in hidden)
    print("closure: the rules of docs/disclosure.md hide %d more rows of %s" % (len(more), path))
    for k in more:
        print("  " + ",".join(k))
    return 1 if more else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
