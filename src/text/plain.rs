//! A text made plain for reading, with the way back to the original.
//!
//! Texts come from word processors, web pages and PDF extraction, and the same result is
//! printed in many ways: `ｔ（２８）＝２．２０` (full-width, as Japanese documents write),
//! `−2.20` (U+2212), `p ≤ .05`, `χ²`, `10⁻⁴`, `signiﬁcant` (a ligature), soft hyphens and
//! zero-width spaces left by typesetting, and the substitutions statcheck's `getPDF` lists for
//! journals' PDFs (U+2AFD for `=`, U+2B0D for `<`, U+2AFA for `-`, U+2439 for χ). [`PlainText`]
//! makes all of these plain ASCII (or `χ`) and remembers, for every byte of the plain text,
//! where it came from, so a finding can quote the document verbatim and name its line.
//!
//! Line breaks are kept: a reader that allows white space between the parts of a result reads
//! a statistic broken over two lines (`t(28) =\n2.20`) as one.

use std::ops::Range;

/// A text made plain, with each byte's origin in the original.
#[derive(Debug, Clone, PartialEq)]
pub struct PlainText {
    /// The plain text.
    pub text: String,
    /// `origin[i]`: the byte offset in the original of the character that gave plain byte `i`;
    /// one more entry for the end.
    origin: Vec<usize>,
    /// Byte offsets in the original at which lines start (the first is 0).
    line_starts: Vec<usize>,
}

/// Superscript digits and minus, as exponents of ten are printed (`10⁻⁴`).
fn superscript(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        '⁻' => '-',
        _ => return None,
    })
}

/// What becomes of one character.
enum Plain {
    Keep,
    Drop,
    Replace(&'static str),
}

/// The plain form of one character, given the plain text so far (superscripts count as
/// digits only in an exponent of ten, else `¹` after a p-value, a footnote mark, would become
/// one of its digits).
fn plain_char(c: char, before: &str, in_exponent: bool) -> Plain {
    use Plain::{Drop, Keep, Replace};
    const ASCII: [&str; 95] = [
        " ", "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/", "0", "1",
        "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?", "@", "A", "B", "C",
        "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U",
        "V", "W", "X", "Y", "Z", "[", "\\", "]", "^", "_", "`", "a", "b", "c", "d", "e", "f", "g",
        "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y",
        "z", "{", "|", "}", "~",
    ];
    let ascii = |b: char| Replace(ASCII[(b as u32 - 0x20) as usize]);
    match c {
        // Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space.
        '\u{FF01}'..='\u{FF5E}' => ascii(char::from_u32(c as u32 - 0xFEE0).unwrap_or(' ')),
        '\u{3000}' => Replace(" "),
        // Minus signs and hyphens that stand for a minus; U+2AFA as statcheck's getPDF.
        '\u{2212}' | '\u{2013}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{FE63}'
        | '\u{2AFA}' => Replace("-"),
        '≤' | '≦' | '\u{2B0D}' => Replace("<"),
        '≥' | '≧' => Replace(">"),
        '\u{2AFD}' => Replace("="),
        '\u{2439}' | 'Χ' => Replace("χ"),
        '⋅' => Replace("·"),
        '、' => Replace(","),
        // Spaces of every width (a narrow no-break space is common before units and in JESP
        // papers, per statcheck's getHTML).
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\r' | '\t' => {
            Replace(" ")
        }
        // Invisible: soft hyphen, zero-width space and joiners, byte-order mark.
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Drop,
        // Ligatures that PDF extraction leaves.
        'ﬀ' => Replace("ff"),
        'ﬁ' => Replace("fi"),
        'ﬂ' => Replace("fl"),
        'ﬃ' => Replace("ffi"),
        'ﬄ' => Replace("ffl"),
        'ﬅ' | 'ﬆ' => Replace("st"),
        _ => match superscript(c) {
            Some(s) if in_exponent || before.ends_with("10") || before.ends_with("10^") => ascii(s),
            // χ² and the like.
            Some('2') => Replace("2"),
            _ => Keep,
        },
    }
}

impl PlainText {
    /// Make `original` plain.
    pub fn new(original: &str) -> PlainText {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut line_starts = vec![0];
        let mut in_exponent = false;
        for (at, c) in original.char_indices() {
            if c == '\n' {
                line_starts.push(at + 1);
            }
            let exponent_digit = superscript(c).is_some()
                && (in_exponent || text.ends_with("10") || text.ends_with("10^"));
            match plain_char(c, &text, in_exponent) {
                Plain::Replace(s) => text.push_str(s),
                Plain::Keep => text.push(c),
                Plain::Drop => {}
            }
            // A run of superscripts after 10 is one exponent (10⁻¹²).
            in_exponent = exponent_digit;
            origin.resize(text.len(), at);
        }
        origin.push(original.len());
        PlainText {
            text,
            origin,
            line_starts,
        }
    }

    /// The byte range in the original of the plain range `range`.
    pub fn original_span(&self, range: Range<usize>) -> Range<usize> {
        let start = self.origin[range.start.min(self.text.len())];
        let end = self.origin[range.end.min(self.text.len())];
        start..end.max(start)
    }

    /// The line (1-based) of the original at byte offset `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= at)
    }

    /// The plain text of the line(s) that hold the plain range `range`.
    pub fn lines_around(&self, range: Range<usize>) -> &str {
        let start = self.text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[range.end..]
            .find('\n')
            .map_or(self.text.len(), |i| range.end + i);
        &self.text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_forms_become_plain_and_map_back() {
        let original =
            "結果はｔ（２８）＝２．２０，ｐ＜0.05\nχ² = 4.5, p = 2 × 10⁻⁴ signiﬁ\u{00AD}cant¹";
        let p = PlainText::new(original);
        assert_eq!(
            p.text,
            "結果はt(28)=2.20,p<0.05\nχ2 = 4.5, p = 2 × 10-4 significant¹"
        );
        let at = p.text.find("t(28)").unwrap();
        let span = p.original_span(at..at + "t(28)=2.20".len());
        assert_eq!(&original[span.clone()], "ｔ（２８）＝２．２０");
        assert_eq!(p.line_of(span.start), 1);
        let at = p.text.find("10-4").unwrap();
        let span = p.original_span(at..at + 4);
        assert_eq!(&original[span.clone()], "10⁻⁴");
        assert_eq!(p.line_of(span.start), 2);
        assert_eq!(
            p.lines_around(at..at + 4),
            "χ2 = 4.5, p = 2 × 10-4 significant¹"
        );
        let p = PlainText::new("t(28) = −2.20 ≤ ≥ \u{2AFD} \u{2B0D} \u{2439}");
        assert_eq!(p.text, "t(28) = -2.20 < > = < χ");
    }
}
