//! Counts of the expensive computations a thread has done, kept in debug builds only, so that
//! a test can assert that one run does each once (one paired analysis and one SPRITE search
//! per reported number, however many tables and charts show them).
//!
//! Release builds compile the counting away; the functions exist only with
//! `debug_assertions` (as in `cargo test`).

use std::cell::Cell;

/// A kind of work that is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// `prepost::analyse`: a paired test, its r sweep and threshold.
    PairedAnalysis,
    /// `checks::sprite::sprite`: one SPRITE search.
    SpriteSearch,
}

thread_local! {
    static PAIRED: Cell<usize> = const { Cell::new(0) };
    static SPRITE: Cell<usize> = const { Cell::new(0) };
}

fn cell(work: Work) -> &'static std::thread::LocalKey<Cell<usize>> {
    match work {
        Work::PairedAnalysis => &PAIRED,
        Work::SpriteSearch => &SPRITE,
    }
}

/// Count one piece of `work` on this thread.
pub fn count(work: Work) {
    cell(work).with(|c| c.set(c.get() + 1));
}

/// How much `work` this thread has done since the last [`reset`].
pub fn done(work: Work) -> usize {
    cell(work).with(Cell::get)
}

/// Start counting again from zero on this thread.
pub fn reset() {
    PAIRED.with(|c| c.set(0));
    SPRITE.with(|c| c.set(0));
}
