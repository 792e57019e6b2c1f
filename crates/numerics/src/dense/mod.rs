//! Small dense linear-algebra kernels on row-major `n × n` slices: Cholesky factorisation,
//! triangular solves and the inverse from a Cholesky factor. The matrices here are tiny (the
//! random effects per group, the fixed effects), so plain loops beat a general library call.
//!
//! Cholesky–Banachiewicz ordering (Golub & Van Loan 2013, *Matrix Computations*, 4th ed.,
//! Algorithm 4.2.1). Large matrices are factored by [`blocked::cholesky_lower`], the same
//! factorisation by panels.

pub mod blocked;

/// Factor the symmetric positive-definite `a = L Lᵀ` in place (lower triangle of `a` read,
/// `L` written there, the strict upper triangle zeroed). A pivot `d` with
/// `d ≤ rel_tol · a[j][j]` (or not a number) stops the factorisation: `Err(j)` names the
/// column that is (to that tolerance) a linear combination of those before it.
#[inline(always)]
pub fn cholesky_in_place(a: &mut [f64], n: usize, rel_tol: f64) -> Result<(), usize> {
    for j in 0..n {
        let diag = a[j * n + j];
        let mut d = diag;
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if d.is_nan() || d <= rel_tol * diag.abs() || diag == 0.0 {
            return Err(j);
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
        for i in 0..j {
            a[i * n + j] = 0.0;
        }
    }
    Ok(())
}

/// [`cholesky_in_place`] with no tolerance: `None` when `a` is not positive definite.
///
/// ```
/// use trialstats_numerics::dense::cholesky;
/// // [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]] (4 = 2², 2 = 2·1, 3 = 1² + √2²).
/// let mut a = [4.0, 2.0, 2.0, 3.0];
/// assert!(cholesky(&mut a, 2).is_some());
/// assert_eq!(a[..3], [2.0, 0.0, 1.0]);
/// assert!((a[3] - std::f64::consts::SQRT_2).abs() < 1e-15);
/// assert!(cholesky(&mut [1.0, 2.0, 2.0, 1.0], 2).is_none()); // not positive definite
/// ```
#[inline(always)]
pub fn cholesky(a: &mut [f64], n: usize) -> Option<()> {
    cholesky_in_place(a, n, 0.0).ok()
}

/// Solve `L x = b` in place for lower-triangular row-major `l`.
#[inline(always)]
pub fn forward_solve(l: &[f64], n: usize, b: &mut [f64]) {
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= l[i * n + k] * b[k];
        }
        b[i] = s / l[i * n + i];
    }
}

/// Solve `Lᵀ x = b` in place for lower-triangular row-major `l`.
#[inline(always)]
pub fn backward_solve_transpose(l: &[f64], n: usize, b: &mut [f64]) {
    for i in (0..n).rev() {
        let mut s = b[i];
        for k in i + 1..n {
            s -= l[k * n + i] * b[k];
        }
        b[i] = s / l[i * n + i];
    }
}

/// `out = A B` for row-major `A` (`n × k`) and `B` (`k × m`).
#[inline(always)]
pub fn multiply(out: &mut [f64], a: &[f64], b: &[f64], n: usize, k: usize, m: usize) {
    for i in 0..n {
        for j in 0..m {
            out[i * m + j] = (0..k).map(|x| a[i * k + x] * b[x * m + j]).sum();
        }
    }
}

/// `out = A Bᵀ` for row-major `A` (`n × k`) and `B` (`m × k`).
#[inline(always)]
pub fn multiply_transposed(out: &mut [f64], a: &[f64], b: &[f64], n: usize, k: usize, m: usize) {
    for i in 0..n {
        for j in 0..m {
            out[i * m + j] = (0..k).map(|x| a[i * k + x] * b[j * k + x]).sum();
        }
    }
}

/// `(L Lᵀ)⁻¹` for lower-triangular row-major `l`.
pub fn inverse_from_cholesky(l: &[f64], n: usize) -> Vec<f64> {
    let mut inv = vec![0.0; n * n];
    let mut e = vec![0.0; n];
    for j in 0..n {
        e.iter_mut().for_each(|x| *x = 0.0);
        e[j] = 1.0;
        forward_solve(l, n, &mut e);
        backward_solve_transpose(l, n, &mut e);
        for i in 0..n {
            inv[i * n + j] = e[i];
        }
    }
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factor_solve_and_invert_a_known_matrix() {
        // A = [[4, 2], [2, 3]]: L = [[2, 0], [1, √2]], A⁻¹ = [[3, -2], [-2, 4]] / 8.
        let mut a = vec![4.0, 2.0, 2.0, 3.0];
        cholesky(&mut a, 2).unwrap();
        assert_eq!(a[..3], [2.0, 0.0, 1.0]);
        assert!((a[3] - 2f64.sqrt()).abs() < 1e-15);
        let inv = inverse_from_cholesky(&a, 2);
        for (got, want) in inv.iter().zip([3.0 / 8.0, -0.25, -0.25, 0.5]) {
            assert!((got - want).abs() < 1e-15);
        }
        // [[1, 2], [3, 4]] [[5, 6], [7, 8]] = [[19, 22], [43, 50]]; with Bᵀ: [[17, 23], [39, 53]].
        let (x, y) = ([1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]);
        let mut out = [0.0; 4];
        multiply(&mut out, &x, &y, 2, 2, 2);
        assert_eq!(out, [19.0, 22.0, 43.0, 50.0]);
        multiply_transposed(&mut out, &x, &y, 2, 2, 2);
        assert_eq!(out, [17.0, 23.0, 39.0, 53.0]);
        let mut singular = vec![1.0, 2.0, 2.0, 4.0];
        assert_eq!(cholesky_in_place(&mut singular, 2, 1e-10), Err(1));
    }
}
