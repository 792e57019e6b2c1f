//! The Cholesky factorisation of a large dense matrix (order hundreds to thousands: the
//! random-effects blocks of a crossed or nested mixed model), blocked by panels so that most of
//! the work is matrix products (nalgebra's `gemm`), and split between threads (rayon) past an
//! order where that pays. [`super::cholesky_in_place`] is the same factorisation for the tiny
//! matrices where plain loops are fastest; both are Golub & Van Loan's (2013, *Matrix
//! Computations*, 4th ed.) Algorithm 4.2.1, this one in its blocked form (§4.2.9).

use nalgebra::{DMatrix, DMatrixView, DMatrixViewMut};
use rayon::prelude::*;

/// Panel width of the blocked Cholesky.
const PANEL: usize = 32;

/// Order and trailing columns from which the blocked Cholesky's update is split between
/// threads. Below them a thread's share is too small to pay for handing it over: at order 503
/// (the nested benchmark's 500 sites) splitting made the whole fit 10% slower.
const PARALLEL_ORDER: usize = 768;
const PARALLEL_TRAILING: usize = 256;

/// In-place lower Cholesky factor of the symmetric positive-definite `a` (only its lower
/// triangle is read): right-looking by panels of `PANEL` columns, each panel factored
/// column by column, the rest of the matrix updated by one matrix product per panel of
/// columns (Golub & Van Loan, *Matrix Computations*, 4th ed., §4.2.9). False if a pivot is
/// not positive.
pub fn cholesky_lower(a: &mut DMatrix<f64>) -> bool {
    let n = a.nrows();
    let mut kb = 0;
    while kb < n {
        let b = PANEL.min(n - kb);
        {
            let data = a.as_mut_slice();
            for j in kb..kb + b {
                let (before, from_j) = data.split_at_mut(j * n);
                let col_j = &mut from_j[j..n];
                for t in kb..j {
                    let ljt = before[t * n + j];
                    if ljt != 0.0 {
                        let col_t = &before[t * n + j..t * n + n];
                        for (x, y) in col_j.iter_mut().zip(col_t) {
                            *x -= ljt * y;
                        }
                    }
                }
                let pivot = col_j[0];
                if !(pivot > 0.0 && pivot.is_finite()) {
                    return false;
                }
                let s = pivot.sqrt();
                col_j[0] = s;
                for x in col_j[1..].iter_mut() {
                    *x /= s;
                }
            }
        }
        // The trailing update, one matrix product per panel of columns. The panels of
        // columns are independent, so a large trailing part is shared between threads.
        let (head, trailing) = a.as_mut_slice().split_at_mut((kb + b) * n);
        let left = DMatrixView::from_slice(&head[kb * n..], n, b);
        let update = |(t, columns): (usize, &mut [f64])| {
            let jb = kb + b + t * PANEL;
            let b2 = columns.len() / n;
            let top = left.rows(jb, b2);
            // Nested factors leave whole blocks of zeros (two sites share no patient): their
            // product is zero and is skipped.
            if top.iter().any(|v| *v != 0.0) {
                let rows = left.rows(jb, n - jb);
                let mut c = DMatrixViewMut::from_slice(columns, n, b2);
                let mut c = c.rows_mut(jb, n - jb);
                c.gemm(-1.0, &rows, &top.transpose(), 1.0);
            }
        };
        if n >= PARALLEL_ORDER && n - kb - b >= PARALLEL_TRAILING {
            trailing
                .par_chunks_mut(PANEL * n)
                .enumerate()
                .for_each(update);
        } else {
            trailing.chunks_mut(PANEL * n).enumerate().for_each(update);
        }
        kb += b;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_cholesky_reproduces_the_matrix() {
        // A = B Bᵀ + n I for a pseudo-random B, of an order spanning several panels.
        let n = 150;
        let bm = DMatrix::from_fn(n, n, |i, j| ((i * 31 + j * 17) % 23) as f64 / 23.0 - 0.4);
        let a = &bm * bm.transpose() + DMatrix::identity(n, n) * n as f64;
        let mut l = a.clone();
        assert!(cholesky_lower(&mut l));
        let l = l.lower_triangle();
        let err = (&l * l.transpose() - &a).abs().max();
        assert!(err < 1e-9 * a.abs().max(), "{err}");
        let mut bad = a.clone();
        bad[(100, 100)] = -1.0;
        assert!(!cholesky_lower(&mut bad));
    }
}
