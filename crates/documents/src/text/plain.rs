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

/// Kanji digits written positionally, as vertical Japanese text prints numbers (`一三〇mmHg`
/// for 130, `一二・七` for 12.7, `三〇名`, `六〇%`): each digit's byte offset and its ASCII
/// digit, and `.` for a `・` between two of them. A run counts when it reads as a number and
/// not as words (`一日`, `一方`, `二つ`, `二三日` "a few days"): three digits or more, or
/// holding `〇` or a decimal point, or two digits right before a unit or a counter of people
/// (`八五mmHg`, `三五%`, `一二名`). Numbers written with 十, 百, 千 (`三十人`) are words,
/// read elsewhere.
fn positional_kanji_digits(original: &str) -> Vec<(usize, char)> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let mut out = Vec::new();
    // Only runs are gathered (no copy of the text's characters: texts may be large).
    let mut chars = original.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if digit(c).is_none() {
            continue;
        }
        // The run: digits, with at most one `・` between two digits.
        let mut run = vec![(start, c)];
        let mut point = false;
        while let Some(&(at, c)) = chars.peek() {
            let digit_after_point = || {
                original[at + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| digit(n).is_some())
            };
            if digit(c).is_some() || (c == '・' && !point && digit_after_point()) {
                point |= c == '・';
                run.push((at, c));
                chars.next();
            } else {
                break;
            }
        }
        let digits = run.len() - usize::from(point);
        let zero = run.iter().any(|c| c.1 == '〇');
        let next = chars.peek().map(|c| c.1);
        let unit = next.is_some_and(|n| n.is_ascii_alphabetic() || "%％名例人歳".contains(n));
        if digits >= 3 || zero || point || (digits == 2 && unit) {
            out.extend(
                run.into_iter()
                    .map(|(at, c)| (at, digit(c).map_or('.', |d| char::from(b'0' + d as u8)))),
            );
        }
    }
    out
}

/// What becomes of one character.
enum Plain {
    Keep,
    Drop,
    Replace(&'static str),
    /// One character for another (a Kangxi radical for its ideograph).
    Ideograph(char),
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
        '≥' | '≧' | '\u{2B0E}' => Replace(">"),
        '\u{2AFD}' => Replace("="),
        // The plus-minus of the same PDF symbol fonts (`8.8 ⫾ 1.1`, `mean ⫾ SEM`), which
        // print `<` as U+2B0D, `>` as U+2B0E and `=` as U+2AFD.
        '\u{2AFE}' => Replace("±"),
        // The plus of a symbol font that a PDF's extraction gives as `þ` (`17.96þ/-7.08`,
        // `14.41 þ/-7.60` in a journal supplement's abstracts): after a value, the `+` of
        // `+/-`.
        'þ' if before.trim_end().ends_with(|d: char| d.is_ascii_digit()) => Replace("+"),
        '\u{2439}' | 'Χ' => Replace("χ"),
        '⋅' | '∙' => Replace("·"),
        // The wave dash and the tilde operator of ranges and intervals (0.2〜1.4).
        '〜' | '∼' => Replace("~"),
        // Tortoise-shell brackets hold intervals in Japanese tables (`0.69 〔0.53~0.88〕`,
        // with `〔 〕: 95%CI` under the table): square brackets, as `[0.53, 0.88]`.
        '〔' => Replace("["),
        '〕' => Replace("]"),
        // The ideographic comma separates (`2.94、95%信頼区間`): a comma and a space, so no
        // number reads across it as a decimal or thousands comma.
        '、' => Replace(", "),
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
        // Kangxi radicals and CJK radical forms that PDF extraction gives for the ideographs
        // a Japanese font draws the same (`11⽉10⽇`, `介⼊群` with U+2F49, U+2F47, U+2F0A):
        // the ideograph, by Unicode's compatibility mapping, so `⽉` reads as the month's `月`.
        '\u{2E80}'..='\u{2FDF}' => {
            let mut mapped = None;
            unicode_normalization::char::decompose_compatible(c, |d| {
                mapped = if mapped.is_none() {
                    Some(d)
                } else {
                    Some('\0')
                }
            });
            match mapped {
                Some(d) if d != c && is_japanese_script(d) => Plain::Ideograph(d),
                _ => Keep,
            }
        }
        _ => match superscript(c) {
            Some(s) if in_exponent || before.ends_with("10") || before.ends_with("10^") => ascii(s),
            // χ² and the like.
            Some('2') => Replace("2"),
            _ => Keep,
        },
    }
}

/// Is the character at the start of `rest` (just after the middle dot) the start of an
/// exponent of ten, `2·10⁻⁴` or `2·10^-4` or `2·10−4` (a minus and whole digits after 10),
/// rather than the decimals of The Lancet's `2·10`?
fn exponent_after_dot(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix("10") else {
        return false;
    };
    let mut chars = after.chars();
    match chars.next() {
        Some(c) if superscript(c).is_some() || c == '^' => true,
        Some('-' | '\u{2212}' | '\u{2013}') => {
            let tail = chars.as_str();
            let digits = tail.len() - tail.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            // `2·10–4·50` is a range of two decimals, not 2 × 10⁻⁴.
            digits > 0 && !tail[digits..].starts_with(['·', '.', '\u{2219}', '\u{22C5}'])
        }
        _ => false,
    }
}

/// `s` with its line breaks joined as a quote of it is written: a break between two
/// characters of Latin script (words, digits, signs) is the space a reader sees there
/// (`Placebo\nn=120` quotes as `Placebo n=120`); one beside Japanese script or its full-width
/// punctuation, beside white space, or after a hyphen that broke a word (`treat-\nment`) is
/// nothing, as Japanese is written without spaces and a PDF breaks its lines anywhere.
///
/// ```
/// use trialstats_documents::text::plain::lines_joined;
/// assert_eq!(lines_joined("Table 1 Baseline\nPlacebo\nn=120"), "Table 1 Baseline Placebo n=120");
/// assert_eq!(lines_joined("期待され\n\nます。"), "期待されます。");
/// assert_eq!(lines_joined("午後\n4 時"), "午後4 時");
/// assert_eq!(lines_joined("long-\nterm use \n of it\r\n"), "long-term use  of it");
/// ```
pub fn lines_joined(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\n' && c != '\r' {
            out.push(c);
            continue;
        }
        while chars.next_if(|&n| n == '\n' || n == '\r').is_some() {}
        let before = out.chars().next_back();
        let after = chars.peek().copied();
        let joins_words = |c: Option<char>| {
            c.is_some_and(|c| {
                !c.is_whitespace() && !is_japanese_script(c) && !is_full_width_punctuation(c)
            })
        };
        let broken_word = matches!(before, Some('-' | '\u{2010}' | '\u{00AD}'));
        if joins_words(before) && joins_words(after) && !broken_word {
            out.push(' ');
        }
    }
    out
}

/// Japanese punctuation and the full-width forms (`。`, `、`, `（`, `）`, `：`, `％`): no space
/// is written beside them.
fn is_full_width_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// A kanji, hiragana or katakana character (after which a sign is a minus, not a hyphen, and
/// beside which a comma between digits separates them).
pub fn is_japanese_script(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Is a comma between digits (`before` it the plain text so far, `rest` the original after it) one that separates the numbers of a
/// list in Japanese text (`摂取4,8,12週間後`: weeks 4, 8 and 12)? Japanese writes decimals
/// with a point, never a comma, so a comma between digits that is not a thousands group
/// (three digits after it) separates, where the numbers touch Japanese script (before the
/// first number of the list or after the number that follows the comma) or anywhere in a
/// document that punctuates its Japanese clauses with the comma (`japanese_commas`:
/// `F(疲労)59,47,C(混乱)48,45`).
fn japanese_list_comma(before: &str, rest: &str, japanese_commas: bool) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let next_end = rest.find(|c: char| !digit(c)).unwrap_or(rest.len());
    let next = rest[..next_end].chars().count();
    if next == 0 {
        return false;
    }
    let tail = &rest[next_end..];
    if next == 3 {
        // `1,200 mg`: a thousands group.
        return false;
    }
    let before = before.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | ' '));
    japanese_commas
        || before.chars().next_back().is_some_and(is_japanese_script)
        || tail.chars().next().is_some_and(is_japanese_script)
}

/// Is a comma between digits (`before` it the plain text so far, `rest` the original after it)
/// the one that joins a bracketed pair after a value (`3 (2,4)`: a median and its quartiles,
/// as a table prints `P50 (P25, P75)` with no space), in a document that writes its decimals
/// with a point (`points_elsewhere`)? Such a document writes no decimal comma: the bracket
/// opens right after a number, holds one number before the comma and one after it, closing
/// it, the value between them; three digits after the comma are a thousands group
/// (`(1,200)`).
fn bracketed_pair_comma(before: &str, rest: &str, points_elsewhere: bool) -> bool {
    static PAIR_OPENED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static PAIR_CLOSED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let opened = PAIR_OPENED.get_or_init(|| {
        regex::Regex::new(r"(?P<v>\d+(?:\.\d+)?)%?[ ]?[(\[][ ]?(?P<a>-?\d+(?:\.\d+)?)$")
            .expect("the pair pattern is valid")
    });
    let closed = PAIR_CLOSED.get_or_init(|| {
        regex::Regex::new(r"^(?P<b>(?:\d{1,2}|\d{4,})(?:\.\d+)?)[ ]?[)\]]")
            .expect("the pair's end pattern is valid")
    });
    if !points_elsewhere {
        return false;
    }
    let (Some(o), Some(c)) = (opened.captures(before), closed.captures(rest)) else {
        return false;
    };
    let number = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<f64>().ok());
    // The value stands between the pair's two numbers, as a median between its quartiles
    // (`7.2 (1,3)` is no pair: a spread printed with a decimal comma).
    match (
        number(o.name("v")),
        number(o.name("a")),
        number(c.name("b")),
    ) {
        (Some(v), Some(a), Some(b)) => a <= v && v <= b,
        _ => false,
    }
}

/// The units of measure after digits set apart by `・` that make the dot a decimal point
/// (`1・65kg`, `2・4%`): no list of values counts in them.
const NAKAGURO_UNITS: [&str; 16] = [
    "%",
    "％",
    "kg",
    "ｋｇ",
    "キロ",
    "cm",
    "センチ",
    "mm",
    "ミリ",
    "g",
    "グラム",
    "倍",
    "点",
    "ポイント",
    "メートル",
    "m",
];

/// Is the katakana middle dot at `at` of `original` (between digits) the decimal point of
/// Japanese newspapers and older abstracts, which set digits in vertical lines with `・` for
/// the point (`体重が1・65kg減少`, `2・4%`, `25・5カ月`, `26・9(SE1・4)`)? The same dot also
/// lists numbers (`1・2月`, `3・4年生`, `術後3・6・12か月`, `129±3・128±4`), so it is a point
/// only where the pair cannot be a list:
/// - a chain of three (`3・6・12`), a year (`2007・9`) or a number that already has a point
///   on either side (`45.4・67.2`) is a list;
/// - a unit of measure after the digits (`kg`, `%`, `倍`), or a spread after them
///   (`5・3±1・2`), makes it a point;
/// - so do digits after it that begin with 0 (`p<0・05`): no list writes `05`;
/// - so does a pair that does not rise (`25・5`, `7・5`): a list of values in order rises;
/// - and a spread's digits (`±1・2`, `SE1・4`), unless another ± follows: then the dot sets
///   the next mean ± SD of a list apart (`±3・128±4`);
/// - a pair that rises is a point too where the document prints its points so elsewhere
///   (`points_elsewhere`: `42・1%`, `0・05`; then `4週目5・6回` is 5.6 times), unless a time's
///   or a category's counter follows (`1・2月`, `3・6か月`, `1・2年生`), which lists.
///
/// `before` is the plain text so far (it ends in the digits before the dot), `rest` the
/// original after the dot (it starts with digits).
fn nakaguro_decimal_point(before: &str, rest: &str, points_elsewhere: bool) -> bool {
    match read_nakaguro(before, rest) {
        DotReading::List => false,
        DotReading::SurePoint | DotReading::Point => true,
        DotReading::Rising { listed } => points_elsewhere && !listed,
    }
}

/// What the digits around a `・` say of it, before the document's other dots are asked
/// ([`nakaguro_decimal_point`]).
enum DotReading {
    /// A list's separator: a chain, a year, a point already on either side, a pair of means ±
    /// SD (or no digits after the dot).
    List,
    /// A point no list could be: a unit of measure or a spread after the digits, or digits
    /// after the dot that begin with 0.
    SurePoint,
    /// A point by the pair's order: it does not rise, or the digits are a spread's.
    Point,
    /// A rising pair; `listed` where a counter of a time, an ordinal, a category or people
    /// follows (`1・2月`, `1・2回目`, `3・4年生`, `5・6人`) or a word that numbers items stands
    /// before (`第1・2回`, `表1・2`, `Grade 3・4`): those list.
    Rising { listed: bool },
}

fn read_nakaguro(before: &str, rest: &str) -> DotReading {
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return DotReading::List;
    }
    let (after, tail) = rest.split_at(digits);
    let head = before.trim_end_matches(|c: char| c.is_ascii_digit());
    let whole = &before[head.len()..];
    let mut next = tail.chars();
    let chained = matches!(next.next(), Some('・' | '･' | '.' | '．'))
        && next.next().is_some_and(|c| c.is_ascii_digit());
    if head.ends_with(['・', '･', '.']) || chained || whole.len() == 4 {
        return DotReading::List;
    }
    let tail = tail.trim_start_matches(' ');
    let spread = head.trim_end().ends_with('±') || head.ends_with("SE") || head.ends_with("SD");
    if spread && tail.starts_with('±') {
        return DotReading::List;
    }
    if NAKAGURO_UNITS.iter().any(|u| tail.starts_with(u))
        || tail.starts_with('±')
        || after.starts_with('0')
    {
        return DotReading::SurePoint;
    }
    let (Ok(a), Ok(b)) = (whole.parse::<u64>(), after.parse::<u64>()) else {
        return DotReading::List;
    };
    if b <= a || spread {
        return DotReading::Point;
    }
    const COUNTERS: [&str; 25] = [
        "月", "年", "日", "週", "か月", "カ月", "ヶ月", "ヵ月", "ケ月", "箇月", "時間", "歳", "代",
        "型", "期", "回目", "番", "度", "級", "相", "群", "号", "人", "名", "例",
    ];
    const NUMBERING: [&str; 8] = [
        "第",
        "表",
        "図",
        "Grade",
        "grade",
        "グレード",
        "Stage",
        "stage",
    ];
    DotReading::Rising {
        listed: COUNTERS.iter().any(|u| tail.starts_with(u))
            || NUMBERING.iter().any(|w| head.trim_end().ends_with(w)),
    }
}

/// Does `original` print a decimal point as `・` somewhere no list could
/// ([`DotReading::SurePoint`]: `42・1%`, `5・3±1・2`, `p<0・05`)? Then its other rising pairs
/// are points too ([`nakaguro_decimal_point`]).
fn nakaguro_points_elsewhere(original: &str) -> bool {
    original.match_indices(['・', '･']).any(|(at, dot)| {
        let before = &original[..at];
        before.ends_with(|c: char| c.is_ascii_digit())
            && matches!(
                read_nakaguro(before, &original[at + dot.len()..]),
                DotReading::SurePoint
            )
    })
}

/// Is the separator at `at` of `original` (a thin, narrow or no-break space, a figure space or
/// an apostrophe) one between groups of three digits, `1 234` or `1'234`? Such a separator is
/// dropped from the plain text, so the number reads whole (`1 234,5` keeps its decimal comma).
fn thousands_gap(original: &str, at: usize, c: char) -> bool {
    if !matches!(
        c,
        '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' | '\'' | '\u{2019}'
    ) {
        return false;
    }
    let before = &original[..at];
    let run = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let after = &original[at + c.len_utf8()..];
    let next = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=3).contains(&run) && next == 3
}

/// Units that end a table's row label, which text extraction glues to the first cell
/// (`Age, years52.10 ± 9.80`, `BMI, kg/m²28.1 ± 4.2`).
const LABEL_UNITS: [&str; 16] = [
    "years", "yrs", "y", "months", "weeks", "days", "kg", "kg/m2", "cm", "mm", "mmHg", "mg/dL",
    "mmol/L", "g/dL", "bpm", "points",
];

/// Is the digit that starts `rest` the first cell of a table row glued to its label's unit
/// (`plain` so far ends `Age, years`; `rest` is `52.10 ± 9.80`)? Only a cell that holds a
/// summary (a ± or a bracket follows the number) is set apart, so names such as `G93A` stay
/// whole.
fn glued_to_label(plain: &str, rest: &str) -> bool {
    // A change's cell may open with its sign (`∆ BMI, kg/m2-0.4 (-0.9; 0.0)`).
    let unsigned = rest.strip_prefix(['-', '\u{2212}']).unwrap_or(rest);
    if !unsigned.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let rest = unsigned;
    let Some(unit) = LABEL_UNITS.iter().find(|u| plain.ends_with(*u)) else {
        return false;
    };
    let label = &plain[..plain.len() - unit.len()];
    if !label.ends_with([' ', ',']) {
        return false;
    }
    let tail = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    let tail = tail.trim_start_matches([' ', '\u{00A0}', '\u{2009}']);
    tail.starts_with(['±', '(', '[']) || tail.starts_with("+/-")
}

/// Where the cells of a table row that text extraction glued together start again: the
/// byte offsets in `original` before which a space sets two numbers apart.
///
/// A web page's table copied as text loses the space between its cells, so one row prints
/// `Private78.679.30.83079.481.00.542` for 78.6, 79.3, 0.830, 79.4, 81.0 and 0.542. A run of
/// digits holding several decimal points is several numbers; where each ends is decided by the
/// table's own numbers: the cells printed apart in the lines around say how many decimals a
/// value below one (a p) and a larger value carry, and the split whose numbers keep those
/// decimals is taken, and its numbers below one print one number of decimals, as do its
/// others. A run is left whole (and unread) where two splits fit equally well, where no split
/// keeps the decimals alike, or where a part would open with a zero (`0357.6`) or run past
/// three digits (`14814532.1`, integers glued); a run of two decimal points whose first number
/// is a year (`2018.12.25`) is a date.
pub fn glued_cell_breaks(original: &str) -> Vec<usize> {
    static RUN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let run = RUN
        .get_or_init(|| regex::Regex::new(r"\d[\d.]*\d").expect("the digit-run pattern is valid"));
    let lines: Vec<(usize, &str)> = {
        let mut at = 0;
        original
            .split_inclusive('\n')
            .map(|l| {
                let start = at;
                at += l.len();
                (start, l)
            })
            .collect()
    };
    let mut breaks = Vec::new();
    for (i, &(line_start, line)) in lines.iter().enumerate() {
        let runs: Vec<regex::Match> = run
            .find_iter(line)
            .filter(|m| m.as_str().matches('.').count() >= 2)
            .collect();
        if runs.is_empty() {
            continue;
        }
        // The row's own cells printed apart decide first; the lines around where the row
        // prints none of a kind.
        let around = &lines[i.saturating_sub(15)..(i + 16).min(lines.len())];
        let (around_small, around_large, _) = printed_decimals(around.iter().map(|(_, l)| *l));
        let (row_small, row_large, widest) = printed_decimals(std::iter::once(line));
        let small = row_small.unwrap_or(around_small.unwrap_or(3));
        let large = row_large.unwrap_or(around_large.unwrap_or(1));
        for m in runs {
            let text = m.as_str();
            if text.split('.').any(str::is_empty) {
                continue;
            }
            let Some(cuts) = best_split(text, small, large, widest) else {
                continue;
            };
            // Glued to the row's label (`Private78.6`): set apart from it too.
            if line[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphabetic() || c == ')' || c == '%')
            {
                breaks.push(line_start + m.start());
            }
            breaks.extend(cuts.into_iter().map(|c| line_start + m.start() + c));
        }
    }
    breaks.extend(glued_count_breaks(original));
    breaks.sort_unstable();
    breaks.dedup();
    breaks
}

/// Where a count with its bracketed share, a table's `n (%)` cell, is glued to what stands
/// before it: the row's label (`Female292 (85.1)`) or the cell before (`(85.1)318 (88.3)`).
/// Only a whole number followed by a bracketed decimal that can be its share (0 to 100) is
/// set apart, after a bracket's close or after a word of three letters or more (not a name
/// such as `CD4` or `IL6`).
fn glued_count_breaks(original: &str) -> Vec<usize> {
    static GLUED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let glued = GLUED.get_or_init(|| {
        regex::Regex::new(r"(?:\)|(?-u:\b)\p{L}{3,})(?P<count>\d+) \((?P<share>\d{1,3}\.\d+)\)")
            .expect("the glued-count pattern is valid")
    });
    let mut at = 0;
    let mut out = Vec::new();
    while let Some(c) = glued.captures_at(original, at) {
        let count = c.name("count").expect("count");
        let share: f64 = c["share"].parse().unwrap_or(f64::INFINITY);
        // The bracket closing the previous cell is itself the next match's start.
        at = count.end();
        if share <= 100.0 {
            out.push(count.start());
        }
    }
    out
}

/// The decimals most often printed, in `lines`, by numbers standing apart (not glued to another
/// number): of those below one (`0.578`, mostly p values) and of the others (`57.7`), `None`
/// where the lines print none of that kind; and the most digits an integer part of those
/// others has (0 where none).
fn printed_decimals<'l>(
    lines: impl Iterator<Item = &'l str>,
) -> (Option<usize>, Option<usize>, usize) {
    static APART: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let apart = APART.get_or_init(|| {
        regex::Regex::new(r"(?:^|[^\d.])(\d+)\.(\d+)(?:$|[^\d.])")
            .expect("the apart-number pattern is valid")
    });
    let mut small = [0usize; 6];
    let mut large = [0usize; 6];
    let mut widest = 0;
    for line in lines {
        for c in apart.captures_iter(line) {
            let d = c[2].len().min(5);
            if &c[1] == "0" {
                small[d] += 1;
            } else {
                large[d] += 1;
                widest = widest.max(c[1].len());
            }
        }
    }
    let mode = |counts: &[usize; 6]| {
        (1..6)
            .max_by_key(|&d| (counts[d], std::cmp::Reverse(d)))
            .filter(|&d| counts[d] > 0)
    };
    (mode(&small), mode(&large), widest)
}

/// The cut points (byte offsets into `run`) that split a run of digits with several decimal
/// points into numbers of one point each, keeping the decimals `small` (for a number below one)
/// and `large` (for the others) and no integer part wider than `widest` digits (0: no bound);
/// `None` where no split is clearly best (see [`glued_cell_breaks`]).
fn best_split(run: &str, small: usize, large: usize, widest: usize) -> Option<Vec<usize>> {
    // The cuts count one byte a digit: a run of full-width digits (`１２.３４.５`, three bytes
    // each) is not split.
    if !run.is_ascii() {
        return None;
    }
    let parts: Vec<&str> = run.split('.').collect();
    // parts[0] is the first number's integer part, parts[last] the last one's decimals; each
    // part between holds one number's decimals and the next one's integer part.
    let gaps = &parts[1..parts.len() - 1];
    if gaps.iter().any(|g| g.len() < 2) {
        return None;
    }
    let choices: usize = gaps.iter().map(|g| g.len() - 1).product();
    if choices > 4096 {
        return None;
    }
    // `2018.12.25`: a date.
    if parts.len() == 3
        && parts[0].len() == 4
        && (parts[0].starts_with("19") || parts[0].starts_with("20"))
    {
        return None;
    }
    // Each number of a split: its integer part and its decimals; `None` where a part opens
    // with a zero or runs past three digits (no table cell glued to another prints so).
    let numbers = |splits: &[usize]| -> Option<Vec<(&str, usize)>> {
        let mut integer = parts[0];
        let mut out = Vec::with_capacity(parts.len() - 1);
        for (g, &s) in gaps.iter().zip(splits) {
            out.push((integer, s));
            integer = &g[s..];
        }
        out.push((integer, parts[parts.len() - 1].len()));
        out.iter()
            .all(|(i, _)| i.len() <= 3 && !(i.len() > 1 && i.starts_with('0')))
            .then_some(out)
    };
    // Cells of one kind print one number of decimals: a split is judged first by how many
    // different decimals its values below one and its other values carry (one each at most),
    // then by how many differ from what the table prints apart.
    let cost_of = |numbers: &[(&str, usize)]| -> Option<usize> {
        let mut below = std::collections::BTreeSet::new();
        let mut above = std::collections::BTreeSet::new();
        let mut off = 0;
        for &(integer, decimals) in numbers {
            let (set, want) = if integer == "0" {
                (&mut below, small)
            } else {
                (&mut above, large)
            };
            set.insert(decimals);
            // A value wider than any the row prints apart (`71.28` beside `1.38`).
            off += usize::from(decimals != want)
                + usize::from(widest > 0 && integer != "0" && integer.len() > widest);
        }
        (below.len() <= 1 && above.len() <= 1).then_some(off)
    };
    let mut best: Option<(usize, Vec<usize>)> = None;
    let mut tied = false;
    for choice in 0..choices {
        let mut rest = choice;
        let mut splits = Vec::with_capacity(gaps.len());
        for g in gaps {
            let n = g.len() - 1;
            splits.push(rest % n + 1);
            rest /= n;
        }
        let Some(cost) = numbers(&splits).as_deref().and_then(cost_of) else {
            continue;
        };
        match &best {
            Some((b, _)) if cost > *b => {}
            Some((b, _)) if cost == *b => tied = true,
            _ => {
                best = Some((cost, splits));
                tied = false;
            }
        }
    }
    // Only a split that keeps every number as the table prints it apart is taken.
    let (cost, splits) = best?;
    if tied || cost > 0 {
        return None;
    }
    // Cut offsets: after each gap's decimals.
    let mut at = parts[0].len() + 1;
    let mut cuts = Vec::with_capacity(splits.len());
    for (g, s) in gaps.iter().zip(splits) {
        cuts.push(at + s);
        at += g.len() + 1;
    }
    Some(cuts)
}

impl PlainText {
    /// Make `original` plain.
    ///
    /// ```
    /// use trialstats_documents::text::PlainText;
    /// // Full-width digits and a mid-dot decimal (The Lancet's p=0·38) become ASCII; each plain
    /// // byte still knows where it came from in the original.
    /// let original = "７名, p=0·38";
    /// let plain = PlainText::new(original);
    /// assert_eq!(plain.text, "7名, p=0.38");
    /// let at = plain.text.find("0.38").unwrap();
    /// assert_eq!(&original[plain.original_span(at..at + 4)], "0·38");
    /// // The Lancet prints decimals with a middle dot (0·38); a minus may be U+2212 (−4.93);
    /// // "ﬁ" is one ligature character; full-width forms (ｔ（２８）＝２．２０) are ASCII's.
    /// let plain = PlainText::new("HR 0·38, t(37) = −4.93, signiﬁcant; ｔ（２８）＝２．２０");
    /// assert_eq!(plain.text, "HR 0.38, t(37) = -4.93, significant; t(28)=2.20");
    /// ```
    pub fn new(original: &str) -> PlainText {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut line_starts = vec![0];
        let mut in_exponent = false;
        let kanji_digits = positional_kanji_digits(original);
        let glued_breaks = glued_cell_breaks(original);
        // Japanese academic writing punctuates its clauses with the comma (`対象に,プラセボ`):
        // such a document never writes a decimal comma.
        let nakaguro_points = nakaguro_points_elsewhere(original);
        // A decimal point between digits anywhere (`4.4`, `0.05`) and no decimal comma outside
        // a bracket's pair (`12,5 kg`): the document writes its decimals with a point.
        static DECIMAL_COMMA: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let decimal_comma = DECIMAL_COMMA.get_or_init(|| {
            regex::Regex::new(r"\d,\d{1,2}(?:[^\d,)\]]|$)")
                .expect("the decimal comma pattern is valid")
        });
        let decimal_points = original
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
            && !decimal_comma.is_match(original);
        let japanese_commas = original.char_indices().any(|(i, c)| {
            is_japanese_script(c) && original[i + c.len_utf8()..].starts_with([',', '，'])
        });
        for (at, c) in original.char_indices() {
            if c == '\n' {
                line_starts.push(at + 1);
            }
            if let Ok(k) = kanji_digits.binary_search_by_key(&at, |(a, _)| *a) {
                text.push(kanji_digits[k].1);
                origin.resize(text.len(), at);
                in_exponent = false;
                continue;
            }
            let exponent_digit = superscript(c).is_some()
                && (in_exponent || text.ends_with("10") || text.ends_with("10^"));
            let rest = &original[at + c.len_utf8()..];
            let between_digits = text.ends_with(|b: char| b.is_ascii_digit())
                && rest.starts_with(|d: char| d.is_ascii_digit());
            if glued_to_label(&text, &original[at..]) || glued_breaks.binary_search(&at).is_ok() {
                text.push(' ');
            }
            // The Lancet's decimal point, a middle dot between digits (`0·38`), is a point;
            // `2·10⁻⁴` keeps its dot as a multiplication sign.
            if matches!(c, '·' | '\u{2219}' | '\u{22C5}')
                && between_digits
                && !exponent_after_dot(rest)
                || matches!(c, '・' | '･')
                    && between_digits
                    && nakaguro_decimal_point(&text, rest, nakaguro_points)
            {
                text.push('.');
            } else if matches!(c, ',' | '，')
                && between_digits
                && (japanese_list_comma(&text, rest, japanese_commas)
                    || bracketed_pair_comma(&text, rest, decimal_points))
            {
                text.push_str(", ");
            } else if matches!(c, '.' | '．')
                && text.ends_with(is_japanese_script)
                && rest.starts_with(|d: char| d.is_ascii_digit() || ('０'..='９').contains(&d))
            {
                // `2年目に進んだ.1年の時点で`: a point right after kana or kanji is the full
                // stop of papers that print `.` for `。` (J-STAGE's house style), never a
                // decimal point, which follows a digit (or `=`, a space: `p = .03`).
                text.push('。');
            } else if thousands_gap(original, at, c) {
                // Dropped: the digits read as one number.
            } else if c == '²'
                && text.ends_with("kg/m")
                && rest.starts_with(|d: char| d.is_ascii_digit())
            {
                // `kg/m²28.1`: the unit's square, then a glued cell (set apart below).
                text.push('2');
            } else {
                match plain_char(c, &text, in_exponent) {
                    Plain::Replace(s) => text.push_str(s),
                    Plain::Keep => text.push(c),
                    Plain::Ideograph(d) => text.push(d),
                    Plain::Drop => {}
                }
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
    ///
    /// ```
    /// use trialstats_documents::text::PlainText;
    /// // A finding quotes the document as printed: the plain "-2.15" on the second line is
    /// // "－2.15" in the original, with the full-width minus (3 bytes in UTF-8).
    /// let original = "投与群\n実薬群－2.15";
    /// let plain = PlainText::new(original);
    /// let at = plain.text.find("-2.15").unwrap();
    /// let span = plain.original_span(at..at + "-2.15".len());
    /// assert_eq!(&original[span.clone()], "－2.15");
    /// assert_eq!(plain.line_of(span.start), 2);
    /// ```
    pub fn original_span(&self, range: Range<usize>) -> Range<usize> {
        let start = self.origin[range.start.min(self.text.len())];
        let end = self.origin[range.end.min(self.text.len())];
        start..end.max(start)
    }

    /// The plain text with the original's tabs where they stood: a tab is made a space for
    /// reading sentences, but it is also how a table copied from a page or a PDF sets its
    /// cells apart, so the table reader ([`crate::draft::table`]) is given this text. Both are
    /// one byte, so every offset is the plain text's.
    ///
    /// ```
    /// use trialstats_documents::text::PlainText;
    /// let original = "Age\t52 ± 9\t51 ± 10";
    /// let plain = PlainText::new(original);
    /// assert_eq!(plain.text, "Age 52 ± 9 51 ± 10");
    /// assert_eq!(plain.text_with_tabs(original), original);
    /// ```
    pub fn text_with_tabs(&self, original: &str) -> String {
        let mut bytes = self.text.clone().into_bytes();
        for (i, b) in bytes.iter_mut().enumerate() {
            if *b == b' ' && original.as_bytes().get(self.origin[i]) == Some(&b'\t') {
                *b = b'\t';
            }
        }
        String::from_utf8(bytes).expect("a space made a tab keeps the text UTF-8")
    }

    /// The plain offset of the original offset `at`: the first plain byte that comes from at or
    /// after it (origins only grow, so a binary search), on a character's start. The way back
    /// from an item's span (in the original) to the plain text the readers search.
    ///
    /// ```
    /// use trialstats_documents::text::PlainText;
    /// let original = "実薬群－2.15 (n)";
    /// let plain = PlainText::new(original);
    /// let at = original.find(" (n)").unwrap();
    /// assert_eq!(&plain.text[plain.plain_offset(at)..], " (n)");
    /// ```
    pub fn plain_offset(&self, at: usize) -> usize {
        let mut k = self.origin[..=self.text.len()].partition_point(|&o| o < at);
        while !self.text.is_char_boundary(k) {
            k += 1;
        }
        k
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
    fn kanji_digits_written_positionally_are_numbers_and_words_stay_words() {
        let original =
            "最高血圧一三〇mmHg、最低血圧八五mmHg、三〇名、一二・七低下、六〇%。一日一回、二三日";
        let p = PlainText::new(original);
        assert_eq!(
            p.text,
            "最高血圧130mmHg, 最低血圧85mmHg, 30名, 12.7低下, 60%。一日一回, 二三日"
        );
        let at = p.text.find("12.7").unwrap();
        assert_eq!(&original[p.original_span(at..at + 4)], "一二・七");
    }

    #[test]
    fn a_comma_joining_a_bracketed_pair_after_a_value_separates_where_decimals_take_a_point() {
        // Made-up cells: a median and its quartiles with no space after the comma, in a
        // document that prints its decimals with a point (61.5).
        let p = PlainText::new("age 61.5; 3 (2,4), 2 [1,3], n 4 (1,200)");
        assert_eq!(p.text, "age 61.5; 3 (2, 4), 2 [1, 3], n 4 (1,200)");
        // A document with no decimal point may write decimal commas: left as printed.
        let p = PlainText::new("score 3 (2,4)");
        assert_eq!(p.text, "score 3 (2,4)");
        // Nor one that writes a decimal comma elsewhere (`12,5 kg`), whatever its points.
        let p = PlainText::new("p = 0.04; weight 12,5 kg (10,2)");
        assert_eq!(p.text, "p = 0.04; weight 12,5 kg (10,2)");
        // A value outside the pair is no median between its quartiles (a spread printed with
        // a decimal comma, `7.2 (1,3)`).
        let p = PlainText::new("HbA1c 7.2 (1,3) %");
        assert_eq!(p.text, "HbA1c 7.2 (1,3) %");
    }

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
        // The symbol-font glyphs of PDF text extraction (made-up numbers in the form an
        // abstract's PDF prints): `8.8 ⫾ 1.1 (mean ⫾ SEM, P ⬍ 0.001)`, `IOP ⬎21`, `P ⫽ 0.04`.
        let p =
            PlainText::new("8.8 \u{2AFE} 1.1 (P \u{2B0D} 0.001), IOP \u{2B0E}21, P \u{2AFD} 0.04");
        assert_eq!(p.text, "8.8 ± 1.1 (P < 0.001), IOP >21, P = 0.04");
        // A symbol font's plus extracted as `þ` after a value is the `+` of `+/-`; elsewhere
        // the letter stays.
        let p = PlainText::new("from 17.96þ/-7.08 to 14.41 þ/-7.60 in Þórr's þing");
        assert_eq!(p.text, "from 17.96+/-7.08 to 14.41 +/-7.60 in Þórr's þing");
        // Kangxi radicals a PDF's copy gives for ideographs (U+2F49 ⽉, U+2F47 ⽇, U+2F0A ⼊)
        // are the ideographs; the quote keeps what was printed.
        let original = "2020年4⽉1⽇より、介⼊群30名";
        let p = PlainText::new(original);
        assert_eq!(p.text, "2020年4月1日より, 介入群30名");
        let at = p.text.find("介入群").unwrap();
        assert_eq!(
            &original[p.original_span(at..at + "介入群".len())],
            "介⼊群"
        );
    }

    #[test]
    fn japanese_decimal_dots_and_list_commas() {
        // Newspapers set decimals with a katakana middle dot before a unit; before a counter
        // the dot lists (made-up numbers in the forms printed).
        let p = PlainText::new("体重が1・65kg(2・4%)減少、腹囲は2・2％減少。1・2月、3・4年生");
        assert_eq!(
            p.text,
            "体重が1.65kg(2.4%)減少, 腹囲は2.2%減少。1・2月, 3・4年生"
        );
        // Older abstracts print every decimal with the dot: a pair that does not rise, a
        // spread's digits, a mean before its ±, digits after the dot that begin with 0. Chains,
        // years, rising pairs before a counter of time and pairs of means ± SD stay lists.
        let p = PlainText::new(
            "65・4歳、18・5カ月、26・9(SE1・4)、p<0・05、5・3±1・2。3・6・12か月、2007・9・3、45.4・67.2、129±3・128±4mmHg、24・32週時",
        );
        assert_eq!(
            p.text,
            "65.4歳, 18.5カ月, 26.9(SE1.4), p<0.05, 5.3±1.2。3・6・12か月, 2007・9・3, 45.4・67.2, 129±3・128±4mmHg, 24・32週時"
        );
        // A rising pair is a point where the document prints its points with the dot
        // elsewhere (`42・1%`); before a counter of time or a category it still lists.
        let p = PlainText::new("投与前7・5回から4週目5・6回に減少、改善率42・1%。1・2月、3・4年生");
        assert_eq!(
            p.text,
            "投与前7.5回から4週目5.6回に減少, 改善率42.1%。1・2月, 3・4年生"
        );
        let p = PlainText::new("4週目5・6回に減少した。");
        assert_eq!(p.text, "4週目5・6回に減少した。");
        let p = PlainText::new("42・1%。第1・2回、表1・2、Grade 3・4、5・6人、3・6ケ月後");
        assert_eq!(
            p.text,
            "42.1%。第1・2回, 表1・2, Grade 3・4, 5・6人, 3・6ケ月後"
        );
        // A comma between numbers that touch Japanese script separates them (Japanese never
        // writes a decimal comma); a thousands group and European decimals stay.
        let p = PlainText::new("摂取4,8,12週間後、1,200 mg/day、12，5週。p = 0,03 and 2,5 mg");
        assert_eq!(
            p.text,
            "摂取4, 8, 12週間後, 1,200 mg/day, 12, 5週。p = 0,03 and 2,5 mg"
        );
        // A document whose Japanese clauses end with a comma writes no decimal comma at all.
        let p = PlainText::new("得点は,F(疲労)59,47,C(混乱)48,45であった。");
        assert_eq!(p.text, "得点は,F(疲労)59, 47,C(混乱)48, 45であった。");
        // A point right after kana or kanji ends the sentence (`.` printed for `。`); after a
        // digit, `=` or a space it stays a point.
        let p = PlainText::new("2年目に進んだ.1年の時点で5.8 kg, p = .03であった．2例");
        assert_eq!(
            p.text,
            "2年目に進んだ。1年の時点で5.8 kg, p = .03であった。2例"
        );
    }

    #[test]
    fn table_cells_glued_by_text_extraction_are_set_apart_by_the_tables_own_decimals() {
        // Made-up numbers in the form a web page's table takes when copied: the row's label,
        // then two arms' percentages (one decimal) and a p (three), twice, with no space.
        let table = "Age (mean, SD)57.7 (12.4)55.6 (12.5)0.00357.6 (12.4)57.2 (11.7)0.578\n\
                     Private78.679.30.83079.481.00.542\n\
                     Medicaid5.06.90.1885.16.40.374\n";
        let plain = PlainText::new(table);
        assert!(
            plain.text.contains("12.5) 0.003 57.6 (12.4)"),
            "{}",
            plain.text
        );
        assert!(
            plain
                .text
                .contains("Private 78.6 79.3 0.830 79.4 81.0 0.542"),
            "{}",
            plain.text
        );
        assert!(
            plain.text.contains("Medicaid 5.0 6.9 0.188 5.1 6.4 0.374"),
            "{}",
            plain.text
        );
        // Each plain number still maps back to its digits in the original.
        let at = plain.text.find("0.188").unwrap();
        assert_eq!(&table[plain.original_span(at..at + 5)], "0.188");
        // Left whole: a date, integers glued (`148 145 32.1`), and a split the row's decimals
        // cannot decide (31.1 17.10 or 31.11 7.10 beside cells of one and of two decimals).
        // A count with its share glued to its row's label and to the cell before.
        let plain = PlainText::new("Female292 (85.1)318 (88.3)\nCD4 (45.2)\n");
        assert!(
            plain
                .text
                .starts_with("Female 292 (85.1) 318 (88.3)\nCD4 (45.2)"),
            "{}",
            plain.text
        );
        for whole in [
            "2018.12.25",
            "Non-HF14814532.10.567",
            "Exercise 31.117.10 -45.1 0.55",
        ] {
            assert_eq!(glued_cell_breaks(whole), Vec::<usize>::new(), "{whole}");
        }
    }

    #[test]
    fn lancet_points_locale_separators_and_glued_cells() {
        // A middle dot between digits is a decimal point; before 10 and an exponent, a sign of
        // multiplication.
        let p = PlainText::new(
            "p=0·38, 2·1 (1·3–3·4), 0\u{2219}5 and 0\u{22C5}7; 2·10⁻⁴, HR 2·10 (1·5–3·0), 2·10–4·50; Jones·Smith",
        );
        assert_eq!(
            p.text,
            "p=0.38, 2.1 (1.3-3.4), 0.5 and 0.7; 2·10-4, HR 2.10 (1.5-3.0), 2.10-4.50; Jones·Smith"
        );
        // Thin, narrow and no-break spaces and apostrophes between groups of three digits.
        let original = "1\u{2009}234 and 12\u{202F}345\u{202F}678, 1\u{00A0}234,5 and 1'234.50, 1’234; 7\u{00A0}days, 2\u{00A0}1234";
        let p = PlainText::new(original);
        assert_eq!(
            p.text,
            "1234 and 12345678, 1234,5 and 1234.50, 1234; 7 days, 2 1234"
        );
        let at = p.text.find("12345678").unwrap();
        assert_eq!(
            &original[p.original_span(at..at + 8)],
            "12\u{202F}345\u{202F}678"
        );
        // A cell glued to its row's label by text extraction is set apart.
        let p = PlainText::new(
            "Age, years52.10 ± 9.80\nBMI, kg/m²28.1 ± 4.2\nBMI, kg/m228.1 (4.2)\nG93A, IL6 2 years9",
        );
        assert_eq!(
            p.text,
            "Age, years 52.10 ± 9.80\nBMI, kg/m2 28.1 ± 4.2\nBMI, kg/m2 28.1 (4.2)\nG93A, IL6 2 years9"
        );
        assert_eq!(PlainText::new("0.2〜1.4").text, "0.2~1.4");
        // A change's cell opens with its sign; a hyphen between words stays.
        assert_eq!(
            PlainText::new("∆ BMI, kg/m2-0.4 (-0.9; 0.0)\nAge, years-old 5").text,
            "∆ BMI, kg/m2 -0.4 (-0.9; 0.0)\nAge, years-old 5"
        );
    }
}
