#!/usr/bin/env python3
"""Runs scripts/crosscheck.py on the hand-made fixtures and checks values worked out by hand
(see the comments; nothing here is pasted from the script's own output)."""
import csv, math, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "crosscheck_fixtures")
bad = 0
n = 0


def run(fixture, *extra):
    out = tempfile.mkdtemp(prefix="cc_")
    subprocess.run([sys.executable, os.path.join(HERE, "crosscheck.py"), os.path.join(FIX, fixture), out,
                    "--reps", "20000"] + list(extra), check=True)
    ind = {}
    with open(os.path.join(out, "indicators.csv"), newline="") as f:
        for r in csv.DictReader(f):
            ind[(r["indicator_id"], r["period"], r["client_group"], r["locality"], r["category_type"], r["category"])] = r
    with open(os.path.join(out, "inequalities.csv"), newline="") as f:
        ineq = {(r["indicator_id"], r["period"], r["client_group"]): r for r in csv.DictReader(f)}
    return ind, ineq


def eq(actual, expected, what):
    global bad, n
    n += 1
    if isinstance(expected, float):
        ok = actual != "" and abs(float(actual) - expected) <= max(1e-12, 1e-9 * abs(expected))
    else:
        ok = actual == expected
    if not ok:
        bad += 1
        print("FAIL", what, "actual", repr(actual), "expected", repr(expected))


Z95, Z998 = 1.959963984540054, 3.090232306167813
FUNDERS = ["nhs", "council", "pooled", "self"]
MH = "mental_health"
P = "2023/24"


def K(i, loc, ct="", c="", cg=MH, p=P):
    return (i, p, cg, loc, ct, c)

# ---------------- tiny, without suppression: values by hand
ind, ineq = run("tiny", "--no-suppression")
eq(str(len(ind)), str(2 * 6 * 5 * (10 + 8 + 4) + 2 * 6 * 10 * 2), "row count tiny")
# population: 10 per single age 0..90 per area; North = A1+A2; 18-64 = 47 ages -> 940
r = ind[K("referrals_rate", "North")]
eq(r["count"], "12", "North referrals"); eq(r["denominator"], "940", "North pop 18-64")
eq(r["value"], 12 / 940 * 1000, "North rate")
byar_lo = 12 * (1 - 1 / 108 - Z95 / (3 * math.sqrt(12))) ** 3 / 940 * 1000
byar_up = 13 * (1 - 1 / 117 + Z95 / (3 * math.sqrt(13))) ** 3 / 940 * 1000
eq(r["lower_ci_95"], byar_lo, "North Byar lower"); eq(r["upper_ci_95"], byar_up, "North Byar upper")
# zero count: exact upper = -ln(alpha/2) / n
r = ind[K("referrals_rate", "North", cg="children_families")]
eq(r["count"], "0", "children count"); eq(r["denominator"], "360", "children pop 0-17 North")
eq(r["upper_ci_95"], -math.log(0.025) / 360 * 1000, "zero count upper 95")
eq(r["upper_ci_99_8"], -math.log(0.001) / 360 * 1000, "zero count upper 99.8")
eq(r["lower_ci_95"], "0", "zero count lower")
# one referral (exact): lower = -ln(1 - alpha/2)
r = ind[K("referrals_rate", "Unknown")]
eq(r["count"], "9", "Unknown count (empty and not-in-lookup codes, age 70 included)")
eq(r["denominator"], "", "Unknown denominator empty"); eq(r["value"], "", "Unknown value empty")
eq(ind[K("referrals_rate", "All")]["count"], "24", "All count")
# ZZ population row outside the lookup is left out
eq(ind[K("referrals_rate", "All")]["denominator"], "1880", "All pop")
# DSR: 18-64, bands 15-19 (2 years: weight 2200, pop 2*10*areas) ... 60-64; sum of weights 61200
r = ind[K("referrals_dsr", "North")]
eq(r["count"], "12", "DSR North count"); eq(r["value"], 12 * 6500 / 100 / 61200 * 1e5, "DSR North")
r = ind[K("referrals_dsr", "All")]
eq(r["count"], "23", "DSR All count (age 70 left out)")
dsr = (20 * 6500 / 200 + 3 * 7000 / 200) / 61200 * 1e5
eq(r["value"], dsr, "DSR All")
var = (20 * (6500 / 200) ** 2 + 3 * (7000 / 200) ** 2) / 61200 ** 2
lo = dsr + math.sqrt(var / 23) * (23 * (1 - 1 / 207 - Z95 / (3 * math.sqrt(23))) ** 3 - 23) * 1e5
eq(r["lower_ci_95"], lo, "DSR All Dobson lower")
r = ind[K("referrals_dsr", "South")]
eq(r["count"], "3", "DSR South count"); eq(r["value"], "", "DSR South < 10 empty")
# percentages (Wilson)
r = ind[K("referral_conversion_pct", "North")]
eq(r["count"], "5", "conversion num"); eq(r["denominator"], "8", "conversion den (ongoing/empty out)")
eq(r["value"], 62.5, "conversion value")
x, nn = 5, 8
eq(r["lower_ci_95"], (2 * x + Z95 ** 2 - Z95 * math.sqrt(Z95 ** 2 + 4 * x * (1 - x / nn))) / (2 * (nn + Z95 ** 2)) * 100, "Wilson lower")
r = ind[K("repeat_referral_pct", "North")]
eq(r["count"], "1", "repeat num"); eq(r["denominator"], "10", "repeat den")
r = ind[K("referral_source_pct", "All", "referral_source", "other")]
eq(r["count"], "3", "source other"); eq(r["denominator"], "13", "source known")
# services
eq(ind[K("service_users_rate", "North")]["count"], "4", "users North")
eq(ind[K("service_events_rate", "North")]["count"], "6", "events North")
eq(ind[K("service_users_rate", "Unknown")]["count"], "1", "users Unknown")
r = ind[K("cost_per_head", "North")]
eq(r["count"], "670", "cost North (empty cost left out)"); eq(r["value"], 670 / 940, "cost per head")
r = ind[K("cost_per_user", "North")]
eq(r["count"], "670", "cost_per_user pounds"); eq(r["denominator"], "4", "users")
eq(r["value"], 167.5, "mean")
sd = math.sqrt(((400 - 167.5) ** 2 + (50 - 167.5) ** 2 + (20 - 167.5) ** 2 + (200 - 167.5) ** 2) / 3)
eq(r["lower_ci_95"], 167.5 - 3.182446305284263 * sd / 2, "t lower 95 (t_0.975,3 from tables)")
eq(r["upper_ci_99_8"], 167.5 + 10.214531852407385 * sd / 2, "t upper 99.8 (t_0.999,3)")
r = ind[K("cost_per_user", "Unknown")]
eq(r["value"], 10.0, "single user"); eq(r["lower_ci_95"], "", "single user no limits")
r = ind[K("funder_share_pct", "North", "funder", "nhs")]
eq(r["count"], "150", "nhs pounds"); eq(r["denominator"], "670", "known funder total")
eq(r["value"], 150 / 670 * 100, "nhs share"); eq(r["lower_ci_95"], "", "no CI for share")
# waits: R01 21 (by id), R02 17 (no id, same person), R03 31, R04 0; R05 links nothing (event
# carries unknown id R99), R06 366 days, R07 event before the referral; R13 29 (South)
r = ind[K("wait_days_median", "North")]
eq(r["count"], "4", "linked"); eq(r["value"], 19.0, "median even n")
eq(ind[K("wait_days_p90", "North")]["value"], 31.0, "p90 nearest rank")
eq(ind[K("wait_days_median", "All")]["value"], 21.0, "median odd n")
eq(ind[K("wait_days_median", "South")]["count"], "1", "South wait")
# population year: 2024/25 has no mid-2024 -> mid-2023, noted
r = ind[K("service_users_rate", "North", p="2024/25")]
eq(r["denominator"], "940", "fallback population"); eq("2023" in r["value_note"], True, "fallback noted")
# comparison
r = ind[K("referrals_rate", "All", "deprivation_decile", "1")]
eq(r["comparator_value"], 24 / 1880 * 1000, "decile comparator = plain All")
eq(r["compared_to_area_95"], "higher", "decile 1 higher")   # 12/470: Byar lower 13.18 > 12.77
eq(ind[K("referrals_rate", "All")]["compared_to_area_95"], "not compared", "All not compared")
eq(ind[K("referrals_rate", "Unknown")]["compared_to_area_95"], "not compared", "Unknown not compared")

# part periods (docs/indicators.md, "Part periods"): the earliest record is R13 (2023-04-02), the
# latest E6 (2024-06-01); whole months give the coverage 2023-04-01 to 2024-06-30. 2023/24
# (2023-04-01 to 2024-03-31) lies inside it: no note. 2024/25 (2024-04-01 to 2025-03-31, 365 days)
# keeps April to June: 30 + 31 + 30 = 91 days, said last in value_note of every row of the period.
PART_2425 = "part period: 2024-04-01 to 2024-06-30 (91 of 365 days)"
eq(ind[K("referrals_rate", "North")]["value_note"], "", "2023/24 complete: no note")
eq(ind[K("referrals_rate", "North", p="2024/25")]["value_note"],
   "population of mid-2023 used (no mid-2024 estimate); " + PART_2425, "2024/25 part period, last")
eq(ind[K("repeat_referral_pct", "West", p="2024/25")]["value_note"].endswith("; " + PART_2425), True,
   "part period after the other notes")
eq(ineq[("referrals_rate", "2024/25", MH)]["value_note"].endswith("; " + PART_2425), True,
   "inequalities rows of a part period say so")

# ---------------- tiny, with suppression (docs/disclosure.md). Worked by hand for mental_health:
# primary (1-7 of a count or count-based denominator): referrals_rate South 3, decile 10 3; DSR
# South 3; every South referral_source row (3 with a known source); North primary_care 6 and
# self_or_family 4; conversion North 5/8, South 0/3; repeat North 1/10, South 0/3; waits North 4,
# South 1; every services row of North (4 users, 6 events), Unknown (1) and All (5 users) in 2023/24,
# and of North and All in 2024/25 (one user, P4); service_users_rate decile 1 (4; 1 in 2024/25).
# Pass 1: category sets change nothing (North's sources hold 2 suppressed rows, South's 8).
# Category-total sets: in 2023/24 South is the only place whose source total is hidden; of North
# (10 known), West (0) and Unknown (0) the smallest total is West's, first of the tie -> West's 8
# source rows. In 2024/25 the funder total of North is the only one hidden -> South (0, first of the
# ties South, West, Unknown) loses its 4 funder rows.
# Decile sets: referrals_rate 2023/24 d10* with Unknown (9) published -> d2 (first zero); the
# service_users_rate 2023/24 set holds d1* and Unknown* (1 user): two, so nothing (without Unknown
# in the set d2 would go); 2024/25 d1* with Unknown 0 -> d2 (zeros tie, d2 comes before Unknown).
# Shared base: West 2023/24 (all its source rows hidden) loses every referral row; South 2024/25
# (all its funder rows hidden) loses every services row.
# Locality sets: referrals_rate North 12, South*, West*, Unknown 9: two hidden, nothing more.
# File-total sets: of the Unknown rows of service_events_rate over (period, client group in ordinal
# order) only 2023/24 mental_health (1 event) is hidden -> the first zero, 2023/24 carers.
# Pass 2: the carers 2023/24 locality set of service_events_rate now has Unknown* alone -> North.
# Pass 3 hides nothing.
ind, ineq = run("tiny")
SUP = "suppressed (disclosure control)"


def sup(k):
    return ind[k]["value_note"].startswith("suppressed")


eq(sup(K("referrals_rate", "South")), True, "South primary")
eq(ind[K("referrals_rate", "South")]["count"], "", "South count blank")
eq(ind[K("referrals_rate", "South")]["value_note"], SUP, "one neutral note")
eq(ind[K("referrals_rate", "South")]["method"], "Byar (exact Poisson < 10)", "catalogue's method, not Exact")
eq(ind[K("referrals_dsr", "South")]["value_note"], SUP, "count-dependent 'dsr NA' note dropped")
eq(sup(K("referrals_rate", "West")), True, "West hidden by the shared base")
for i in ("referrals_dsr", "referral_conversion_pct", "repeat_referral_pct", "wait_days_median", "wait_days_p90"):
    eq(sup(K(i, "West")), True, "shared base: West " + i)
eq(ind[K("repeat_referral_pct", "West")]["value_note"], SUP, "'no denominator' dropped")
eq(ind[K("referrals_rate", "Unknown")]["count"], "9", "Unknown kept")
eq(ind[K("referrals_rate", "Unknown")]["value_note"], "population not known for Unknown areas", "Unknown note")
eq(sup(K("referrals_rate", "All", "deprivation_decile", "2")), True, "decile 2 secondary")
eq(sup(K("referrals_rate", "All", "deprivation_decile", "3")), False, "decile 3 kept")
# category-total set: West's sources go, North's zero rows stay
eq(sup(K("referral_source_pct", "West", "referral_source", "secondary_care")), True, "West secondary_care (category total)")
eq(ind[K("referral_source_pct", "North", "referral_source", "secondary_care")]["count"], "0", "North secondary_care kept")
eq(ind[K("referral_source_pct", "Unknown", "referral_source", "primary_care")]["count"], "0", "Unknown source kept")
eq(ind[K("referrals_dsr", "Unknown")]["count"], "8", "DSR Unknown 8 in range: above max 7, shown")
# Unknown in the decile set
eq(ind[K("service_users_rate", "All", "deprivation_decile", "2")]["count"], "0", "users d2 kept: Unknown is hidden too")
eq(sup(K("service_users_rate", "All", "deprivation_decile", "2", p="2024/25")), True, "users d2 2024/25")
eq(ind[K("service_users_rate", "Unknown", p="2024/25")]["count"], "0", "Unknown after the deciles in set order")
# category total and shared base in services, 2024/25
for f in FUNDERS:
    eq(sup(K("funder_share_pct", "South", "funder", f, p="2024/25")), True, "South funder " + f)
eq(sup(K("service_users_rate", "South", p="2024/25")), True, "shared base: South users 2024/25")
eq(sup(K("cost_per_head", "South", p="2024/25")), True, "shared base: South cost per head 2024/25")
eq(ind[K("service_users_rate", "West", p="2024/25")]["count"], "0", "West users 2024/25 kept")
eq(ind[K("service_users_rate", "North", p="2024/25")]["value_note"],
   SUP + "; population of mid-2023 used (no mid-2024 estimate); " + PART_2425, "count-free notes kept, in order")
eq(ind[K("cost_per_user", "North", p="2024/25")]["value_note"], SUP + "; " + PART_2425,
   "single-user note dropped")
# file-total set, then a locality set in the next pass
eq(sup(K("service_events_rate", "Unknown", cg="carers")), True, "file total: carers Unknown events")
eq(ind[K("service_events_rate", "Unknown", cg="children_families")]["count"], "0", "children Unknown kept")
eq(sup(K("service_events_rate", "North", cg="carers")), True, "pass 2: carers North events")
eq(ind[K("service_events_rate", "South", cg="carers")]["count"], "0", "carers South kept")
eq(ind[K("service_users_rate", "Unknown", cg="carers")]["count"], "0", "not the same base: users kept")
# inequalities: withheld when a decile row is suppressed, with no other note but the part period
NOT_PUB = "not published: a decile count is suppressed, and the SII would reveal it"
q = ineq[("referrals_rate", P, MH)]
eq(q["sii"], "", "SII withheld"); eq(q["ratio_most_least_deprived"], "", "ratio withheld")
eq(q["value_note"], NOT_PUB, "not published, nothing else")
eq(ineq[("service_users_rate", P, MH)]["rii_upper_95"], "", "users: d1 suppressed")
eq(ineq[("service_users_rate", "2024/25", MH)]["value_note"], NOT_PUB + "; " + PART_2425, "withheld, part period")
eq(ineq[("referrals_rate", "2024/25", MH)]["value_note"].startswith("decile 1 left out"), True, "no decile suppressed")

# ---------------- deciles: rates 30, 28, ..., 12 per 1,000 with equal populations: exact line
ind, ineq = run("deciles")
q = ineq[("referrals_rate", P, MH)]
eq(q["sii"], -20.0, "SII"); eq(q["rii"], 11 / 31, "RII"); eq(q["ratio_most_least_deprived"], 2.5, "ratio")
eq(float(q["sii_lower_95"]) < -20 < float(q["sii_upper_95"]), True, "SII limits around SII")
# every referral is dated 2023-06-01: coverage June 2023, so 2023/24 (366 days) is a part period
eq(q["value_note"], "part period: 2023-06-01 to 2023-06-30 (30 of 366 days)", "SII published with the part period")
r = ind[K("referrals_dsr", "L1")]
eq(r["value"], "", "DSR band without population"); eq("15-19" in r["value_note"], True, "band named")
# ---------------- ties: same person, same date; ids R9 (line 2, Y) and R10 (line 3, X), plus
# ten other people with one referral and one event in each of X and Y.
# Ordinal string order puts "R10" before "R9", so the person belongs to X (not file order).
for extra in (["--no-suppression"], []):
    ind, ineq = run("ties", *extra)
    if extra:
        eq(ind[K("repeat_referral_pct", "X", cg="carers")]["denominator"], "11", "repeat placed by smallest ordinal id")
        eq(ind[K("repeat_referral_pct", "Y", cg="carers")]["denominator"], "10", "not in Y")
    else:
        # X 1/11 suppressed; Y (0) before Unknown (0) in set order -> Y secondary
        eq(ind[K("repeat_referral_pct", "Y", cg="carers")]["value_note"].startswith("suppressed"), True, "Y secondary")
        eq(ind[K("repeat_referral_pct", "Unknown", cg="carers")]["count"], "0", "Unknown kept")
    eq(ind[K("service_users_rate", "X", cg="carers")]["count"], "11", "user placed by E10 < E9")
    eq(ind[K("service_users_rate", "Y", cg="carers")]["count"], "10", "user not in Y")
    eq(ind[K("cost_per_user", "X", cg="carers")]["count"], "112", "all the person's events (5 + 7) + 10 x 10")
    eq(ind[K("service_events_rate", "Y", cg="carers")]["count"], "11", "events by their own area")
# ---------------- rules: ten areas Z1..Z10 in deciles 1..10 (East Z1-Z5, West Z6-Z10), 100 women
# aged 40 each (mid-2023 only); 92 mental_health referrals aged 40: Z10 2 on 2023-04-20 (sex U),
# Z2..Z9 10 each on 2023-05-10 (5 of Z2's sex U; East's 40 sources: 30 primary_care, 8
# self_or_family, 2 other; West's primary_care), Z1 10 on 2024-03-15 (primary_care); 10 service
# users Q01..Q10 in Z1 on 2023-06-01, sex U, £10 each from the NHS. Coverage 2023-04-01 to
# 2024-03-31: the one fiscal year 2023/24 is complete.
ind, ineq = run("rules")
# sex U counts like F and M
eq(ind[K("referrals_rate", "East")]["count"], "50", "East 50 referrals, 5 of them sex U")
eq(ind[K("referrals_rate", "All")]["count"], "92", "All 92 referrals, 7 of them sex U")
eq(ind[K("service_users_rate", "East")]["count"], "10", "10 users, all sex U")
eq(ind[K("service_users_rate", "All", "deprivation_decile", "1")]["count"], "10", "sex U in decile 1")
eq(ind[K("cost_per_user", "East")]["value"], 10.0, "sex U users' cost")
eq(ind[K("referrals_rate", "All")]["value_note"], "", "a complete fiscal year: no part-period note")
# primary: d10 (2), East and All `other` (2). Pass 1:
# category sets, smallest NON-ZERO first: East's sources hold other* -> self_or_family (8), not a
# zero row; the same for All (primary 82, self 8, other 2*).
eq(sup(K("referral_source_pct", "East", "referral_source", "other")), True, "East other primary")
eq(sup(K("referral_source_pct", "East", "referral_source", "self_or_family")), True, "East self: smallest non-zero")
eq(ind[K("referral_source_pct", "East", "referral_source", "secondary_care")]["count"], "0", "zero kept")
eq(sup(K("referral_source_pct", "All", "referral_source", "self_or_family")), True, "All self: smallest non-zero")
eq(ind[K("referral_source_pct", "All", "referral_source", "primary_care")]["count"], "82", "All primary kept")
# decile set with Unknown: d1..d9 have 10 each, d10* -> Unknown (0) is the smallest member
eq(sup(K("referrals_rate", "All", "deprivation_decile", "10")), True, "d10 primary")
eq(sup(K("referrals_rate", "Unknown")), True, "Unknown picked in the decile set")
eq(ind[K("referrals_rate", "All", "deprivation_decile", "9")]["count"], "10", "d9 kept")
# shared base: Unknown loses every referral row; lead locality set East 50, West 42, Unknown* -> West,
# and the shared base takes West's other referral rows (its DSR keeps only count-free notes)
eq(sup(K("referral_source_pct", "Unknown", "referral_source", "education")), True, "shared base: Unknown sources")
eq(sup(K("referrals_rate", "West")), True, "lead locality set: West")
eq(ind[K("referrals_dsr", "West")]["value_note"].startswith(SUP + "; not calculable: no population in age band"),
   True, "DSR band note (count-free) kept on a suppressed row")
eq(ind[K("referrals_rate", "East")]["value_note"], "", "East published")
# file-total set: the Unknown rows of referrals_rate over (2023/24, client groups in ordinal order)
# hold mental_health* alone -> carers (0, first); the shared base hides carers' Unknown referral rows.
eq(sup(K("referrals_rate", "Unknown", cg="carers")), True, "file total: carers Unknown")
eq(ind[K("referrals_rate", "Unknown", cg="children_families")]["count"], "0", "children Unknown kept")
# pass 2: carers' source totals: Unknown alone hidden -> East (0, first of East/West); the shared base
# then hides East's carers referral rows; the carers decile set holds Unknown* alone -> decile 1.
eq(sup(K("referral_source_pct", "East", "referral_source", "other", cg="carers")), True, "category total: carers East")
eq(sup(K("referrals_rate", "East", cg="carers")), True, "shared base: carers East")
eq(ind[K("referrals_rate", "West", cg="carers")]["count"], "0", "carers West kept")
eq(sup(K("referrals_rate", "All", "deprivation_decile", "1", cg="carers")), True, "decile set: carers d1")
eq(ind[K("referrals_rate", "All", "deprivation_decile", "2", cg="carers")]["count"], "0", "carers d2 kept")
eq(ineq[("referrals_rate", P, "carers")]["value_note"], NOT_PUB, "carers SII withheld")
eq(ineq[("referrals_rate", P, MH)]["sii"], "", "mental health SII withheld")
eq(ineq[("service_users_rate", P, MH)]["value_note"].endswith("ratio not calculable: decile 10 rate is 0"), True,
   "no decile of users suppressed: published path, no part period")
# calendar years of this fiscal extract: 2023 keeps 1 April to 31 December (30+31+30+31+31+30+31+30+31
# = 275 of 365 days), 2024 1 January to 31 March (31+29+31 = 91 of 366 days) and uses mid-2023.
ind, ineq = run("rules", "--period", "calendar-year")
P23 = "part period: 2023-04-01 to 2023-12-31 (275 of 365 days)"
P24 = "part period: 2024-01-01 to 2024-03-31 (91 of 366 days)"
eq(ind[K("referrals_rate", "All", p="2023")]["count"], "82", "2023: Z10 and Z2..Z9")
eq(ind[K("referrals_rate", "All", p="2023")]["value_note"], P23, "2023 part period")
eq(ind[K("referrals_rate", "All", p="2024")]["count"], "10", "2024: Z1")
eq(ind[K("referrals_rate", "All", p="2024")]["value_note"],
   "population of mid-2023 used (no mid-2024 estimate); " + P24, "2024: population year, then part period")
eq(ind[K("referrals_rate", "All", "deprivation_decile", "10", p="2023")]["value_note"], SUP + "; " + P23,
   "suppressed row keeps the part period")
eq(ineq[("referrals_rate", "2023", MH)]["value_note"], NOT_PUB + "; " + P23, "withheld SII, part period")
eq(ineq[("referrals_rate", "2024", MH)]["value_note"].endswith("; " + P24), True, "SII row of 2024 part period")
print("checked", n, "failures", bad)
sys.exit(1 if bad else 0)
