#!/usr/bin/env python3
"""Expected projections.csv of the hand-computed council, worked out from docs/projection.md's formulas
directly on the fixture's rows (independently of jsna's code): python3 expected.py > expected.csv
Run: jsna project . --projections projections.csv --prevalence prevalence.csv (base 2023/24, years 2024-2025)."""
import csv, math
Z = 1.959963985
groups = [('adults', 18, 64), ('older', 65, 200)]
locs = ['North', 'South']
area = {r['area_code']: r['locality'] for r in csv.DictReader(open('areas.csv'))}
def band(a): return min(a, 90) // 5
def inbase(d): return '2023-04-01' <= d <= '2024-03-31'
N = 1
# population of the base year (2023), by locality, sex, age (90 = 90+)
pop = {}
for r in csv.DictReader(open('population.csv')):
    k = (area[r['area_code']], r['sex'], min(int(r['age']), 90)); pop[k] = pop.get(k, 0) + float(r['population'])
proj = {}
for r in csv.DictReader(open('projections.csv')):
    k = (int(r['year']), r['locality'], r['sex'], min(int(r['age']), 90)); proj[k] = proj.get(k, 0) + float(r['population'])
years = [2024, 2025]
def cut(table, l, s, b, lo, hi, year=None):
    t = 0
    for a in range(91):
        if band(a) == b and lo <= a <= min(hi, 90):
            t += table.get((year, l, s, a) if year else (l, s, a), 0)
    return t
# records: (group, locality, sex, age) per measure, base period, known locality, age in range
refs = [r for r in csv.DictReader(open('referrals.csv')) if inbase(r['referral_date'])]
evs = [r for r in csv.DictReader(open('services.csv')) if inbase(r['start_date'])]
def inrange(g, a): return g[1] <= a <= g[2]
recs = {'referrals': [], 'service_users': [], 'service_events': []}
for r in refs:
    recs['referrals'].append((r['client_group'], area.get(r['area_code']), r['sex'], int(r['age'])))
for r in evs:
    recs['service_events'].append((r['client_group'], area.get(r['area_code']), r['sex'], int(r['age'])))
first = {}
for r in sorted(evs, key=lambda r: (r['start_date'], r['event_id'])):
    first.setdefault((r['person_id'], r['client_group']), r)
for (p, g), r in first.items():
    recs['service_users'].append((g, area.get(r['area_code']), r['sex'], int(r['age'])))
# cost per user: users placed by first event (any age, sex); a user's cost = known costs of all their events
ucost = {}
for (p, g), r in first.items():
    costs = [float(e['cost']) for e in evs if e['person_id'] == p and e['client_group'] == g and e['cost']]
    if costs:
        ucost.setdefault((g, area.get(r['area_code'])), []).append(sum(costs))
def cpu(g, l):
    own = ucost.get((g, l))
    if own: return sum(own) / len(own)
    allc = [c for (gg, ll), v in ucost.items() if gg == g for c in v]
    return sum(allc) / len(allc) if allc else None
def fmt(v):
    if v is None: return ''
    if v == 0: return '0'
    if v == int(v) and abs(v) < 1e15: return str(int(v))
    return repr(v)
RM = 'council rates by sex and five-year age band x projected population'
CM = 'projected service users x base cost per service user (base-year prices)'
def note(m, c): return m + '; low base count: interpret with care' if 1 <= c <= 7 else m
def measure(g, l, m, y):
    rs = [x for x in recs[m] if x[0] == g[0] and x[1] == l and inrange(g, x[3])]
    known = [x for x in rs if x[2] in 'FM']
    k = len(rs) / len(known) if known else 1
    v = var = 0
    for s in 'FM':
        for b in range(19):
            c = sum(1 for x in known if x[2] == s and band(x[3]) == b)
            P = cut(pop, l, s, b, g[1], g[2])
            if P > 0 and c:
                q = cut(proj, l, s, b, g[1], g[2], y)
                v += c / P * q; var += (q / P) ** 2 * c
    return k * v, k * k * var, k * len(known) / N, len(known)
w = csv.writer(open('/dev/stdout', 'w', newline=''), lineterminator='\r\n')
w.writerow(['year', 'client_group', 'locality', 'measure', 'value', 'lower_ci_95', 'upper_ci_95', 'base_value', 'change_pct', 'method'])
def row(y, g, l, m, v, var, base, c, meth):
    h = Z * math.sqrt(var)
    w.writerow([y, g, l, m, fmt(v), fmt(max(0, v - h)), fmt(v + h), fmt(base), fmt(100 * (v / base - 1)) if base else '', note(meth, c)])
for y in years:
    for g in groups:
        res = {m: {l: measure(g, l, m, y) for l in locs} for m in recs}
        for l in locs + ['All']:
            for m in ['referrals', 'service_users', 'service_events']:
                x = res[m][l] if l != 'All' else tuple(sum(res[m][k][i] for k in locs) for i in range(4))
                row(y, g[0], l, m, x[0], x[1], x[2], x[3], RM)
            u = res['service_users']
            if cpu(g[0], locs[0]) is None:
                c = u[l][3] if l != 'All' else sum(u[k][3] for k in locs)
                w.writerow([y, g[0], l, 'cost', '', '', '', '', '', note(CM + '; no known cost in the client group\'s base periods', c)])
                continue
            ls = locs if l == 'All' else [l]
            row(y, g[0], l, 'cost', sum(u[k][0] * cpu(g[0], k) for k in ls), sum(cpu(g[0], k) ** 2 * u[k][1] for k in ls),
                sum(u[k][2] * cpu(g[0], k) for k in ls), sum(u[k][3] for k in ls), CM)
    rates = {}
    for r in csv.DictReader(open('prevalence.csv')):
        b = r['age_band']
        lo, hi = (int(b[:-1]), 90) if b.endswith('+') else map(int, b.split('-')) if '-' in b else (int(b), int(b))
        for a in range(lo, hi + 1):
            rates.setdefault(r['condition'], {})[(r['sex'], a)] = float(r['rate_per_100'])
    for cond, rt in rates.items():
        tot = [0, 0]
        for l in locs + ['All']:
            if l == 'All':
                v, base = tot
            else:
                v = sum(rt.get((s, a), 0) / 100 * proj.get((y, l, s, a), 0) for s in 'FM' for a in range(91))
                base = sum(rt.get((s, a), 0) / 100 * pop.get((l, s, a), 0) for s in 'FM' for a in range(91)) / N
                tot[0] += v; tot[1] += base
            w.writerow([y, '', l, 'prevalence:' + cond, fmt(v), '', '', fmt(base), fmt(100 * (v / base - 1)) if base else '', 'prevalence rates x projected population'])
