#!/usr/bin/env python3
"""Writes the `years` fixture (deterministic): mental-health referrals over nine fiscal years,
May 2016 to June 2024 (so 2016/17 and 2024/25 are part periods and 2017/18..2023/24 complete), for
the recent-trend marker (trends.md). North's referrals rise by 30 a year, with a share converted
to a service rising from 10% to 80% (one linked event each, with a cost); South has 100 a year
(3 in 2016/17, 10 in 2024/25). Every North referral comes from primary care (a 100% share: count
not below denominator) and every South referral from self or family."""
import os

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "years"))
with open("areas.csv", "w", encoding="utf-8") as f:
    f.write("area_code,locality,imd_decile\nA1,North,1\nA2,South,5\n")
with open("population.csv", "w", encoding="utf-8") as f:
    f.write("area_code,sex,age,population,year\n")
    for y in range(2016, 2025):
        f.write("A1,F,30,5000,%d\nA2,F,30,5000,%d\n" % (y, y))
ref = ["referral_id,person_id,referral_date,client_group,area_code,sex,age,source,outcome"]
ev = ["event_id,person_id,client_group,service_type,start_date,end_date,units,cost,funder,referral_id,"
      "area_code,sex,age"]
i = 0
for k in range(9):
    y = 2016 + k
    north = 10 if k == 8 else 20 + 30 * k
    south = 3 if k == 0 else (10 if k == 8 else 100)
    for j in range(north):
        out = "service_provided" if j < north * (k + 1) // 10 else "signposted"
        ref.append("R%d,P%d,%d-05-%02d,mental_health,A1,F,30,primary_care,%s" % (i, i, y, 1 + j % 28, out))
        if out == "service_provided":
            ev.append("E%d,P%d,mental_health,home_care,%d-07-%02d,,,%d,nhs,R%d,A1,F,30"
                      % (i, i, y, 1 + j % 28, 50 + j % 7, i))
        i += 1
    for j in range(south):
        ref.append("R%d,P%d,%d-06-%02d,mental_health,A2,F,30,self_or_family,signposted" % (i, i, y, 1 + j % 28))
        i += 1
with open("referrals.csv", "w", encoding="utf-8") as f:
    f.write("\n".join(ref) + "\n")
with open("services.csv", "w", encoding="utf-8") as f:
    f.write("\n".join(ev) + "\n")
