//! The words of reports that say which group, which time point and which measure a number
//! belongs to, in English and Japanese. [`super::structure`] reads them around each summary.
//!
//! Each cue is a pattern of how reports are written, not of one document:
//! - **groups** are named by a group noun (`the drug group`, `placebo arm`, `実薬群`), by the
//!   comparators every trial names (`placebo`, `vehicle`, `sham`, `usual care`, `プラセボ`), or
//!   by what patients received (`patients receiving 6 mg`, `those treated with X`);
//! - **time points** by a visit (`week 12`, `month 6`, `day 28`, `12 weeks`, `1 年後`,
//!   `24週`), an anchor (`baseline`, `before`, `after treatment`, `pre-`, `post-`, `治療前`,
//!   `投与後`, `開始時`, `end of treatment`, `follow-up`);
//! - **a time course** by a transition between two values (`from A to B`, `A → B`,
//!   `A から B に`, `A より B へ`);
//! - **a change** (values that are themselves changes) by `change`, `fell by`, `reduction
//!   of`, `変化量`, `低下量`;
//! - **a new measure** by a content word between two values that is none of the above, a unit
//!   or a function word (`age 52 ± 11 years and disease duration 6 ± 4 years`).

use regex::Regex;
use std::sync::OnceLock;

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("a valid pattern"))
}

/// A phrase found in a stretch of text: where it stands (byte offsets in that stretch) and
/// its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The comparators every trial names, and the words that make a noun phrase a group.
/// A comparator is named by what it gives (a placebo, a sham, the usual care) or by what it
/// withholds or delays (no treatment, a wait list: the control of many behavioural trials),
/// or by the abbreviations papers give the control group in their tables, in capitals as
/// printed (`EG (n = 35) CG (n = 33)`, `IG | CG`, `CTRL`, `Con = control group`): the
/// twenty-second new-user trial's table named its arms `EG` and `CG` only, and the drug's arm
/// was drafted as the control. What is withheld may be named by the intervention itself (`No
/// intervention (N = 29)`, `non-intervention`, `no exercise`, `untreated`): the fifty-ninth
/// trial's frailty table named its control so, and every comparison was drafted the wrong way
/// round.
const COMPARATORS: &str = r"placebo|vehicle|sham|(?:usual|standard|routine|conventional)(?:\s+[a-z]+)?[\s-]+(?:care|treatment|therapy|preparation|practice)|standard of care|treatment as usual|controls?|no treatment|no[\s-]intervention|non-?intervention|no[\s-](?:exercise|training|supplementation|therapy)|untreated|wait-?list(?:ed)?|wait(?:ing)? list|(?-i:\b(?:CG|CTRL|Ctrl|CON|Con)\b)|プラセボ|偽薬|対照|コントロール|無治療|非介入|介入なし|待機|通常ケア|通常治療|通常診療|標準治療|従来治療";

/// A dose inside a Japanese group's name (`本剤10mg群`, `エスシタロプラム20mg群`, `0.5%製剤群`),
/// a range of doses of a flexible-dose arm (`ラツーダ40-80mg群`, `20～60mg群`) or a combination's
/// doses (`375/125 mg 群`, printed with a space or a PDF's line break before `群`): digits are part
/// of the name only when a unit of dose follows them, so a value printed before the name
/// (`−13.7±10.0、X群`) or a visit (`12週後の本剤群`) never joins it.
const JA_DOSE: &str = r"[0-9０-９]+(?:[.．][0-9０-９]+)?(?:[-‐–~〜～/／][0-9０-９]+(?:[.．][0-9０-９]+)?)?\s?(?:mg/kg|mg|ｍｇ|μg|µg|mcg|g|mL|単位|%|％)";

/// A Latin name with digits inside a Japanese group's name (`DPP-4阻害剤併用群`, `SGLT2阻害薬群`,
/// `GLP-1群`): it starts with a letter, so a value before the name never joins it.
const LATIN_NAME: &str = r"[A-Za-zα-ωΑ-Ω][A-Za-z0-9α-ωΑ-Ω\-]*[0-9][A-Za-z0-9]*";

/// Group phrases in `s`: `in the drug group`, `placebo arm`, `the 6 mg group`, `patients
/// receiving X`, `実薬群` (with the capitalised Latin words of its name: `Sham Acupuncture群`,
/// `Waiting list群`; an abbreviation set apart from the noun by a space: `KBH 群`, `P 群`),
/// bare comparators, and the groups an observational report sets by outcome (`survivors` and
/// `nonsurvivors`, `responders` and `non-responders`). Overlapping matches keep the longest.
pub fn groups(s: &str) -> Vec<Phrase> {
    static P: OnceLock<Regex> = OnceLock::new();
    // The pattern ignores whitespace (`x`): the comparators' spaces (`usual care`) are
    // written as such.
    let comparators = COMPARATORS.replace(' ', r"\s+");
    let p = re(
        &P,
        &format!(
            r"(?ix)
            (?P<recv>\b(?:patients|participants|subjects|those|women|men|children|group|arm|cohort)\s+(?:receiving|treated\s+with|taking|given|on)\s+(?:[a-z0-9][a-z0-9\-+./]*)(?:\s+\d+(?:\.\d+)?\s*(?:mg|µg|mcg|g|mg/kg|iu|units?)|\s+(?:care|therapy|treatment|medication|management|diet))?)
          | (?P<noun>\b(?:group|arm|cohort)s?\b)
          | (?P<within>\b(?:patients|participants|subjects|those)\s+in\s+the\s+(?:[a-z0-9][a-z0-9\-+./]*\s+){{0,2}}(?:programme|program|intervention|condition))
          | (?P<ja>(?:(?-i:[A-Z])[A-Za-z\-]*\x20){{0,3}}(?:(?:[^\s、。，,：:;；（）()「」・群\d０-９]{{1,12}}・)?(?:[^\s、。，,：:;；（）()「」・群\d０-９]|{JA_DOSE}\s?|{LATIN_NAME}){{1,20}}|(?-i:[A-Z][A-Za-z0-9\-]*)\x20)(?:群|グループ))
          | (?P<cmp>\b(?:{comparators})\b)
          | (?P<outcome>\b(?:non-?survivors|survivors|non-?responders|responders)\b)
        "
        ),
    );
    let mut out: Vec<Phrase> = Vec::new();
    for c in p.captures_iter(s) {
        // `in the relaxation group on POD 1`, `the drug arm on day 3`: the `on` opens a time,
        // not what the group receives: the group is the noun and the words before it.
        let span = match c.name("recv").and_then(|r| noun_before_a_time(s, r)) {
            Some(noun) => Some(noun),
            None => group_span(s, &c),
        };
        let Some((start, end)) = span else {
            continue;
        };
        // `placebo-controlled`, `sham-controlled`: the design's adjective, no group.
        if c.name("cmp").is_some() && names_a_design(&s[end..]) {
            continue;
        }
        // `群間` (between groups), `群内` (within a group), `群別` (by group): a compound of
        // the noun, naming no group (`調整済み平均値の群間差`, the difference between groups).
        if c.name("ja").is_some() && s[end..].starts_with(['間', '内', '別']) {
            continue;
        }
        // `症候群` (a syndrome: `下肢静止不能症候群`, `ネフローゼ症候群`): a disease's
        // name, no group of patients.
        if c.name("ja").is_some() && s[..end].ends_with("症候群") {
            continue;
        }
        // `善玉菌と呼ばれる群` (the group called good bacteria), `〜といわれるグループ`: a kind of
        // thing the text names by what it is called, a category, not patients given a
        // treatment.
        if c.name("ja").is_some() && names_a_kind_so_called(&s[start..end]) {
            continue;
        }
        // `それぞれA群`, `を除くA群`, `CIはそれぞれA群`: the words before the name are the
        // sentence's grammar; `各群` (each group) names none.
        let start = if c.name("ja").is_some() {
            match japanese_grammar_before_name(&s[start..end]) {
                Some(cut) => start + cut + after_a_counted_schedule(s, start + cut, end),
                None => continue,
            }
        } else {
            start
        };
        // A PDF's line break inside a Japanese name (`375/125 mg\n群`) is no part of it.
        let text = match c.name("ja") {
            Some(_) => s[start..end].trim().replace(['\n', '\r'], ""),
            None => s[start..end].trim().to_string(),
        };
        let trimmed = strip_leading_words(&text);
        if trimmed.is_empty() {
            continue;
        }
        if out.last().is_some_and(|l: &Phrase| l.end > start) {
            out.pop();
        }
        out.push(Phrase {
            start: start + (s[start..end].len() - s[start..end].trim_start().len()),
            end,
            text: trimmed,
        });
    }
    push_numbers_sharing_the_noun(s, &mut out);
    push_named_beside_comparator(s, &mut out);
    push_listed_drug(s, &mut out);
    push_dose_after_value(s, &mut out);
    push_cases_set_against_each_other(s, &mut out);
    out.sort_by_key(|p| p.start);
    out
}

/// Where a phrase matched as a group receiving something (`group on POD 1`) is a group noun
/// followed by a time (`on POD 1`, `on day 3`): the noun's name, as [`group_name_start`] reads
/// it back from the noun (`the relaxation group`). `None` where the words after the verb are
/// no time, or the phrase opens with people rather than a group's noun (`patients on day 3`).
fn noun_before_a_time(s: &str, r: regex::Match) -> Option<(usize, usize)> {
    let phrase = r.as_str();
    let noun_len = ["group", "arm", "cohort"]
        .iter()
        .find(|n| phrase.len() >= n.len() && phrase[..n.len()].eq_ignore_ascii_case(n))?
        .len();
    let on = phrase.to_lowercase().find(" on ")?;
    let time = times(&s[r.start() + on..]);
    time.first().filter(|t| t.start <= 1)?;
    let start = group_name_start(s, r.start());
    (start < r.start()).then_some((start, r.start() + noun_len))
}

/// Is `c` a hiragana letter (the kana of particles, endings and words written without kanji)?
pub(crate) fn is_hiragana(c: char) -> bool {
    ('ぁ'..='ゖ').contains(&c)
}

/// Where a Japanese name found from `start` to `end` of `s` really starts, as an offset from
/// `start`: a name cut off by a number before it (`6セッションの集団認知行動療法群`, `1日2回の
/// 運動群`: digits end no name, so the match opens at the counter) begins after the counter's
/// `の`: the number, its counter and `の` say how much of the treatment the arm was given, and
/// the report names the arm again without them (`集団認知行動療法群で2.4±2.1`). 0 otherwise.
fn after_a_counted_schedule(s: &str, start: usize, end: usize) -> usize {
    let after_a_number = s[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if !after_a_number {
        return 0;
    }
    let phrase = &s[start..end];
    match phrase.find('の') {
        // The counter is a short Japanese word of its own (`セッション`, `回`, `週間`; a unit
        // of a dose, `2LのA群`, is no schedule), and a name is left after it.
        Some(at)
            if phrase[..at].chars().count() <= 6
                && phrase[..at]
                    .chars()
                    .all(crate::text::plain::is_japanese_script)
                && at + 'の'.len_utf8() < phrase.len() =>
        {
            let rest = &phrase[at + 'の'.len_utf8()..];
            let head = rest
                .strip_suffix('群')
                .or_else(|| rest.strip_suffix("グループ"));
            if head.is_some_and(|h| !h.trim().is_empty()) {
                at + 'の'.len_utf8()
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// Where a Japanese group's name begins in `phrase` (a stretch ending in `群` or `グループ`):
/// after the last adverb or verb of the sentence before it (`それぞれ`, `を除く`, `各々`), or
/// after the topic's particle glued to the word before it (`CIはA群`: `は` after `I`, not a
/// kana). The case particles stay: a group is often
/// named by a clause (`メトホルミンを併用した群`, `プラセボに割り付けた群`). `None` where what is
/// left names no group: `各群`, `両群`, `全群` (each, both, all groups).
fn japanese_grammar_before_name(phrase: &str) -> Option<usize> {
    // A threshold and its particle before the name (`「改善」以上でA群52.4%`: the share at
    // or above a grade) is the sentence's grammar too.
    let mut cut = [
        "それぞれ",
        "を除く",
        "を除いた",
        "各々",
        "のうち",
        "以上で",
        "以下で",
        "未満で",
    ]
    .iter()
    .filter_map(|w| phrase.rfind(w).map(|i| i + w.len()))
    .max()
    .unwrap_or(0);
    let chars: Vec<(usize, char)> = phrase.char_indices().collect();
    for (k, w) in chars.windows(2).enumerate() {
        let ((_, before), (i, particle)) = (w[0], w[1]);
        if i >= cut && "はも".contains(particle) && !is_hiragana(before) && !before.is_whitespace()
        {
            cut = i + particle.len_utf8();
        }
        // `投与8週後で実薬群12例`, `1年半~2年で初回治療群`: `で` after a word closes the
        // time or place before the name (`では` with its `は`); `での` joins a name's words
        // (`自宅でのケア群`).
        let next = chars.get(k + 2).map(|&(_, c)| c);
        if i >= cut
            && particle == 'で'
            && !is_hiragana(before)
            && !before.is_whitespace()
            && next != Some('の')
        {
            cut = i
                + particle.len_utf8()
                + if next == Some('は') {
                    'は'.len_utf8()
                } else {
                    0
                };
        }
    }
    let name = phrase[cut..].trim();
    let head = name
        .strip_suffix('群')
        .or_else(|| name.strip_suffix("グループ"))
        .unwrap_or(name)
        .trim();
    (!head.is_empty() && !["各", "両", "全", "各投与", "全投与"].contains(&head)).then_some(cut)
}

/// Pushes onto `out` the groups named by their numbers after one noun (`Group I and II`,
/// `groups 1, 2 and 3`, `arms A or B`): each number after the first is a group of its own, named
/// with the noun (`Group II`), as `Group I and Group II` would name it. Only numbers of the
/// first's kind (digits, or capitals: letters and Roman numerals) continue the list.
fn push_numbers_sharing_the_noun(s: &str, out: &mut Vec<Phrase>) {
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    static NEXT: OnceLock<Regex> = OnceLock::new();
    let numbered = re(
        &NUMBERED,
        r"(?i)^(group|arm|cohort)s?[\s\u{a0}]+([0-9]{1,3}|(?-i:[A-Z]{1,3}))$",
    );
    let next = re(
        &NEXT,
        r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)([0-9]{1,3}|[A-Z]{1,3})\b",
    );
    let found: Vec<Phrase> = out.clone();
    for p in found {
        let Some(c) = numbered.captures(&p.text) else {
            continue;
        };
        let noun = c[1].to_string();
        let digits = c[2].bytes().all(|b| b.is_ascii_digit());
        let mut at = p.end;
        while let Some(m) = next.captures(&s[at..]) {
            let number = m.get(1).expect("the number");
            if number.as_str().bytes().all(|b| b.is_ascii_digit()) != digits {
                break;
            }
            let (start, end) = (at + number.start(), at + number.end());
            if out.iter().any(|q| q.start < end && start < q.end) {
                break;
            }
            out.push(Phrase {
                start,
                end,
                text: format!("{noun} {}", number.as_str()),
            });
            at = end;
        }
    }
}

/// Pushes the match `m` onto `out` as a group's phrase, unless a phrase found already covers
/// any of it (the longer reading, found first, stands).
fn push_unless_covered(out: &mut Vec<Phrase>, m: regex::Match) {
    if out.iter().any(|p| p.start < m.end() && m.start() < p.end) {
        return;
    }
    out.push(Phrase {
        start: m.start(),
        end: m.end(),
        text: m.as_str().to_string(),
    });
}

/// Two kinds of cases named together, as Japanese reports split their patients by an outcome
/// (`食欲低下例と食欲不変例`, `有効例および無効例`, `改善例と非改善例`): each a noun of two
/// characters or more before `例`, joined by `と`, `および`, `及び` or a comma; the words for
/// cases in general (`症例`, `全例`, `本例`) name no group.
fn push_cases_set_against_each_other(s: &str, out: &mut Vec<Phrase>) {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        r"([\p{Han}\p{Katakana}ー]{2,10}例)\s*(?:と|および|及び|、|，|,)\s*([\p{Han}\p{Katakana}ー]{2,10}例)",
    );
    let general = |name: &str| {
        ["症例", "全例", "本例", "各例", "自験例", "対象例"]
            .iter()
            .any(|g| name.ends_with(g) && name.chars().count() <= 3)
    };
    for c in p.captures_iter(s) {
        let (a, b) = (c.get(1).expect("first"), c.get(2).expect("second"));
        if general(a.as_str()) || general(b.as_str()) {
            continue;
        }
        for m in [a, b] {
            push_unless_covered(out, m);
        }
    }
}

/// Does a Japanese group phrase name a kind by what it is called (`…と呼ばれる群`, `…といわれる
/// グループ`) rather than a group of patients?
fn names_a_kind_so_called(phrase: &str) -> bool {
    let name = phrase
        .trim_end()
        .trim_end_matches("グループ")
        .trim_end_matches('群');
    [
        "と呼ばれる",
        "と呼ばれている",
        "といわれる",
        "と言われる",
        "といわれている",
        "と言われている",
    ]
    .iter()
    .any(|w| name.ends_with(w))
}

/// Does `rest`, right after a comparator's word, make it an adjective of the design
/// (`placebo-controlled`, `sham controlled`, `vehicle-matched`) rather than a group's name?
fn names_a_design(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['-', '‐', '–', ' ']).to_lowercase();
    ["controlled", "control trial", "control study", "matched"]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// Where the group a match `c` of the group pattern names starts and ends in `s` (its
/// number, its Japanese name without the particles before it, the words before its noun),
/// or `None` when it names no group (`the group` alone).
fn group_span(s: &str, c: &regex::Captures) -> Option<(usize, usize)> {
    let m = c.get(0).expect("the match");
    let (mut start, mut end) = (m.start(), m.end());
    let numbered = c.name("noun").is_some() && {
        // `group 1`, `Group B`, `arm II`: a group named by its number. After a group named
        // before its noun (`In the control group BMI rose`), capitals that are no Roman
        // numeral and are followed by a lower-case word other than a group's noun open the
        // clause's next words (a measure's abbreviation), no number; an abbreviation of the
        // group's own name stands alone, before its n (`exercise group EG (n = 20)`) or before
        // the next group (`LI group HI group`).
        let number = group_number_len(&s[end..]).filter(|&len| {
            let label = s[end..end + len].trim();
            let acronym = label.len() >= 2
                && label.chars().all(|c| c.is_ascii_uppercase())
                && !label.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
            let next_word: String = s[end + len..]
                .strip_prefix(' ')
                .unwrap_or("")
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            let clause_goes_on = next_word.starts_with(|c: char| c.is_ascii_lowercase())
                && !["group", "groups", "arm", "arms", "cohort"].contains(&next_word.as_str());
            !(acronym && clause_goes_on && group_name_start(s, start) < start)
        });
        end += number.unwrap_or(0);
        number.is_some()
    };
    if c.name("ja").is_some() {
        start = ja_group_name_start(s, start, end);
        if names_every_group(&s[start..end]) || refers_back(&s[start..end]) {
            return None;
        }
    }
    // `parallel-group, placebo-controlled`, `a single-arm study`, `a two-group design`: the
    // noun hyphenated to the word before it makes an adjective of the design, no group,
    // where such a noun or another of the design's words follows.
    if c.name("noun").is_some() && !numbered && s[..start].ends_with(['-', '‐']) {
        // (A comma may stand between two of the design's adjectives, `parallel-group,
        // placebo-controlled`.)
        let after = s[end..]
            .trim_start()
            .trim_start_matches([',', '、'])
            .trim_start()
            .to_lowercase();
        let describes = [
            "design",
            "trial",
            "study",
            "studies",
            "rct",
            "randomi",
            "crossover",
            "cross-over",
            "double-blind",
            "open-label",
            "placebo-controlled",
            "controlled",
            "multicent",
        ]
        .iter()
        .any(|w| after.starts_with(w));
        if describes {
            return None;
        }
    }
    // `the age group 18-39 years`, `age groups`: a band of ages, no arm.
    if c.name("noun").is_some() && s[..start].trim_end().to_lowercase().ends_with("age") {
        return None;
    }
    if c.name("noun").is_some() && !numbered {
        let name_start = group_name_start(s, start);
        if name_start == start {
            // `the group` alone names no group.
            return None;
        }
        start = name_start;
    }
    Some((start, end))
}

/// The length of the number or letter naming a group at the start of `rest` (the text right
/// after its noun), with the spaces before it: `1`, `B`, `II`; `None` when none follows.
fn group_number_len(rest: &str) -> Option<usize> {
    let label: String = rest
        .trim_start_matches([' ', '\u{a0}'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let ok = !label.is_empty()
        && label.len() <= 3
        && (label.chars().all(|c| c.is_ascii_digit())
            || label.chars().all(|c| c.is_ascii_uppercase()));
    let skip = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
    // `age group 18-39 years`, `group 40 to 60`: a range's first bound, a category of the
    // patients, not a group named by its number.
    let after = rest[skip + label.len()..].trim_start();
    let opens_a_range = label.chars().all(|c| c.is_ascii_digit())
        && (after.starts_with(['-', '–', '~', '〜'])
            && after[after.chars().next().map_or(0, char::len_utf8)..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
            || after.starts_with("to ")
                && after[3..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit()));
    (ok && !opens_a_range).then_some(skip + label.len())
}

/// A Japanese word for every group or both (`各群`, `両群`, `全投与群`: each, both, all
/// groups) rather than one group's name.
fn names_every_group(name: &str) -> bool {
    let Some(rest) = name
        .strip_suffix('群')
        .or_else(|| name.strip_suffix("グループ"))
        .and_then(|n| n.strip_prefix(['各', '両', '全']))
    else {
        return false;
    };
    ["", "投与", "治療", "介入"].contains(&rest)
}

/// The demonstratives that make a Japanese group noun refer back (this, that, the same).
const DEMONSTRATIVES: [&str; 7] = ["この", "その", "同", "当該", "上記", "前記", "あの"];

/// A Japanese group noun after a demonstrative (`この群`, `このグループ`, `その群`, `同群`, `当該
/// 群`, `上記グループ`: this, that, the same group) refers to a group named before it; it
/// names no group of its own.
fn refers_back(name: &str) -> bool {
    name.strip_suffix('群')
        .or_else(|| name.strip_suffix("グループ"))
        .is_some_and(|head| DEMONSTRATIVES.contains(&head))
}

/// Does `s` speak of a group named before it (`この群の HbA1c`, `このグループの90%`)? Which
/// group is not said by the words (the nearest one named is often another), so a value there
/// is of some group of the document, never of the whole sample.
pub(crate) fn refers_to_a_group_before(s: &str) -> bool {
    DEMONSTRATIVES
        .iter()
        .any(|d| s.contains(&format!("{d}群")) || s.contains(&format!("{d}グループ")))
}

/// Where a Japanese group's name `name` starts when the text before it ends in a surname of
/// an author list (`皆川 陽一, …, 伊藤 和憲介入群8例中7例`: a research database's page copies
/// its authors, `姓 名` each, glued to the abstract): the given name, one or two kanji after
/// the surname and its space, is no part of the group's name. 0 where `before` ends in no such
/// surname (one after a list's comma: a heading's word before a space, `方法 運動群`, is none)
/// or nothing of the name would be left before its noun.
fn after_a_given_name(before: &str, name: &str, noun: usize) -> usize {
    static SURNAME: OnceLock<Regex> = OnceLock::new();
    let surname = re(&SURNAME, r"[,、，]\s*\p{Han}{1,4}[ \u{3000}]$");
    if !surname.is_match(before) {
        return 0;
    }
    let given: usize = name
        .chars()
        .take(2)
        .take_while(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .map(char::len_utf8)
        .sum();
    if given > 0 && name.len() > given + noun {
        given
    } else {
        0
    }
}

/// Where a Japanese group's name `name` (ending in a group noun `noun` bytes long) starts
/// after a clause before it: one that ends in a verb's or an adjective's form closing it
/// (`変化のなかった対照グループ`: the control group, which did not change; `投与した実薬群`)
/// describes the group, whose name is what follows. A name that is only such a clause
/// (`改善した群`) keeps it: 0.
fn after_a_clause(name: &str, noun: usize) -> usize {
    [
        "なかった",
        "った",
        "した",
        "いた",
        "れた",
        "ない",
        "する",
        "いる",
    ]
    .iter()
    .filter_map(|p| name.rfind(p).map(|k| k + p.len()))
    .max()
    .filter(|&k| {
        name.len() > k + noun
            && name[k..].starts_with(|c: char| {
                ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{30A0}'..='\u{30FF}').contains(&c)
            })
    })
    .unwrap_or(0)
}
/// Where a Japanese group's `name` (ending with its noun, `noun` bytes) begins after a
/// postpositional phrase before it (`20mg群におけるプラセボ群`, `本試験において実薬群`,
/// `無作為配置により前期教育群`, `A群が6.9%に対しB群`), which relates it to what comes
/// before and is no part of it: the bytes to skip.
fn after_a_postposition(name: &str, noun: usize) -> usize {
    [
        "における",
        "において",
        "により",
        "によって",
        "に対する",
        "に対して",
        // Two groups set against each other (`A群が6.9%に対しB群が32.1%`, `A群に比べB群`).
        "に対し",
        "に比べ",
        "と比べ",
        "と比較して",
        "に比較して",
        "では",
        "には",
        "での",
        "について",
        "として",
        "とは",
    ]
    .iter()
    .filter_map(|p| name.rfind(p).map(|k| k + p.len()))
    .max()
    .filter(|&k| name.len() > k + noun)
    .unwrap_or(0)
}

/// Where a Japanese group's `name` begins after the rest of a time printed before it, the
/// time's digits left out of the match (`21~24週のプラセボ群`, `12ヵ月後の実薬群`): the bytes
/// to skip.
fn after_the_rest_of_a_time(name: &str, noun: usize) -> usize {
    [
        "週間後の",
        "週後の",
        "週目の",
        "週間の",
        "週の",
        "ヵ月後の",
        "カ月後の",
        "ヶ月後の",
        "か月後の",
        "ヵ月の",
        "カ月の",
        "ヶ月の",
        "か月の",
        "日後の",
        "日目の",
        "日の",
        "年後の",
        "年の",
        "時間後の",
        "時間の",
    ]
    .iter()
    .find(|t| name.starts_with(*t) && name.len() > t.len() + noun)
    .map_or(0, |t| t.len())
}

/// Where a Japanese group's name `s[start..end]` starts once the particle, postpositional
/// phrase or conjunction before it is left out.
fn ja_group_name_start(s: &str, mut start: usize, end: usize) -> usize {
    // `実薬群及びプラセボ群`: a conjunction (or a particle) before the second name
    // joins two groups; it is not part of the name.
    // A topic or subject particle ends the words before the name (`変化量は実薬群`).
    // A counter glued to the number before it (`A群35名とB群`: 35 people) closes that count;
    // it opens no name.
    if s[..start].ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        if let Some(counter) = ["症例", "名", "例", "人", "匹", "頭", "眼", "施設", "件"]
            .iter()
            .find(|c| s[start..end].starts_with(*c))
        {
            start += counter.len();
        }
    }
    let name = &s[start..end];
    // The group noun the name ends with (`実薬群`, `セマグルチドグループ`).
    let noun = if name.ends_with("グループ") {
        "グループ".len()
    } else {
        "群".len()
    };
    if let Some(k) = name.rfind(['は', 'が']) {
        start += k + 'は'.len_utf8();
    }
    // An object particle ends the words before a name written without kana (`対象者を
    // liraglutide群に`, those allotted to it); a name that is a clause keeps its own
    // (`プラセボを投与した群`: the kana of its verb follow the particle).
    let name = &s[start..end];
    if let Some(k) = name[..name.len() - noun].rfind('を')
        && !name[k + 'を'.len_utf8()..name.len() - noun]
            .chars()
            .any(is_hiragana)
    {
        start += k + 'を'.len_utf8();
    }
    // A sentence's end or a heading's bracket before the name (`検討した.〔対象〕運動群`, as
    // journals that print `.` and `,` for `。` and `、` set an abstract's parts) ends the words
    // before it; a decimal point (`0.5mg群`) does not.
    let name = &s[start..end];
    let ends_before = name
        .char_indices()
        .filter(|&(k, c)| {
            "。．〕】］」".contains(c)
                || c == '.' && !name[k + 1..].starts_with(|d: char| d.is_ascii_digit())
        })
        .map(|(k, c)| k + c.len_utf8())
        .max()
        .filter(|&k| name.len() > k + noun);
    if let Some(k) = ends_before {
        start += k;
    }
    start += after_a_postposition(&s[start..end], noun);
    start += after_the_rest_of_a_time(&s[start..end], noun);
    start += after_a_clause(&s[start..end], noun);
    start += after_a_given_name(&s[..start], &s[start..end], noun);
    let name = &s[start..end];
    for joiner in [
        "及び",
        "および",
        "並びに",
        "又は",
        "または",
        "と",
        "や",
        "は",
        "で",
        "の",
    ] {
        if name.starts_with(joiner) && name.len() > joiner.len() + noun {
            start += joiner.len();
            break;
        }
    }
    start
}

/// Words that cannot be part of a group's name before its noun (prepositions, articles,
/// verbs, quantifiers).
const NOT_IN_GROUP_NAME: [&str; 27] = [
    "in", "for", "among", "with", "of", "the", "a", "an", "and", "or", "vs", "vs.", "versus", "to",
    "from", "by", "at", "points", "point", "was", "were", "is", "are", "both", "each", "all",
    "than",
];

/// Units of a dose that name an arm with the number before them (`the 10 mg group`, `the
/// 0.5 mg/kg arm`, `the 300 IU group`).
const DOSE_UNITS: [&str; 9] = ["mg", "mg/kg", "µg", "μg", "mcg", "g", "iu", "units", "ml"];

/// Where the name of a group whose noun starts at `start` begins: up to three words before
/// the noun (four where an article opens them), back to a word that cannot be part of a name (a preposition, an article, a
/// number with a unit other than a dose's); `start` itself when no word before it is part of
/// a name. A dose is the name of its arm (`the 10 mg group` and `the 5 mg group` are two).
fn group_name_start(s: &str, start: usize) -> usize {
    let before = &s[..start];
    let mut name_start = start;
    let mut after = String::new();
    let words: Vec<&str> = before.split_inclusive(char::is_whitespace).rev().collect();
    // A fourth word belongs to the name where an article opens it (`in the maximal volitional
    // interval training group`): the article bounds the name.
    let fourth_word_named = words
        .get(4)
        .is_some_and(|w| matches!(w.trim().to_lowercase().as_str(), "the" | "a" | "an"));
    for (k, w) in words.iter().copied().enumerate() {
        let raw = w.trim();
        let word = raw.trim_end_matches([',', ';', ':']);
        let dose = !word.is_empty()
            && word.chars().all(|c| c.is_ascii_digit() || c == '.')
            && DOSE_UNITS.contains(&after.as_str());
        after = word.to_lowercase();
        if dose {
            name_start -= w.len();
            continue;
        }
        let stop = word.is_empty() && k > 0
            || raw.ends_with([',', ';', ':', '(', ')', '.'])
            || raw.contains(['(', ')', '[', ']'])
            || NOT_IN_GROUP_NAME.contains(&word.to_lowercase().as_str())
            || word.ends_with([')', '.', ';', ','])
            || word
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '−')
                && !word.to_lowercase().ends_with("mg")
            || k >= 4
            || k == 3 && !fourth_word_named;
        if stop {
            break;
        }
        name_start -= w.len();
    }
    name_start
}

/// Pushes onto `out` each treatment named beside a comparator that no phrase found covers.
///
/// A treatment named beside a comparator is a group too, without any group noun:
/// `in the ACRE but not in the placebo group`, `etrasimod versus placebo`, `TJ-54 or
/// placebo`. The name is an acronym or a nonproprietary drug name (its WHO INN stem).
fn push_named_beside_comparator(s: &str, out: &mut Vec<Phrase>) {
    static BESIDE: OnceLock<Regex> = OnceLock::new();
    let beside = re(
        &BESIDE,
        &format!(
            r"(?x)
            \b(?P<name>[A-Z][A-Z0-9]{{1,9}}(?:-[A-Z0-9]{{1,6}})?|(?i:[a-z]{{3,}}(?:{INN_STEMS})))\b
            \s+(?:and|or|vs\.?|versus|but\s+not(?:\s+in)?|compared\s+(?:with|to))\s+(?:in\s+)?(?:the\s+)?
            (?i:{comparators})\b",
            comparators = COMPARATORS.replace(' ', r"\s+")
        ),
    );
    for c in beside.captures_iter(s) {
        push_unless_covered(out, c.name("name").expect("the name"));
    }
}

/// Pushes onto `out` the drug a list names right before its value, when no phrase found
/// covers it.
///
/// A list that names each group before its value with a comma, as journals print arms in
/// brackets or after a colon (`(semaglutide, −12.4 ± 1.1; placebo, −2.6 ± 0.9)`,
/// `changes: placebo, −0.2 ± 0.1; dapagliflozin 5 mg, −0.8 ± 0.1`): a nonproprietary drug
/// name (its WHO INN stem) with its dose, at the end of `s` (right before the value) and
/// after the list's opening (a bracket, a colon, `were`) or its separator. A measure's name in the same place (`age,
/// 52 ± 11`, `BMI, 27.6`) is no group: only a drug's name is taken.
fn push_listed_drug(s: &str, out: &mut Vec<Phrase>) {
    static LISTED: OnceLock<Regex> = OnceLock::new();
    let listed = re(
        &LISTED,
        &format!(
            r"(?x)(?:^|[;:(（]|\b(?:and|were|was|are|is))\s*(?P<name>(?i:[a-z]{{3,}}(?:{INN_STEMS}))(?:\s+\d+(?:\.\d+)?\s*(?:mg|µg|μg|mcg|g|mg/kg|IU|units?))?)\s*,\s*$"
        ),
    );
    if let Some(m) = listed.captures(s).and_then(|c| c.name("name")) {
        push_unless_covered(out, m);
    }
}

/// Pushes onto `out` each arm a list names by its dose right after a value, when no phrase
/// found covers it: `40% at 100 mg, 56% at 200 mg and 64% at 400 mg cenobamate`, `−35.5% with
/// 100 mg`. Dose-ranging reports name their arms by the dose alone; a dose so placed after a
/// value (a percentage or a number, then `at`, `with` or `on`; or opening the text between two
/// values) is the group the value is of.
/// A dose anywhere else (`received 100 mg daily`, `doses of 100 mg`) names no group. The
/// phrase's text is the dose with one space before its unit, so `100mg` and `100 mg` are one
/// group.
fn push_dose_after_value(s: &str, out: &mut Vec<Phrase>) {
    static DOSE: OnceLock<Regex> = OnceLock::new();
    let dose = re(
        &DOSE,
        r"(?x)(?:^\s*|(?:%|\d)\s+)(?:at|with|on)\s+(?:the\s+)?(?P<dose>(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>mg/kg|mg|µg|μg|mcg|g|IU|units?)(?:/day|/d)?)\b",
    );
    for c in dose.captures_iter(s) {
        let m = c.name("dose").expect("the dose");
        if out.iter().any(|p| p.start < m.end() && m.start() < p.end) {
            continue;
        }
        out.push(Phrase {
            start: m.start(),
            end: m.end(),
            text: format!(
                "{} {}{}",
                &c["amount"],
                &c["unit"],
                &s[c.name("unit").expect("the unit").end()..m.end()]
            ),
        });
    }
}

/// Does `between` (the text before a value) open a new slot of a list that names each value's
/// own subject with a comma (`; dapagliflozin 5 mg, `, `; ZX-101, `, `; and Drug B, `)? A group
/// named in an earlier slot does not carry into it.
pub fn list_slot(between: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"[;；]\s*(?:and\s+)?[^\s,;；()（）][^,;；()（）]{0,40},\s*$",
    )
    .is_match(between)
}

/// Does `between` (the text before a value) end in a short label and a colon (`、食:`,
/// `(収縮期血圧;C:`, `; Drug B: `)? The value is labelled by that word as its own subject: a
/// group named before it does not carry into it.
pub fn colon_label(between: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?:^|[、,，;；(（\s])[^\s、,，;；:：()（）0-9.]?[^\s、,，;；:：()（）]{0,11}[^\s、,，;；:：()（）0-9.]\s*[:：]\s*$|(?:^|[、,，;；(（\s])[^\s、,，;；:：()（）0-9.]\s*[:：]\s*$",
    )
    .is_match(between)
}

/// Stems of the WHO's International Nonproprietary Names that end a drug's name (`-mab`
/// antibodies, `-nib` kinase inhibitors, `-gliflozin`, `-sartan`, `-pril`, `-olol`, `-vir`,
/// …): a word ending so names a treatment.
pub(crate) const INN_STEMS: &str = "mab|nib|tinib|ciclib|parib|tide|glutide|gliptin|gliflozin|sartan|pril|olol|statin|cept|vir|previr|asvir|buvir|azole|prazole|mycin|cillin|dronate|setron|tidine|triptan|lukast|afil|oxacin|imod|zomib|lisib|degib|rafenib|lutamide|gepant|tegravir|semide|thiazide|dipine|floxacin|conazole|sertib|barb|ridone|apine|oxetine|pramine|triptyline|azepam|zolam|profen|coxib|caine|dronate|parin|xaban|gatran|grel|glinide|formin|tropium|fylline|phylline|terol|sonide|olone|fibrate|prost|rubicin|trexed";

/// A group's key: its words lower-cased without articles and group nouns (`In the Drug
/// group` and `drug arm` are one group). An `A` that ends the label is the group's letter
/// (`Group A`, a row named `A`), not an article: an article is followed by its noun.
pub fn group_key(label: &str) -> String {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        r"(?i)\b(?:in|for|among|with|of|the|group|groups|arm|arms|cohort|patients|participants|subjects|those|receiving|treated|taking|given|on)\b|\b(?:a|an)\s+|群$|グループ$",
    );
    let k = p.replace_all(label, " ").to_lowercase();
    k.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` without the function words and the design's words before a group's name (`in the`,
/// `both`, `study`). `treatment` or `study` before the plural noun is the design's (`both
/// treatment groups`, `the two study groups`); before the singular it names the arm that is
/// given the treatment, as against the placebo or control (`within the treatment group than
/// within the placebo group`, `a study group and a control group`).
fn strip_leading_words(text: &str) -> String {
    static P: OnceLock<Regex> = OnceLock::new();
    static ARM: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        r"(?i)^(?:(?:in|for|among|with|of|and|or|vs|versus|the|a|an|both|each|all|two|three|treatment|study|than|to|from|at|by|was|were|is|are)\s+)+",
    );
    let stripped = p.replace(text, "").trim().to_string();
    let treatment_arm = re(&ARM, r"(?i)\b(?:treatment|study)\s+(?:group|arm)$");
    match treatment_arm.find(text) {
        Some(m) if stripped.len() < m.len() => text[m.start()..].to_string(),
        _ => stripped,
    }
}

/// `respectively`, `それぞれ`, `各々`: where a list of values is set, in order, against a list
/// of groups (or measures) named beside it. The byte offset of the first such word.
pub fn respectively(s: &str) -> Option<usize> {
    static P: OnceLock<Regex> = OnceLock::new();
    re(&P, r"(?i)\brespectively\b|それぞれ|各々")
        .find(s)
        .map(|m| m.start())
}

/// A group's n in brackets after its name (`(n = 24)`, `（N=22）`), as a pattern.
pub(crate) const BRACKETED_N: &str = r"[(（]\s*[nN]\s*=\s*\d+\s*[)）]";

/// `s` with each bracketed n ([`BRACKETED_N`]) replaced by as many spaces as it has bytes.
fn without_bracketed_ns(s: &str) -> String {
    static P: OnceLock<Regex> = OnceLock::new();
    re(&P, BRACKETED_N)
        .replace_all(s, |c: &regex::Captures<'_>| " ".repeat(c[0].len()))
        .into_owned()
}

/// Lists of groups named together, in the order the text names them:
/// - a plural group noun after coordinated names: `the drug and placebo groups`,
///   `the 5 mg, 10 mg and placebo arms`;
/// - group phrases joined only by `and`, `or`, commas, `the`, `及び`, `および`, `と`, `、`:
///   `in the drug group and the placebo group`, `実薬群及びプラセボ群`.
///
/// Each list has at least two groups; a group's `text` is its name with the group noun, so
/// [`group_key`] reads it as any other group phrase.
pub fn coordinated_groups(s: &str) -> Vec<Vec<Phrase>> {
    static PLURAL: OnceLock<Regex> = OnceLock::new();
    static JOIN: OnceLock<Regex> = OnceLock::new();
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    let mut lists: Vec<Vec<Phrase>> = Vec::new();
    let plural = re(
        &PLURAL,
        r"(?i)\b(?:in|for|among|of|between|with|to)\s+(?:the\s+|both\s+)?((?:[\w.+/\-]+,?\s+){1,8}?(?:and|or)\s+[\w.+/\-]+(?:\s+[\w.+/\-]+)?)\s+(groups|arms|cohorts)\b",
    );
    let split = re(&SPLIT, r"(?i)\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+");
    // Each group's n printed after its name (`the metformin (n = 24) and liraglutide (n = 22)
    // groups`) is blanked for the list's reading, at the same length, so offsets still hold.
    let masked = without_bracketed_ns(s);
    let s_full = s;
    let s = masked.as_str();
    for c in plural.captures_iter(s) {
        let names = c.get(1).expect("the names");
        let noun = c.get(2).expect("the noun").as_str();
        let singular = noun.trim_end_matches('s');
        let mut list = Vec::new();
        let mut at = names.start();
        for part in split.split(names.as_str()) {
            let offset = names.as_str()[at - names.start()..]
                .find(part)
                .map_or(at, |k| at + k);
            let name = strip_leading_words(part);
            if !name.is_empty() {
                list.push(Phrase {
                    start: offset,
                    end: offset + part.len(),
                    text: format!("{name} {singular}"),
                });
            }
            at = offset + part.len();
        }
        if list.len() >= 2 {
            lists.push(list);
        }
    }
    let s = s_full;
    let join = re(
        &JOIN,
        r"(?i)^(?:\s|,|、|and|or|the|及び|および|並びに|と)*$",
    );
    let found = groups(s);
    let mut run: Vec<Phrase> = Vec::new();
    for g in found {
        let joined = run
            .last()
            .is_some_and(|l| l.end <= g.start && join.is_match(&s[l.end..g.start]));
        if !joined {
            if run.len() >= 2 {
                lists.push(std::mem::take(&mut run));
            }
            run.clear();
        }
        run.push(g);
    }
    if run.len() >= 2 {
        lists.push(run);
    }
    lists
}

/// Does `before` end with a treatment given and `for` (`treated for`, `receive antibiotic
/// treatment for`, `assigned to placebo for`), so that the durations printed next are how long
/// each arm was treated?
fn durations_of_a_treatment_before(before: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)\b(?:treated|treatment|therapy|given|received|receiving|receive|randomi[sz]ed|assigned|allocated|administered)\b[^.;:]{0,40}?\bfor\s*$",
    )
    .is_match(before)
}

/// Lists of time points named together, in order: `at 1 and 24 hours`, `at weeks 4, 8 and
/// 12`, `after 6 and 12 months`, `at baseline and week 12`, `4週時及び12週時`. Each list has
/// at least two time points, written as [`times`] writes one (`week 4`, `24 hours`).
pub fn coordinated_times(s: &str) -> Vec<Vec<String>> {
    static UNIT_FIRST: OnceLock<Regex> = OnceLock::new();
    static UNIT_AFTER: OnceLock<Regex> = OnceLock::new();
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    static JOIN: OnceLock<Regex> = OnceLock::new();
    let numbers = r"\d+(?:\s*,\s*\d+)*,?\s+(?:and|or)\s+\d+";
    let unit_first = re(
        &UNIT_FIRST,
        &format!(r"(?i)\b(weeks?|months?|days?|years?|hours?|visits?)\s+({numbers})\b"),
    );
    let unit_after = re(
        &UNIT_AFTER,
        &format!(r"(?i)\b({numbers})\s+(weeks?|months?|days?|years?|hours?)\b"),
    );
    let split = re(&SPLIT, r"(?i)\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+");
    let mut lists: Vec<(usize, Vec<String>)> = Vec::new();
    for c in unit_first.captures_iter(s) {
        let unit = c[1].to_lowercase();
        let unit = unit.trim_end_matches('s');
        let list: Vec<String> = split.split(&c[2]).map(|n| format!("{unit} {n}")).collect();
        lists.push((c.get(0).expect("match").start(), list));
    }
    for c in unit_after.captures_iter(s) {
        // `in those treated for 7 and 14 days`, `randomly assigned to receive antibiotics for 7
        // or 14 days`: durations of a treatment given are the arms' regimens, no time points.
        if durations_of_a_treatment_before(&s[..c.get(0).expect("match").start()]) {
            continue;
        }
        let unit = c[2].to_lowercase();
        let list: Vec<String> = split.split(&c[1]).map(|n| format!("{n} {unit}")).collect();
        lists.push((c.get(0).expect("match").start(), list));
    }
    // Time phrases joined only by `and`, commas, `及び`, `と`, `、`.
    let join = re(&JOIN, r"(?i)^(?:\s|,|、|and|or|及び|および|と)*$");
    let mut run: Vec<Phrase> = Vec::new();
    let flush = |run: &mut Vec<Phrase>, lists: &mut Vec<(usize, Vec<String>)>| {
        // The phrase may open with its preposition (`for 7`): what stands before its number.
        let number_at = run.first().map_or(0, |p| {
            p.start
                + s[p.start..p.end]
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(0)
        });
        if run.len() >= 2 && !durations_of_a_treatment_before(&s[..number_at]) {
            lists.push((run[0].start, run.iter().map(|p| p.text.clone()).collect()));
        }
        run.clear();
    };
    for t in times(s) {
        let joined = run
            .last()
            .is_some_and(|l| l.end <= t.start && join.is_match(&s[l.end..t.start]));
        if !joined {
            flush(&mut run, &mut lists);
        }
        run.push(t);
    }
    flush(&mut run, &mut lists);
    lists.sort_by_key(|(at, _)| *at);
    lists.into_iter().map(|(_, l)| l).collect()
}

/// The reference arm of a difference the document prints with its direction (`群間差(チルゼパチド
/// -デュラグルチド)`, `difference (drug − placebo)`, `Estimated treatment effect (Diclegis minus
/// placebo)`): the name after the minus, for each such difference, in order. Reports state the
/// direction once, where they print the difference; the arm subtracted is the one compared
/// against.
///
/// ```
/// use trialstats_documents::draft::cues::references_of_differences;
/// assert_eq!(
///     references_of_differences("群間差(チルゼパチド-デュラグルチド)c) [95%CI]"),
///     ["デュラグルチド"]
/// );
/// assert_eq!(
///     references_of_differences("Estimated treatment effect (Diclegis minus placebo) | 95% CI"),
///     ["placebo"]
/// );
/// assert!(references_of_differences("the range (10-20 mg) was wide").is_empty());
/// ```
pub fn references_of_differences(text: &str) -> Vec<String> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        r"(?i)(?:difference|diff\.|treatment\s+effect|effect|差)\s*[(（]\s*([^()（）\d−–\-]{2,40}?)\s*(?:[−–\-]|\bminus\b)\s*([^()（）\d]{2,40}?)\s*[)）]",
    );
    p.captures_iter(text)
        .map(|c| c[2].trim().to_string())
        .filter(|b| b.chars().any(char::is_alphabetic))
        .collect()
}

/// The pairs of groups a document names as compared, by their names or letters, each as the
/// two words on either side of `vs` or `versus` (`p=0.021 and p=0.007 for respectively A vs
/// C and B vs C`, `group B versus group C`), lower case, without the word `group`.
///
/// ```
/// use trialstats_documents::draft::cues::compared_pairs;
/// assert_eq!(
///     compared_pairs("p=0.021 for A vs C and p=0.007 for B vs. C; group B versus group C"),
///     [("a", "c"), ("b", "c"), ("b", "c")].map(|(x, y)| (x.to_string(), y.to_string()))
/// );
/// ```
pub fn compared_pairs(text: &str) -> Vec<(String, String)> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        r"(?i)\b(?:group\s+)?([a-z0-9][\w+\-]*)(?:\s+group)?\s+(?:vs\.?|versus)\s+(?:group\s+)?([a-z0-9][\w+\-]*)",
    );
    p.captures_iter(text)
        .map(|c| (c[1].to_lowercase(), c[2].to_lowercase()))
        .collect()
}

/// The nouns a count of people is printed with (`62 patients`, `30 volunteers`), as one
/// alternation of a pattern: the readers of group sizes in running text share it.
pub const PEOPLE_COUNTED: &str =
    "patients|participants|subjects|people|individuals|children|adults|women|men|cases|volunteers";

/// Is the group a comparator (the control of a trial)?
///
/// ```
/// use trialstats_documents::draft::cues::{group_key, is_control};
/// assert!(is_control("the placebo group") && is_control("usual care") && is_control("プラセボ群"));
/// // Hyphenated, or named by the treatment it keeps.
/// assert!(is_control("usual-care group") && is_control("通常治療群"));
/// assert!(is_control("Waitlist (N=28)") && is_control("wait-list control") && is_control("待機群"));
/// assert!(is_control("コントロールグループ"));
/// assert!(!is_control("the tocilizumab group"));
/// // "In the Drug group" and "drug arm" are one group.
/// assert_eq!(group_key("In the Drug group"), group_key("drug arm"));
/// // A group's letter is kept: `Group A` and `Group B` are two groups.
/// assert_eq!((group_key("Group A").as_str(), group_key("Group B").as_str()), ("a", "b"));
/// ```
pub fn is_control(label: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(&P, &format!(r"(?i)(?:{COMPARATORS})")).is_match(label)
}

/// What a document's legend says an abbreviated name stands for: `RPC, routine perinatal
/// care`, `RPC = routine perinatal care`, `RPC: …` (up to the next comma, semicolon or full
/// stop), or `routine perinatal care (RPC)` (the few words before the bracket). Every
/// expansion found, in the order printed.
///
/// ```
/// use trialstats_documents::draft::cues::expansions_of;
/// let legend = "PC-T, food supplement from pre-pregnancy to term, RPC, routine perinatal care";
/// assert_eq!(expansions_of(legend, "RPC"), ["routine perinatal care"]);
/// assert_eq!(expansions_of("patients on usual care (UC) and on drug", "UC"), ["patients on usual care"]);
/// assert!(expansions_of("RPCs were", "RPC").is_empty());
/// ```
pub fn expansions_of(text: &str, abbreviation: &str) -> Vec<String> {
    let a = regex::escape(abbreviation);
    let after = Regex::new(&format!(
        r"(?:^|[\s,;(])({a})\s*(?:,|=|:|–|—)\s*([^,;.\n]{{3,60}})"
    ))
    .expect("an escaped abbreviation makes a valid pattern");
    let before = Regex::new(&format!(r"((?:[A-Za-z\-]+\s+){{1,5}})\(\s*{a}\s*\)"))
        .expect("an escaped abbreviation makes a valid pattern");
    let mut found: Vec<(usize, String)> = after
        .captures_iter(text)
        .map(|c| (c.get(0).map_or(0, |m| m.start()), c[2].trim().to_string()))
        .collect();
    found.extend(
        before
            .captures_iter(text)
            .map(|c| (c.get(0).map_or(0, |m| m.start()), c[1].trim().to_string())),
    );
    found.sort();
    found.into_iter().map(|(_, e)| e).collect()
}

/// Is `s` (trimmed) one phrase of `found` and nothing else: a column header that is a group's
/// name (`A群`, `Placebo group`) with [`groups`], or a time (`Week 8`, `Baseline`) with
/// [`times`]?
pub fn is_whole(s: &str, found: fn(&str) -> Vec<Phrase>) -> bool {
    let s = s.trim();
    !s.is_empty() && found(s).iter().any(|p| p.text == s)
}

/// Does a column's header open with *before* or *after* as a preposition (`Before run-in`,
/// `After low-calorie diet (at randomization)`, `Before the first dose`)? A moment relative to
/// an event is a time whatever the event, never a group of patients; a prefix with a hyphen
/// (`Post-menopausal women`, `Pre-diabetes`) may name the people, so it does not count.
pub fn opens_with_before_or_after(header: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(&P, r"(?i)^(?:before|after)\s+[^\s\d(]").is_match(header.trim())
}

/// Time phrases in `s`.
///
/// Reports name a time point in a few grammatical forms, in both languages; the pattern is
/// built from those forms rather than from a list of phrases:
/// - a **named point**: baseline, screening, entry, discharge, follow-up, the end (or start)
///   of treatment, study, trial or intervention, the last visit;
/// - a **counted point**: a time noun and its number (`week 12`, `Day 28`, `visit 3`, `cycle
///   2`, `wk 8`), or a number and its unit with what it counts from or to (`12 weeks`, `6
///   months later`, `24 h after dosing`, `one year of treatment`), after a preposition or
///   not;
/// - a point **relative to an event**: before, during or after treatment, surgery, the
///   intervention, the trial (`before treatment`, `during trial`, `pre-treatment`, `post-test`,
///   `postoperative`);
/// - in Japanese, a period and its count in any of their orders: `投与開始24週後`, `投与12週`,
///   `投与期間第1週`, `観察期間第2週`, `介入終了後15ヶ月`, `第4週`, `52週時`, `3ヵ月後`,
///   `1週間以内`, and the named points (`治療前`, `投与開始時`, `介入直後`, `使用後`,
///   `ベースライン`, `終了時`).
pub fn times(s: &str) -> Vec<Phrase> {
    static P: OnceLock<Regex> = OnceLock::new();
    const PREP: &str =
        r"(?:(?:at|on|by|in|after|during|over|to|until|within|through)\s+)?(?:the\s+)?";
    const EVENT: &str = r"(?:(?:treatment|therapy|surgery|operation|operative|intervention|infusion|injection|transplantation|administration|dose|dosing|randomi[sz]ation|training|season|program(?:me)?|test(?:ing)?|discharge|(?:the\s+)?(?:study|trial)|the\s+(?:treatment|intervention|programme|program))s?)";
    const UNIT_EN: &str =
        r"(?:weeks?|wks?|months?|mos?|days?|years?|yrs?|hours?|hrs?|h|minutes?|mins?)";
    const NUMBER_EN: &str = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|twenty-four|thirty|thirty-six|forty-eight|fifty-two)";
    // Time points counted in order (`on the first day`, `the 6th hour`, `the second
    // postoperative day`), as abstracts list repeated measurements.
    const ORDINAL_EN: &str =
        r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))";
    const UNIT_JA: &str = r"(?:週|か月|カ月|ヶ月|ケ月|ヵ月|箇月|年|日|時間)";
    // A point right before or after the event (`immediately after the intervention`, as a
    // table's row of the visit at the programme's end is labelled).
    const NEAR: &str = r"(?:immediately|just|directly|right)\s+";
    // The events a Japanese report counts time from or names a point before or after:
    // treatment and its forms, and what an intervention study does (使用前, 摂取後, 受講後);
    // the ways a drug is given (点眼開始前, 内服後) and a switch of treatment (切り替え前).
    const EVENT_JA: &str = r"(?:投与|治療|観察|介入|試験|評価|服薬|投薬|服用|導入|維持|追跡|手術|術|移植|使用|摂取|施術|受講|実施|指導|訓練|接種|点眼|内服|注射|点滴|吸入|照射|切り?替え|切替|変更|入院|退院|開始)";
    let p = P.get_or_init(|| {
        let pattern = format!(
            r"(?ix)
          \b{PREP}(?:baseline|screening|enrol?ment|entry|admission|discharge|endpoint|(?:the\s+)?(?:end|start|beginning|completion)(?:\s+|-)of(?:\s+|-)(?:the\s+)?(?:treatment|study|trial|therapy|follow-up|intervention|programme|program|observation|period|double-blind\s+period)|last\s+visit|final\s+visit|last\s+follow-up|follow-up)\b
        | \b{PREP}(?:week|wk|month|day|year|visit|cycle|session|pod)s?\.?\s*\d+\b
        | \b{PREP}{ORDINAL_EN}[\s\-](?:post-?operative\s+|treatment\s+|study\s+)?(?:day|week|month|year|hour|visit|session|cycle)\b
        | \b{PREP}{NUMBER_EN}[\s\-]{UNIT_EN}(?:\s+(?:later|after\s+(?:the\s+)?\w+|post-?\w*|of\s+(?:treatment|therapy|follow-up)|treatment|period|study|visit|follow-up|therapy|course))?\b
        | \b(?:{NEAR})?(?:before|after|prior\s+to|following|during)\s+{EVENT}\b
        | \b(?:{NEAR})?(?:pre|post)-?{EVENT}\b
        | \b(?:pretreatment|posttreatment|preoperative|postoperative|pre-intervention|post-intervention|pretest|posttest|pre-test|post-test)\b
        | (?:{EVENT_JA}(?:期間|開始|終了)?|開始|終了)後?第?\d+\s*{UNIT_JA}(?:間)?(?:後|目|時点|時|以内)?
        | (?:\d+|[一二三四五六七八九十]+)\s*{UNIT_JA}(?:間)?(?:の時点)?(?:では|には|で)
        | 第\d+\s*(?:週|日|病日|回|クール|サイクル)(?:目|時点|時)?
        | (?:\d+|[一二三四五六七八九十]+)\s*{UNIT_JA}(?:間)?(?:後|目|時点|以内)
        | (?:\d+|[一二三四五六七八九十]+)\s*(?:週|か月|カ月|ヶ月|ケ月|ヵ月|箇月)時
        | {EVENT_JA}(?:開始|終了)?(?:直前|直後|前|後|時)
        | ベースライン | 開始時 | 開始日 | 登録時 | 終了時 | 最終評価時 | 最終観察時
        | 術前 | 術後 | 前後
        "
        );
        Regex::new(&pattern).expect("a valid pattern")
    });
    let mut found: Vec<Phrase> = p
        .find_iter(s)
        .filter(|m| !(is_baseline(m.as_str()) && change_anchor(&s[..m.start()], &s[m.end()..])))
        .filter(|m| !number_of_another(s, m.start(), m.as_str()))
        // `受講前後の変動` (over the interval before and after): the values are changes over
        // it, no point before; `本剤8mg投与時の` (when 8 mg is given): the dose names the arm,
        // no point in time.
        .filter(|m| !(m.as_str().ends_with('前') && s[m.end()..].starts_with('後')))
        .filter(|m| !(m.as_str() == "投与時" && after_a_dose(&s[..m.start()])))
        // A length after an inequality (`≥100 min: 5/7 patients vs. <40 min: 3/16`) defines
        // a subgroup by how long something took, no point in time.
        .filter(|m| {
            !s[..m.start()]
                .trim_end()
                .ends_with(['≥', '≤', '<', '>', '＜', '＞', '≧', '≦'])
        })
        .map(|m| {
            // `2週間で`, `8週間では` (at two weeks, at eight): the particle that makes the
            // length a point in time is no part of the time's name.
            let text = m.as_str();
            let named = ["では", "には", "で"]
                .iter()
                .find_map(|p| text.strip_suffix(p))
                .map_or(text, |t| t.strip_suffix("の時点").unwrap_or(t));
            Phrase {
                start: m.start(),
                end: m.start() + named.len(),
                text: named.trim().to_string(),
            }
        })
        .collect();
    let labels: Vec<Phrase> = labels_before_and_after(s)
        .into_iter()
        .filter(|l| !found.iter().any(|f| f.start < l.end && l.start < f.end))
        .collect();
    found.extend(labels);
    found.extend(before_sharing_the_event(s, &found));
    found.sort_by_key(|p| p.start);
    found
}

/// `before and after the treatment`, `pre- and post-intervention`: the first word shares the
/// event named after the second, two points (`before the treatment`, then `after the
/// treatment`), as a list of times before `respectively` prints them. So too where each word
/// follows its own value and only the second names the event (`6.8 ± 3.5 before and 0.8 ±
/// 1.2 after therapy`, `4.1 (1.0) scores before and …`): the value between them is the later
/// point's, in the same clause.
fn before_sharing_the_event(s: &str, found: &[Phrase]) -> Vec<Phrase> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        r"(?i)\b(?P<first>before|prior\s+to|pre-?)\s*(?:and|&|vs\.?|versus)\s+(?:[^,;]{0,40}?\d[^,;]{0,40}?\s)?(?P<second>after|following|post-?)\s*(?P<event>[^,;]*)$",
    );
    found
        .iter()
        .filter_map(|later| {
            let window_start = s[..later.start]
                .char_indices()
                .rev()
                .nth(90)
                .map_or(0, |(k, _)| k);
            let c = p.captures(&s[window_start..later.end])?;
            let first = c.name("first")?;
            let second = c.name("second")?;
            // The later point is the second word with its event.
            (window_start + second.start() == later.start).then(|| {
                let event = c.name("event").map_or("", |e| e.as_str()).trim();
                let word = first.as_str().trim_end_matches('-');
                Phrase {
                    start: window_start + first.start(),
                    end: window_start + first.end(),
                    text: format!("{} {event}", word.to_lowercase()),
                }
            })
        })
        .filter(|p| !found.iter().any(|f| f.start < p.end && p.start < f.end))
        .collect()
}

/// Does `before` end with a dose (`8mg`, `0.5 μg`, `100単位`)?
fn after_a_dose(before: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| Regex::new(&format!("{JA_DOSE}$")).expect("a valid pattern"))
        .is_match(before.trim_end())
}

/// A Japanese label ending in `前` or `後` right before a colon, or those alone
/// (`プログラム前:68.1±7.8kg、後:64.1±7.6kg、1年後:64.0±7.7kg`): before or after what the
/// label names, each value's time, whatever the event (a programme, a camp, a lesson). So too
/// the English words alone before a colon (`BMI (Pre: 20.8±1.9, Post: 21.2±1.8)`), or right
/// before the value (`(pre 92.4±6.1 cm vs post 89.9±5.8 cm)`), as Japanese text glues them to
/// it (`併用群がPre4.24±0.2点からPost2.55±0.2点`).
fn labels_before_and_after(s: &str) -> Vec<Phrase> {
    static P: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    let bare = re(
        &BARE,
        r"(?i)(?:^|[^A-Za-z])(?P<label>pre|post)(?:\s+[-−+]?\d|\d|\s*$)",
    )
    .captures_iter(s)
    .filter_map(|c| c.name("label"))
    .map(|m| Phrase {
        start: m.start(),
        end: m.end(),
        text: m.as_str().to_string(),
    });
    re(
        &P,
        r"(?:^|[\s、。，,;；(（「])(?P<label>[^\s、。，,:：;；()（）「」]{0,12}?(?:前|後)|(?i:pre|post|before|after))\s*[:：]",
    )
    .captures_iter(s)
    .filter_map(|c| c.name("label"))
    .map(|m| {
        // `体脂肪率の前:` (body fat's before): the words before `の` name the measure, the
        // time is what follows it.
        let time_at = m
            .as_str()
            .rfind('の')
            .map(|k| k + 'の'.len_utf8())
            .filter(|&k| k < m.as_str().len())
            .unwrap_or(0);
        Phrase {
            start: m.start() + time_at,
            end: m.end(),
            text: m.as_str()[time_at..].to_string(),
        }
    })
    .chain(bare)
    .collect()
}

/// Does a time phrase that opens with its number (`7 week`) take that number from something
/// else: a power of ten's exponent (`2.50 x 10−7` then `week` on the next line), or the last
/// number of a line of numbers (a table's row) whose next line opens with the unit? A time's
/// number and its unit are printed together.
fn number_of_another(s: &str, start: usize, phrase: &str) -> bool {
    if !phrase.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    static EXPONENT: OnceLock<Regex> = OnceLock::new();
    let before = &s[..start];
    let exponent = re(&EXPONENT, r"(?:[x×]\s*10\s*[−\-–^]?|\^)\s*$").is_match(before);
    // `Mean age was 45.7 years`, `aged 62 years`, `年齢は65歳`: a person's age in years, no
    // point in time.
    static AGE: OnceLock<Regex> = OnceLock::new();
    let age = re(
        &AGE,
        r"(?i)\bage[ds]?\b(?:\s*\((?:SD|range|years?)\))?(?:\s+(?:was|were|of|is|=|:))?[\s,:=]*(?:(?:mean|median|about|approximately)\s+)?$",
    )
    .is_match(before);
    let split_line = phrase.contains('\n') && {
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        before[line_start..].chars().any(|c| c.is_ascii_digit())
    };
    exponent || split_line || age
}

/// Is a baseline phrase, with the text `before` and `after` it, the reference of a change
/// (`change from baseline`, `ベースラインからの変化量`) rather than the time point of a value?
/// A change is measured *from* its baseline; a value *at* baseline is printed right after the
/// phrase (`from baseline 14.2 to 9.8`, `ベースラインから7.9`), so the anchor is a `from` /
/// `から` / `より` not followed by a value.
fn change_anchor(before: &str, after: &str) -> bool {
    static FROM: OnceLock<Regex> = OnceLock::new();
    static THEN: OnceLock<Regex> = OnceLock::new();
    let from_before = re(&FROM, r"(?i)\bfrom\s+(?:the\s+)?$").is_match(before);
    let from_after = after.starts_with("から") || after.starts_with("より");
    let rest = if from_after { &after[6..] } else { after };
    // A number right after it is a value, unless it is a visit (`ベースラインから52週後まで`).
    let value_next = re(
        &THEN,
        r"(?i)^[\s:：=は、,（(]*[-−－+]?[0-9０-９]+(?:[.．][0-9０-９]+)?\s*(週|か月|カ月|ヶ月|ケ月|箇月|年|日|weeks?\b|months?\b|days?\b|years?\b)?",
    )
    .captures(rest)
    .is_some_and(|c| c.get(1).is_none());
    (from_before || from_after) && !value_next
}

/// A time's key: lower case, articles and prepositions dropped (`at week 12` = `week 12`).
pub fn time_key(label: &str) -> String {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        r"(?i)\b(?:at|on|by|in|after|during|over|to|the|within)\b",
    );
    let k = p.replace_all(label, " ").to_lowercase();
    // One time however its count and unit are written: `five-year`, `5-year` and `5 years`
    // name the same point.
    static WORDS: OnceLock<Regex> = OnceLock::new();
    static JOINED: OnceLock<Regex> = OnceLock::new();
    let words = re(&WORDS, crate::text::number::number_words());
    let joined = re(&JOINED, r"(\d)-(year|month|week|day|hour|minute)");
    let k = words.replace_all(&k, |c: &regex::Captures| {
        crate::text::number::word_value(&c[0]).map_or_else(|| c[0].to_string(), |v| v.to_string())
    });
    let k = joined.replace_all(&k, "$1 $2");
    k.split_whitespace()
        .map(|w| match w {
            "years" | "months" | "weeks" | "days" | "hours" | "minutes" => &w[..w.len() - 1],
            _ => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Is this time phrase a baseline (the first of a time course)?
///
/// ```
/// use trialstats_documents::draft::cues::{is_baseline, time_key};
/// assert!(is_baseline("at baseline") && is_baseline("before treatment") && is_baseline("治療前"));
/// assert!(!is_baseline("at week 12"));
/// // A point before the event, whatever the event (`Pretraining`, `Pre-dose`), not a word that
/// // opens with the letters (`pressure`).
/// assert!(is_baseline("Pretraining") && is_baseline("Pre-dose") && !is_baseline("pressure"));
/// assert_eq!(time_key("at Week 12"), "week 12");
/// assert_eq!(time_key("five-year"), time_key("after 5 years"));
/// ```
pub fn is_baseline(label: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)baseline|screening|enrol|entry|admission|before|prior\s+to|\bpre-?(?:treatment|operative|intervention|training|exercise|therapy|infusion|injection|dos(?:e|ing)|program(?:me)?|season|study|trial|surgery|randomi[sz]ation|test)|\bpre-|前$|ベースライン|開始時|開始日|登録時",
    )
    .is_match(label)
}

/// A transition between two values of one time course: `to`, `→`, `から`, `より`, `へ`. A
/// `to` inside a bracket the gap opens and closes (`.67 (–1.0 to 1.5)`, an interval or range
/// printed between two values) joins that bracket's bounds, not the values.
///
/// ```
/// use trialstats_documents::draft::cues::transition;
/// assert!(transition(" to "));
/// assert!(!transition(" .67d (–1.0 to 1.5) "));
/// assert!(transition("→") && transition("から") && transition("(to"));
/// // Japanese prints `AがB` for `A became B` (`5.1±3.8が6.2±3.5秒`), the unit of the first
/// // value before `が` at most; a clause before it (`であったが`, `、女性が`) is none.
/// assert!(transition("が") && transition("秒が") && transition("mm が"));
/// assert!(!transition("であったが") && !transition("、女性が"));
/// ```
pub fn transition(between: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)(?:^|[\s,;(])(?:to|into|then)(?:$|[\s,;)])|→|⇒|->|から|より|^\s*[^\sぁ-ゖ、。，,;；()（）]{0,8}\s*が\s*$",
    )
    .find_iter(between)
    .any(|m| {
        // The match may take the bracket beside its word (`(to`, `to)`); both are ASCII.
        let upto = m.start() + usize::from(m.as_str().starts_with('('));
        let from = m.end() - usize::from(m.as_str().ends_with(')'));
        let before = &between[..upto];
        let opened = before.rfind(['(', '[']);
        let closed = before.rfind([')', ']']);
        let in_bracket = opened.is_some_and(|o| closed.is_none_or(|c| c < o))
            && between[from..].contains([')', ']']);
        !in_bracket
    })
}

/// The start of a range before its first end: `ranged from`, `ranging from`, `varied from`,
/// `in the range of`. The `to` after that value joins the range's two ends (the lowest and
/// the highest of the sample, or of its visits), never two times of one course.
///
/// ```
/// use trialstats_documents::draft::cues::range_before;
/// assert!(range_before("heart rate was ranged from "));
/// assert!(range_before("values ranging from") && range_before("varied from "));
/// assert!(range_before("in the range of "));
/// assert!(!range_before("improved from ") && !range_before("the dynamic range was "));
/// ```
pub fn range_before(lead: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)(?:\brang(?:e|ed|es|ing)|\bvar(?:y|ied|ies|ying))\s+(?:from|between)\s*$|\brange\s+of\s*$",
    )
    .is_match(lead.trim_end_matches([' ', ':']).trim_end())
}

/// The start of a time course before the first value: `from`, `improved from`.
pub fn from_before(lead: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)\bfrom\s*$|\bfrom\s+(?:a\s+)?(?:mean\s+(?:of\s+)?)?$",
    )
    .is_match(lead.trim_end_matches([' ', ':']).trim_end())
        || lead.trim_end().ends_with("from")
}

/// The words naming a subgroup of a sample by sex or age, as reports split one group's
/// values (`女性で108.5±1.7…、男性で110.7±2.1…`, `in women, 5.1 ± 1.2; in men, 4.8 ± 1.0`).
const SUBGROUP: &str = r"(?i)(?:\b(?:in|among|for)\s+(?:the\s+)?(?P<en>men|women|males|females|boys|girls|(?:male|female)\s+(?:patients|participants|subjects)|children|adolescents|adults|elderly(?:\s+patients)?|older\s+(?:adults|patients)|younger\s+(?:adults|patients))\b|(?P<ja>男性|女性|男子|女子|男児|女児|非高齢者|高齢者|小児|成人)(?:群)?(?:では|で|において|に限ると)?)";

/// Where a clause right before a value names a subgroup of the sample by sex or age
/// (`平均血圧が女性で`, `男性では`, `in women,`, `among older adults:`): the subgroup's start
/// in `lead`, with its words.
///
/// ```
/// use trialstats_documents::draft::cues::subgroup_before;
/// assert_eq!(subgroup_before("平均血圧が女性で"), Some((15, "女性".to_string())));
/// assert_eq!(subgroup_before(", in men, "), Some((2, "men".to_string())));
/// assert_eq!(subgroup_before("HbA1c fell in women, from "), Some((11, "women".to_string())));
/// assert_eq!(subgroup_before("mean age of the women was "), None);
/// ```
pub fn subgroup_before(lead: &str) -> Option<(usize, String)> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(&format!(
            r"{SUBGROUP}\s*[,:、，：]?\s*(?i:(?:(?:fell|rose|decreased|increased|changed|improved|went)\s+)?from\s*)?$"
        )).expect("the subgroup pattern is valid")
    });
    let c = p.captures(lead)?;
    let words = c.name("en").or(c.name("ja"))?;
    Some((c.get(0)?.start(), words.as_str().to_string()))
}

/// The subgroup of the sample by sex or age a sentence opens with (`In men, the reduction …`,
/// `Among older adults: …`, `女性では、…`): every value of that sentence is the subgroup's,
/// whose number of people is not its arm's.
///
/// ```
/// use trialstats_documents::draft::cues::opens_with_subgroup;
/// assert_eq!(opens_with_subgroup("In men, the reduction was greater").as_deref(), Some("men"));
/// assert_eq!(opens_with_subgroup("女性では、血圧が低下した").as_deref(), Some("女性"));
/// assert_eq!(opens_with_subgroup("The reduction in women was greater"), None);
/// ```
pub fn opens_with_subgroup(sentence: &str) -> Option<String> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(&format!(r"^\s*{SUBGROUP}\s*[,:、，：]")).expect("the subgroup pattern is valid")
    });
    let c = p.captures(sentence)?;
    Some(c.name("en").or(c.name("ja"))?.as_str().to_string())
}

/// Does a sentence print values for two or more different subgroups of its sample by sex or
/// age (`女性で … 男性で`, `in women … in men`)? Its sample's n is then no one value's: each
/// subgroup has its own, printed or not. A sample of one sex named once (`in women with
/// osteoporosis`) is the whole sample, no split.
pub fn splits_by_subgroup(sentence: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| Regex::new(SUBGROUP).expect("the subgroup pattern is valid"));
    let names: std::collections::BTreeSet<String> = p
        .captures_iter(sentence)
        .filter_map(|c| c.name("en").or(c.name("ja")))
        .map(|m| m.as_str().to_lowercase())
        .collect();
    names.len() >= 2
}

/// Does a measure's name say it is an attribute of the person, not of an eye, knee or lesion
/// (`age`, `mean age`, `BMI`, `body weight`, `disease duration`, `年齢`, `体重`, `罹病期間`)?
///
/// ```
/// use trialstats_documents::draft::cues::names_a_persons_attribute;
/// assert!(names_a_persons_attribute("eyes of patients with a mean age"));
/// assert!(names_a_persons_attribute("罹病期間"));
/// assert!(!names_a_persons_attribute("visual acuity"));
/// ```
pub fn names_a_persons_attribute(name: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:age[ds]?|bmi|body\s+(?:weight|mass)|weight|height|sex|gender|(?:disease|symptom|illness)\s+duration|duration\s+of\s+(?:disease|illness|symptoms))\b|年齢|体重|身長|性別|罹病期間|罹患期間|病悩期間",
        )
        .expect("the attributes pattern is valid")
    })
    .is_match(name)
}

/// Words that make the values changes (`fell by`, `change from baseline`, `変化量`), and the
/// difference sign before a time span or a measure (`Δ28日目-1日目`, `ΔHbA1c`).
///
/// ```
/// use trialstats_documents::draft::cues::change_words;
/// assert!(change_words("Δ28日目-1日目は、A群が-5.0 (-8.0 ~ -3.3)"));
/// assert!(change_words("ΔHbA1c was −0.8 ± 0.4%"));
/// // A table's change column, its sign's name hyphenated to the arm's (`Δ-Placebo`).
/// assert!(change_words("Before After Δ-Placebo"));
/// assert!(!change_words("HbA1c was 7.1 ± 0.8%"));
/// assert!(change_words("Improvement from baseline"));
/// ```
pub fn change_words(s: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)\bchange[sd]?\b|\b(?:fell|dropped|declined|decreased|increased|rose|improved|reduced|worsened|lowered)\s+(?:by\b|[-+−]?\d)|\b(?:reduction|decrease|increase|improvement|decline|gain|loss)\s+(?:of|in)\b|\b(?:reductions?|decreases?|increases?|improvements?|declines?|gains?|loss(?:es)?|rises?|falls?)\s+from\s+(?:the\s+)?baseline\b|\bdifferences?\s+(?:\w+\s+){0,3}between\s+(?:the\s+)?pre-?\s*(?:and|-|–|to)\s*post|\bpre-?\s*(?:to|-|–)\s*post(?:-?\w+)?\s+differences?\b|変化量|変化|低下量|減少量|改善量|増加量|[Δ⊿]\s*[-‐]?\s*(?:\d|[A-Za-z\p{Han}\p{Katakana}])",
    )
    .is_match(s)
}

/// Words that print a change as the size of a fall (`fell by 4.1`, `decreased by`, `decreased
/// 0.8 mM`, `reduction of`, `低下`): a positive value printed so is a negative change. (The verb
/// followed by `to` prints the level reached, no change.)
pub fn fall_words(s: &str) -> bool {
    fall_match(s).is_some()
}

/// The first words of `s` that print a change as the size of a fall (see [`fall_words`]),
/// a noun of loss among them (`mean weight loss was 2.9 ± 4.1 kg`, `a loss of 3 kg`).
/// A fall naming patients (`食欲低下例`, `体重減少群`: the cases whose appetite fell) names a
/// group, not how the values are printed.
///
/// ```
/// use trialstats_documents::draft::cues::fall_match;
/// assert_eq!(fall_match("体重は3.2kg低下した"), Some("低下"));
/// assert_eq!(fall_match("mean weight loss was 2.9 ± 4.1 kg"), Some("weight loss"));
/// assert_eq!(fall_match("FPG decreased 0.8 ± 0.1 mM"), Some("decreased"));
/// assert_eq!(fall_match("FPG decreased to 5.1 ± 0.4 mM"), None);
/// assert_eq!(fall_match("食欲低下例と食欲不変例の体重"), None);
/// ```
pub fn fall_match(s: &str) -> Option<&str> {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)\b(?:fell|dropped|declined|decreased|reduced|lowered)\s+(?:by\b|[-+−]?\d)|\b(?:reduction|decrease|decline|fall|drop|loss)\s+(?:of|in)\b|\b(?:weight|fat|body\s+mass)\s+loss\b|低下|減少",
    )
    .find_iter(s)
    .find(|m| !s[m.end()..].starts_with(['例', '群', '者']))
    // (The verb alone where its size follows with no `by`: `decreased 0.8 mM`.)
    .map(|m| m.as_str().trim_end_matches(|c: char| c.is_ascii_digit() || "-+−".contains(c)).trim_end())
}

/// Is a value printed as the size of a change by the words right after it, its unit between
/// (`8.6±3.1kg減少した`, `2.0 kg増加`, `0.8%低下し`): a Japanese sentence names the change
/// after its size, where English names it before (`fell by`). A fall or rise naming patients
/// (`5%低下例`, `減少群`) names a group instead; a value printed before `へ` or `まで` is the
/// level it fell to.
///
/// ```
/// use trialstats_documents::draft::cues::printed_as_a_change;
/// assert!(printed_as_a_change("kg減少した。"));
/// assert!(printed_as_a_change(" mmHg低下し"));
/// assert!(!printed_as_a_change("%へ低下した"));
/// assert!(!printed_as_a_change("%低下例では"));
/// ```
pub fn printed_as_a_change(after: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(&P, r"^\s*[A-Za-z%/²μµ\d.]{0,10}\s*(?:減少|低下|増加|上昇)")
        .find(after)
        .is_some_and(|m| !after[m.end()..].starts_with(['例', '群', '者']))
}

/// Words that print a change as the size of a rise (`rose by 2.1`, `increased by`, `gain of`,
/// `上昇`, `増加`): beside [`fall_words`], they say the values are not all falls.
pub fn rise_words(s: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)\b(?:rose|increased|grew|gained|climbed)\s+(?:by\b|[-+−]?\d)|\b(?:rise|increase|gain|growth)\s+(?:of|in)\b|上昇|増加",
    )
    .is_match(s)
}

/// The words that say a report analyses time to an event (a hazard ratio, Kaplan–Meier,
/// log-rank, cumulative incidence, `ハザード比`, `累積`): its event percentages printed with
/// their counts are often Kaplan–Meier estimates, which exceed the count over the whole where
/// patients are censored (Kaplan & Meier 1958).
const TIME_TO_EVENT: [&str; 10] = [
    "hazard ratio",
    "kaplan",
    "log-rank",
    "logrank",
    "cumulative incidence",
    "time to event",
    "time-to-event",
    "ハザード比",
    "累積",
    "カプラン",
];

/// Does `text` name a comparator anywhere (`placebo`, `control`, `sham`, `usual care`,
/// `対照`): a sign that it compares arms, whatever it calls the others?
pub fn names_a_comparator(text: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        &format!(r"(?i)\b(?:{})\b", COMPARATORS.replace(' ', r"\s+")),
    )
    .is_match(text)
}

/// The words that allocate people to arms (`randomized`, `randomly assigned`, `allocated`), as
/// a pattern to be placed in others: [`allocation_to_arms`] reads what follows them, and the
/// count module's allocation shares (`370 to suture and 376 to staple`) what precedes.
pub const ALLOCATING_VERBS: &str =
    r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided|split)|assigned|allocated)\b";

/// Where a document says it allocates its patients to two arms or more: a randomisation
/// ratio (`randomized 2:1`, `1:1:2の比率で`), a number of groups (`randomly divided into two
/// groups`, `assigned to one of three treatment groups`, `無作為に2群に分け`), or `randomized to
/// X or Y`. Its one number of people then
/// counts every arm, and a value printed with no group is of none the text says. The byte
/// offset of the allocating words, if any. A treatment given or a placebo (`received drug or
/// placebo`, `実薬かプラセボを投与`) allocates so too: no patient had both.
///
/// ```
/// use trialstats_documents::draft::cues::allocation_to_arms;
/// assert!(allocation_to_arms("59 patients were randomly divided into two groups").is_some());
/// assert!(allocation_to_arms("患者59例を無作為に2群に分け,").is_some());
/// assert!(allocation_to_arms("120mg群、240mg群またはプラセボ群に1:1:2の比率で無作為に割り付けた").is_some());
/// // The arms listed before they are allocated to (`A群とB群にランダムに分類`).
/// assert!(allocation_to_arms("女性48名を、実薬群と偽薬群にランダムに分類した。").is_some());
/// assert!(allocation_to_arms("実薬群と偽薬群の差を比べた。").is_none());
/// assert!(allocation_to_arms("patients were randomized to drug or placebo.").is_some());
/// // Each patient given the treatment or a placebo, in either language.
/// assert!(allocation_to_arms("Children received 1% drug or placebo drops for 2 years.").is_some());
/// assert!(allocation_to_arms("1%薬剤点眼かプラセボー点眼を2年間点眼した。").is_some());
/// // A word may describe the groups (`three treatment groups`, `two parallel arms`).
/// assert!(allocation_to_arms("participants were assigned to one of three treatment groups.").is_some());
/// assert!(allocation_to_arms("Twelve patients were treated with the drug for 2 years.").is_none());
/// ```
pub fn allocation_to_arms(text: &str) -> Option<usize> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        &format!(
            r"(?ix)
          {ALLOCATING_VERBS}
          [^.]{{0,80}}?
          (?: \b\d+\s*:\s*\d+(?:\s*:\s*\d+)*\b
            | \b(?:two|three|four|five|2|3|4|5)\s+(?:[a-z\-]+\s+)?(?:groups|arms|cohorts)\b
            | \bto\s+(?:receive\s+)?[^.,;]{{1,60}}?\s+or\s+ )
        | (?:無作為|ランダム|割り付け|割付|割りつけ|振り分け)[^。]{{0,60}}?(?:[2-5２-５二三四五]群|\d\s*[:：]\s*\d)
        | [2-5２-５二三四五]群に(?:分け|分類し|割り)
        | (?:群|グループ)(?:と|、|，|および|及び|または)[^。]{{1,40}}?(?:群|グループ)に[^。]{{0,10}}?(?:無作為|ランダム|割り付け|割付|割りつけ|振り分け|分け|分類)
        | \d\s*[:：]\s*\d(?:\s*[:：]\s*\d)*\s*の(?:比率|割合)で
        | \b(?:receiv(?:e|ed|ing)|given|took|taking|treated\s+with)\s[^.;]{{0,60}}?\bor\s+(?:a\s+|an\s+|the\s+|matching\s+)?placebo\b
        | (?:か|または|又は|もしくは)\s?(?:プラセボー?|偽薬)[^。]{{0,30}}?を"
        ),
    );
    p.find(text).map(|m| m.start())
}

/// What a clause says in words of the significance of one group's change it prints (`昼間の痒み
/// (34.8±7.0→16.4±6.0)は有意な低下が認められた`, `は低下したものの有意差は認められなかった`, `fell from
/// 30.0 ± 5.0 to 20.0 ± 6.0, but not significantly`, `decreased significantly from … to …`):
/// `Some((significant, wording))`, read first in `after` (the text from the change's last value
/// to its sentence's end: the first claim there, before any clause ends or a p is printed),
/// else in `before` (the
/// change's clause up to its first value). `None` where the clause says neither, ends before its
/// claim (`A(…)は低下し、B(…)は有意に低下した` says nothing of A), or speaks of groups compared
/// (`significantly more than placebo`, `群間に有意差`): a claim of a difference between arms is
/// no claim of this group's change.
///
/// ```
/// use trialstats_documents::draft::cues::claim_in_words;
/// assert_eq!(claim_in_words("は低下したものの有意差は認められなかった。", ""), Some((false, "有意差は認められなかった")));
/// assert_eq!(claim_in_words(",夜間の痒み(4.6→1.4)ともに有意に低下した。", ""), Some((true, "有意に低下")));
/// assert_eq!(claim_in_words(", but not significantly.", "Pain fell from "), Some((false, "not significantly")));
/// assert_eq!(claim_in_words(" (n = 12).", "Pain decreased significantly from "), Some((true, "significantly")));
/// assert_eq!(claim_in_words("は低下し、B(3→4)は有意に低下した。", ""), None);
/// assert_eq!(claim_in_words(", significantly more than with placebo.", "Pain fell from "), None);
/// assert_eq!(claim_in_words("で、群間に有意差を認めた。", ""), None);
/// // The claim of the next clause (after `but`), or after the change's own p, is not its.
/// assert_eq!(claim_in_words(" mmHg), but diastolic pressure decreased significantly.", "Systolic pressure fell (from "), None);
/// assert_eq!(claim_in_words(" at week 4 (P < 0.001) but then returned to values not significantly different", "fell from "), None);
/// assert_eq!(claim_in_words(" mmHg).", "Systolic pressure did not change significantly (from "), Some((false, "did not change significantly")));
/// ```
pub fn claim_in_words<'a>(after: &'a str, before: &'a str) -> Option<(bool, &'a str)> {
    static CLAIM: OnceLock<Regex> = OnceLock::new();
    static CLAUSE_END: OnceLock<Regex> = OnceLock::new();
    static BETWEEN: OnceLock<Regex> = OnceLock::new();
    let claim = re(
        &CLAIM,
        r"(?ix)
          (?P<no>
            有意差(?:は|が|を)?(?:認められなかった|認められず|認めなかった|認めず|みられなかった|見られなかった|なかった|なし)
          | 有意な(?:差|変化|低下|改善|上昇|増加|減少)(?:は|を|が)?(?:認められなかった|認められず|認めなかった|認めず|みられなかった|見られなかった|なかった)
          | 有意ではなかった
          | (?:but\s+)?not\s+(?:statistically\s+)?significant(?:ly)?
          | no\s+(?:statistically\s+)?significant\s+(?:change|difference|decrease|increase|improvement|reduction|decline)
          | non-?significant(?:ly)?
          | did\s+not\s+(?:change|decrease|increase|improve|decline)\s+significantly )
        | (?P<yes>
            有意に(?:低下|上昇|改善|増加|減少|短縮|延長|変化)
          | 有意な(?:低下|上昇|改善|増加|減少|短縮|延長|変化)(?:が|を)?(?:認められ|みられ|見られ|認め|示し)
          | 有意差(?:が|を)?(?:認められ|みられ|見られ|認め)た
          | significantly
          | (?:statistically\s+)?significant\s+(?:decrease|increase|improvement|reduction|change|decline|rise|fall|drop) )",
    );
    let clause_end = re(
        &CLAUSE_END,
        r"(?i)[。;；]|\.(?:\s|$)|(?:し|して|しており|であり)[、,]|,\s*(?:and|but|whereas|while)\s|\bp\s*[<=>≤≥]",
    );
    let between = re(
        &BETWEEN,
        r"(?i)\b(?:than|between|compared|versus|vs\.?|placebo|control|differ|different)\b|群間|群と比|と比べ|と比較|対照群",
    );
    let read = |text: &'a str, from_end: bool| -> Option<(bool, &'a str)> {
        let found = if from_end {
            claim.captures_iter(text).last()?
        } else {
            claim.captures(text)?
        };
        let m = found.get(0)?;
        // Nothing of the clause may end between the change and its claim.
        let gap = if from_end {
            &text[m.end()..]
        } else {
            &text[..m.start()]
        };
        if clause_end.is_match(gap) {
            return None;
        }
        // Groups compared in the claim's own words, or right after it: no claim of the change.
        let tail_end = text[m.end()..]
            .char_indices()
            .nth(24)
            .map_or(text.len(), |(i, _)| m.end() + i);
        if between.is_match(&text[m.start()..tail_end]) || between.is_match(gap) {
            return None;
        }
        let wording = m
            .as_str()
            .trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        let wording = wording
            .strip_prefix("but ")
            .map_or(wording, str::trim_start);
        Some((found.name("yes").is_some(), wording))
    };
    // The rest of the sentence, up to its end.
    let after = after.find(['。', '\n']).map_or(after, |i| &after[..i]);
    read(after, false).or_else(|| {
        // The clause before the change: from its last break.
        let start = before.rfind(['。', '.', ';', '；', '\n']).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        read(&before[start..], true)
    })
}

/// Does a document (in lower case) say it analyses time to an event (a hazard ratio,
/// Kaplan–Meier, log-rank, `ハザード比`)?
pub fn reports_time_to_event(lower: &str) -> bool {
    TIME_TO_EVENT.iter().any(|w| lower.contains(w))
}

/// Is a value whose text runs up to it (`before`) another study's, set beside this trial's
/// for comparison (`51%含まれていた(PARAGON-HF、CHARM試験では30%前後)`, `23%で、他試験の「48〜72%」に比べ`,
/// `(compared with 30% in other trials)`)? The words are read in the value's bracket, or else in
/// its clause: other or earlier trials named as such, or, inside a bracket, trials named by
/// their acronyms (`X、Y試験では`, `in the X and Y trials`). Its n is then not this trial's.
///
/// ```
/// use trialstats_documents::draft::cues::about_other_studies;
/// assert!(about_other_studies("例が51%含まれていた(PARAGON-HF、CHARM試験では"));
/// assert!(about_other_studies("23%で、他試験(除I-PRESERVE)の「"));
/// assert!(about_other_studies("AF was present in 51% (vs. about 30% in earlier trials, "));
/// assert!(!about_other_studies("本試験では"));
/// assert!(!about_other_studies("In the EMPEROR trial, "));
/// ```
pub fn about_other_studies(before: &str) -> bool {
    static WORDS: OnceLock<Regex> = OnceLock::new();
    static NAMED: OnceLock<Regex> = OnceLock::new();
    let words = re(
        &WORDS,
        r"(?i)\b(?:other|previous|prior|earlier|historical)\s+(?:trials?|studies|study|reports?|cohorts?)\b|他試験|他の試験|他研究|他の研究|先行研究|既報|過去の試験|従来の試験",
    );
    let named = re(
        &NAMED,
        r"(?:[A-Z][A-Za-z0-9-]+\s*[、,]\s*)*[A-Z][A-Za-z0-9-]+\s*試験(?:では|で)|(?i:\bin\s+the\s+)[A-Z][A-Za-z0-9-]+(?:\s*(?:,|and)\s*[A-Z][A-Za-z0-9-]+)*\s+(?i:trials|studies)\b",
    );
    // Only the last 1,000 bytes are looked at: a bracket or clause is never longer, and every
    // value of a long text looking back to its start would make the draft quadratic in it.
    let window = (before.len().saturating_sub(1000)..=before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    let before = &before[window..];
    // The value's bracket, if it stands in one still open.
    let open = before.rfind(['(', '（']);
    let close = before.rfind([')', '）']);
    if let Some(o) = open.filter(|&o| close.is_none_or(|c| c < o)) {
        let inside = &before[o..];
        return words.is_match(inside) || named.is_match(inside);
    }
    // Else its clause: back to the last sentence's end, clause mark or line break.
    let clause_start = before
        .rfind(['。', '、', ';', '；', '\n'])
        .map(|k| k + before[k..].chars().next().map_or(0, char::len_utf8))
        .into_iter()
        .chain(before.rfind(". ").map(|k| k + 2))
        .max()
        .unwrap_or(0);
    words.is_match(&before[clause_start..])
}

/// Words of a comparison between groups: `vs`, `versus`, `compared with`, `対`, `比較`, and
/// a colon alone between two values (`A:B=73.9±9.2:70.1±6.5`, values set against each other
/// in the order of the names).
pub fn versus(s: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)\bvs\.?|\bversus\b|\bcompared\s+(?:with|to)\b|\bagainst\b|\bover\s+placebo\b|に対し|対して|と比較|比べ|^\s*対\s*$|^\s*[:：]\s*$",
    )
    .is_match(s)
}

/// Words that name a difference between groups or time points (its estimate follows).
pub fn difference_word(s: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)\b(?:difference|diff\.?|treatment\s+effect|mean\s+difference|md|lsmd|ls\s+mean\s+difference)\b|群間差|差",
    )
    .is_match(s)
}

/// Is the group `phrase` (found in `between`, the text before a value) the comparator of a
/// difference, not the value's own group: named after `vs`, `versus`, `compared with`,
/// `relative to` or `from` once a difference is named before it (`Difference vs. control
/// -0.6 (2.5)`, `the difference versus placebo was −2.2`), as `placebo-adjusted`, or in
/// Japanese before `との差`, `に対する差`, `と比較した差` (`プラセボ群との差は-2.1`)? The value is
/// the difference between its own group and that one.
///
/// ```
/// use trialstats_documents::draft::cues::{comparator_of_difference, groups};
/// let of = |s: &str| groups(s).iter().map(|p| comparator_of_difference(s, p)).collect::<Vec<_>>();
/// assert_eq!(of("Difference vs. control "), [true]);
/// assert_eq!(of("プラセボ群との差は"), [true]);
/// assert_eq!(of("the placebo-adjusted change was "), [true]);
/// // A group named after `vs` with no difference is the next value's own.
/// assert_eq!(of(" vs. placebo "), [false]);
/// assert_eq!(of("in the placebo group "), [false]);
/// // Both ends of a difference's stated direction.
/// assert_eq!(of("between the groups (intervention minus placebo) in pain (mean "), [true]);
/// ```
pub fn comparator_of_difference(between: &str, phrase: &Phrase) -> bool {
    static AFTER: OnceLock<Regex> = OnceLock::new();
    let before = between.get(..phrase.start).unwrap_or("");
    let after = between.get(phrase.end..).unwrap_or("");
    // A group that owns what follows (`compared with the meridian points group's QDSA score
    // of 37.8`) is the value's own.
    if after.starts_with("'s") || after.starts_with("’s") {
        return false;
    }
    let adjusted_or_ja = re(
        &AFTER,
        r"^(?i:-?(?:adjusted|corrected|subtracted)\b)|^\s*(?:との|に対する|と比較した)(?:群間)?差",
    );
    // A difference is also taken `from` a group (`the difference from placebo`), which puts
    // no group after it as a comparator elsewhere (`changed from 5.1`).
    let words = words_before_a_name(before);
    let comparator = ends_with_comparator_word(&words) || ends_with_word(&words, "from");
    adjusted_or_ja.is_match(after)
        || comparator && difference_word(before)
        || in_a_differences_direction(before, after)
}

/// Is a group named inside the bracket that states a difference's direction (`(intervention
/// minus placebo)`, `(drug − placebo)`): one end of the difference, no value's own group?
fn in_a_differences_direction(before: &str, after: &str) -> bool {
    let open = before.rfind(['(', '（']);
    let close = after.find([')', '）']);
    let (Some(open), Some(close)) = (open, close) else {
        return false;
    };
    let open_len = before[open..].chars().next().map_or(1, char::len_utf8);
    let inside = format!("{}{}", &before[open + open_len..], &after[..close]);
    !before[open..].contains([')', '）'])
        && (inside.contains(" minus ") || inside.contains(" − ") || inside.contains(" - "))
}

/// The words that make the group named right after them the comparator of a comparison, as
/// they end the words before its name (lower-cased, see [`words_before_a_name`]): the subject
/// is the other group (`lower in A than in B`, `A compared with B`, `Difference vs. control`).
pub const COMPARATOR_WORDS: [&str; 7] = [
    "compared with",
    "compared to",
    "relative to",
    "than",
    "versus",
    "vs",
    "vs.",
];

/// Do the words before a group's name (as [`words_before_a_name`] gives them) end with one of
/// [`COMPARATOR_WORDS`], as a whole word?
///
/// ```
/// use trialstats_documents::draft::cues::{ends_with_comparator_word, words_before_a_name};
/// assert!(ends_with_comparator_word(&words_before_a_name("lower than in the ")));
/// assert!(ends_with_comparator_word(&words_before_a_name("Difference vs. ")));
/// assert!(ends_with_comparator_word(&words_before_a_name("compared\nwith the ")));
/// assert!(!ends_with_comparator_word(&words_before_a_name("Nathan ")));
/// ```
pub fn ends_with_comparator_word(words: &str) -> bool {
    COMPARATOR_WORDS.iter().any(|w| ends_with_word(words, w))
}

/// Does `words` end with `word`, with no letter or digit right before it?
fn ends_with_word(words: &str, word: &str) -> bool {
    words
        .strip_suffix(word)
        .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
}

/// The words before a group's name, lower-cased, with runs of white space as one space and
/// without the article and preposition that lead into it (`… than in the` → `… than`), nor
/// the pronoun standing for the measure compared (`… than that in the`, `… than those of
/// the`): where a comparison's word (`than`, `compared with`) stands right before the name.
/// `within` and `among` lead into a group as `in` does (`than within the placebo group`).
pub fn words_before_a_name(before: &str) -> String {
    let words = before.split_whitespace().collect::<Vec<_>>().join(" ");
    words
        .to_lowercase()
        .trim_end_matches(" the")
        .trim_end_matches(" in")
        .trim_end_matches(" within")
        .trim_end_matches(" among")
        .trim_end_matches(" of")
        .trim_end_matches(" that")
        .trim_end_matches(" those")
        .trim_end()
        .to_string()
}

/// Does a line open with a footnote mark (`a:`, `b）`, `†`, `‡`, `*1`, `注1)`), so that what it
/// says holds for the values carrying the mark?
pub fn opens_with_footnote_mark(line: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"^\s*(?:[a-h]\s*[:：)）]|[†‡§¶#]|\*{1,3}\s*\d?\s*[:：)）]?\s*\S|注\s*\d*\s*[:：)）]|\(\s*[a-h]\s*\)|（\s*[a-h]\s*）)",
    )
    .is_match(line)
}

/// The direction a comparative word before a pair of values gives (`lower systolic BP (124
/// versus 132)`): `Some(true)` where the last such word says lower (`lower`, `less`, `fewer`,
/// `smaller`, `shorter`, 低い, 少な), `Some(false)` where it says higher (`higher`, `greater`,
/// `more`, `larger`, `longer`, 高い, 多), `None` where none stands (`similar`).
///
/// ```
/// use trialstats_documents::draft::cues::comparative_direction;
/// assert_eq!(comparative_direction("the drug group had lower systolic BP ("), Some(true));
/// assert_eq!(comparative_direction(" and greater weight loss ("), Some(false));
/// assert_eq!(comparative_direction(" and similar diastolic BP ("), None);
/// ```
pub fn comparative_direction(text: &str) -> Option<bool> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        r"(?i)\b(?P<lower>lower|less|fewer|smaller|shorter)\b|(?P<higher>\b(?:higher|greater|more|larger|longer)\b)|(?P<jlower>低(?:い|く|かった)|少な(?:い|く|かった)|短(?:い|く|かった))|(?P<jhigher>高(?:い|く|かった)|多(?:い|く|かった)|長(?:い|く|かった))",
    );
    let last = p.captures_iter(text).last()?;
    Some(last.name("lower").is_some() || last.name("jlower").is_some())
}

/// What a spread's printed name says it is (a column's header, a bracket's label): `SD` for
/// `SD`, `S.D.`, `standard deviation`, `標準偏差`; `SEM` for `SEM`, `S.E.M.`, `standard error of
/// the mean`; `SE` for `SE`, `S.E.`, `standard error`, `標準誤差`. The one list every reader of
/// a name asks, so that a table's header and a sentence's bracket say the same.
///
/// ```
/// use trialstats_documents::draft::cues::spread_named;
/// assert_eq!(spread_named("S.D."), Some("SD"));
/// assert_eq!(spread_named("sem"), Some("SEM"));
/// assert_eq!(spread_named("標準誤差"), Some("SE"));
/// assert_eq!(spread_named("mean"), None);
/// ```
pub fn spread_named(name: &str) -> Option<&'static str> {
    let t = name.trim().to_ascii_uppercase().replace('.', "");
    match t.as_str() {
        "SD" | "STANDARD DEVIATION" | "標準偏差" => Some("SD"),
        "SEM" | "STANDARD ERROR OF THE MEAN" => Some("SEM"),
        "SE" | "STANDARD ERROR" | "標準誤差" => Some("SE"),
        _ => None,
    }
}

/// What a text says the spread is: `SD` for `mean ± SD`, `(SD)`, `standard deviation`,
/// `標準偏差`, and the textbook notation of a sample's mean and standard deviation, `x̄ ± s`
/// (`(x ± s)` where the bar is lost in copying, `\overline{x} ± s` where a page's LaTeX is
/// copied as written); `SEM` for `± SE`, `(SEM)`, `standard error`,
/// `標準誤差`; `None` when it says neither, or both. A glued table's header may run the
/// spread's name into the next column's CI level (`Mean ± SD95% CI`).
///
/// ```
/// use trialstats_documents::draft::cues::spread_kind;
/// assert_eq!(spread_kind("Data are mean ± SD."), Some("SD"));
/// assert_eq!(spread_kind("Mean ± SD95% CIMean ± SD95% CI"), Some("SD"));
/// assert_eq!(spread_kind("(SD2)"), None);
/// assert_eq!(spread_kind("Knowledge score (x ± s)"), Some("SD"));
/// assert_eq!(spread_kind("scores (x̄±s)"), Some("SD"));
/// // The same notation as a web page's LaTeX prints it.
/// assert_eq!(spread_kind(r"levels among four groups (\( \overline{x} \) ±s)"), Some("SD"));
/// assert_eq!(spread_kind("5 ± 2 weeks"), None);
/// assert_eq!(spread_kind("values are means (standard error)"), Some("SEM"));
/// assert_eq!(spread_kind("平均値±標準偏差"), Some("SD"));
/// assert_eq!(spread_kind("EDSS improved from 5.1 ± 1.7"), None); // the text does not say
/// ```
pub fn spread_kind(s: &str) -> Option<&'static str> {
    match spreads_named(s) {
        (true, false) => Some("SD"),
        (false, true) => Some("SEM"),
        _ => None,
    }
}

/// Does `line` name a spread as the modifier of the measure whose value it reports (`Mean ± SD
/// age was 45.5 ± 12.1 years`, `mean ± SD duration of diabetes was 23.8 ± 7.8 years`)? Such a
/// statement labels that sentence's values only: the outcomes a later sentence prints may be
/// SEMs, as their own p's then show. A statement of how all values are given (`Data are mean ±
/// SD.`, `(mean ± SD)`) is none.
///
/// ```
/// use trialstats_documents::draft::cues::spread_of_the_measure_reported;
/// assert!(spread_of_the_measure_reported("Mean ± SD age was 45.5 ± 12.1 years, A1C was 8.55 ± 1.50%"));
/// assert!(!spread_of_the_measure_reported("Data are presented as mean ± SD."));
/// assert!(!spread_of_the_measure_reported("Values are mean ± SD; pain fell from 5.1 ± 1.2 to 3.0 ± 1.1."));
/// ```
pub fn spread_of_the_measure_reported(line: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)\bmeans?\s*(?:±|\+/-|\+-)\s*(?:sd|s\.d\.|standard\s+deviation)\s+(?:of\s+)?(?:the\s+)?(?:[a-z][a-z0-9-]*\s+){1,4}(?:was|were|is|are)\s+[-−]?\d",
    )
    .is_match(line)
}

/// Where `s` states that its cells print counts with their shares (`n (%)`, `No. (%)`,
/// `numbers (percentages)` in the BMJ's house style, `例数(%)`, `人数（%）` in Japanese
/// tables): the end of each statement, in bytes. A bare `a (b)` after such a statement is a
/// count with its percentage, not a mean with its spread, whatever the rest of the table says
/// of its other rows (`年齢(歳) 平均値±SD`).
///
/// ```
/// use trialstats_documents::draft::cues::count_layout_ends;
/// assert_eq!(count_layout_ends("Female, n (%)"), [13]);
/// assert_eq!(count_layout_ends("Values are numbers (percentages)").len(), 1);
/// assert_eq!(count_layout_ends("性別、例数(%)").len(), 1);
/// // The percentage printed first (`27.3 (3)`), as a legend says.
/// assert_eq!(count_layout_ends("Data are presented as percent (numbers)").len(), 1);
/// // A mean of a percentage is no count.
/// assert!(count_layout_ends("HbA1c, mean (%)").is_empty());
/// ```
pub fn count_layout_ends(s: &str) -> Vec<usize> {
    static P: OnceLock<Regex> = OnceLock::new();
    re(
        &P,
        r"(?i)\b(?:n|no\.|numbers?)\s?\(%\)|\bnumbers?\s\(percentages?\)|(?:例数|例|人数)\s?[(（]\s?[%％]\s?[)）]|\bpercent(?:ages?)?\s\(numbers?\)",
    )
    .find_iter(s)
    .map(|m| m.end())
    .collect()
}

/// Whether `s` states an SD, and whether it states a standard error, as [`spread_kind`] reads
/// a statement: a text that states both (a table's two notes run together on one line) says
/// which spreads the document prints, though not which is whose.
///
/// ```
/// use trialstats_documents::draft::cues::{spread_kind, spreads_named};
/// let notes = "注1:平均値±標準偏差 注2:調整平均値±標準誤差";
/// assert_eq!(spreads_named(notes), (true, true));
/// assert_eq!(spread_kind(notes), None);
/// assert_eq!(spreads_named("Data are mean ± SD."), (true, false));
/// // The standard deviation a sample size assumes says nothing of the values' ±.
/// assert_eq!(
///     spreads_named("Assuming a standard deviation of 10, 64 patients give 80% power."),
///     (false, false)
/// );
/// ```
pub fn spreads_named(s: &str) -> (bool, bool) {
    static SD: OnceLock<Regex> = OnceLock::new();
    static SE: OnceLock<Regex> = OnceLock::new();
    let sd = re(
        &SD,
        r"(?i)(?:±|\+/-|\+-|\(|\[|,|mean|means|average)\s*(?:sd|s\.d\.)(?:$|[^a-z0-9]|\d{2}\s*%)|\bstandard\s+deviations?\b|標準偏差|(?:\bx|x̄|x̅)\s*(?:±|\+/-)\s*s(?:$|[^a-z0-9])|\\(?:overline|bar)\{x\}\s*(?:\\\)\s*)?(?:±|\\pm)\s*s(?:$|[^a-z0-9])",
    );
    let se = re(
        &SE,
        r"(?i)(?:±|\+/-|\+-|\(|\[|,|mean|means|average)\s*(?:sem|se|s\.e\.m?\.?)(?:$|[^a-z0-9]|\d{2}\s*%)|\bstandard\s+errors?\b|標準誤差",
    );
    let states = |p: &Regex| {
        p.find_iter(s).any(|m| {
            // A name that abbreviates the words before it, or the standard deviation a sample
            // size assumes, states nothing of the values.
            let assumed = names_it_alone(s, m) && sizes_a_sample(s, m);
            !(abbreviates_the_words_before(s, m) || assumed)
        })
    };
    (states(sd), states(se))
}

/// Is `found` the spread's name alone (`standard deviation`, `標準偏差`), printed with no ± or
/// mean right before it (`平均±標準偏差`, `mean ± standard deviation`)?
fn names_it_alone(s: &str, found: regex::Match<'_>) -> bool {
    let t = found.as_str().trim().to_lowercase();
    let before = s[..found.start()].trim_end().to_lowercase();
    (t.starts_with("standard") || t.starts_with('標'))
        && !["±", "+/-", "+-", "mean", "means", "平均", "平均値"]
            .iter()
            .any(|w| before.ends_with(w))
}

/// Does the text around `found` (within a clause's length either side) size a trial (`sample
/// size`, `power calculation`, `80% power`, `assuming`, 例数設計, 検出力, 標準化効果量, 仮定)? The
/// standard deviation such a clause names is the one assumed for the calculation (`assuming a
/// standard deviation of 10`, `効果の標準偏差から算定した標準化効果量`), not a statement of what
/// the document's ± values print.
fn sizes_a_sample(s: &str, found: regex::Match<'_>) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let from = crate::text::window::ceil_boundary(s, found.start().saturating_sub(120));
    let to = crate::text::window::floor_boundary(s, found.end() + 120);
    re(
        &P,
        r"(?i)\bsample\s+sizes?\b|\bpower\s+(?:calculation|analysis)|%\s*power\b|\bstatistical\s+power\b|\bassum(?:e|ed|ing)\b|例数設計|必要症例数|目標症例数|検出力|標準化効果量|サンプルサイズ|仮定",
    )
    .is_match(&s[from..to])
}

/// Is `found` (a spread's name in brackets, `(SE)`) the abbreviation of the words right before
/// it, rather than a statement of what the values print? A row's label or a clinical term
/// names its measure so: the words' initials (`Sleep Efficiency (SE)`, `Symptom Days (SD)`,
/// `Spherical equivalent (SE)`; the spread's own name, `standard error (SE)`, excepted), or a
/// Japanese term glued before it that names no statistic (`等価球面度数(SE)`, where
/// `平均値(SE)` and `変化量(SE)` state the spread).
///
/// ```
/// use trialstats_documents::draft::cues::spread_kind;
/// assert_eq!(spread_kind("Sleep Efficiency (SE)*"), None);
/// assert_eq!(spread_kind("Spherical equivalent (SE) progression was similar."), None);
/// assert_eq!(spread_kind("等価球面度数(SE)の変化は同等だった。"), None);
/// assert_eq!(spread_kind("Change from baseline, mean (SE)"), Some("SEM"));
/// assert_eq!(spread_kind("Values are mean ± standard error (SE)."), Some("SEM"));
/// assert_eq!(spread_kind("変化量の平均値(SE)"), Some("SEM"));
/// ```
fn abbreviates_the_words_before(s: &str, found: regex::Match<'_>) -> bool {
    let text = found.as_str();
    let Some(inside) = text.trim_start().strip_prefix(['(', '[']) else {
        return false;
    };
    let letters: Vec<char> = inside
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let before = &s[..found.start() + (text.len() - text.trim_start().len())];
    if before
        .chars()
        .next_back()
        .is_some_and(crate::text::plain::is_japanese_script)
    {
        return letters.len() >= 2 && !names_a_statistic_ja(before);
    }
    let words: Vec<&str> = before.split_whitespace().collect();
    if letters.len() < 2 || words.len() < letters.len() {
        return false;
    }
    let abbreviated = &words[words.len() - letters.len()..];
    let spreads_own_name = abbreviated[0].eq_ignore_ascii_case("standard");
    !spreads_own_name
        && abbreviated.iter().zip(&letters).all(|(w, l)| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() && c.to_ascii_uppercase() == *l)
        })
}

/// Does Japanese text end in a word naming a statistic (`平均値`, `変化量`, `群間差`), after
/// which a bracketed spread's name says what that statistic is printed with?
fn names_a_statistic_ja(before: &str) -> bool {
    [
        "平均",
        "平均値",
        "変化量",
        "変化",
        "差",
        "推定値",
        "値",
        "標準偏差",
        "標準誤差",
    ]
    .iter()
    .any(|w| before.ends_with(w))
}

/// Function words, units and statistics words: what may stand between two values of one
/// measure without naming a new one.
const FILLER: &[&str] = &[
    "and",
    "or",
    "the",
    "a",
    "an",
    "of",
    "in",
    "at",
    "on",
    "to",
    "from",
    "by",
    "for",
    "with",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "had",
    "has",
    // `… pressure did not change from 155±8 to …`: the verb, not the measure's name.
    "did",
    "does",
    "not",
    "have",
    "respectively",
    // Adverbs that carry the measure on (`and again from 12 w to 24 w (1.3 to 1.38)`).
    "again",
    "also",
    "further",
    "then",
    "thereafter",
    "subsequently",
    "mean",
    "means",
    "average",
    "vs",
    "versus",
    "compared",
    "than",
    "that",
    "this",
    "these",
    "those",
    "while",
    "whereas",
    "but",
    "then",
    "after",
    "before",
    "during",
    "over",
    "as",
    "it",
    "its",
    "their",
    "both",
    "each",
    "all",
    "group",
    "groups",
    "arm",
    "arms",
    "patients",
    "participants",
    "subjects",
    "score",
    "scores",
    "points",
    "point",
    "years",
    "year",
    "months",
    "month",
    "weeks",
    "week",
    "days",
    "day",
    "hours",
    "kg",
    "mg",
    "cm",
    "mm",
    "ml",
    "sd",
    "se",
    "sem",
    // `(mean ± standard deviation)`: a statement of the spread, no measure's name.
    "standard",
    "deviation",
    "deviations",
    "error",
    "errors",
    "iqr",
    "range",
    "change",
    "changes",
    "changed",
    "fell",
    "rose",
    "decreased",
    "increased",
    "improved",
    "reduced",
    "declined",
    "dropped",
    "worsened",
    "significantly",
    "significant",
    "statistically",
    "nonsignificantly",
    "not",
    "no",
    "only",
    "also",
    "about",
    "approximately",
    "baseline",
    "follow-up",
    "treatment",
    "placebo",
    "control",
    "value",
    "values",
    "level",
    "levels",
    "reduction",
    "increase",
    "decrease",
    "improvement",
    "total",
    "overall",
    "n",
    "p",
    "ci",
    "when",
    "which",
    "who",
    "corresponding",
    "figures",
    "figure",
    "respective",
    "min",
    "h",
    "s",
    "per",
    "percent",
    "units",
    "unit",
    "μmol",
    "mmol",
    "l",
    "dl",
    "g",
    "mg/dl",
    "mmhg",
    "bpm",
    "kg/m2",
    "ng/ml",
    "pg/ml",
    "iu",
    "u",
    "x",
    "times",
    "ms",
    "msec",
    "sec",
];

/// Content words in `s`: words of three or more letters that are not a function word, a unit
/// or a word of statistics. A content word between two values names something new.
pub fn content_words(s: &str) -> Vec<String> {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let w = re(&WORD, r"[A-Za-z][A-Za-z\-]{2,}");
    w.find_iter(s)
        .map(|m| m.as_str().to_lowercase())
        .filter(|w| !FILLER.contains(&w.as_str()))
        .collect()
}

/// Japanese content between two values: kana/kanji runs that are not particles, units,
/// time or comparison words. Returns the runs (empty when none).
pub fn content_ja(s: &str) -> Vec<String> {
    static RUN: OnceLock<Regex> = OnceLock::new();
    let r = re(&RUN, r"[\p{Han}\p{Katakana}ー]{2,}");
    const NOT_CONTENT: &[&str] = &[
        "治療前",
        "治療後",
        "投与前",
        "投与後",
        "前後",
        "開始",
        "時点",
        "平均",
        "標準偏差",
        "有意",
        "改善",
        "減少",
        "低下",
        "増加",
        "上昇",
        "変化",
        "それぞれ",
        "各々",
        "ポイント",
        "ヶ月",
        "カ月",
        "か月",
        "週間",
        "年間",
        // Units of duration printed after a value (`5.71±1.02時間から6.05±0.98時間に`), no
        // measure's name.
        "時間",
        "分間",
        "日間",
        "秒間",
        "ヵ月",
        "ケ月",
        "箇月",
        "回",
        "名",
        "例",
        "点",
        "群",
        "比較",
        "治療",
        "投与",
        "開始時",
        "治療開始",
        "投与開始",
        "開始後",
        "には",
        "では",
        "ベースライン",
        "プラセボ",
        "対照",
        "全体",
        // Words of the sentence's frame, no measure: `有害事象と判断されたのは` (the events
        // judged so: the noun before `と`), `収縮期血圧についても同様に` (the measure before
        // `についても`, measured likewise).
        "判断",
        "判定",
        "同様",
    ];
    r.find_iter(s)
        .map(|m| m.as_str().to_string())
        .filter(|w| {
            !NOT_CONTENT
                .iter()
                .any(|n| w == n || w.ends_with("群") || w.ends_with("グループ"))
        })
        .collect()
}

/// Does `between` (the text after a value, or after a word) close a bracket it did not open:
/// what came before was printed inside a bracket, and what follows stands outside it
/// (`(11.2±16.9 Mets h/week, P=0.017)一方、36人の女性患者は…`, `(response defined as a 50%
/// reduction in average …) in the two groups (50% vs 27%`): a parenthesis scopes what it holds.
pub fn closes_a_bracket(between: &str) -> bool {
    let mut depth = 0i32;
    for c in between.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_and_after_an_event_and_a_dose_given_are_no_time_points() {
        let texts = |s: &str| -> Vec<String> { times(s).into_iter().map(|p| p.text).collect() };
        // `受講前後の変動`: changes over the interval, no point before it.
        assert!(texts("受講前後のHbA1cの変動は,悪化28名").is_empty());
        assert_eq!(texts("受講前のHbA1cは7.2%"), ["受講前"]);
        // `本剤8mg投与時の`: the dose names the arm; `投与時` alone is a time point.
        assert!(texts("本剤8mg投与時の拡張期血圧の低下は").is_empty());
        assert_eq!(texts("投与時の拡張期血圧は"), ["投与時"]);
        // The start day is the baseline (`開始日18.4から6週後6.9へ`).
        assert_eq!(
            texts("A群では開始日18.4から6週後6.9へ"),
            ["開始日", "6週後"]
        );
        assert!(is_baseline("開始日"));
        // The frame of a sentence names no measure.
        assert_eq!(content_ja("収縮期血圧についても同様に"), ["収縮期血圧"]);
        assert_eq!(content_ja("有害事象と判断されたのは"), ["有害事象"]);
    }

    #[test]
    fn a_number_its_counter_and_no_before_a_name_are_no_part_of_it() {
        let names = |s: &str| groups(s).into_iter().map(|p| p.text).collect::<Vec<_>>();
        assert_eq!(
            names("1回1.5時間、6セッションの集団認知行動療法群(N=468)または治療なし群"),
            ["集団認知行動療法群", "治療なし群"]
        );
        assert_eq!(names("1日2回の運動群"), ["運動群"]);
        // A dose is part of the name; a name with no `の` after the number keeps what it has.
        assert_eq!(names("本剤120mg群"), ["本剤120mg群"]);
    }

    #[test]
    fn durations_of_a_treatment_are_no_listed_times() {
        assert!(
            coordinated_times("cure was 94% and 93% in those treated for 7 and 14 days").is_empty()
        );
        assert!(
            coordinated_times("randomly assigned to receive antibiotic treatment for 7 or 14 days")
                .is_empty()
        );
        assert_eq!(
            coordinated_times("HbA1c did not differ after 4, 8 and 12 weeks of treatment"),
            [vec![
                "4 weeks".to_string(),
                "8 weeks".to_string(),
                "12 weeks".to_string()
            ]]
        );
    }

    #[test]
    fn a_syndromes_name_is_no_group() {
        let names = |s: &str| groups(s).into_iter().map(|p| p.text).collect::<Vec<_>>();
        assert!(names("下肢静止不能症候群 2(0.4)").is_empty());
        assert!(names("ネフローゼ症候群の患者").is_empty());
        assert_eq!(names("本剤群で下肢静止不能症候群が2例"), ["本剤群"]);
    }

    #[test]
    fn a_combinations_doses_before_a_spaced_group_noun_name_the_arm() {
        // Made-up shares in the form of a review report: a combination product's two doses
        // with a slash, a space before `群`.
        let names = |s: &str| groups(s).into_iter().map(|p| p.text).collect::<Vec<_>>();
        assert_eq!(
            names("発現率は,375/125 mg 群 26.4% (37/140 例),プラセボ群 24.1% (34/141 例)"),
            ["375/125 mg 群", "プラセボ群"]
        );
        // A value before a name still joins no name; a PDF's line break before `群` is none
        // of the name's.
        assert_eq!(names("−13.7±10.0、本剤群"), ["本剤群"]);
        assert_eq!(names("発現率は,375/125 mg\n群 26.4%"), ["375/125 mg群"]);
    }

    #[test]
    fn a_flexible_dose_arm_keeps_its_range_and_a_switch_keeps_both_drugs() {
        // Made-up names in the form of an extension study's arms: the drug each arm took
        // before and after the switch, the second a range of doses.
        let names = |s: &str| groups(s).into_iter().map(|p| p.text).collect::<Vec<_>>();
        assert_eq!(
            names(
                "変化量は、プラセボ→本剤20-40mg群−12.5±3.10、本剤20mg→本剤20-40mg群−14.0±3.20であった。"
            ),
            ["プラセボ→本剤20-40mg群", "本剤20mg→本剤20-40mg群"]
        );
        assert_eq!(names("本剤20～40mg群で"), ["本剤20～40mg群"]);
        // A value printed before a name, or a visit, still joins no name.
        assert_eq!(names("−13.7±10.0、本剤群"), ["本剤群"]);
    }

    #[test]
    fn a_times_number_is_printed_with_its_unit() {
        let texts = |s: &str| times(s).into_iter().map(|p| p.text).collect::<Vec<_>>();
        // An exponent on a table's row, then `week` opening the next row: no time.
        assert!(texts("week-10.4 (10.8)-1.7 (5.8)2.50 x 10−7\nweek-17.4 (19.0)").is_empty());
        assert!(texts("p = 3.2 × 10−6 weeks").is_empty());
        // A time wrapped in prose stays one.
        assert_eq!(texts("assessed at\n12 weeks"), ["at\n12 weeks"]);
        assert_eq!(
            texts("after 12 weeks of treatment"),
            ["after 12 weeks of treatment"]
        );
        // A length after an inequality names a subgroup, no time point.
        assert!(texts("(≥100 min: 5/7 patients vs. <40 min: 3/16 patients)").is_empty());
        assert!(texts("symptoms > 6 months").is_empty());
    }

    #[test]
    fn an_arm_named_by_its_dose_keeps_the_number() {
        // Made-up arms: two doses of one drug are two groups, each named by its dose.
        let keys = |s: &str| {
            groups(s)
                .into_iter()
                .map(|p| group_key(&p.text))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(
                "more patients in the 10 mg group (58.3%) and the 5 mg group (47.2%) than placebo"
            ),
            ["10 mg", "5 mg", "placebo"]
        );
        assert_eq!(keys("in the 0.5 mg/kg arm"), ["0.5 mg/kg"]);
        // A number before a word that is no unit of a dose joins no name.
        assert_eq!(keys("of 12 active groups"), ["active"]);
    }

    #[test]
    fn groups_set_against_each_other_or_after_a_time_keep_their_own_names() {
        // Made-up values in the forms of Japanese journal news.
        let names = |s: &str| groups(s).into_iter().map(|p| p.text).collect::<Vec<_>>();
        assert_eq!(
            names("プラセボ群が6.9%に対し実薬群が32.1%"),
            ["プラセボ群", "実薬群"]
        );
        assert_eq!(names("対照群に比べ介入群で高く"), ["対照群", "介入群"]);
        assert_eq!(
            names("21~24週のプラセボ群と実薬群の率は"),
            ["プラセボ群", "実薬群"]
        );
        assert_eq!(names("12ヵ月後の実薬群"), ["実薬群"]);
        // An abbreviation set apart from the noun by a space names its group too.
        assert_eq!(
            names("改善率は KBH 群 67%, KBL 群 64%, P 群 33%"),
            ["KBH 群", "KBL 群", "P 群"]
        );
    }

    #[test]
    fn between_and_within_groups_name_no_group() {
        let texts = |s: &str| groups(s).into_iter().map(|p| p.text).collect::<Vec<_>>();
        assert!(texts("調整済み平均値の群間差は-2.1").is_empty());
        assert!(texts("群内比較ではp<0.01").is_empty());
        assert_eq!(texts("実薬群と対照群の群間差"), ["実薬群", "対照群"]);
        // A kind named by what it is called (`善玉菌と呼ばれる群`, the so-called good bacteria)
        // is no group of patients.
        assert_eq!(
            texts("一般的に善玉菌と呼ばれる群は8.0%から14.2%に増え、実薬群では"),
            ["実薬群"]
        );
    }

    #[test]
    fn group_phrases_in_both_languages() {
        let g =
            groups("fell by 4.1 points in the drug group (n = 60) and by 1.9 in the placebo group");
        let keys: Vec<String> = g.iter().map(|p| group_key(&p.text)).collect();
        assert_eq!(keys, ["drug", "placebo"]);
        let g = groups("実薬群で-2.15、プラセボ群で-0.5");
        let keys: Vec<String> = g.iter().map(|p| group_key(&p.text)).collect();
        assert_eq!(keys, ["実薬", "プラセボ"]);
        // `グループ` (group, in katakana) is a group noun as `群` is; `各グループ` names none.
        let g =
            groups("減少率はセマグルチドグループで86.6%、プラセボグループで47.6%、各グループで");
        let keys: Vec<String> = g.iter().map(|p| group_key(&p.text)).collect();
        assert_eq!(keys, ["セマグルチド", "プラセボ"]);
        // The counter of an n glued before the next name (`A群35名とB群`) is no part of it.
        let g = groups("対象者はA群35名とB群79名に分けられた");
        let keys: Vec<String> = g.iter().map(|p| group_key(&p.text)).collect();
        assert_eq!(keys, ["a", "b"]);
        // A dose is part of a Japanese group's name; a value or a visit before it is not.
        let g = groups("変化量は、本剤10mg群−3.1±2.0、本剤20mg群−3.5±2.2、投与12週後の対照群");
        let keys: Vec<String> = g.iter().map(|p| group_key(&p.text)).collect();
        assert_eq!(keys[..2], ["本剤10mg", "本剤20mg"]);
        assert!(!keys[2].contains("12"), "{keys:?}");
        // A Latin name with digits is part of it too.
        let g = groups("SGLT2阻害薬を併用した群(50例)で-0.5±0.6、GLP-1群で-0.7±0.5");
        let keys: Vec<String> = g.iter().map(|p| group_key(&p.text)).collect();
        assert_eq!(keys, ["sglt2阻害薬を併用した", "glp-1"]);
        assert!(is_control("placebo group"));
        assert!(!is_control("drug group"));
        // The control group's abbreviations, in capitals as tables print them; the letters
        // inside a word, or in lower case, are none.
        assert!(is_control("CG (n = 33)") && is_control("CTRL") && is_control("Con"));
        assert!(!is_control("EG (n = 35)") && !is_control("cg") && !is_control("CGI-S"));
        assert!(!is_control("Conclusion") && !is_control("CONSORT"));
        // `treatment` before the singular noun names the treated arm; before the plural, the
        // design's groups.
        let keys =
            |t: &str| -> Vec<String> { groups(t).iter().map(|p| group_key(&p.text)).collect() };
        assert_eq!(
            keys("lost weight within the treatment group than within the placebo group"),
            ["treatment", "placebo"]
        );
        assert!(
            keys("adverse events in both treatment groups")
                .iter()
                .all(String::is_empty)
        );
    }

    #[test]
    fn a_comparator_word_that_describes_the_design_names_no_group() {
        let keys =
            |t: &str| -> Vec<String> { groups(t).iter().map(|p| group_key(&p.text)).collect() };
        assert!(keys("A double-blind, placebo-controlled trial in 176 subjects").is_empty());
        assert!(keys("a sham-controlled, vehicle-matched study").is_empty());
        assert_eq!(keys("compared with the placebo group"), ["placebo"]);
        // A design's adjective hyphenated to the noun names no group.
        assert!(keys("a randomized, parallel-group, placebo-controlled trial").is_empty());
        assert!(keys("a single-arm study and a two-group design").is_empty());
    }

    #[test]
    fn a_japanese_groups_name_starts_after_the_sentence_or_heading_before_it() {
        // Made-up sentences as journals that print `.` and `,` for `。` and `、` set an
        // abstract's parts; a decimal point stays in a dose's name.
        let names =
            |s: &str| -> Vec<String> { super::groups(s).into_iter().map(|p| p.text).collect() };
        assert_eq!(
            names("効果を検討した.〔対象〕運動群は20名,対照群は11名であった."),
            ["運動群", "対照群"]
        );
        assert_eq!(
            names("目的を述べた．【方法】介入群に実施した．"),
            ["介入群"]
        );
        assert_eq!(names("本剤0.5mg群で改善した。"), ["本剤0.5mg群"]);
        // An object particle before a name without kana ends the words before it; a name
        // that is a clause keeps its verb's object.
        assert_eq!(
            names("患者をA薬群(20例),B薬群(21例)に割り付けた。"),
            ["A薬群", "B薬群"]
        );
        assert_eq!(names("プラセボを投与した群では"), ["プラセボを投与した群"]);
        // The sentence's adverbs and verbs before a name are no part of it; `各群` (each
        // group) names none; a name that is a clause keeps its case particles.
        assert_eq!(
            names("割合とその80%CIはそれぞれA群22.4%、B群64.4%であった。"),
            ["A群", "B群"]
        );
        assert_eq!(names("不適格例を除くA群65例、B群64例"), ["A群", "B群"]);
        // A grade's threshold and its particle before the first name (made-up shares).
        assert_eq!(
            names("「改善」以上でA群52.4%, B群48.8%であった。"),
            ["A群", "B群"]
        );
        assert!(names("不適格例を除く各群64例").is_empty());
        assert_eq!(
            names("メトホルミンを併用した群では"),
            ["メトホルミンを併用した群"]
        );
        // A name joining two words with `・` is one group (the forty-first trial's document
        // 09: `前歯・小臼歯群` had been cut to `小臼歯群`); names each closed by `群` and set
        // apart by `・` stay two.
        assert_eq!(
            names("前歯・小臼歯群で1.9±1.2mm,大臼歯群で3.3±1.0mm"),
            ["前歯・小臼歯群", "大臼歯群"]
        );
        assert_eq!(names("A群・B群ともに改善した"), ["A群", "B群"]);
    }

    #[test]
    fn a_japanese_group_named_with_latin_words_keeps_them() {
        let s = "結果: Real Acupuncture群:7.2(SD6.5)日、Sham Acupuncture群:6.6(SD6.0)日、Waiting list群:1.5日。";
        let names: Vec<String> = super::groups(s).into_iter().map(|p| p.text).collect();
        assert_eq!(
            names,
            ["Real Acupuncture群", "Sham Acupuncture群", "Waiting list群"]
        );
        // A comparator alone is still one (`sham` with no 群 after it).
        let names: Vec<String> = super::groups("versus sham, the score fell")
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(names, ["sham"]);
    }

    #[test]
    fn a_treatment_named_beside_a_comparator_is_a_group() {
        let keys =
            |s: &str| -> Vec<String> { groups(s).iter().map(|p| group_key(&p.text)).collect() };
        assert_eq!(
            keys("fell from 9 to 5 in the XR-12 but not in the placebo group (8 to 8)"),
            ["xr-12", "placebo"]
        );
        assert_eq!(
            keys("remission with ozanimod versus placebo"),
            ["ozanimod", "placebo"]
        );
        // A word that is no treatment's name stays out.
        assert_eq!(keys("weight and placebo response"), ["placebo"]);
    }

    #[test]
    fn a_group_named_by_its_treatment_and_a_difference_between_pre_and_post() {
        let keys: Vec<String> = groups("in the group treated with lidocaine spray (1.16 ± 1.56)")
            .iter()
            .map(|p| group_key(&p.text))
            .collect();
        assert_eq!(keys, ["lidocaine"]);
        // `group 1` is still a group named by its number.
        let keys: Vec<String> = groups("in group 1 and group 2")
            .iter()
            .map(|p| group_key(&p.text))
            .collect();
        assert_eq!(keys, ["1", "2"]);
        // One noun before several numbers names as many groups.
        let keys = |s: &str| {
            groups(s)
                .iter()
                .map(|p| group_key(&p.text))
                .collect::<Vec<_>>()
        };
        assert_eq!(keys("in Group I and II, respectively"), ["i", "ii"]);
        assert_eq!(keys("in groups 1, 2 and 3"), ["1", "2", "3"]);
        assert_eq!(keys("Arms A or B"), ["a", "b"]);
        // A number of another kind continues no list.
        assert_eq!(keys("in group 1 and A"), ["1"]);
        assert!(change_words(
            "a difference was observed between pre-and post-intervention scores"
        ));
        assert!(change_words("the pre-post difference was 2.1"));
        assert!(!change_words("the difference between the groups was 2.1"));
    }

    #[test]
    fn kinds_of_cases_set_against_each_other_are_groups() {
        let names = |s: &str| groups(s).into_iter().map(|p| p.text).collect::<Vec<_>>();
        assert_eq!(
            names("有効例と無効例の投与前の体重はそれぞれ"),
            ["有効例", "無効例"]
        );
        // Cases in general, or one kind alone, name no group.
        assert!(names("全例と本例の").is_empty());
        assert!(names("改善例は12例であった").is_empty());
    }

    #[test]
    fn a_time_closed_by_de_before_a_japanese_group_is_no_part_of_its_name() {
        let names = |s: &str| -> Vec<String> { groups(s).into_iter().map(|p| p.text).collect() };
        assert_eq!(names("投与8週後で実薬群12例"), ["実薬群"]);
        assert_eq!(names("1年半~2年で初回治療群5例"), ["初回治療群"]);
        assert_eq!(names("4週後では対照群"), ["対照群"]);
        assert!(!names("自宅でのケア群").iter().any(|n| n.starts_with('の')));
    }

    #[test]
    fn comparators_of_two_words_are_groups() {
        // The group pattern ignores whitespace: a comparator's space must still match.
        for text in [
            "Usual care",
            "standard of care",
            "no treatment",
            "standard care",
            "No intervention",
            "non-intervention",
            "no exercise",
        ] {
            assert!(!groups(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_group_named_by_four_words_after_an_article_keeps_them_all() {
        // Made-up names: four words before the noun where `the` opens them; without the
        // article three words at most, as before (a verb's words are no name).
        let names = |s: &str| -> Vec<String> { groups(s).iter().map(|p| p.text.clone()).collect() };
        assert!(
            names("from 25.0 to 25.2 in the maximal volitional interval training group")
                .contains(&"maximal volitional interval training group".to_string()),
            "{:?}",
            names("from 25.0 to 25.2 in the maximal volitional interval training group")
        );
        assert!(
            !names("scores rose sharply over weeks interval training group")
                .iter()
                .any(|n| n.starts_with("rose") || n.starts_with("sharply")),
        );
    }

    #[test]
    fn groups_named_together() {
        let keys = |s: &str| -> Vec<Vec<String>> {
            coordinated_groups(s)
                .iter()
                .map(|l| l.iter().map(|p| group_key(&p.text)).collect())
                .collect()
        };
        assert_eq!(
            keys("5.1 ± 1.2 and 4.3 ± 1.1 in the drug and placebo groups, respectively"),
            [["drug", "placebo"]]
        );
        assert_eq!(
            keys("in the 5 mg, 10 mg and placebo arms, respectively"),
            [["5 mg", "10 mg", "placebo"]]
        );
        assert_eq!(
            keys("was 12 and 9 in the drug group and the placebo group, respectively"),
            [["drug", "placebo"]]
        );
        assert_eq!(
            keys("実薬群及びプラセボ群でそれぞれ"),
            [["実薬", "プラセボ"]]
        );
        assert!(keys("in the drug group; the placebo group had").is_empty());
        assert_eq!(respectively("4 and 5, respectively"), Some(9));
        assert_eq!(respectively("ベースラインはそれぞれ、7.9"), Some(21));
    }

    #[test]
    fn time_points_named_together() {
        assert_eq!(
            coordinated_times("(4.8 ± 1.8 and 3.6 ± 1.7, at 1 and 24 hours, respectively)"),
            [["1 hours", "24 hours"]]
        );
        assert_eq!(
            coordinated_times("at weeks 4, 8 and 12"),
            [["week 4", "week 8", "week 12"]]
        );
        assert_eq!(
            coordinated_times("at baseline and week 12, respectively"),
            [["at baseline", "week 12"]]
        );
        assert!(coordinated_times("at week 12 the drug group").is_empty());
    }

    #[test]
    fn a_change_from_baseline_is_measured_from_it_not_at_it() {
        let texts = |s: &str| -> Vec<String> { times(s).into_iter().map(|p| p.text).collect() };
        assert_eq!(
            texts("the mean change from baseline to week 12 was -3.1 ± 2.0"),
            ["to week 12"]
        );
        assert_eq!(
            texts("ベースラインからの変化量は-0.8±0.7%"),
            Vec::<String>::new()
        );
        assert_eq!(texts("ベースラインから52週後までの変化量"), ["52週後"]);
        // A value printed right after the phrase is the value at baseline.
        assert_eq!(
            texts("improved from baseline 14.2 ± 3.1 to 9.8 ± 2.7"),
            ["baseline"]
        );
        assert_eq!(
            texts("at baseline and after 6 months"),
            ["at baseline", "after 6 months"]
        );
    }

    #[test]
    fn pre_and_post_glued_to_their_values_and_a_point_right_after_the_event() {
        let texts = |s: &str| -> Vec<String> { times(s).into_iter().map(|p| p.text).collect() };
        // Japanese text glues the English labels to the values they time.
        assert_eq!(
            texts("併用群がPre4.24±0.2点からPost2.55±0.2点、単独群がPre3.47±0.2点から"),
            ["Pre", "Post", "Pre"]
        );
        // A word that merely starts with the letters is no label (`Present 4`, `postal 12`).
        assert!(texts("Present 4 patients; postal 12 codes").is_empty());
        assert_eq!(
            texts("Immediately after the intervention"),
            ["Immediately after the intervention"]
        );
    }

    #[test]
    fn capitals_after_a_named_group_that_go_on_with_the_clause_name_no_group() {
        let names = |s: &str| -> Vec<String> { groups(s).into_iter().map(|p| p.text).collect() };
        assert_eq!(
            names("In the control group BMI rose from 20.8 to 21.2"),
            ["control group"]
        );
        // A group named by its number or letters, and an abbreviation standing before its n.
        assert_eq!(names("in Group AB the score fell"), ["Group AB"]);
        assert_eq!(names("the exercise group EG (n = 20)"), ["group EG"]);
    }

    #[test]
    fn time_phrases() {
        let t: Vec<String> =
            times("improved from 14 at baseline to 9 after six months and at week 12")
                .iter()
                .map(|p| time_key(&p.text))
                .collect();
        // (A count in words is keyed as digits: `six months` is `6 months`' time.)
        assert_eq!(t, ["baseline", "6 month", "week 12"]);
        let t: Vec<String> = times("治療前 3.0 から治療開始 1 年後には 0.9")
            .iter()
            .map(|p| p.text.clone())
            .collect();
        assert_eq!(t, ["治療前", "1 年後"]);
        // `before and after the treatment`: two points, the first sharing the event.
        let t: Vec<String> = times("Mean BCVAs before and after the treatment were")
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(t, ["before the treatment", "after the treatment"]);
        // Each word after its own value, only the second naming the event (made-up numbers).
        let t: Vec<String> = times("EASI 6.8 ± 3.5 before and 0.8 ± 1.2 after therapy, p < 0.01; 1.4 (0.6) scores before and 1.5 (0.6) scores after therapy")
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(
            t,
            [
                "before therapy",
                "after therapy",
                "before therapy",
                "after therapy"
            ]
        );
        // A clause between them keeps the first word alone: no event is shared across it.
        let t: Vec<String> = times("6.8 before, and in the other group 0.8 after therapy")
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(t, ["after therapy"]);
        // The ways a drug is given, the start of a treatment and a switch name points too.
        let t: Vec<String> =
            times("平均眼圧は点眼開始前18.0±4.5、切り替え前15.6±3.8、内服後12.1±2.0")
                .into_iter()
                .map(|p| p.text)
                .collect();
        assert_eq!(t, ["点眼開始前", "切り替え前", "内服後"]);
        // Time points counted in order.
        let t: Vec<String> =
            times("on the first day, at the 6th hour and on the second postoperative day")
                .iter()
                .map(|p| time_key(&p.text))
                .collect();
        assert_eq!(t, ["first day", "6th hour", "second postoperative day"]);
        assert!(is_baseline("at baseline") && is_baseline("治療前") && !is_baseline("week 12"));
    }

    #[test]
    fn transitions_and_content() {
        assert!(transition(" to "));
        assert!(transition(" 回から "));
        assert!(!transition(" years and disease duration "));
        assert_eq!(
            content_words(" years and disease duration "),
            ["disease", "duration"]
        );
        assert!(
            content_words(" points in the drug group (n = 60) and by ")
                .iter()
                .all(|w| w == "drug")
        );
        assert!(from_before("the QMG score improved from "));
        assert!(change_words("the score fell by"));
        assert_eq!(spread_kind("Data are mean ± SD."), Some("SD"));
        assert_eq!(spread_kind("LSM (SE) change from baseline"), Some("SEM"));
        assert_eq!(spread_kind("変化量(平均値±標準偏差)"), Some("SD"));
        // A Japanese particle right after the label (`±SDは`) ends it as a space would.
        assert_eq!(spread_kind("平均年齢 ±SDは66.8±13.4歳"), Some("SD"));
        assert_eq!(spread_kind("SD-OCT thickness"), None);
        assert_eq!(
            spread_kind("mean ± SD at baseline, mean ± SE of the change"),
            None
        );
    }

    #[test]
    fn a_bracketed_spread_name_abbreviating_a_clinical_term_states_no_spread() {
        // Initials in any case: the term a measure is named by, not the values' spread.
        assert_eq!(
            spread_kind("Spherical equivalent (SE) progression was similar."),
            None
        );
        assert_eq!(spread_kind("the symptom days (SD) fell"), None);
        // A Japanese term glued before it that names no statistic.
        assert_eq!(spread_kind("等価球面度数(SE)の変化は同等だった。"), None);
        // Stated spreads stay stated.
        assert_eq!(
            spread_kind("Values are mean ± standard error (SE)."),
            Some("SEM")
        );
        assert_eq!(spread_kind("Change from baseline, mean (SE)"), Some("SEM"));
        assert_eq!(spread_kind("変化量の平均値(SE)"), Some("SEM"));
        assert_eq!(spread_kind("群間差(SE)"), Some("SEM"));
    }
}
