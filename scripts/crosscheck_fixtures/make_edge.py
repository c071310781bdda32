#!/usr/bin/env python3
"""Writes the `edge` fixture (deterministic): age_band population without a year column (one
population for every period, a cut 15-19 band split 2/5, empty bands in E0005), birth_date ages
up to 101, localities whose ordinal order differs from alphabetical (`Beta` < `Zeta` < `alpha`
< `Ünion`), Unknown areas (empty and not in the lookup), empty sources/outcomes/funders/costs,
events linked by id, by person within 365 days, and by an id missing from referrals.csv."""
import datetime as dt
import os
import random

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "edge"))
rnd = random.Random(7)
bands = ["%d-%d" % (5 * i, 5 * i + 4) for i in range(18)] + ["90+"]
areas = []
with open("areas.csv", "w", encoding="utf-8") as f:
    f.write("area_code,locality,imd_decile,area_name\n")
    k = 0
    for loc in ["Zeta", "alpha", "Beta", "Ünion"]:
        for j in range(4):
            k += 1
            code = f"E0{k:03d}"
            areas.append(code)
            f.write(f"{code},{loc},{(k % 10) + 1},{loc} {j}\n")
with open("population.csv", "w") as f:
    f.write("area_code,sex,age_band,population\n")
    for a in areas:
        for s in "MF":
            for b in bands:
                p = rnd.randint(0, 60) if a != "E0005" else (0 if b in ("15-19", "90+") else 40)
                f.write(f"{a},{s},{b},{p}\n")
cgs = ["children_families", "learning_disability", "mental_health", "physical_disability", "older_people", "carers"]
srcs = ["primary_care", "secondary_care", "self_or_family", "social_care", "community_health",
        "police_or_justice", "education", "other", ""]
outs = ["service_provided", "signposted", "no_further_action", "ongoing", "declined", "other", ""]
refs = []
with open("referrals.csv", "w") as f:
    f.write("referral_id,person_id,referral_date,client_group,area_code,sex,birth_date,source,outcome\n")
    for i in range(1500):
        rid = f"R{rnd.randint(1, 10**6)}-{i}"
        person = f"P{rnd.randint(1, 500)}"
        y, m, d = rnd.choice([2022, 2023, 2024]), rnd.randint(1, 12), rnd.randint(1, 28)
        if y == 2024 and m > 6:
            m = 6
        cg = rnd.choice(cgs)
        age = rnd.randint(0, 100)
        bd = f"{y - age - 1:04d}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        area = rnd.choice(areas + ["", "E9999"] + areas)
        refs.append((rid, person, f"{y}-{m:02d}-{d:02d}", cg, area))
        f.write(f"{rid},{person},{y}-{m:02d}-{d:02d},{cg},{area},F,{bd},{rnd.choice(srcs)},{rnd.choice(outs)}\n")
with open("services.csv", "w") as f:
    f.write("event_id,person_id,client_group,service_type,start_date,end_date,units,cost,funder,referral_id,area_code,sex,age\n")
    for i in range(2500):
        eid = f"E{rnd.randint(1, 50)}x{i}" if i % 7 else f"E{i}"
        if rnd.random() < 0.5:
            r = rnd.choice(refs)
            person, cg, area = r[1], r[3], (r[4] if rnd.random() < 0.8 else rnd.choice(areas))
            rid = r[0] if rnd.random() < 0.5 else ("Rnone" if rnd.random() < 0.1 else "")
            base = r[2]
        else:
            person, cg, area, rid = f"P{rnd.randint(1, 500)}", rnd.choice(cgs), rnd.choice(areas + [""]), ""
            base = "2023-01-01"
        st = dt.date.fromisoformat(base) + dt.timedelta(days=rnd.randint(-30, 400))
        st = min(st, dt.date(2024, 6, 30))
        cost = "" if rnd.random() < 0.1 else ("%.2f" % (rnd.random() * 900))
        f.write(f"{eid},{person},{cg},home_care,{st},,1,{cost},{rnd.choice(['nhs', 'council', 'pooled', 'self', ''])},"
                f"{rid},{area},F,{rnd.randint(0, 100)}\n")
