#!/usr/bin/env python3
"""Independent statistics for scripts/crosscheck.py (standard library only).

Quantiles are computed to (near) full double precision:
  * normal quantile: Acklam's rational approximation + one Halley step using math.erfc;
  * exact Poisson limits: the chi-square quantiles with even degrees of freedom solved
    from the Poisson/gamma identity by bisection (all-positive series, no cancellation);
  * Student t quantile: regularized incomplete beta (Lentz continued fraction) inverted by
    bisection on t.
Formulas follow /work/shared/methods.md (PHEindicatormethods 2.1.0).
"""
import math

# ---------------------------------------------------------------- normal
_A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
_B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01]
_C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
_D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00]


def norm_cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def norm_ppf(p):
    if not 0.0 < p < 1.0:
        raise ValueError(p)
    plow = 0.02425
    if p < plow:
        q = math.sqrt(-2 * math.log(p))
        x = (((((_C[0]*q+_C[1])*q+_C[2])*q+_C[3])*q+_C[4])*q+_C[5]) / \
            ((((_D[0]*q+_D[1])*q+_D[2])*q+_D[3])*q+1)
    elif p <= 1 - plow:
        q = p - 0.5
        r = q*q
        x = (((((_A[0]*r+_A[1])*r+_A[2])*r+_A[3])*r+_A[4])*r+_A[5])*q / \
            (((((_B[0]*r+_B[1])*r+_B[2])*r+_B[3])*r+_B[4])*r+1)
    else:
        q = math.sqrt(-2 * math.log(1 - p))
        x = -(((((_C[0]*q+_C[1])*q+_C[2])*q+_C[3])*q+_C[4])*q+_C[5]) / \
            ((((_D[0]*q+_D[1])*q+_D[2])*q+_D[3])*q+1)
    # Halley refinement (twice; the second is a no-op at double precision)
    for _ in range(2):
        e = 0.5 * math.erfc(-x / math.sqrt(2)) - p
        u = e * math.sqrt(2 * math.pi) * math.exp(x * x / 2)
        x = x - u / (1 + x * u / 2)
    return x


def z_of(conf):
    return norm_ppf(1 - (1 - conf) / 2)


# ---------------------------------------------------------------- Poisson / chi-square (even df)
def _pois_upper_tail(k, lam):
    """P(X >= k) for X ~ Poisson(lam), k >= 1: e^-lam lam^k/k! * sum_j lam^j/((k+1)..(k+j))."""
    if lam == 0:
        return 0.0
    logterm = -lam + k * math.log(lam) - math.lgamma(k + 1)
    s, t, j = 1.0, 1.0, 1
    while True:
        t *= lam / (k + j)
        s += t
        if t < 1e-17 * s:
            break
        j += 1
    return math.exp(logterm) * s


def _pois_cdf(k, lam):
    """P(X <= k), all positive terms."""
    s, t = 1.0, 1.0
    for j in range(1, k + 1):
        t *= lam / j
        s += t
    return math.exp(-lam) * s


def _bisect(f, lo, hi):
    """f increasing, f(lo) < 0 < f(hi); bisect to adjacent doubles."""
    flo = f(lo)
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        fm = f(mid)
        if fm < 0:
            lo = mid
        elif fm > 0:
            hi = mid
        else:
            return mid
    return 0.5 * (lo + hi)


def exact_poisson_limits(o, conf):
    """(lower, upper) counts: lower = chi2_{a/2}(2o)/2, upper = chi2_{1-a/2}(2o+2)/2."""
    a = 1 - conf
    if o == 0:
        lower = 0.0
    else:
        # chi2(2o) cdf at 2lam = P(Poisson(lam) >= o) ; solve = a/2
        lower = _bisect(lambda lam: _pois_upper_tail(o, lam) - a / 2, 0.0, o + 100.0)
    # chi2(2o+2) cdf at 2lam = P(Poisson(lam) >= o+1) = 1 - P(X<=o); solve = 1 - a/2
    # i.e. P(X <= o) = a/2 (decreasing in lam)
    upper = _bisect(lambda lam: a / 2 - _pois_cdf(o, lam), 0.0, o + 200.0)
    return lower, upper


def byar_limits(o, conf):
    z = z_of(conf)
    lower = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    if lower < 0:
        lower = None
    u = o + 1
    upper = u * (1 - 1 / (9 * u) + z / (3 * math.sqrt(u))) ** 3
    return lower, upper


def rate_ci(x, n, mult, conf):
    """(lower, upper, method) of x/n*mult; x < 10 exact, else Byar."""
    if x < 10:
        lo, up = exact_poisson_limits(int(x), conf)
        m = "Exact"
    else:
        lo, up = byar_limits(x, conf)
        m = "Byars"
    return (None if lo is None else lo / n * mult), up / n * mult, m


def wilson(x, n, conf, mult=100.0):
    z = z_of(conf)
    a = 2 * x + z * z
    b = z * math.sqrt(z * z + 4 * x * (1 - x / n))
    d = 2 * (n + z * z)
    return (a - b) / d * mult, (a + b) / d * mult


# ---------------------------------------------------------------- Student t
def _betacf(a, b, x):
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c = 1.0
    d = 1 - qab * x / qap
    if abs(d) < tiny:
        d = tiny
    d = 1 / d
    h = d
    for m in range(1, 100000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        if abs(d) < tiny:
            d = tiny
        c = 1 + aa / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        if abs(d) < tiny:
            d = tiny
        c = 1 + aa / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        de = d * c
        h *= de
        if abs(de - 1) < 1e-16:
            break
    return h


def betainc(a, b, x):
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1 - math.exp(lbt) * _betacf(b, a, 1 - x) / b


def t_sf(t, df):
    """P(T > t) for t >= 0."""
    x = df / (df + t * t)
    return 0.5 * betainc(df / 2.0, 0.5, x)


def t_ppf_upper(alpha_half, df):
    """t with P(T > t) = alpha_half."""
    hi = 1.0
    while t_sf(hi, df) > alpha_half:
        hi *= 2
    return _bisect(lambda t: alpha_half - t_sf(t, df), 0.0, hi)


def mean_ci(values, conf):
    n = len(values)
    s = sum(values)
    mean = s / n
    if n < 2:
        return mean, None, None, None
    m = mean
    var = sum((v - m) ** 2 for v in values) / (n - 1)
    sd = math.sqrt(var)
    t = t_ppf_upper((1 - conf) / 2, n - 1)
    half = t * sd / math.sqrt(n)
    return mean, mean - half, mean + half, sd


# ---------------------------------------------------------------- DSR
ESP2013 = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500,
           5000, 4000, 2500, 1500, 1000]


def dsr(counts, pops, weights, conf, mult=100000.0):
    """Dobson DSR; returns (value, lower, upper) or None when total count < 10."""
    o = sum(counts)
    sw = sum(weights)
    if o < 10:
        return None
    val = sum(d * w / n for d, n, w in zip(counts, pops, weights)) / sw * mult
    var = sum(d * (w / n) ** 2 for d, n, w in zip(counts, pops, weights)) / sw ** 2
    bl, bu = byar_limits(o, conf)
    lo = val + math.sqrt(var / o) * (bl - o) * mult
    up = val + math.sqrt(var / o) * (bu - o) * mult
    return val, lo, up
