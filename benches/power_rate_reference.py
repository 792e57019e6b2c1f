"""Reference values for crates/stats/src/power/rate.rs (tests/power_reference.rs).

statsmodels 0.15 `power_negbin_ratio_2indep` (Zhu & Lakkis 2014; PASS ch. 438) gives the power
of the Wald test of log(RR) for method_var "alt" (V0 = V1, our true-rates) and "ftotal"
(fixed marginal total, our pooled). The per-arm n is the root of power(n) = target, found by
brentq on statsmodels' own power function (one tail at alpha/2, as the two-sided formula).
The control-rate method (MKpower power.nb.test approach 1) is not in statsmodels; its V0 is
written out from MKpower's source: (1 + r)/(t r mu0) + (1 + r) k / r with r = 1.

Run: python3 -m venv /tmp/v && /tmp/v/bin/pip install statsmodels && /tmp/v/bin/python this.py
"""
import numpy as np
from scipy.optimize import brentq
from scipy.stats import norm
from statsmodels.stats.rates import power_negbin_ratio_2indep

cases = [
    # rate_control, rate_ratio, years, dispersion, alpha, power
    (0.8, 0.85, 0.75, 0.4, 0.05, 0.8),   # Zhu & Lakkis Table I setting (MKpower example)
    (1.4, 1.15, 0.75, 1.5, 0.05, 0.8),   # Zhu & Lakkis Table I setting (MKpower example)
    (5.9 / 3, 0.4, 3.0, 1 / 0.49, 0.05, 0.9),  # Table IV setting (MKpower example)
    (2.9, 0.5, 1.0, 0.0, 0.05, 0.8),     # Poisson, the relapse example
    (2.9, 0.7, 2.0, 0.8, 0.05, 0.8),
]
for r0, rr, t, k, alpha, target in cases:
    r1 = r0 * rr
    alt = "smaller" if rr < 1 else "larger"
    print(f"# rate_control={r0!r} rate_ratio={rr!r} years={t!r} dispersion={k!r} alpha={alpha} power={target}")
    for method in ["alt", "ftotal"]:
        def pw(n):
            return float(power_negbin_ratio_2indep(r1, r0, n, nobs_ratio=1, exposure=t, value=1,
                                                   alpha=alpha / 2, dispersion=k, alternative=alt,
                                                   method_var=method, return_results=False))
        n = brentq(lambda n: pw(n) - target, 1e-6, 1e9, xtol=1e-12, rtol=1e-15)
        print(f"  {method}: n_exact = {n!r}; power at ceil(n) = {pw(np.ceil(n))!r}; power at 100 = {pw(100.0)!r}")
    v1 = (1 / r0 + 1 / r1) / t + 2 * k
    v0 = 2 / (t * r0) + 2 * k
    z = norm.isf(alpha / 2)
    n = ((z * np.sqrt(v0) + norm.ppf(target) * np.sqrt(v1)) / np.log(rr)) ** 2
    print(f"  control-rate (MKpower approach 1, written out): n_exact = {n!r}")

# The relapse example of README (`power rate --from-study nmo-tocilizumab --years 1
# --dispersion 0.5`): 2.9 before vs 0.4 after, pooled: n_exact 5.311061019724955, power at
# n = 6: 0.8384306129678264.
pw = lambda n: float(power_negbin_ratio_2indep(0.4, 2.9, n, nobs_ratio=1, exposure=1.0, value=1,
                                               alpha=0.025, dispersion=0.5, alternative="smaller",
                                               method_var="ftotal", return_results=False))
n = brentq(lambda n: pw(n) - 0.8, 1e-6, 1e9, xtol=1e-12, rtol=1e-15)
print(f"# nmo-tocilizumab 2.9 -> 0.4, years 1, k 0.5, pooled: n_exact = {n!r}; power at 6 = {pw(6.0)!r}")
