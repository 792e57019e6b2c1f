//! The few words before or after a byte of a text: where a reader looks for what a number
//! is (`p < 0.01` after `a significant reduction`, a group's name before its `n = 31`).
//!
//! A window is bounded twice: by a width in bytes (a number's words are near it, and reading
//! a whole sentence for each of its numbers would make a long list quadratic) and by a limit
//! the caller knows (the start of the sentence or clause, the previous item's end). Its ends
//! are moved inwards to char boundaries ([`ceil_boundary`], [`floor_boundary`]), so a window
//! never cuts a multi-byte character such as `群` or `±`. Those two are std's
//! `str::ceil_char_boundary` and `floor_char_boundary`, written here because std has them only
//! since Rust 1.91 and the workspace builds on 1.85.

/// The first char boundary of `text` at or after byte `at` (the text's length past its end).
pub fn ceil_boundary(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// The last char boundary of `text` at or before byte `at` (the text's length past its end).
pub fn floor_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The text before byte `at`: at most `width` bytes, starting no earlier than byte `limit`.
///
/// ```
/// use trialstats_documents::text::window::before;
/// assert_eq!(before("プラセボ群 n = 31", 0, 16, 6), "群 ");
/// assert_eq!(before("placebo (n = 31)", 8, 13, 80), "(n = ");
/// ```
pub fn before(text: &str, limit: usize, at: usize, width: usize) -> &str {
    let at = floor_boundary(text, at);
    let start = ceil_boundary(text, at.saturating_sub(width).max(limit).min(at));
    &text[start..at]
}

/// The text after byte `at`: at most `width` bytes, ending no later than byte `limit`.
///
/// ```
/// use trialstats_documents::text::window::after;
/// assert_eq!(after("31 例(新規群)", 2, 100, 4), " 例");
/// assert_eq!(after("n = 31; p = 0.2", 6, 9, 80), "; p");
/// ```
pub fn after(text: &str, at: usize, limit: usize, width: usize) -> &str {
    let at = ceil_boundary(text, at);
    let end = floor_boundary(text, (at + width).min(limit).max(at));
    &text[at..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A width that would end inside a character moves inwards, never out past `at`.
    #[test]
    fn windows_never_cut_a_character() {
        let t = "群±群";
        assert_eq!(before(t, 0, t.len(), 4), "群");
        assert_eq!(after(t, 0, t.len(), 4), "群");
        assert_eq!(before(t, 0, 3, 1), "");
        assert_eq!(after(t, 3, t.len(), 1), "");
    }

    /// A limit past `at` (or before it, for `after`) gives an empty window, not a panic.
    #[test]
    fn crossed_limits_give_an_empty_window() {
        assert_eq!(before("abcdef", 5, 3, 10), "");
        assert_eq!(after("abcdef", 4, 2, 10), "");
        assert_eq!(after("abc", 10, 20, 5), "");
    }

    /// The boundaries as std's `ceil_char_boundary` and `floor_char_boundary` give them.
    #[test]
    fn boundaries_as_std_gives_them() {
        let t = "a群b"; // bytes: a, 群 at 1..4, b at 4
        let ceil: Vec<usize> = (0..7).map(|i| ceil_boundary(t, i)).collect();
        let floor: Vec<usize> = (0..7).map(|i| floor_boundary(t, i)).collect();
        assert_eq!(ceil, [0, 1, 4, 4, 4, 5, 5]);
        assert_eq!(floor, [0, 1, 1, 1, 4, 5, 5]);
    }
}
