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

# ---------------- tiny, with suppression
ind, ineq = run("tiny")
eq(ind[K("referrals_rate", "South")]["value_note"].startswith("suppressed"), True, "South primary")
eq(ind[K("referrals_rate", "South")]["count"], "", "South count blank")
# locality set North 12, South 3*, West 0, Unknown 9 -> West (smallest, 0)
eq(ind[K("referrals_rate", "West")]["value_note"].startswith("suppressed"), True, "West secondary")
eq(ind[K("referrals_rate", "Unknown")]["count"], "9", "Unknown kept")
# decile set: d10 = 3* ; zeros at d2..d9 (d2, d5 with population) -> first tie = decile 2
eq(ind[K("referrals_rate", "All", "deprivation_decile", "2")]["value_note"].startswith("suppressed"), True, "decile 2 secondary")
eq(ind[K("referrals_rate", "All", "deprivation_decile", "3")]["value_note"].startswith("suppressed"), False, "decile 3 kept")
# secondary_care: South 0/3 suppressed (denominator 3) -> North first of the 0 ties
eq(ind[K("referral_source_pct", "North", "referral_source", "secondary_care")]["value_note"].startswith("suppressed"), True, "North secondary_care")
eq(ind[K("referral_source_pct", "West", "referral_source", "secondary_care")]["value_note"].startswith("suppressed"), False, "West secondary_care kept")
eq(ind[K("referrals_dsr", "Unknown")]["count"], "8", "DSR Unknown 8 in range: above max 7, shown")
q = ineq[("referrals_rate", P, MH)]
eq(q["sii"], "", "SII with 2 deciles"); eq(q["ratio_most_least_deprived"], "", "ratio with decile 10 suppressed")

# ---------------- deciles: rates 30, 28, ..., 12 per 1,000 with equal populations: exact line
ind, ineq = run("deciles")
q = ineq[("referrals_rate", P, MH)]
eq(q["sii"], -20.0, "SII"); eq(q["rii"], 11 / 31, "RII"); eq(q["ratio_most_least_deprived"], 2.5, "ratio")
eq(float(q["sii_lower_95"]) < -20 < float(q["sii_upper_95"]), True, "SII limits around SII")
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
print("checked", n, "failures", bad)
sys.exit(1 if bad else 0)
