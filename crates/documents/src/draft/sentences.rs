//! A document cut into sentences, each with its quote and the heading above it.
//!
//! Quotes follow `data/README.md`: the sentence as printed, its line breaks joined
//! ([`crate::text::plain::lines_joined`]: a space between two words of Latin script, nothing
//! beside Japanese) and nothing else changed; white space at its ends is left out. Sentences end at `。！？`,
//! at `.`, `!` or `?` followed by white space and a capital, a digit or a non-Latin
//! character (not after `et al.`, `e.g.`, `Fig.`, a single initial), at a heading (`【…】`,
//! a line opening with `■ ◆ ● ・ ※` or a web page's bullet `•`), at a table row (a line with two or more `|` or a tab),
//! and at a line break followed by a capital when the line before ends without a lower-case
//! letter, comma or hyphen (a title, a heading or a paragraph of an abstract; a Japanese
//! line broken inside a sentence by PDF extraction runs on).

use crate::text::PlainText;
use std::ops::Range;

/// One sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Byte range in the document.
    pub span: Range<usize>,
    /// The sentence with its line breaks joined, trimmed.
    pub quote: String,
    /// The nearest heading above it (`【研究の内容】`, `Results`), if any.
    pub heading: Option<String>,
    /// Its first line (1-based).
    pub line: usize,
}

/// The sentences of a text (not [`crate::text::Document`], which reads a file into text): the
/// original, its plain form, its sentences.
pub struct Sentences<'a> {
    pub original: &'a str,
    pub plain: PlainText,
    pub sentences: Vec<Sentence>,
}

/// The marks a list item opens with: Japanese reports' `■ ◆ ● ・ ※ □ ◇`, and the bullets a web
/// page's list keeps when copied as text (`•`, `◦`, `▪`, `‣`).
const BULLETS: [char; 11] = ['■', '◆', '●', '・', '※', '□', '◇', '•', '◦', '▪', '‣'];

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: [&str; 16] = [
    "al", "e.g", "i.e", "vs", "Fig", "fig", "Figs", "No", "no", "approx", "Dr", "Prof", "Ref",
    "cf", "etc", "resp",
];

fn is_heading_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    if t.starts_with('【') && t.ends_with('】') || t.starts_with(['■', '◆']) {
        return true;
    }
    let word = t.trim_end_matches(':');
    matches!(
        word.to_ascii_lowercase().as_str(),
        "abstract"
            | "background"
            | "objective"
            | "objectives"
            | "methods"
            | "method"
            | "results"
            | "result"
            | "conclusion"
            | "conclusions"
            | "introduction"
            | "discussion"
            | "design"
            | "participants"
            | "interventions"
            | "findings"
            | "interpretation"
    )
}

/// Is `line` a row of a table: cells set apart by tabs or by two or more `|`?
pub fn is_table_row(line: &str) -> bool {
    line.contains('\t') || line.matches('|').count() >= 2
}

impl<'a> Sentences<'a> {
    /// Cut `original` into sentences.
    pub fn new(original: &'a str) -> Sentences<'a> {
        let plain = PlainText::new(original);
        let mut cuts: Vec<usize> = vec![0]; // byte offsets in the original
        let headings = line_cuts(original, &mut cuts);
        character_cuts(&plain, &mut cuts);
        cuts.push(original.len());
        cuts.sort_unstable();
        cuts.dedup();
        let sentences = sentences_between(original, &plain, &cuts, &headings);
        Sentences {
            original,
            plain,
            sentences,
        }
    }

    /// The index of the sentence that holds byte `at` of the document.
    pub fn sentence_at(&self, at: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.span.start <= at);
        i.saturating_sub(1)
    }

    /// Where a sentence stands, for a study file's `where`: its heading and line.
    ///
    /// ```
    /// use trialstats_documents::draft::Sentences;
    /// // Two sentences under the heading "Results", the second on line 3; "et al." and
    /// // "Fig." end no sentence.
    /// let doc = Sentences::new("Results\nAs Smith et al. found (Fig. 2), pain fell.\nEDSS improved.");
    /// let quotes: Vec<&str> = doc.sentences.iter().map(|s| s.quote.as_str()).collect();
    /// assert_eq!(quotes, ["Results", "As Smith et al. found (Fig. 2), pain fell.", "EDSS improved."]);
    /// let at = doc.original.find("EDSS").unwrap();
    /// assert_eq!(doc.place(doc.sentence_at(at)), "Results, line 3");
    /// ```
    pub fn place(&self, sentence: usize) -> String {
        let s = &self.sentences[sentence];
        match &s.heading {
            Some(h) => format!("{h}, line {}", s.line),
            None => format!("line {}", s.line),
        }
    }
}

/// Pushes onto `cuts` the line-level cuts of `original` (headings, bullets, table rows, and
/// capitals after a closed line), and returns each heading with the offset of its line.
fn line_cuts(original: &str, cuts: &mut Vec<usize>) -> Vec<(usize, String)> {
    let mut line_start = 0;
    let mut previous_line = "";
    let mut previous_start = 0;
    let mut blank_before = false;
    let mut headings: Vec<(usize, String)> = Vec::new();
    for line in original.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let t = content.trim_start_matches(|c: char| c.is_whitespace());
        let lead = content.len() - t.len();
        if is_heading_line(content) {
            headings.push((line_start, content.trim().to_string()));
        }
        if !t.is_empty() {
            let starts_capital = t.starts_with(|c: char| c.is_ascii_uppercase());
            let before = previous_line.trim_end();
            let closed = !before.ends_with(|c: char| {
                c.is_ascii_lowercase() || matches!(c, ',' | '-' | '、' | '，')
            }) && before
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii() || c == '）' || c == '」')
                || before.is_empty();
            // A heading over this line is a sentence of its own: cut before and after it.
            if heads_the_next_line(previous_line, t) {
                cuts.push(previous_start);
                cuts.push(line_start + lead);
            }
            if t.starts_with(BULLETS)
                || t.starts_with('【')
                || is_table_row(content)
                || is_table_row(previous_line)
                || is_row_of_values(content)
                || is_row_of_values(previous_line)
                || is_cell_line(content)
                || is_cell_line(previous_line)
                || is_heading_line(previous_line)
                || ends_with_web_address(previous_line)
                || (starts_capital && (closed || (blank_before && before.is_empty())))
            {
                cuts.push(line_start + lead);
            }
            if is_table_row(content)
                || is_heading_line(content)
                || is_row_of_values(content)
                || is_cell_line(content)
            {
                cuts.push(line_start + content.len());
            }
            previous_line = content;
            previous_start = line_start + lead;
            blank_before = false;
        } else {
            blank_before = true;
        }
        line_start += line.len();
    }
    headings
}

/// Does `line` end with a web address (`Source: https://…`, a reference's `www.…`)? No
/// sentence runs on past an address at a line's end: the next line starts another, whatever
/// its first letter (the address ends in a lower-case letter, which would otherwise join a
/// document's first sentence to the `Source:` line over it).
fn ends_with_web_address(line: &str) -> bool {
    line.split_whitespace()
        .last()
        .is_some_and(|word| word.contains("://") || word.starts_with("www."))
}

/// Is `line` a heading over the Japanese text on the line after it (`本試験における副作用` over
/// `A群において、…`): Japanese, short, with no punctuation (a sentence prints `、` or `。`, a
/// wrapped line of running text runs to the column's width) and no particle at its end to go
/// on from, over a line of running text (its `、` or `。`; a table's cells a line,
/// `ベースライン` over `74.92±10.48 (143)`, are no heading and text) at least two thirds wider (a
/// narrow column's wrapped lines are about as wide as each other, whatever Latin words they
/// hold)? Such a line names what follows; it is no sentence's start.
fn heads_the_next_line(line: &str, next: &str) -> bool {
    let t = line.trim();
    let len = t.chars().count();
    let japanese = |c: char| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}');
    (2..=24).contains(&len)
        && t.chars().any(japanese)
        && !t.contains([
            '。', '、', '，', '．', ',', '.', ';', '；', ':', '：', '|', '\t',
        ])
        && !t.ends_with([
            'の', 'は', 'が', 'を', 'に', 'と', 'で', 'も', 'へ', 'や', 'び', 'て', 'し', 'り',
        ])
        && 5 * width(t) <= 3 * width(next.trim())
        && next.contains(['、', '。'])
}

/// The display width of a line (a CJK character takes two columns, as a page sets it).
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Is a line one cell of a table copied a cell a line, closed by its separator (`8.17±0.88
/// (158) |`, `ベースラインa) |`)? Each such line is a sentence of its own.
fn is_cell_line(line: &str) -> bool {
    let t = line.trim_end();
    t.len() > 1 && t.ends_with('|') && t.matches('|').count() == 1
}

/// Is a line a table's row copied with single spaces between its cells: a label, then three
/// numbers or more to the line's end (`Anxiety (HADS-A) 8.1 4.2 6.4 3.5 .019`, a CI's cell
/// `1.1–6.8` among them)? Running text does not end a line in a run of bare numbers, so such a
/// line is a sentence of its own, as a row set apart by `|` is.
fn is_row_of_values(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_value = |w: &str| {
        let w = w.trim_start_matches(['<', '>', '≤', '≥', '(', '-', '−', '–', '+']);
        let w = w.trim_end_matches([')', '%', '*', '†', '‡', '§']);
        !w.is_empty()
            && w.split(['–', '~']).all(|part| {
                let part = part.trim_start_matches(['-', '−']);
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == '·')
                    && part.chars().any(|c| c.is_ascii_digit())
            })
    };
    let values = words.iter().rev().take_while(|w| is_value(w)).count();
    values >= 3 && values < words.len() && words[0].starts_with(|c: char| c.is_alphabetic())
}

/// Do Japanese characters (kana, kanji, a closing bracket before) stand right before byte
/// `at` and right after byte `after`, with no space: a full stop of Japanese text, never a
/// decimal point or an abbreviation's. A Japanese sentence may open with a Latin name
/// (`実施した.MCRは`, `した.HbA1cは`): a capital letter after a Japanese word's full stop opens
/// one too. The bracket may be printed half-width (`復帰した(図3).さらに`), as copies made plain
/// print every bracket.
fn japanese_on_both_sides(p: &str, at: usize, after: usize) -> bool {
    let japanese =
        |c: char| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{3005}');
    let before = p[..at].chars().next_back();
    let next = p[after..].chars().next();
    match (before, next) {
        (Some(b), Some(n)) if japanese(b) => japanese(n) || n.is_ascii_uppercase(),
        (Some('）' | ')'), Some(n)) => japanese(n),
        _ => false,
    }
}

/// Does `before` (the text up to a full stop) end in a capital letter that labels a thing
/// (`group B`, `hemophilia A`, `vitamin D`, `type C`) rather than a person's initial? An
/// initial follows a capitalised name, a function word (`by J. Smith`, `and K. Ito`) or
/// nothing; a letter after a lower-case word of content is the kind that word names, so the
/// full stop after it ends the sentence (`randomised to group A or group B. The score fell`).
fn a_label_by_letter(before: &str) -> bool {
    let mut words = before.rsplit(char::is_whitespace);
    let _letter = words.next();
    let Some(noun) = words.next() else {
        return false;
    };
    noun.len() >= 3
        && noun.chars().all(|c| c.is_ascii_lowercase())
        && !matches!(
            noun,
            "and" | "the" | "with" | "from" | "for" | "via" | "per" | "nor" | "but"
        )
}

/// Pushes onto `cuts` the character-level cuts of the plain text (a sentence's end mark, a
/// heading's brackets), mapped back to offsets in the original.
fn character_cuts(plain: &PlainText, cuts: &mut Vec<usize>) {
    let p = &plain.text;
    let bytes = p.as_bytes();
    for (i, c) in p.char_indices() {
        let after = i + c.len_utf8();
        let cut = match c {
            '。' | '！' | '？' | '】' => true,
            // Japanese journals end sentences with `．` or `.` between Japanese words
            // (`認められた.食欲低下例と…`, `した．次に`), as they print `，` for `、`.
            '．' | '.' if japanese_on_both_sides(p, i, after) => true,
            '【' => {
                cuts.push(plain.original_span(i..i).start);
                false
            }
            '.' | '!' | '?' => {
                let rest = &p[after..];
                let next = rest.trim_start();
                let spaced = rest.len() > next.len();
                let word_before: &str = p[..i]
                    .rsplit(|c: char| c.is_whitespace() || c == '(')
                    .next()
                    .unwrap_or("");
                spaced
                    && (next.is_empty()
                        || next.starts_with(|c: char| {
                            c.is_ascii_uppercase() || c.is_ascii_digit() || !c.is_ascii()
                        }))
                    && !ABBREVIATIONS.contains(&word_before)
                    && !(word_before.len() == 1
                        && word_before.as_bytes()[0].is_ascii_uppercase()
                        && !a_label_by_letter(&p[..i]))
                    && !(c == '.' && i > 0 && bytes[i - 1] == b'.')
            }
            _ => false,
        };
        if cut {
            cuts.push(plain.original_span(after..after).start);
        }
    }
}

/// The sentences between consecutive `cuts` of `original` (sorted, without repeats), each
/// with the last of `headings` at or before it; one empty sentence when there is none.
fn sentences_between(
    original: &str,
    plain: &PlainText,
    cuts: &[usize],
    headings: &[(usize, String)],
) -> Vec<Sentence> {
    let mut sentences = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        let raw = &original[start..end];
        let t_start = raw.len() - raw.trim_start().len();
        let t_end = raw.trim_end().len();
        if t_end <= t_start {
            continue;
        }
        let (s, e) = (start + t_start, start + t_end);
        let quote = crate::text::plain::lines_joined(&original[s..e]);
        let heading = headings
            .iter()
            .rev()
            .find(|(at, _)| *at <= s)
            .map(|(_, h)| h.clone());
        sentences.push(Sentence {
            span: s..e,
            quote,
            heading,
            line: plain.line_of(s),
        });
    }
    if sentences.is_empty() {
        sentences.push(Sentence {
            span: 0..0,
            quote: String::new(),
            heading: None,
            line: 1,
        });
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_pages_bullet_opens_a_sentence() {
        // Made-up items of a web page's list copied as text: the first item ends without a
        // full stop, and the next opens with a bullet.
        let text = "  • 変化量は、A群−1.2±0.30、B群−1.4±0.20\n    (n=40)\n  • 12週時ではそれぞれ−1.5±0.31、−1.6±0.28でした。";
        let d = Sentences::new(text);
        let quotes: Vec<&str> = d.sentences.iter().map(|s| s.quote.as_str()).collect();
        assert_eq!(quotes.len(), 2, "{quotes:?}");
        assert!(quotes[1].starts_with("• 12週時"), "{quotes:?}");
    }

    #[test]
    fn a_short_japanese_line_over_running_text_is_a_heading() {
        // Made-up: a footnote, a heading with no full stop, then a sentence; and a wrapped
        // sentence whose short lines are no headings (a particle ends one, the next has no
        // `、` or `。`), and a table's cells a line under a short name.
        let text = "*2:変化率は前後の差の割合\n本試験における副作用\nA群において、紅斑が58例中3例(5.2%)に認められた。\nその結果、スコアの平均は\n投与後に低下し、改善を示した。\nベースライン\n74.92±10.48 (143)\n";
        let d = Sentences::new(text);
        let quotes: Vec<&str> = d.sentences.iter().map(|s| s.quote.as_str()).collect();
        assert_eq!(
            quotes,
            [
                "*2:変化率は前後の差の割合",
                "本試験における副作用",
                "A群において、紅斑が58例中3例(5.2%)に認められた。",
                "その結果、スコアの平均は投与後に低下し、改善を示した。",
                "ベースライン74.92±10.48 (143)"
            ]
        );
    }

    #[test]
    fn a_letter_that_labels_a_group_ends_its_sentence_but_an_initial_does_not() {
        let text = "Patients were randomised to group A or group B. The score fell in hemophilia A. As reported by J. Smith and K. Ito, it rose.";
        let d = Sentences::new(text);
        let quotes: Vec<&str> = d.sentences.iter().map(|s| s.quote.as_str()).collect();
        assert_eq!(
            quotes,
            [
                "Patients were randomised to group A or group B.",
                "The score fell in hemophilia A.",
                "As reported by J. Smith and K. Ito, it rose."
            ]
        );
    }

    #[test]
    fn a_full_stop_between_japanese_words_ends_a_sentence() {
        // `.` and `．` as Japanese journals print the full stop; a decimal point and an
        // English sentence's abbreviation are none.
        let text = "副作用は8例に認められた.有効例の体重は65.2±3.1kgであった．次に2.5 mg群を比較した. e.g. Fig. 2.";
        let d = Sentences::new(text);
        let quotes: Vec<&str> = d.sentences.iter().map(|s| s.quote.as_str()).collect();
        assert_eq!(
            quotes,
            [
                "副作用は8例に認められた.",
                "有効例の体重は65.2±3.1kgであった．",
                "次に2.5 mg群を比較した. e.g. Fig. 2."
            ]
        );
        // A sentence opening with a Latin name, and a full stop after a half-width bracket;
        // a bracket's full stop before a Latin word (`(図3).A`) ends none.
        let text = "1カ月間投与した.MCRは7.9から9.1へ増加した(図4).さらに(表2).B群では";
        let d = Sentences::new(text);
        let quotes: Vec<&str> = d.sentences.iter().map(|s| s.quote.as_str()).collect();
        assert_eq!(
            quotes,
            [
                "1カ月間投与した.",
                "MCRは7.9から9.1へ増加した(図4).",
                "さらに(表2).B群では"
            ]
        );
    }

    #[test]
    fn sentences_join_line_breaks_and_keep_everything_else() {
        let text = "【研究の内容】 \n\n その結果、トシリ\n\nズマブ治療前後は 2.9 ± \n1.1 回から減少し（図\n\n2）。また、EDSS は改善。 \n";
        let d = Sentences::new(text);
        let quotes: Vec<&str> = d.sentences.iter().map(|s| s.quote.as_str()).collect();
        assert!(
            quotes.contains(&"その結果、トシリズマブ治療前後は 2.9 ± 1.1 回から減少し（図2）。"),
            "{quotes:?}"
        );
        assert!(quotes.contains(&"また、EDSS は改善。"), "{quotes:?}");
        let at = text.find("2.9").unwrap();
        let s = &d.sentences[d.sentence_at(at)];
        assert_eq!(s.heading.as_deref(), Some("【研究の内容】"));
        assert_eq!(d.place(d.sentence_at(at)), "【研究の内容】, line 3");
    }

    #[test]
    fn a_quote_joins_its_lines_with_the_space_a_reader_sees() {
        // English across a break reads with a space; Japanese, with nothing.
        let text = "Pain fell in the\ndrug group.\n痛みは薬剤群で\n低下した。";
        let d = Sentences::new(text);
        let quotes: Vec<&str> = d.sentences.iter().map(|s| s.quote.as_str()).collect();
        assert_eq!(
            quotes,
            ["Pain fell in the drug group.", "痛みは薬剤群で低下した。"]
        );
    }

    #[test]
    fn a_line_ending_in_a_web_address_ends_its_sentence() {
        let text = "Source: https://example.org/trial\nthe first sentence runs on\nto here.\n出典 www.example.jp\n結果は良好。";
        let d = Sentences::new(text);
        let quotes: Vec<&str> = d.sentences.iter().map(|s| s.quote.as_str()).collect();
        assert_eq!(
            quotes,
            [
                "Source: https://example.org/trial",
                "the first sentence runs on to here.",
                "出典 www.example.jp",
                "結果は良好。"
            ]
        );
    }

    #[test]
    fn english_sentences_end_at_a_period_but_not_after_abbreviations() {
        let text = "Abstract\n\nWe treated 7 patients (Smith et al. 2011). Mean was 2.9 ± 1.1 (p = .04). i.v. infusion e.g. daily. Done.";
        let d = Sentences::new(text);
        let quotes: Vec<&str> = d.sentences.iter().map(|s| s.quote.as_str()).collect();
        assert_eq!(
            quotes,
            [
                "Abstract",
                "We treated 7 patients (Smith et al. 2011).",
                "Mean was 2.9 ± 1.1 (p = .04). i.v. infusion e.g. daily.",
                "Done."
            ]
        );
    }
}
