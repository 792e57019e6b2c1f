"""Exact reference for tests/meta_reliability.rs: the DerSimonian-Laird fit of
dat.hackshaw1998 (tests/data/hackshaw1998.csv) with the publication year as moderator and the
first study's sampling variance multiplied by 1e-8, in exact rational arithmetic (Python's
fractions; every double of the input is converted exactly). metafor cannot be the reference
here: with one study carrying all but 1e-7 of the weight it warns that its results may not be
stable, and its Q is off by 2% (uncentred year) or 1e-3 (centred).

Run from the crate root:  python3 tests/data/meta_reliability_exact.py
"""
import csv
from fractions import Fraction as F


def solve(a, b):
    n = len(a)
    m = [row[:] + [bb] for row, bb in zip(a, b)]
    for c in range(n):
        piv = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[piv] = m[piv], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


rows = list(csv.DictReader(open("tests/data/hackshaw1998.csv")))
y = [F(float(r["yi"])) for r in rows]
v = [F(float(r["vi"])) for r in rows]
v[0] = F(float(rows[0]["vi"]) * 1e-8)  # the double the test computes
x = [[F(1), F(int(r["study"].split()[-1]))] for r in rows]
k, p = len(y), 2
w = [1 / vi for vi in v]
a = [[sum(w[i] * x[i][r] * x[i][s] for i in range(k)) for s in range(p)] for r in range(p)]
a_inv = [solve(a, [F(int(i == j)) for i in range(p)]) for j in range(p)]  # columns (symmetric)
beta = solve(a, [sum(w[i] * x[i][r] * y[i] for i in range(k)) for r in range(p)])
g = [[sum(x[i][r] * a_inv[r][s] * x[j][s] for r in range(p) for s in range(p)) for j in range(k)]
     for i in range(k)]
P = [[(w[i] if i == j else 0) - w[i] * w[j] * g[i][j] for j in range(k)] for i in range(k)]
tr_p = sum(P[i][i] for i in range(k))
tr_pp = sum(P[i][j] ** 2 for i in range(k) for j in range(k))
q = sum(w[i] * (y[i] - x[i][0] * beta[0] - x[i][1] * beta[1]) ** 2 for i in range(k))
df = k - p
tau2 = max(F(0), (q - df) / tr_p)
se2 = (2 * df + 4 * tau2 * tr_p + 2 * tau2 ** 2 * tr_pp) / tr_p ** 2
print("v[0] = %r" % float(v[0]))
print("Q = %r, tau2 = %r, se_tau2 = %r, I2 = %r" % (
    float(q), float(tau2), float(se2) ** 0.5, float(100 * tau2 / (df / tr_p + tau2))))
