//! Running text: each summary read with the words around it (the rules in the module doc of
//! [`super`]), the n of each value, the comparison after a measure.

use super::model::{Cell, Comparison, Measure, Shape, Structure, group_index};
use crate::draft::cues::{self, Phrase};
use crate::draft::{Item, ItemKind, Sentences};
use crate::text::window;

/// A phrase found between two summaries, and which of them it belongs to.
#[derive(Debug, Clone)]
struct Bound {
    phrase: Phrase,
    /// It follows a value closely (`4.1 in the drug group`, `9.8 after six months`, `(実薬群)`).
    backward: bool,
}

/// Does `before` (the text between a value and a phrase) leave the phrase attached to the
/// value: only units, white space, brackets and an n between them?
/// `units`: the words already read as a value's unit in the sentence (a unit printed again
/// after a later value is the same unit: `… (wpm) before training and 45.34±7.35 wpm after`).
fn adjacent(before: &str, units: &[String]) -> bool {
    let stripped = plain_words(before);
    let words: Vec<&str> = stripped.split_whitespace().collect();
    words.iter().enumerate().all(|(i, &w)| {
        // A rate written out (`words per minute`, `beats per minute`) and its acronym
        // (`(wpm)`: the initials of the words before it).
        let per =
            w == "per" || words.get(i + 1) == Some(&"per") || (i > 0 && words[i - 1] == "per");
        per || is_acronym_of(w, &words[..i])
            || units.iter().any(|u| u == w)
            || w.chars().all(|c| c.is_ascii_digit() || c == '.')
            // The value's own change printed after it, signed, in % (`26.5 (43.5) points
            // (−44.6%) at six months`).
            || is_signed_percent(w)
            // A unit written as a ratio (`μg/g`, `mL/min/1.73m2`, `cells/μL`).
            || (w.contains('/') && !w.contains("//") && w.chars().count() <= 16)
            || counted_people(w)
            || allocated_to(&words[..=i])
            || matches!(
                w,
                "n" | "in"
                    | "the"
                    | "at"
                    | "after"
                    | "for"
                    | "among"
                    | "during"
                    | "on"
                    | "by"
                    | "with"
                    | "over"
                    | "a"
                    | "points"
                    | "point"
                    | "years"
                    | "kg"
                    | "mg"
                    | "%"
                    | "cm"
                    | "mm"
                    | "ml"
                    | "days"
                    | "months"
                    | "weeks"
                    | "units"
                    | "score"
                    | "mmhg"
                    | "回"
                    | "点"
                    | "名"
                    | "例"
                    | "kg/m2"
                    | "min"
                    | "h"
                    | "mg/dl"
                    | "mmol/l"
                    | "ng/ml"
                    | "pg/ml"
                    | "iu"
                    | "u/l"
                    | "bpm"
                    | "ms"
                    | "g/dl"
                    | "μmol/l"
                    | "sec"
            )
    })
}

/// Do `words` end in the words that allocate people to a group (`randomized to`, `assigned
/// to`, `allocated into`, or the participle before them): a count of people followed by them
/// (`28 of 45 (62.2%) randomized to the MD group`) is the count of the group they name.
fn allocated_to(words: &[&str]) -> bool {
    let participle = |w: &str| {
        matches!(
            w,
            "randomized" | "randomised" | "randomly" | "assigned" | "allocated"
        )
    };
    match words {
        [.., before, "to" | "into"] => participle(before),
        [.., w] => participle(w),
        [] => false,
    }
}

/// Is `w` the noun a count of people is printed with (`127 (25.6%) people in the
/// intervention group`, `112/405 (28%) of those in the control group`, `12 patients in the
/// drug arm`): the count's unit, so the group named after it is the count's.
fn counted_people(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "patients"
            | "participants"
            | "subjects"
            | "individuals"
            | "women"
            | "men"
            | "children"
            | "infants"
            | "adults"
            | "respondents"
            | "of"
            | "those"
    )
}

/// Is `w` a signed number in % (`−44.6%`, `+12%`, `-3.1％`)?
fn is_signed_percent(w: &str) -> bool {
    let Some(rest) = w.strip_prefix(['-', '−', '–', '+', '＋', '－']) else {
        return false;
    };
    let Some(number) = rest.strip_suffix(['%', '％']) else {
        return false;
    };
    !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.starts_with(|c: char| c.is_ascii_digit())
}

/// The word printed right after every one of a sentence's values (`0.24 ± 0.28 logMAR before
/// laser, 0.19 ± 0.25 logMAR 3 months after laser`): their unit, whatever it is, so that a
/// time or group named after it is the value's before it. Two values at least; a word that
/// opens a time's or a group's phrase is none.
fn shared_unit(original: &str, items: &[Item], summaries: &[usize]) -> Option<String> {
    if summaries.len() < 2 {
        return None;
    }
    let first_word = |j: usize| {
        let rest = original.get(items[j].span[1]..)?;
        let word: String = rest
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && !",;.、。()（）".contains(*c))
            .collect();
        (!word.is_empty()).then(|| word.to_lowercase())
    };
    let unit = first_word(summaries[0])?;
    let opens_phrase = [
        "in", "at", "after", "before", "for", "and", "or", "vs", "versus", "to",
    ];
    (unit.chars().any(char::is_alphabetic)
        && !opens_phrase.contains(&unit.as_str())
        && summaries[1..]
            .iter()
            .all(|&j| first_word(j).as_deref() == Some(&unit)))
    .then_some(unit)
}

/// The events a sentence counts time from (`laser` in `3 months after laser`): whatever the
/// intervention is called, the text names its time points from it.
fn events_counted_from(sentence: &str) -> Vec<String> {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b\d+\s*(?:weeks?|months?|days?|years?|hours?)\s+after\s+(?:the\s+)?([a-z][a-z-]{2,})\b",
        )
        .expect("the event pattern is valid")
    });
    let mut events: Vec<String> = p
        .captures_iter(sentence)
        .map(|c| c[1].to_lowercase())
        .collect();
    events.sort();
    events.dedup();
    events
}

/// The time words of the sentence at `span` whose event only a later word names (`before` in
/// `6.8 ± 3.5 before and 0.8 ± 1.2 after therapy`, read by [`cues::times`] over the whole
/// sentence as `before therapy`): a gap between two values sees only its own word.
fn shared_event_times(original: &str, span: std::ops::Range<usize>) -> Vec<cues::Phrase> {
    let sentence = &original[span.clone()];
    // Only a sentence with such a first word (`before`, `prior to`, `pre-`) can hold one: the
    // others are spared reading their times twice.
    let lower = sentence.to_ascii_lowercase();
    if !["before", "prior", "pre"].iter().any(|w| lower.contains(w)) {
        return Vec::new();
    }
    cues::times(sentence)
        .into_iter()
        .filter(|t| {
            let word = &sentence[t.start..t.end];
            !word.contains(char::is_whitespace) && t.text.len() > word.len()
        })
        .map(|t| cues::Phrase {
            start: span.start + t.start,
            end: span.start + t.end,
            text: t.text,
        })
        .collect()
}

/// The time points `before EVENT` and `after EVENT` in `between` for the sentence's `events`
/// (`before laser`, where `3 months after laser` names the event), that no phrase in `found`
/// already covers.
fn times_around_events(
    between: &str,
    events: &[String],
    found: &[cues::Phrase],
) -> Vec<cues::Phrase> {
    let lower = between.to_lowercase();
    let mut out = Vec::new();
    for event in events {
        for side in ["before ", "after "] {
            let phrase = format!("{side}{event}");
            let mut from = 0;
            while let Some(k) = lower[from..].find(&phrase) {
                let (start, end) = (from + k, from + k + phrase.len());
                from = end;
                let whole_word = lower[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
                    && lower[..start]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric());
                let covered = found.iter().any(|f| f.start < end && start < f.end);
                if whole_word
                    && !covered
                    && between.is_char_boundary(start)
                    && between.is_char_boundary(end)
                {
                    out.push(cues::Phrase {
                        start,
                        end,
                        text: between[start..end].to_string(),
                    });
                }
            }
        }
    }
    out
}

/// `text` in lower case with brackets and separators as spaces: the words [`adjacent`] reads.
fn plain_words(text: &str) -> String {
    text.replace(|c: char| "()（）[]、,;:=".contains(c), " ")
        .to_lowercase()
}

/// Is `word` (three letters or more) the initials of the words right before it (`wpm` after
/// `words per minute`)?
fn is_acronym_of(word: &str, before: &[&str]) -> bool {
    let n = word.chars().count();
    n >= 3
        && before.len() >= n
        && word.chars().all(|c| c.is_alphabetic())
        && before[before.len() - n..]
            .iter()
            .zip(word.chars())
            .all(|(w, c)| w.starts_with(c))
}

/// Does `rest` (the text between a phrase and the value after it) hold only separators and a
/// particle (`は`, `で`), so that the phrase names that value?
fn leads_into(rest: &str) -> bool {
    let kept: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && !":：、,，=（(".contains(*c))
        .collect();
    matches!(
        kept.as_str(),
        "" | "は" | "で" | "が" | "に" | "には" | "では"
    )
}

/// Is `rest` (the words between a group's name and the next value) short enough for the name
/// to lead into the value: at most three words and no number (`was`, `had a mean of`)?
fn short_lead(rest: &str) -> bool {
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || ",:;=（(".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 3 && !words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// The phrases of `between` (the text after value `k - 1` and before value `k`), each bound
/// backward to the value before it or forward to the value after it.
fn bind(between: &str, found: Vec<Phrase>, first: bool, units: &[String]) -> Vec<Bound> {
    found
        .into_iter()
        .map(|phrase| {
            let before = &between[..phrase.start];
            let starts_preposition = {
                let t = phrase.text.to_lowercase();
                [
                    "in ", "at ", "after ", "before ", "for ", "among ", "during ", "on ", "by ",
                    "with ", "over ",
                ]
                .iter()
                .any(|p| t.starts_with(p))
                    // A time counted from an event (`3 months after laser`, `6 weeks later`)
                    // places the value it follows, as `after 3 months` does.
                    || t.starts_with(|c: char| c.is_ascii_digit())
                        && [" after ", " before ", " later", " post"]
                            .iter()
                            .any(|w| t.contains(w))
                    || between[..phrase.start]
                        .trim_end()
                        .ends_with(['(', '（', '['])
                    || {
                        // `… 5.1 kg in the drug group`, `… for those receiving placebo`,
                        // `−35.5% with 100 mg`, `12% on placebo`, `9 (12.0%) of the exercise
                        // group`.
                        let tail = before.trim_end().to_lowercase();
                        let tail = tail.strip_suffix(" the").unwrap_or(&tail);
                        [" in", " at", " after", " for", " among", " with", " on", " of"]
                            .iter()
                            .any(|p| tail.ends_with(p))
                            || allocated_to(&tail.split_whitespace().collect::<Vec<_>>())
                    }
                    // `18 (24.3%) usual-care group participants fell`: a group's noun phrase
                    // right after the value, nothing between, names the value's group.
                    || (before.trim().trim_start_matches([')', '）']).trim().is_empty() && {
                        let t = phrase.text.to_lowercase();
                        t.ends_with(" group") || t.ends_with(" arm") || t.ends_with(" groups")
                    })
            };
            // A semicolon closes the clause of the value before: a phrase after it opens the
            // next (`… 131 ± 12 mmHg; in the placebo group, 134 ± 11`).
            let clause_closed = before.contains([';', '；']);
            let backward =
                !first && !clause_closed && adjacent(before, units) && starts_preposition;
            Bound { phrase, backward }
        })
        .collect()
}

/// What the text says about one summary of a sentence.
#[derive(Debug, Clone, Default)]
struct Local {
    group: Option<(String, String)>,
    time: Option<String>,
    /// Its time is printed right before it (`24時間後6 (0-19)`, `at week 4, 5.1 ± 1.0`), not
    /// after it (`5.1 ± 1.0 at week 4`).
    time_before: bool,
    /// A transition (`to`, `→`, `から`) stands between it and the value before.
    transition: bool,
    /// `vs` stands between it and the value before.
    versus: bool,
    /// Content words between it and the value before (a new measure).
    content: Vec<String>,
    /// A word naming a difference stands before it (`with a difference of 0.65 ± 0.78`).
    difference: bool,
    /// The text before it in the sentence's first clause names this much of the measure.
    label: Option<String>,
    from: bool,
    /// The words right before it open a range (`ranged from`, `varied from`, `in the range
    /// of`): the `to` after it joins a range's two ends, no time course.
    range_opens: bool,
    /// Its group comes from a `respectively` list; the first of the list starts a new measure.
    respectively: bool,
    list_start: bool,
    /// The value of another group whose measure this one is, from a `respectively` run that
    /// takes the measures of that group's values in order ([`measures_in_order`]).
    counterpart: Option<usize>,
    /// The key of the group carried to it from a name before it (`In the drug group, 8.1 …
    /// 7.2`), rather than named beside it or given by a list; stale once another reading
    /// gives it another group.
    carried_from: Option<String>,
    /// A time named after the sentence's first value stands before it: the time named before
    /// the first value is not its ([`GapReader::carry_opened_times`]).
    after_a_later_time: bool,
    /// A p stands between it and the value before (`… compared with placebo (30.7%;
    /// P<.001), and approximately 34% …`).
    after_p: bool,
    /// Its group is named right before it (`and Group H (4.3 ± 9.6 mg)`).
    group_before: bool,
}

impl Local {
    /// Gives the value a group named beside it or by a list, which no longer counts as
    /// carried to it.
    fn name_group(&mut self, group: (String, String)) {
        self.group = Some(group);
        self.carried_from = None;
    }
}

/// `A and B in the drug and placebo groups, respectively` (or `ベースラインはそれぞれ、A、B`
/// after a list of groups): the run of values beside the word takes the groups in the order the
/// text names them. The run is the values right before the word (or, where they do not fit,
/// right after it) with nothing but separators between them; the groups are a list named
/// together (the nearest of the right length), or else the groups of the values just before
/// the run, each named with its own value. Nothing is assigned unless the counts agree.
///
/// A sentence that names no groups of its own for the run (`SBP decreased as 15.6 ± 8.23% in
/// the EO group and 6.3 ± 7.49% in the placebo group (P < 0.001). DBP decreased as 12.3 ±
/// 7.87% and 3.88 ± 7.98%, respectively.`) refers to the arms of the measure just before it
/// (`arms_before`), in their order, where their number is the run's.
fn respectively(
    (sentence_text, at, original): (&str, usize, &str),
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
    arms_before: &[(String, String)],
) {
    // `(以下同順)` (in the same order below) after the arms' values says the next sentence's
    // unnamed values follow them in that order, as if it ended in `respectively`.
    let in_the_order_stated = !arms_before.is_empty() && stated_order_before(original, at);
    let Some(cue) = cues::respectively(sentence_text)
        .or_else(|| in_the_order_stated.then_some(sentence_text.len()))
    else {
        return;
    };
    let cue = at + cue;
    // A transition ends the run: in `from A to B and C, respectively` the list is B and C,
    // and A is what they changed from. `vs` does not (`8.6% and 7.9% vs 16.9% in the large
    // changes, small changes and control groups, respectively`): it sets the last value
    // against the others, each still the next group's; the counts must agree all the same.
    let separated_only =
        |k: usize| locals[k].content.is_empty() && !locals[k].difference && !locals[k].transition;
    let mut runs: Vec<Vec<usize>> = Vec::new();
    if let Some(last) = summaries.iter().rposition(|&j| items[j].span[1] <= cue) {
        let mut first = last;
        while first > 0 && separated_only(first) {
            first -= 1;
        }
        runs.push((first..=last).collect());
    }
    if let Some(first) = summaries.iter().position(|&j| items[j].span[0] >= cue) {
        let mut last = first;
        while last + 1 < summaries.len() && separated_only(last + 1) {
            last += 1;
        }
        runs.push((first..=last).collect());
    }
    let lists = cues::coordinated_groups(sentence_text);
    if slotted_by_label((at, cue), items, summaries, &lists, locals) {
        return;
    }
    for run in runs {
        if run.len() < 2 {
            continue;
        }
        let named = lists
            .iter()
            .filter(|l| l.len() == run.len())
            .min_by_key(|l| l[0].start.abs_diff(cue - at))
            .map(|l| {
                l.iter()
                    .map(|p| (p.text.clone(), cues::group_key(&p.text)))
                    .collect::<Vec<_>>()
            });
        // Or the groups of the values just before the run, each with its own name.
        let before = || -> Option<Vec<(String, String)>> {
            let first = run[0];
            let from = first.checked_sub(run.len())?;
            let gs: Vec<(String, String)> = (from..first)
                .map(|k| locals[k].group.clone())
                .collect::<Option<_>>()?;
            keys_distinct(&gs).then_some(gs)
        };
        // Or the arms the sentence declares before the word, each with its bracketed n.
        let declared = || arms_declared_with_n(&sentence_text[..cue - at], run.len());
        let Some(groups) = named.or_else(before).or_else(declared) else {
            if listed_times(sentence_text, &run, locals)
                || pairs_at_listed_times(sentence_text, &run, locals, arms_before)
                || slotted_by_time(&run, &lists, locals)
                || measures_in_order(&run, locals)
            {
                return;
            }
            // Last, the arms of the sentence before, where nothing here says what the run is
            // and the run is all the sentence prints.
            if lists.is_empty() && arms_before.len() == run.len() && run.len() == locals.len() {
                for (g, &k) in arms_before.iter().zip(&run) {
                    locals[k].name_group(g.clone());
                    locals[k].respectively = true;
                }
                locals[run[0]].list_start = true;
                return;
            }
            continue;
        };
        let time = run.iter().find_map(|&k| locals[k].time.clone());
        for (g, &k) in groups.into_iter().zip(&run) {
            locals[k].name_group(g);
            locals[k].respectively = true;
            if locals[k].time.is_none() {
                locals[k].time = time.clone();
            }
        }
        locals[run[0]].list_start = true;
        return;
    }
}

/// `The mean SpO2 values for the TT and LMA groups were as follows: SpO2-1: 98.9 ± 1.0 and
/// 98.7 ± 0.8 (p > 0.25), SpO2-2: 97.4 ± 1.0 and 94.9 ± 4.3 (p < 0.001), …, respectively`: a
/// `respectively` over slots, each opened by its own label and holding one value per group of
/// the list named before them all: each slot's values take the list's groups in order. Every
/// value before the word must fall in such a slot (its first value after the slot's label, the
/// others after separators only), and two slots at least. Whether the values were read so.
fn slotted_by_label(
    (at, cue): (usize, usize),
    items: &[Item],
    summaries: &[usize],
    lists: &[Vec<Phrase>],
    locals: &mut [Local],
) -> bool {
    let before: Vec<usize> = (0..summaries.len())
        .filter(|&k| items[summaries[k]].span[1] <= cue)
        .collect();
    let first_value = match before.first() {
        Some(&k) => items[summaries[k]].span[0].saturating_sub(at),
        None => return false,
    };
    // The list named before the first value, nearest it.
    let Some(list) = lists
        .iter()
        .filter(|l| l.len() >= 2 && l.last().is_some_and(|p| p.end <= first_value))
        .max_by_key(|l| l[0].start)
    else {
        return false;
    };
    let m = list.len();
    if before.len() < 2 * m || before.len() % m != 0 || before[0] != 0 {
        return false;
    }
    let separated_only = |k: usize| {
        locals[k].content.is_empty()
            && !locals[k].difference
            && !locals[k].transition
            && !locals[k].versus
    };
    let slots_fit = before.chunks(m).enumerate().all(|(i, slot)| {
        (i == 0 || !locals[slot[0]].content.is_empty() && !locals[slot[0]].transition)
            && slot[1..].iter().all(|&k| separated_only(k))
    });
    if !slots_fit {
        return false;
    }
    for slot in before.chunks(m) {
        for (p, &k) in list.iter().zip(slot) {
            locals[k].name_group((p.text.clone(), cues::group_key(&p.text)));
            locals[k].respectively = true;
        }
        locals[slot[0]].list_start = true;
    }
    true
}

/// Does the sentence before byte `at` say its values' order holds below (`(以下同順)`)?
fn stated_order_before(original: &str, at: usize) -> bool {
    let tail = window::before(original, 0, at, 240);
    ["以下同順", "以下同様の順"]
        .iter()
        .any(|w| tail.contains(w))
}

/// Is each of `groups` (name, key) another group: no two share a key?
fn keys_distinct(groups: &[(String, String)]) -> bool {
    let mut keys: Vec<&str> = groups.iter().map(|g| g.1.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len() == groups.len()
}

/// The groups, in order, of the last measure read before sentence `si`, where it is one of
/// arms, each cell of another group, in the sentence right before `si`: what a `respectively`
/// that names no groups of its own refers to.
fn arms_of_the_measure_before(s: &Structure, si: usize) -> Vec<(String, String)> {
    // Of the means and the shares alike (the shares' reader runs with its own measures only);
    // the means' where both stand in that sentence (`max_by_key` keeps the last of equals).
    let last = [
        s.shares.iter().rfind(|m| m.sentence < si),
        s.measures.iter().rfind(|m| m.sentence < si),
    ]
    .into_iter()
    .flatten()
    .max_by_key(|m| m.sentence);
    let Some(last) = last else {
        return Vec::new();
    };
    if last.shape != Shape::Arms || last.sentence + 1 != si {
        return Vec::new();
    }
    let groups: Option<Vec<(String, String)>> = last
        .cells
        .iter()
        .map(|c| {
            c.group
                .map(|g| (s.groups[g].label.clone(), s.groups[g].key.clone()))
        })
        .collect();
    groups.filter(|g| keys_distinct(g)).unwrap_or_default()
}

/// `between the metformin (n = 24) and liraglutide (n = 22) groups (−0.95 ± 0.80% vs. −0.80 ±
/// 0.88%, p = 0.77)`: a bracket opened right after a list of groups named together, printing
/// one value for each of them joined only by `vs`, `and` or commas, gives the values the groups
/// in the order the list names them, as `respectively` would. Nothing is assigned unless the
/// counts agree and every value is still without a group of its own.
fn bracket_after_listed_groups(
    sentence_text: &str,
    at: usize,
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    static AFTER_LIST: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let after_list = AFTER_LIST.get_or_init(|| {
        // Each group's n may stand before or after the list's noun.
        let n = BRACKETED_COUNT;
        regex::Regex::new(&format!(
            r"(?i)^(?:\s*{n})?(?:\s*(?:groups|arms|cohorts)\b)?(?:\s*{n})?\s*(?P<open>[(（]|[:：])"
        ))
        .expect("a valid pattern")
    });
    let lists = cues::coordinated_groups(sentence_text)
        .into_iter()
        .chain(arms_listed_with_counts(sentence_text));
    for list in lists {
        let Some(last) = list.last() else { continue };
        let Some((bracket_start, bracket_end)) =
            values_after_a_list(after_list, sentence_text, last.end).map(|(a, b)| (at + a, at + b))
        else {
            continue;
        };
        let inside: Vec<usize> = (0..summaries.len())
            .filter(|&k| {
                let [a, b] = items[summaries[k]].span;
                a >= bracket_start && b <= bracket_end
            })
            .collect();
        let joined = inside.windows(2).all(|w| {
            let gap = sentence_text
                .get(items[summaries[w[0]]].span[1] - at..items[summaries[w[1]]].span[0] - at)
                .unwrap_or("x");
            // (A percent sign or the values' unit may close the first value.)
            let words: Vec<String> = gap
                .split_whitespace()
                .map(|w| w.trim_matches(['.', ',', ';', '%']).to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            match words.as_slice() {
                [] => true,
                [w] => matches!(w.as_str(), "vs" | "versus" | "and" | "対"),
                [unit, w] => {
                    unit.chars().all(char::is_alphabetic)
                        && unit.len() <= 5
                        && matches!(w.as_str(), "vs" | "versus" | "and")
                }
                _ => false,
            }
        });
        // A value's own group other than the list's (named beside it) is kept: no list then.
        let keys: Vec<String> = list.iter().map(|p| cues::group_key(&p.text)).collect();
        let own_elsewhere = |k: usize| {
            locals[k].carried_from.is_none()
                && locals[k]
                    .group
                    .as_ref()
                    .is_some_and(|g| !keys.contains(&g.1))
        };
        if inside.len() != list.len() || !joined || inside.iter().any(|&k| own_elsewhere(k)) {
            // `evolocumab (280 participants) or placebo (141 participants) (mean [SD] age 62
            // [8] years; 44% women; 77% white)`: a bracket right after the list whose values
            // are not one for each group, side by side, describes the groups together (the
            // whole sample), not the last one named, whose name only stands before the
            // bracket or was carried into it.
            let last_key = cues::group_key(&last.text);
            if !inside.is_empty()
                && (inside.len() != list.len() || !joined)
                && inside
                    .iter()
                    .all(|&k| locals[k].group.as_ref().is_some_and(|g| g.1 == last_key))
            {
                for &k in &inside {
                    locals[k].group = None;
                    locals[k].carried_from = None;
                }
            }
            continue;
        }
        for (p, &k) in list.iter().zip(&inside) {
            locals[k].name_group((p.text.clone(), cues::group_key(&p.text)));
            locals[k].respectively = true;
        }
        locals[inside[0]].list_start = true;
        return;
    }
}

/// Where the values a list of groups is followed by stand (byte offsets in `sentence_text`):
/// inside the bracket opened right after the list (`after_list` matches up to it), or after a
/// colon (`the drug groups (n=66) vs the placebo group (n=32): 0.2 ± 0.8 vs −0.2 ± 1.3 mm, P <
/// 0.05`) to the clause's end.
fn values_after_a_list(
    after_list: &regex::Regex,
    sentence_text: &str,
    list_end: usize,
) -> Option<(usize, usize)> {
    let open = after_list.captures(&sentence_text[list_end..])?;
    let whole = open.get(0)?;
    let colon = open
        .name("open")
        .is_some_and(|m| m.as_str().ends_with([':', '：']));
    let start = list_end + whole.end();
    let rest = &sentence_text[start..];
    let close = if colon {
        rest.find([';', '；', '。']).unwrap_or(rest.len())
    } else {
        rest.find([')', '）'])?
    };
    Some((start, start + close))
}

/// A bracketed count of people as a list of arms prints it after each name: `(n = 24)`,
/// `(280 participants)`, `（n＝54）`, `(n = 29/38)` (the arm's part of the whole sample).
const BRACKETED_COUNT: &str = r"[(（]\s*(?:[nN]\s*[=＝]\s*)?\d[\d,]*(?:\s*/\s*\d[\d,]*)?\s*(?:participants|patients|subjects|people|persons|children|adults|women|men)?\s*[)）]";

/// `evolocumab (280 participants) or placebo (141 participants)`: arms named each right before
/// a bracketed count of its people ([`BRACKETED_COUNT`]), joined only by `or`, `and`, `vs` or
/// commas, as a sentence lists the arms it randomised to. The names in order (two at least).
fn arms_listed_with_counts(sentence_text: &str) -> Option<Vec<cues::Phrase>> {
    static COUNT: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static JOIN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let count = COUNT.get_or_init(|| regex::Regex::new(BRACKETED_COUNT).expect("a valid pattern"));
    let join = JOIN.get_or_init(|| {
        regex::Regex::new(r"(?i)^\s*(?:,\s*)?(?:and|or|vs\.?|versus)?\s*(?:the\s+)?$")
            .expect("a valid pattern")
    });
    let mut list: Vec<cues::Phrase> = Vec::new();
    let mut last_close = None;
    for m in count.find_iter(sentence_text) {
        // (Through the bracket, `(` or the full-width `（`.)
        let open = m.as_str().chars().next().map_or(1, char::len_utf8);
        let before = &sentence_text[..m.start() + open];
        let Some(name) = name_before_bracketed_n(before) else {
            list.clear();
            continue;
        };
        let Some(start) = sentence_text[..m.start()].rfind(name) else {
            list.clear();
            continue;
        };
        let joined = last_close
            .is_some_and(|c: usize| c <= start && join.is_match(&sentence_text[c..start]));
        if !joined {
            if list.len() >= 2 {
                return Some(list);
            }
            list.clear();
        }
        list.push(cues::Phrase {
            start,
            end: start + name.len(),
            text: name.to_string(),
        });
        last_close = Some(m.end());
    }
    (list.len() >= 2).then_some(list)
}

/// `平均年齢はA群55歳,B群51歳,BMIは28.6±4.2,28.7±3.7,HbA1c値は7.7±0.7%,8.0±0.7%` (`age was
/// group A 55, group B 51; BMI 28.6 ± 4.2, 28.7 ± 3.7`): where a sentence first lists its
/// groups each with a value of its own (the name right before the number), the values after
/// the list that name no group of their own follow the order the list set, a run of one
/// measure's values for each measure: a summary names its groups once, as `respectively`
/// would. The last group of the list is no topic carried to every later value (`B群では` is,
/// `B群51歳` is not), so a run of another length, whose order the list cannot give, loses
/// the group carried to it and stays for review.
fn runs_after_groups_listed_with_values(
    sentence_text: &str,
    at: usize,
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    let Some(list) = groups_listed_with_values(sentence_text) else {
        return;
    };
    let list_end = at + list.last().map_or(0, |p| p.end);
    let list_start = at + list[0].start;
    // No value of the sentence's own stands inside the list: its groups' values are others.
    if summaries.iter().any(|&j| {
        let [a, b] = items[j].span;
        a >= list_start && b <= list_end
    }) {
        return;
    }
    let keys: Vec<String> = list.iter().map(|p| cues::group_key(&p.text)).collect();
    let Some(last_key) = keys.last() else { return };
    // The values after the list whose group is the list's last one only because no other
    // name stands between the list and them.
    let carried = |k: usize| {
        let start = items[summaries[k]].span[0];
        locals[k].group.as_ref().is_some_and(|g| &g.1 == last_key)
            && sentence_text
                .get(list_end - at..start - at)
                .is_some_and(|gap| cues::groups(gap).is_empty())
    };
    let separated_only = |k: usize| {
        let l = &locals[k];
        l.content.is_empty() && !l.difference && !l.versus && !l.transition
    };
    let Some(first) = summaries.iter().position(|&j| items[j].span[0] >= list_end) else {
        return;
    };
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut k = first;
    while k < summaries.len() && carried(k) {
        let mut end = k + 1;
        while end < summaries.len() && separated_only(end) && carried(end) {
            end += 1;
        }
        runs.push(k..end);
        k = end;
    }
    for run in runs {
        if run.len() == list.len() {
            for (p, r) in list.iter().zip(run.clone()) {
                locals[r].name_group((p.text.clone(), cues::group_key(&p.text)));
                locals[r].respectively = true;
            }
            locals[run.start].list_start = true;
        } else {
            for r in run {
                locals[r].group = None;
                locals[r].carried_from = None;
            }
        }
    }
}

/// The groups a sentence lists first, each with a value of its own printed right after its
/// name (`A群55歳,B群51歳`, `group A 55 years, group B 51 years`): two or more different
/// groups, one after another, each name followed by its number. None where the sentence's
/// groups are not such a list.
fn groups_listed_with_values(sentence_text: &str) -> Option<Vec<cues::Phrase>> {
    let named = cues::groups(sentence_text);
    let with_value = |p: &cues::Phrase| {
        sentence_text[p.end..]
            .trim_start_matches([' ', ':', '：', 'は'])
            .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    let list: Vec<cues::Phrase> = named.into_iter().take_while(with_value).collect();
    let mut keys: Vec<String> = list.iter().map(|p| cues::group_key(&p.text)).collect();
    keys.sort_unstable();
    keys.dedup();
    (list.len() >= 2 && keys.len() == list.len()).then_some(list)
}

/// `In the drug group, A was 1.2 ± 0.3, B 2.1 ± 0.5 and C 5 ± 2; in the placebo group, the
/// values were 0.3 ± 0.2, 0.4 ± 0.3 and 1 ± 2, respectively` (`標準的透析量群において,尿素除去率は
/// 66.3±2.5%,…平衡 Kt/V は 1.16±0.08 であり,高透析量群では,値はそれぞれ 75.2±2.5%,…`): a
/// `respectively` `run` of another group, as long as the run of one group's values right before
/// it, each of which names its own measure, takes those measures in the same order. Each value
/// of the run is that measure's value in its own group (its `counterpart` is the earlier value
/// in its place), never the next arm of the value printed right before it. Whether the run was
/// read so.
fn measures_in_order(run: &[usize], locals: &mut [Local]) -> bool {
    let group_of = |k: usize| locals[k].group.as_ref().map(|g| g.1.clone());
    // The run as found may begin with the earlier group's last values (only separators and a
    // group's name stand between them): the values after the last change of group.
    let start = (1..run.len())
        .rev()
        .find(|&i| group_of(run[i]) != group_of(run[i - 1]))
        .unwrap_or(0);
    let run = &run[start..];
    let first = run[0];
    let Some(from) = first.checked_sub(run.len()) else {
        return false;
    };
    if run.len() < 2 {
        return false;
    }
    let (Some(earlier), Some(later)) = (group_of(from), group_of(first)) else {
        return false;
    };
    // The earlier run is the whole of one group's values, each after the first naming a new
    // measure; the run after the word is all of one other group's.
    let whole = from == 0 || group_of(from - 1).as_ref() != Some(&earlier);
    let one_group = (from..first).all(|k| group_of(k).as_ref() == Some(&earlier));
    let measures_named = (from + 1..first).all(|k| !locals[k].content.is_empty());
    let other_group = later != earlier && run.iter().all(|&k| group_of(k).as_ref() == Some(&later));
    if !(whole && one_group && measures_named && other_group) {
        return false;
    }
    for (i, &k) in run.iter().enumerate() {
        locals[k].counterpart = Some(from + i);
        locals[k].list_start = true;
        locals[k].respectively = true;
    }
    true
}

/// `after 4, 8 and 12 weeks (7.7 ± 0.97 vs. 7.6 ± 1.0, 7.9 ± 1.09 vs. 7.8 ± 1.03 and 7.8 ±
/// 1.1 vs. 7.6 ± 1.1%, respectively)`: the run is one slot per listed time, each slot the
/// arms of the measure before (`arms_before`) set against each other by `vs` in their order.
/// Each value takes its slot's time and its place's arm; nothing is assigned unless the run
/// holds exactly one value per arm and time, every slot joined by `vs` within and by none
/// between.
fn pairs_at_listed_times(
    sentence_text: &str,
    run: &[usize],
    locals: &mut [Local],
    arms_before: &[(String, String)],
) -> bool {
    let arms = arms_before.len();
    if arms < 2 || run.len() % arms != 0 {
        return false;
    }
    let slots = run.len() / arms;
    let Some(times) = cues::coordinated_times(sentence_text)
        .into_iter()
        .find(|t| t.len() == slots && slots >= 2)
    else {
        return false;
    };
    let joined_as_slots = run
        .iter()
        .enumerate()
        .all(|(i, &k)| (i % arms != 0) == locals[k].versus);
    if !joined_as_slots {
        return false;
    }
    for (i, &k) in run.iter().enumerate() {
        locals[k].name_group(arms_before[i % arms].clone());
        locals[k].time = Some(times[i / arms].clone());
        locals[k].respectively = true;
    }
    locals[run[0]].list_start = true;
    true
}

/// `6.0 and 6.5 on the first day, 4.1 and 4.4 on the second day, … in the zinc and control
/// groups respectively`: a `respectively` `run` printed as slots, each closed by its own time
/// (or each opened by it: `GB群とEB群のVASはそれぞれ24時間後6と0, 48時間後は0と0`, `in the zinc
/// and control groups respectively: on day 1, 6.0 and 6.5; on day 2, …`), each holding one
/// value per group of a list named together. Every value of a slot takes the
/// slot's time and the list's groups in order. A slot that holds another number of values (a
/// group's value printed bare: `0 and 3.6 ± 1.6`) is left open, cut off from the slots beside
/// it. Nothing is assigned unless at least two slots fit, at different times. Whether the run
/// was read so.
fn slotted_by_time(run: &[usize], lists: &[Vec<Phrase>], locals: &mut [Local]) -> bool {
    let mut slots: Vec<&[usize]> = Vec::new();
    let mut start = 0;
    // Times printed before the values open the slots; else each time closes its slot.
    let opened = locals[run[0]].time_before;
    for (i, &k) in run.iter().enumerate() {
        if opened && i > start && locals[k].time_before {
            slots.push(&run[start..i]);
            start = i;
        } else if !opened && locals[k].time.is_some() {
            slots.push(&run[start..=i]);
            start = i + 1;
        }
    }
    if start < run.len() {
        slots.push(&run[start..]);
    }
    // Each slot's time: the one its first (opened) or last (closed) value is printed with.
    let times: Vec<Option<String>> = slots
        .iter()
        .map(|slot| {
            let k = if opened { slot.first() } else { slot.last() };
            k.and_then(|&k| locals[k].time.clone())
        })
        .collect();
    for list in lists.iter().filter(|l| l.len() >= 2) {
        let fits: Vec<bool> = slots
            .iter()
            .zip(&times)
            .map(|(slot, t)| slot.len() == list.len() && t.is_some())
            .collect();
        let mut keys: Vec<String> = times
            .iter()
            .zip(&fits)
            .filter(|(_, f)| **f)
            .filter_map(|(t, _)| t.as_deref().map(cues::time_key))
            .collect();
        let fitting = keys.len();
        keys.sort();
        keys.dedup();
        if fitting < 2 || keys.len() != fitting {
            continue;
        }
        for (i, slot) in slots.iter().enumerate() {
            for (j, &k) in slot.iter().enumerate() {
                if fits[i] {
                    let p = &list[j];
                    locals[k].name_group((p.text.clone(), cues::group_key(&p.text)));
                    locals[k].time = times[i].clone();
                    locals[k].respectively = true;
                } else {
                    locals[k].group = None;
                    locals[k].list_start = true;
                }
            }
            // The value after a slot left open starts afresh, too.
            if i > 0 && !fits[i - 1] {
                locals[slot[0]].list_start = true;
            }
        }
        locals[run[0]].list_start = true;
        return true;
    }
    false
}

/// `the supplement group had lower systolic BP (124±9 versus 132±7 mm Hg) compared to the
/// placebo group`, `pain was less in the drug group than in the placebo group (3.5 versus
/// 4.6)`: a pair set against each other, with a comparative word before it, in a sentence that
/// names two groups, one of them as the comparator (after `than`, `compared to`, `versus`).
/// The pair is printed in the order of the comparison, the subject's value first; and the
/// document's own numbers must agree: the first value is the lower where the word says lower,
/// the higher where it says higher. Then the first value is the subject's, the second the
/// comparator's. A pair with no comparative word (`similar diastolic BP (81 versus 82)`), or
/// whose numbers go against the word, is left as it was.
fn comparative_pairs(
    sentence_text: &str,
    at: usize,
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    let Some((subject, comparator)) = subject_and_comparator(sentence_text) else {
        return;
    };
    // A mean's value, or a share's (`greater in the drug group than in the placebo group (18%
    // vs. 9%)`).
    let mean = |k: usize| {
        let parts = &items[summaries[k]].parts;
        if let Some(m) = &parts.mean {
            return Some(m.number.value);
        }
        if !is_share(items[summaries[k]].kind) {
            return None;
        }
        match (&parts.value, &parts.count, &parts.of) {
            (Some(v), _, _) => Some(v.number.value),
            (None, Some(count), Some(of)) if of.number.value > 0.0 => {
                Some(count.number.value / of.number.value)
            }
            _ => None,
        }
    };
    // The comparator's name right before the bracket gives its first value to the comparator
    // by nearness alone (`shorter than in the control group (39 vs. 53 h)`): the order of the
    // comparison decides instead.
    let open = |g: &Option<(String, String)>| {
        g.as_ref()
            .is_none_or(|g| g.1 == subject.1 || g.1 == comparator.1)
    };
    // The direction of the last pair named: the pairs after it, each set against each other
    // and listed with it (`(39 vs. 53 hours and 55 vs. 78 hours, respectively)`, `(4.1 vs.
    // 2.3 at T1, and 4.0 vs. 2.6 at T5)`), are of the same comparison.
    let mut last: Option<bool> = None;
    for k in 1..summaries.len() {
        let first_open = open(&locals[k - 1].group);
        if !locals[k].versus || !open(&locals[k].group) || !first_open {
            continue;
        }
        let gap = words_before_pair(sentence_text, at, items, summaries, k);
        let Some(lower) = gap
            .and_then(cues::comparative_direction)
            .or_else(|| last.filter(|_| gap.is_some_and(continues_a_list)))
        else {
            continue;
        };
        let (Some(x), Some(y)) = (mean(k - 1), mean(k)) else {
            continue;
        };
        if (lower && x < y) || (!lower && x > y) {
            locals[k - 1].name_group(subject.clone());
            locals[k].name_group(comparator.clone());
            // A pair after one named is another measure's (or time's) two arms.
            locals[k - 1].list_start = last.is_some();
            last = Some(lower);
        }
    }
}

/// A comparison's words between two groups (`compared with`, `versus`, `vs.`, `relative to`):
/// the comparator words of [`cues::COMPARATOR_WORDS`] but `than` (`greater with A than B`
/// names no group first), each followed by a space.
fn comparison_between_groups() -> &'static regex::Regex {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let words: Vec<String> = cues::COMPARATOR_WORDS
            .iter()
            .filter(|w| **w != "than")
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect();
        regex::Regex::new(&format!(r"(?i)\b(?:{})\s+", words.join("|")))
            .expect("the comparison pattern is valid")
    })
}

/// `WC was reduced more with behavioral intervention compared with usual care (-1.6 [0.6] vs
/// 0.1 [0.6] cm)`: two groups the document names (each with its n, in its methods) set one
/// against the other by `compared with` (`compared to`, `versus`, `relative to`), and after
/// the comparator the first pair of values set against each other (`a vs b`), with no other
/// value of the sentence's kind, no other group and no full clause of another subject
/// between. The pair is printed in the comparison's order: the first value is the subject's,
/// the second the comparator's. A group is named by its key or by the last words of it (`the
/// intervention` for `the behavioral intervention`); a name the document gives no group is
/// left alone, and so are values already named.
fn pair_after_groups_compared(
    (sentence_text, at): (&str, usize),
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
    known: &[super::model::Group],
) {
    let p = comparison_between_groups();
    if known.len() < 2 {
        return;
    }
    // The known group whose key the words end (subject) or start (comparator) with: its key
    // whole, or its last words (`intervention` for `behavioral intervention`).
    let group_named = |words: &str, at_end: bool| -> Option<(String, String)> {
        let words: Vec<String> = words
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        known.iter().find_map(|g| {
            let key: Vec<&str> = g.key.split_whitespace().collect();
            let last = key.last()?;
            if last.chars().count() < 4 {
                return None;
            }
            let hit = if at_end {
                // The name right before the comparison's word.
                words.last().is_some_and(|w| w == last)
            } else {
                // The name right after it, past its article.
                let first = words.iter().find(|w| {
                    !["the", "a", "an", "those", "in", "on", "with"].contains(&w.as_str())
                });
                first.is_some_and(|w| key.first() == Some(&w.as_str()) || w == last)
            };
            hit.then(|| (g.label.clone(), g.key.clone()))
        })
    };
    for m in p.find_iter(sentence_text) {
        let before = sentence_text[..m.start()].trim_end();
        // The subject's name: the words after the last preposition before the comparison.
        let lead = before.rsplit([',', ';', '(', ')']).next().unwrap_or(before);
        let subject_words = lead
            .rsplit_once(" with ")
            .or_else(|| lead.rsplit_once(" in "))
            .or_else(|| lead.rsplit_once(" within "))
            .or_else(|| lead.rsplit_once(" for "))
            .map_or(lead, |(_, w)| w);
        if subject_words.split_whitespace().count() > 4 {
            continue;
        }
        let Some(subject) = group_named(subject_words, true) else {
            continue;
        };
        let after = &sentence_text[m.end()..];
        let comparator_end = after.find(['(', ',', ';', '[']).unwrap_or(after.len());
        let comparator_words = &after[..comparator_end];
        if comparator_words.split_whitespace().count() > 5 {
            continue;
        }
        let Some(comparator) = group_named(comparator_words, false) else {
            continue;
        };
        if comparator.1 == subject.1 {
            continue;
        }
        let from = at + m.end() + comparator_end;
        // The first value of the sentence's kind after the comparator's name, and the one
        // set against it.
        let Some(k) = (0..summaries.len()).find(|&k| items[summaries[k]].span[0] >= from) else {
            continue;
        };
        if k + 1 >= summaries.len() || !locals[k + 1].versus {
            continue;
        }
        let gap = &sentence_text[from - at..items[summaries[k]].span[0] - at];
        let another_group = !cues::groups(gap).is_empty();
        let another_clause = gap.contains(". ") || gap.contains(" and ") || gap.contains(" but ");
        // A value named already keeps its group unless it is the one this comparison names.
        let named_otherwise =
            |l: &Local, g: &(String, String)| l.group.as_ref().is_some_and(|h| h.1 != g.1);
        if another_group
            || another_clause
            || named_otherwise(&locals[k], &subject)
            || named_otherwise(&locals[k + 1], &comparator)
        {
            continue;
        }
        locals[k].name_group(subject.clone());
        locals[k + 1].name_group(comparator.clone());
    }
}

/// Do the words between one pair of values and the next only go on with a list inside one
/// bracket (a unit, a time, `and`, a comma: `hours and`, `at T1, and`), with no bracket or
/// sentence's word between them?
fn continues_a_list(gap: &str) -> bool {
    !gap.contains(['(', ')', '（', '）', '[', ']'])
        && gap
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|w| !w.is_empty())
            .all(|w| w.len() <= 8 && w.chars().all(|c| c.is_alphanumeric() || c == '/'))
}

/// `compared to the TE-only (4.76 ± 0.77) and TE-Cr (4.86 ± 0.57) groups`: values listed
/// (`and`, `,`, `or` between), each in a bracket right after a name, the list closed by a word
/// for groups (`groups`, `arms`, `cohorts`): each name is a group and the value in its bracket
/// that group's, not a measure of its own. Two values or more; a name is one word, not a
/// function word.
fn names_before_bracketed_values(
    sentence_text: &str,
    at: usize,
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    const NOT_NAMES: [&str; 12] = [
        "the", "and", "or", "of", "in", "at", "to", "was", "were", "levels", "score", "scores",
    ];
    let span = |k: usize| {
        let sp = items[summaries[k]].span;
        (sp[0].saturating_sub(at), sp[1].saturating_sub(at))
    };
    // The name right before each value's bracket, if the value stands alone in it.
    let name_of = |k: usize| -> Option<String> {
        let (start, end) = span(k);
        let before = sentence_text.get(..start)?.trim_end().strip_suffix('(')?;
        if !sentence_text.get(end..)?.trim_start().starts_with(')') {
            return None;
        }
        let name = before.trim_end().rsplit(char::is_whitespace).next()?;
        let bare = name.trim_matches(|c: char| !c.is_alphanumeric());
        (bare.chars().any(char::is_alphabetic)
            && bare == name
            && !NOT_NAMES.contains(&bare.to_lowercase().as_str()))
        .then(|| bare.to_string())
    };
    let closes_with_group_word = |k: usize| {
        let (_, end) = span(k);
        sentence_text.get(end..).is_some_and(|rest| {
            let rest = rest
                .trim_start()
                .trim_start_matches(')')
                .trim_start()
                .to_lowercase();
            ["groups", "arms", "cohorts"]
                .iter()
                .any(|w| rest.starts_with(w))
        })
    };
    // Between two listed values: their brackets' close, a separator and the next name.
    let listed = |k: usize, next_name: &str| {
        let (_, end) = span(k);
        let (next_start, _) = span(k + 1);
        sentence_text.get(end..next_start).is_some_and(|between| {
            let b = between.trim().trim_start_matches(')').trim();
            let b = b.strip_suffix('(').unwrap_or(b).trim_end();
            let b = b.strip_suffix(next_name).unwrap_or(b).trim();
            matches!(b, "," | "and" | "or" | ", and" | ", or" | "")
        })
    };
    let mut k = 0;
    while k < summaries.len() {
        let mut run: Vec<(usize, String)> = Vec::new();
        let mut i = k;
        while i < summaries.len() {
            let Some(name) = name_of(i) else { break };
            if !run.is_empty() && !listed(i - 1, &name) {
                break;
            }
            run.push((i, name));
            if closes_with_group_word(i) {
                break;
            }
            i += 1;
        }
        let closed = run
            .last()
            .is_some_and(|&(last, _)| closes_with_group_word(last));
        if run.len() >= 2 && closed {
            for (i, name) in &run {
                let label = format!("{name} group");
                let key = cues::group_key(&label);
                locals[*i].name_group((label, key));
                locals[*i].content.clear();
            }
            k = run.last().map_or(k, |r| r.0) + 1;
        } else {
            k += 1;
        }
    }
}

/// `(CAF: 949 ± 199 W, COF: 949 ± 174 W, PLA: 971 ± 149 W and CON: 975 ± 170 W; p = 0.872)`,
/// `(caffeine: 12 ± 2, placebo: 14 ± 3)`: two or more values in a row, each after its own
/// label and a colon, with only a unit and a separator between one value and the next label.
/// A list names things of one kind; where one of its labels is an arm (a group's or a
/// comparator's name, `placebo`, `Group B`, or an abbreviation the document defines for one:
/// `a taste-matched placebo beverage (PLA)`), every label of the list is an arm, and its values
/// are one measure's arms. Labels that are times (`baseline: …, week 12: …`) or name no arm
/// (`age: 22 ± 2 years, height: 1.78 ± 0.07 m`, measures of one group) are left to the other
/// readers.
fn colon_labelled_groups(
    (sentence_text, at, original): (&str, usize, &str),
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    // The text between value `k - 1` (the sentence's start for the first) and value `k`.
    let gap_before = |k: usize| -> Option<(usize, &str)> {
        let from = match k {
            0 => 0,
            _ => items[summaries[k - 1]].span[1].checked_sub(at)?,
        };
        let to = items[summaries[k]].span[0].checked_sub(at)?;
        Some((from, sentence_text.get(from..to)?))
    };
    let name_of = |k: usize| -> Option<(String, usize)> {
        let (from, gap) = gap_before(k)?;
        colon_label_of(gap).map(|(name, start)| (name, from + start))
    };
    // Only a unit and a separator stand between value `k - 1` and the label at `name_start`.
    let separated = |k: usize, name_start: usize| {
        let end = items[summaries[k - 1]].span[1].saturating_sub(at);
        sentence_text
            .get(end..name_start)
            .is_some_and(only_a_separator)
    };
    let mut k = 0;
    while k < summaries.len() {
        // Each listed value: its index, its label and where the label starts.
        let mut run: Vec<(usize, String, usize)> = Vec::new();
        let mut i = k;
        while i < summaries.len() {
            let Some((name, start)) = name_of(i) else {
                break;
            };
            if !run.is_empty() && !separated(i, start) {
                break;
            }
            run.push((i, name, start));
            i += 1;
        }
        let groups: Vec<(String, String)> = run
            .iter()
            .map(|(_, n, _)| (n.clone(), cues::group_key(n)))
            .collect();
        // The list is closed: no unlabelled value continues it (`control: 8.0 ± 1.0, 7.2 ±
        // 0.8`) or leads it.
        let closed = run.first().zip(run.last()).is_some_and(|(f, l)| {
            let continued = l.0 + 1 < summaries.len()
                && name_of(l.0 + 1).is_none()
                && gap_before(l.0 + 1).is_some_and(|(_, b)| only_a_separator(b));
            let led = f.0 > 0 && separated(f.0, f.2);
            !continued && !led
        });
        if run.len() >= 2 && closed && a_list_of_arms(original, &groups) {
            // The measure is named before the list, not by its first label.
            let (first, _, start) = run[0];
            if let Some((from, _)) = gap_before(first) {
                locals[first].label = sentence_text
                    .get(from..start)
                    .and_then(label_of)
                    .map(|l| measure_of_a_clause(&l));
            }
            for ((i, _, _), g) in run.iter().zip(groups) {
                locals[*i].name_group(g);
                locals[*i].content.clear();
            }
            k = i;
        } else {
            k += 1;
        }
    }
}

/// The label and colon closing `gap` (the text before a value), with its byte offset in
/// `gap`: a short name after a bracket, a separator or the text's start (`(CAF: `, `, PLA: `,
/// ` W and CON: `), that is no statistic, time or visit's code.
fn colon_label_of(gap: &str) -> Option<(String, usize)> {
    use regex::Regex;
    use std::sync::OnceLock;
    static LABEL: OnceLock<Regex> = OnceLock::new();
    const NOT_A_NAME: [&str; 16] = [
        "total",
        "overall",
        "all",
        "difference",
        "change",
        "mean",
        "sd",
        "median",
        "range",
        "iqr",
        "p",
        "n",
        "ci",
        "95% ci",
        "se",
        "sem",
    ];
    let label = LABEL.get_or_init(|| {
        Regex::new(r"(?:^|[(（\[,;、，；:：]|\band\b|\bor\b)\s*(?P<name>[^\s:：()（）\[\],;、，；=<>][^:：()（）\[\],;、，；=<>\n]{0,30}?)\s*[:：]\s*$")
            .expect("the colon label pattern is valid")
    });
    let whole = label.captures(gap)?.name("name")?;
    // A unit before the list's last joint (`975 ± 170 W and CON:`) is the value's before.
    let (skip, name) = match whole.as_str().rfind([' ', '\u{a0}']) {
        Some(j)
            if matches!(
                whole.as_str()[..j].trim_end().rsplit(' ').next(),
                Some("and" | "or" | "&")
            ) =>
        {
            (j + 1, &whole.as_str()[j + 1..])
        }
        _ => (0, whole.as_str()),
    };
    (name.split_whitespace().count() <= 4
        && name.chars().any(char::is_alphabetic)
        && !NOT_A_NAME.contains(&name.to_lowercase().trim())
        && !names_a_time(name)
        && !visit_code(name)
        && cues::times(name).is_empty())
    .then(|| (name.trim().to_string(), whole.start() + skip))
}

/// Is `between` (the text from one listed value to the next label) at most a unit and a
/// separator (` W, `, `; `, ` and `)?
fn only_a_separator(between: &str) -> bool {
    use regex::Regex;
    use std::sync::OnceLock;
    static BETWEEN: OnceLock<Regex> = OnceLock::new();
    BETWEEN
        .get_or_init(|| {
            Regex::new(r"^\s*[^\s,;、，；:：()（）]{0,12}\s*(?:,|;|、|，|；)?\s*(?:and|or)?\s*$")
                .expect("the list separator pattern is valid")
        })
        .is_match(between)
}

/// Are the labels of a colon list (`name`, `key`) arms: all different, none a person's
/// attribute or sex (`men: …, women: …` are subgroups or measures of every arm), and one of
/// them an arm's name or an abbreviation the document defines for one?
fn a_list_of_arms(original: &str, groups: &[(String, String)]) -> bool {
    let subgroup = |n: &str| {
        cues::names_a_persons_attribute(n)
            || matches!(
                n.to_lowercase().as_str(),
                "men" | "women" | "male" | "female" | "males" | "females" | "boys" | "girls"
            )
            || ["男性", "女性", "男児", "女児"].contains(&n)
    };
    keys_distinct(groups)
        && groups
            .iter()
            .all(|(n, k)| !k.is_empty() && n.split_whitespace().count() <= 3 && !subgroup(n))
        && groups
            .iter()
            .any(|(n, _)| !cues::groups(n).is_empty() || defined_for_a_group(original, n))
}

/// The measure a clause before a list of values names: its subject before the verb (`Weight
/// change was greater with drug` names `Weight change`), or what `there were no differences
/// in` introduces (`peak power output`).
fn measure_of_a_clause(label: &str) -> String {
    use regex::Regex;
    use std::sync::OnceLock;
    static INTRO: OnceLock<Regex> = OnceLock::new();
    static VERB: OnceLock<Regex> = OnceLock::new();
    let intro = INTRO.get_or_init(|| {
        Regex::new(r"(?i)^there\s+(?:was|were)\s+(?:no\s+)?(?:(?:statistically\s+)?significant\s+)?(?:differences?|changes?)\s+(?:in|of|for|between)\s+")
            .expect("the introduction pattern is valid")
    });
    let verb = VERB.get_or_init(|| {
        Regex::new(r"(?i)\s(?:was|were|is|are|did|does|do|differed|showed|remained|increased|decreased|improved|fell|rose)\b")
            .expect("the verb pattern is valid")
    });
    let rest = intro.find(label).map_or(label, |m| &label[m.end()..]);
    let subject = verb.find(rest).map_or(rest, |m| &rest[..m.start()]);
    match subject.trim() {
        "" => label.to_string(),
        s => s.to_string(),
    }
}

/// Is `name` a visit's code (`T0`, `T1`, `V2`, `M6`, `W12`, `D28`): a capital for the time's
/// unit or the visit and its number, as tables and lists name their time points?
fn visit_code(name: &str) -> bool {
    let mut chars = name.trim().chars();
    chars.next().is_some_and(|c| "TVMWDY".contains(c))
        && chars.clone().count() <= 3
        && chars.clone().count() >= 1
        && chars.all(|c| c.is_ascii_digit())
}

/// Does the document define `name` as the abbreviation of an arm: `a taste-matched placebo
/// beverage (PLA)`, `usual care (UC)`, the words of the clause right before `(name)` naming a
/// group or a comparator?
fn defined_for_a_group(original: &str, name: &str) -> bool {
    if name.chars().count() > 12 || name.contains(char::is_whitespace) {
        return false;
    }
    ["(", "（"].iter().any(|open| {
        let needle = format!("{open}{name}");
        original.match_indices(&needle).any(|(i, _)| {
            let closes = original[i + needle.len()..].starts_with([')', '）']);
            // The noun phrase right before the bracket, its last four words at most: a group
            // named earlier in the clause (`the intervention group lowered systolic blood
            // pressure (SBP)`) does not make the abbreviated measure an arm.
            let before = &original[..i];
            let clause_start = before
                .char_indices()
                .rev()
                .find(|&(_, c)| ",;.、。(（".contains(c))
                .map_or(0, |(j, c)| j + c.len_utf8());
            let clause = &before[clause_start..];
            let words: Vec<&str> = clause.split_whitespace().collect();
            let phrase = words[words.len().saturating_sub(4)..].join(" ");
            closes && !cues::groups(&phrase).is_empty()
        })
    })
}

/// The words of `sentence_text` (starting at byte `at` of the document) before the pair of
/// values `k - 1` and `k`: since the value before the pair, or the sentence's start.
fn words_before_pair<'s>(
    sentence_text: &'s str,
    at: usize,
    items: &[Item],
    summaries: &[usize],
    k: usize,
) -> Option<&'s str> {
    let from = if k >= 2 {
        items[summaries[k - 2]].span[1] - at
    } else {
        0
    };
    let to = items[summaries[k - 1]].span[0] - at;
    sentence_text.get(from..to)
}

/// `VAS was lower in the duloxetine phase compared with placebo (4.1 ± 2.9 vs. 6.0 ± 2.7)`: a
/// pair set against each other right after a group named as the comparator (after `compared
/// with`, `than`, `versus`), where the subject is named by no group word. The pair is printed
/// in the comparison's order, so the comparator's value is the second; the first is the
/// subject's, which the text does not name as a group (left open, never the comparator's).
fn comparator_before_a_pair(
    sentence_text: &str,
    at: usize,
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    let leading = leading_comparator(sentence_text, at, items, summaries);
    for k in 1..summaries.len() {
        if !locals[k].versus || locals[k].group.is_some() {
            continue;
        }
        let Some(g) = locals[k - 1].group.clone() else {
            continue;
        };
        // `Compared with the control group, X was increased (3.5 ± 1.5 vs 2.5 ± 0.9 …)`:
        // the comparison's clause opens the sentence and names its only group, so every pair
        // after it is printed subject first, the comparator second.
        if leading.as_ref() == Some(&g.1) {
            locals[k].name_group(g);
            locals[k - 1].group = None;
            continue;
        }
        let Some(gap) = words_before_pair(sentence_text, at, items, summaries, k) else {
            continue;
        };
        // The group's name is the last in the gap, after a comparison's word, and the pair
        // opens a bracket right after it.
        let Some(name) = cues::groups(gap).into_iter().last() else {
            continue;
        };
        let comparator =
            cues::ends_with_comparator_word(&cues::words_before_a_name(&gap[..name.start]));
        let bracket_opens = gap[name.end..].trim().starts_with(['(', '（']);
        if comparator && bracket_opens && cues::group_key(&name.text) == g.1 {
            locals[k].name_group(g);
            locals[k - 1].group = None;
        }
    }
}

/// The key of the group a sentence names only as its comparator, in a clause before its first
/// value (`Compared with the control group, …`, `Versus placebo, …`, `プラセボ群と比較して、…`):
/// every group phrase of the sentence is that one group, the first after a comparison's word.
fn leading_comparator(
    sentence_text: &str,
    at: usize,
    items: &[Item],
    summaries: &[usize],
) -> Option<String> {
    let first_value = items[*summaries.first()?].span[0].checked_sub(at)?;
    let named = cues::groups(sentence_text);
    let first = named.first()?;
    let key = cues::group_key(&first.text);
    let only_one = named.iter().all(|p| cues::group_key(&p.text) == key);
    let compared =
        cues::ends_with_comparator_word(&cues::words_before_a_name(&sentence_text[..first.start]))
            || sentence_text[first.end..]
                .trim_start()
                .starts_with("と比較")
            || sentence_text[first.end..]
                .trim_start()
                .starts_with("に比べ");
    (only_one && compared && !key.is_empty() && first.end <= first_value).then_some(key)
}

/// The two groups a comparative sentence names: the subject and the comparator (the one after
/// `than`, `compared to`, `compared with`, `relative to`, `versus`), each as (text, key); `None`
/// unless it names exactly two groups, one of them so.
fn subject_and_comparator(sentence_text: &str) -> Option<((String, String), (String, String))> {
    let mut named: Vec<(String, String, bool)> = Vec::new();
    for p in cues::groups(sentence_text) {
        let key = cues::group_key(&p.text);
        if key.is_empty() || named.iter().any(|n| n.1 == key) {
            continue;
        }
        let compared =
            cues::ends_with_comparator_word(&cues::words_before_a_name(&sentence_text[..p.start]));
        named.push((p.text.clone(), key, compared));
    }
    match named.as_slice() {
        [a, b] if a.2 != b.2 => {
            let (s, c) = if a.2 { (b, a) } else { (a, b) };
            Some(((s.0.clone(), s.1.clone()), (c.0.clone(), c.1.clone())))
        }
        _ => None,
    }
}

/// `group 1: 4.8 and 3.6, group 2: 4.8 and 3.4, at 1 and 24 hours, respectively`: each
/// group's values of a `respectively` `run` take the sentence's listed times in order.
/// Whether the run took them.
fn listed_times(sentence_text: &str, run: &[usize], locals: &mut [Local]) -> bool {
    let lists = cues::coordinated_times(sentence_text);
    let listed = |t: &str| {
        lists
            .iter()
            .flatten()
            .any(|l| cues::time_key(l) == cues::time_key(t))
    };
    // `A before treatment and B and C at weeks 2 and 4, respectively` (`投与前Aであり、2週間後、
    // 4週間後にはそれぞれB、C`): a value naming a time of its own, none of the listed ones,
    // right before as many values as times are listed (first in the run, or before a run that
    // follows the word) with no word of another measure between, is their measure at an
    // earlier time, as `from A to B and C` says it: it opens their time course and keeps its
    // time.
    let opens = |p: usize, rest: &[usize]| {
        let (a, b) = (&locals[p], &locals[rest[0]]);
        rest.len() >= 2
            && lists.iter().any(|t| t.len() == rest.len())
            && !a.respectively
            && b.content.is_empty()
            && !b.transition
            && a.time.as_deref().is_some_and(|t| !listed(t))
            && a.group.as_ref().map(|g| &g.1) == b.group.as_ref().map(|g| &g.1)
    };
    let (opener, run) = match run.split_first() {
        Some((&p, rest)) if opens(p, rest) => (Some(p), rest),
        _ => (run[0].checked_sub(1).filter(|&p| opens(p, run)), run),
    };
    let Some(times) = lists
        .into_iter()
        .find(|t| t.len() >= 2 && run.len() % t.len() == 0)
    else {
        return false;
    };
    let key = |k: usize| locals[k].group.as_ref().map(|g| g.1.clone());
    let segments: Vec<&[usize]> = run.chunk_by(|&a, &b| key(a) == key(b)).collect();
    if segments.iter().any(|seg| seg.len() != times.len()) {
        return false;
    }
    for seg in segments {
        for (t, &k) in times.iter().zip(seg) {
            locals[k].time = Some(t.clone());
            locals[k].respectively = true;
        }
    }
    // `from A to B and C, respectively`: A, what the listed values changed from, opens
    // their time course, before its first listed time.
    let from = run[0]
        .checked_sub(1)
        .filter(|&p| locals[run[0]].transition && locals[p].from);
    match (opener, from) {
        (Some(p), _) => locals[p].list_start = true,
        (None, Some(p)) => {
            locals[p].time = None;
            locals[p].list_start = true;
        }
        (None, None) => locals[run[0]].list_start = true,
    }
    true
}

/// What the document says ± is, where it says one thing only: every statement of it (`Data
/// are mean ± SD`, `(mean +/- SD)`, a value printed `5.1 ± 1.7 (SD)`, `平均値±標準偏差`) names
/// the same spread. Reports state it once (in the methods, a table's header or footnote, with
/// the first values) and print ± bare after that; a document that names both SD and SE
/// anywhere decides nothing for its bare values. The spread and the line of its first
/// statement.
pub(super) fn document_spread(doc: &Sentences, items: &[Item]) -> Option<(&'static str, usize)> {
    // A statement behind a footnote mark (`a:平均値±標準偏差`, `c:調整平均値±標準誤差`, `†
    // mean ± SE`) says what the values carrying that mark are, not every value: a table
    // states one spread for its raw means and another for its adjusted ones so. Such a
    // statement decides nothing for the whole document; but it names a spread the document
    // prints, so a statement elsewhere of another no longer holds for every bare value.
    let mut said: Vec<(&'static str, usize)> = Vec::new();
    let (mut sd, mut se) = (false, false);
    // Sentences whose statement names the spread of the measure they report (`Mean ± SD age
    // was 45.5 ± 12.1 years`): it labels their own values, not the document's.
    let mut of_one_measure: Vec<usize> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        for (k, l) in s.quote.lines().enumerate() {
            let named = cues::spreads_named(l);
            sd |= named.0;
            se |= named.1;
            let kind = match named {
                (true, false) => "SD",
                (false, true) => "SEM",
                _ => continue,
            };
            if cues::spread_of_the_measure_reported(l) {
                of_one_measure.push(si);
            } else if !cues::opens_with_footnote_mark(l) {
                said.push((kind, s.line + k));
            }
        }
    }
    if sd && se {
        return None;
    }
    said.extend(
        items
            .iter()
            .filter(|i| !of_one_measure.contains(&i.sentence))
            .filter_map(|i| {
                i.parts
                    .spread_label
                    .map(|k| (if k == "SD" { "SD" } else { "SEM" }, i.line))
            }),
    );
    let first = *said.iter().min_by_key(|(_, line)| *line)?;
    said.iter().all(|(k, _)| *k == first.0).then_some(first)
}

/// Groups named with their n anywhere in the text (`placebo (n = 104)`, `プラセボ群 52 名`):
/// the group's n, read before any value is placed.
///
/// Arms are listed with their n's in one sentence (`treated with placebo (n = 104) and
/// edaravone (n = 102)`, `randomised to SOTYKTU (n=330) or placebo (n=166)`): where one name
/// of such a list is a group by its words (a comparator, `… group`), the others, each a name
/// right before its bracketed n, are groups too, though a drug's name alone says nothing.
pub(super) fn group_ns(doc: &Sentences, items: &[Item], s: &mut Structure) {
    // Each n named by a group (its words make it one) or by a name right before a bracketed
    // n: the sentence, the item, the group's text, and whether its words make it a group.
    let mut named: Vec<(usize, usize, String, bool)> = Vec::new();
    // Groups named before a bracket that holds a comparator's name (`Arm 2 (placebo, n =
    // 31)`): the control's names.
    let mut controls_by_bracket: Vec<String> = Vec::new();
    // Whether the last sentence looked at is a table's row, read once for each sentence.
    let mut table_row: Option<(usize, bool)> = None;
    for (j, item) in items.iter().enumerate() {
        if item.kind != ItemKind::N {
            continue;
        }
        let sentence = &doc.sentences[item.sentence];
        let is_row = match table_row {
            Some((si, row)) if si == item.sentence => row,
            _ => {
                let row =
                    crate::draft::sentences::is_table_row(&doc.original[sentence.span.clone()]);
                table_row = Some((item.sentence, row));
                row
            }
        };
        if is_row {
            continue;
        }
        if counts_those_with_an_event(doc, item) {
            continue;
        }
        if let Some((name, is_group, control)) =
            name_of_n(doc, item, sentence.span.start, &s.arms_by_treatment)
        {
            if control {
                controls_by_bracket.push(name.clone());
            }
            named.push((item.sentence, j, name, is_group));
        }
    }
    // Per sentence: how many names, how many of them groups by their words, and (asked once)
    // whether it says it lists groups. Counted once, not for each n: a sentence of thousands
    // of n's would otherwise make this quadratic (user trial 47).
    let mut per_sentence: std::collections::HashMap<usize, (usize, usize)> =
        std::collections::HashMap::new();
    for &(sentence, _, _, is_group) in &named {
        let e = per_sentence.entry(sentence).or_default();
        e.0 += 1;
        e.1 += usize::from(is_group);
    }
    let mut says_it_lists: std::collections::HashMap<usize, bool> =
        std::collections::HashMap::new();
    // In the text's order, so that an arm's first n (of those randomised) is its n.
    for &(sentence, j, ref text, is_group) in &named {
        // Another of the sentence's names is a group by its words, or the sentence says it
        // lists groups (`assigned to three groups: TE (n = 21), TE-Cr (n = 21) …`).
        let (names, groups) = per_sentence[&sentence];
        let mut in_a_list_of_arms = || {
            groups > usize::from(is_group)
                || names >= 2
                    && *says_it_lists
                        .entry(sentence)
                        .or_insert_with(|| lists_groups(&doc.sentences[sentence].quote))
        };
        if !is_group && !in_a_list_of_arms() {
            continue;
        }
        let key = cues::group_key(text);
        if key.is_empty() {
            continue;
        }
        let gi = group_index(s, text, &key);
        if s.groups[gi].n.is_none() {
            s.groups[gi].n = Some(j);
        }
        if controls_by_bracket.contains(text) {
            s.groups[gi].control = true;
        }
        // The time its sentence names last before the n (`介入4週間後は96名(介入群49名…)`).
        // Those who left (`脱落したものは7名(介入群4名、対照群3名)`) are no sample.
        let sentence_start = doc.sentences[sentence].span.start;
        let before = &doc.original[sentence_start..items[j].span[0]];
        let after = &doc.original[items[j].span[1]..doc.sentences[sentence].span.end];
        if !names_those_who_left(before) && !a_breakdown_of_those_who_left(after) {
            let time = cues::times(before).last().map(|t| cues::time_key(&t.text));
            s.groups[gi].ns_by_time.push((time, j));
        }
    }
    // Only a group printed with different n's keeps them by time.
    let value = |j: usize| items[j].parts.value.as_ref().map(|v| v.number.value);
    for g in &mut s.groups {
        let first = g.ns_by_time.first().map(|&(_, j)| value(j));
        if g.ns_by_time.iter().all(|&(_, j)| Some(value(j)) == first) {
            g.ns_by_time.clear();
        }
    }
}

/// The name an n item is printed with, where a group's or a list's name stands right before
/// it (`sentence_start`: where its sentence starts): the name, whether its words make it a
/// group, and whether a bracket after the name holds a comparator (`Arm 2 (placebo, n = 31)`:
/// the name is then the control's).
fn name_of_n(
    doc: &Sentences,
    item: &Item,
    sentence_start: usize,
    declared: &[String],
) -> Option<(String, bool, bool)> {
    // Only a group ending right before the n counts, and a group's name is short: the
    // words just before the n are read, not the whole sentence before it (a sentence as
    // long as a whole list would make this quadratic in its length). The arms the document
    // declares by what they were given (`NOL (n = 222)`) are groups too.
    let before = window::before(doc.original, sentence_start, item.span[0], 240);
    let found = with_declared_names(before, cues::groups(before), declared);
    let group = found.into_iter().last().filter(|g| {
        // Only brackets, `n`, `=`, a comma or semicolon (`(Group I; 308 eyes)`) and white
        // space between the group and its n; or a bracket naming what the group received
        // before its n (`Arm 1 (pembrolizumab 200 mg, n = 150)`).
        let gap = &before[g.end..];
        gap.chars()
            .all(|c| c.is_whitespace() || "(（[:=,;；nN」』".contains(c))
            && gap.len() <= 8
            && (gap.contains(['(', '（', '[', '=', 'n', 'N'])
                || !counts_those_an_event_befell(&doc.original[item.span[1]..]))
            || received_before_n(gap)
            || holds_its_n(gap, &doc.original[item.span[1]..]) && named_again(doc.original, &g.text)
    });
    if let Some(mut g) = group {
        // A name run across a line break from a line above it (`After intervention\nControl
        // group (n = 30)`, a table's cells a line each) is the last line's, where that line
        // names the group by itself.
        if let Some(at) = g.text.rfind('\n') {
            let last = g.text[at + 1..].trim();
            if cues::groups(last)
                .first()
                .is_some_and(|p| p.start == 0 && p.end == last.len())
            {
                if before[..g.end].trim_end().ends_with(last) {
                    g.start = before[..g.end].trim_end().len() - last.len();
                }
                g.text = last.to_string();
            }
        }
        // `Arm 1 (drug, n = 30)`: the bracket after a group's name says what that group
        // received, with its n; the n is the name's the document goes on using, and a
        // comparator inside makes it the control.
        return Some(
            match named_before_its_bracket(before, &g)
                .filter(|outer| named_more_after(doc.original, item.span[1], outer, &g.text))
            {
                Some(outer) => (outer, true, cues::is_control(&g.text)),
                None => (g.text.clone(), true, false),
            },
        );
    }
    if let Some(named) = group_bracketed_after_n(doc.original, item.span[1]) {
        return Some((named.to_string(), true, cues::is_control(named)));
    }
    let sentence_end = doc.sentences[item.sentence].span.end;
    if let Some(named) = group_counted_into(doc.original, item, sentence_start, sentence_end) {
        let control = cues::is_control(&named);
        return Some((named, true, control));
    }
    let unbracketed = || {
        let n_text = item.text.trim_start();
        n_text
            .starts_with(['n', 'N'])
            .then(|| name_before_unbracketed_n(before))
            .flatten()
    };
    name_before_bracketed_n(before)
        .or_else(unbracketed)
        .map(|name| (name.to_string(), false, false))
}

/// The abbreviations the document defines for `groups` in a bracket right after a group's
/// name, alone or before its n (`the tracheal intubation group (TT, n = 100) or the laryngeal
/// mask airway group (LMA, n = 104)`, `usual care (UC)`): each abbreviation's group key and
/// the group's index. Reports name their arms so once and by the abbreviation after (`the TT
/// and LMA groups`): one group either way. An abbreviation is one word of two capitals or
/// more (`TT`, `sCRP`), which no dose, unit or word of prose is.
pub(super) fn abbreviations_of_groups(
    original: &str,
    groups: &[super::model::Group],
) -> Vec<(String, usize)> {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let bracket = P.get_or_init(|| {
        regex::Regex::new(r"^\s*[(（]\s*([A-Za-z][A-Za-z0-9-]{1,11})\s*(?:[)）,;；]|\s[nN]\s*=)")
            .expect("the abbreviation's bracket is a valid pattern")
    });
    let mut defined: Vec<(String, usize)> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let label = group.label.trim();
        if label.is_empty() {
            continue;
        }
        for (at, _) in original.match_indices(label) {
            let Some(c) = bracket.captures(&original[at + label.len()..]) else {
                continue;
            };
            let abbreviation = &c[1];
            if abbreviation
                .chars()
                .filter(char::is_ascii_uppercase)
                .count()
                < 2
            {
                continue;
            }
            let key = cues::group_key(abbreviation);
            if groups.iter().all(|o| o.key != key) {
                defined.push((key, g));
            }
        }
    }
    defined.sort_unstable();
    defined.dedup();
    // An abbreviation is one group's: one the document defines for two is none.
    defined
        .iter()
        .filter(|(key, _)| defined.iter().filter(|(k, _)| k == key).count() == 1)
        .cloned()
        .collect()
}

/// Do the words after an n printed after a group's name and a comma (`In the LMA group, 12
/// patients required …`) make it the subject of a clause of its own: those of the group an
/// event befell, not the group? Where the n closes its clause (`Group I, 308 eyes;`), or the
/// clause says the n was the group's sample (`were randomized`, `received`), it is the
/// group's.
fn counts_those_an_event_befell(after: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let subject = P.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?i)^\s*(?:(?:{})\s+)?(?:required|needed|had|developed|experienced|showed|presented|achieved|reached|reported|died|responded|improved|worsened|suffered|underwent\s+(?:re|conversion|revision)|were\s+(?:found|noted|observed|diagnosed|excluded|lost|withdrawn|converted|readmitted)|did\s+not)\b",
            cues::PEOPLE_COUNTED
        ))
        .expect("the event's words are a valid pattern")
    });
    subject.is_match(window::after(after, 0, after.len(), 80))
}

/// A group named in a bracket right after its n (`45例45眼(新規群)`, `38 patients (control
/// group)`), another count of its units (eyes) between them allowed: the group's name, where
/// the bracket holds nothing else.
fn group_bracketed_after_n(original: &str, end: usize) -> Option<&str> {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(
            r"^\s*(?:\d+\s*(?:眼|例|名|人|eyes?|patients?|subjects?)\s*)?[(（]([^()（）\d]{1,24})[)）]",
        )
        .expect("the bracketed group is a valid pattern")
    });
    let inner = p
        .captures(window::after(original, end, original.len(), 60))?
        .get(1)?
        .as_str()
        .trim();
    cues::groups(inner)
        .first()
        .filter(|g| g.start == 0 && g.end == inner.len())
        .map(|_| inner)
}

/// Do the words between a group's name and its n (`gap`) say the group holds that many
/// (`The TrP group included 62 patients`, `In the TrP group, there were 62`, `初回治療群は8例,`),
/// with nothing after the n (`after`) making them a part of it (`62 patients with diabetes`)
/// or those an event befell (`8例で改善`)? Reports give their groups' sizes in running
/// text as often as in brackets (the sixtieth new-user trial's abstracts: both languages).
fn holds_its_n(gap: &str, after: &str) -> bool {
    static HOLDS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let holds = HOLDS.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\s+(?:included|comprised|consisted\s+of|was\s+composed\s+of|enrolled|contained|numbered)\s+$|^\s*,?\s*there\s+(?:were|was)\s+$",
        )
        .expect("the holding words are a valid pattern")
    });
    let japanese_topic = matches!(gap.trim(), "は" | "が");
    if japanese_topic {
        // The n closes its clause (`8例,`, `28例であった`), not a clause of its own (`8例で改善`).
        let after = after.trim_start();
        return after.is_empty()
            || after.starts_with(['、', ',', '，', '。', '.', ')', '）', 'と'])
            || after.starts_with("であ")
            || after.starts_with("で、")
            || after.starts_with("で,");
    }
    holds.is_match(gap) && !describes_a_part(after)
}

/// Do the words after an n describe those it counts as a part of the sample (`62 patients
/// with diabetes`, `who had …`)?
fn describes_a_part(after: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?i)^\s*(?:(?:{})\s+)?(?:with|who|whose|having|that|had)\b",
            cues::PEOPLE_COUNTED
        ))
        .expect("the part's words are a valid pattern")
    })
    .is_match(after)
}

/// The group an n is counted into, named after it (`There were 62 patients in the TrP group
/// and 63 in the sham group`, `62 patients were randomised to the TrP group`): the group's
/// name, where the words between say the n are that group's members and the group's name
/// closes the clause (`… in the TrP group had pain` counts those with an event). Where the n
/// is only `in` the group, the sentence must say it gives the sample before it (`There were`,
/// `included`, `enrolled`, `randomised`): `30 patients in the TrP group responded` counts
/// responders.
fn group_counted_into(
    original: &str,
    item: &Item,
    sentence_start: usize,
    sentence_end: usize,
) -> Option<String> {
    static INTO: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static SAMPLE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let into = INTO.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?i)^\s*(?:(?:{})\s+)?(?:(?:were|was)\s+)?(?P<assigned>(?:randomi[sz]ed|assigned|allocated|enrolled|included)\s+)?(?:in|into|to)\s+(?:the\s+|an?\s+)?",
            cues::PEOPLE_COUNTED
        ))
        .expect("the counted-into words are a valid pattern")
    });
    let sample = SAMPLE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\bthere\s+(?:were|was)\b|\b(?:includ|enrol|recruit|randomi[sz]|assign|allocat|compris|consist|divided)",
        )
        .expect("the sample's words are a valid pattern")
    });
    if !counts_people(item) {
        return None;
    }
    let after = original.get(item.span[1]..sentence_end)?;
    let words = into.captures(after)?;
    let rest = &after[words.get(0)?.end()..];
    let group = cues::groups(rest).into_iter().next()?;
    if group.start != 0 {
        return None;
    }
    let closes = rest[group.end..].trim_start();
    // A bracket after the group holding a number is its own n (`A total of 490 adults were
    // randomized to usual care (n=241) or …`): the n before is the whole sample's.
    let own_n_after = closes.starts_with('(')
        && closes
            .split(')')
            .next()
            .is_some_and(|b| b.contains(|c: char| c.is_ascii_digit()));
    let closes_the_clause = closes.is_empty()
        || closes.starts_with([',', '.', ';', ')'])
        || closes.starts_with('(') && !own_n_after
        || closes.starts_with("and ")
        || closes.starts_with("respectively");
    let before = original.get(sentence_start..item.span[0])?;
    (closes_the_clause
        && (words.name("assigned").is_some() || sample.is_match(before))
        && named_again(original, &group.text))
    .then(|| group.text.trim().to_string())
}

/// Is a group whose size running text gives named more than once in the document? An arm is
/// named again with its values; a group named only where it is counted is a breakdown of
/// the sample by what they answered or had (`石けん支持群が4人, 不変群は17人`), not an arm.
fn named_again(original: &str, name: &str) -> bool {
    let name = name.trim().to_lowercase();
    !name.is_empty() && original.to_lowercase().matches(&name).nth(1).is_some()
}

/// Is `gap` (the text between a group's name and its n) a bracket opening with what the group
/// received, then its n (`(drug, `, `(pembrolizumab 200 mg; n = `)?
fn received_before_n(gap: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(r"^\s?[(（][^()（）,;，；=]{2,40}[,;，；]\s*(?:[nN]\s*[=＝]\s*)?$")
            .expect("the received bracket is valid")
    });
    p.is_match(gap)
}

/// Does the text after `from` name the group by `outer` more often than by `inner`? A bracket
/// after a group's name holding another name and the n (`Arm 1 (drug, n = 30)`, `an ezetimibe
/// group (group E, n = 44)`, `…群(介入群39名)`) gives the group two names; the one the
/// document goes on using is its name.
fn named_more_after(original: &str, from: usize, outer: &str, inner: &str) -> bool {
    let after = original[from..].to_lowercase();
    let count = |name: &str| after.matches(&name.trim().to_lowercase()).count();
    count(outer) > count(inner)
}

/// The group named right before the bracket that opens before `inner` (a group phrase of
/// `before`): `Arm 1` in `… to Arm 1 (drug, ` and `Group B` in `Group B (placebo; `. `None`
/// where `inner` opens no bracket after another group's name.
fn named_before_its_bracket(before: &str, inner: &cues::Phrase) -> Option<String> {
    let outside = before[..inner.start].trim_end();
    let outside = outside.strip_suffix(['(', '（'])?.trim_end();
    let outer = cues::groups(outside).into_iter().last()?;
    (outer.end == outside.len()).then_some(outer.text)
}

/// Does a sentence say it lists groups (`assigned to three groups:`, `randomised to`)?
fn lists_groups(quote: &str) -> bool {
    let text = quote.to_lowercase();
    [
        "groups",
        "arms",
        "assigned to",
        "randomised to",
        "randomized to",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// The arms `head` (a sentence up to its `respectively`) declares, each named before its
/// bracketed n, where the sentence says it lists arms (`randomized to FtF CBT-I (n = 52) or
/// dCBT-I (n = 49); … were 18.4 (SD 3.7) and 19.4 (SD 4.1), respectively`): their names and
/// keys in order, when there are `count` of them and no two alike.
fn arms_declared_with_n(head: &str, count: usize) -> Option<Vec<(String, String)>> {
    if !lists_groups(head) {
        return None;
    }
    let names: Vec<(String, String)> = bracketed_n_pattern()
        .find_iter(head)
        .filter_map(|m| {
            let n = m.start() + m.as_str().find(['n', 'N'])?;
            name_before_bracketed_n(&head[..n])
        })
        .map(|name| (name.to_string(), cues::group_key(name)))
        .filter(|(_, key)| !key.is_empty())
        .collect();
    (names.len() == count && keys_distinct(&names)).then_some(names)
}

/// A bracketed n (`(n = 52)`, `（n=49）`, `(TE, n = 21)`) as arms are declared with.
fn bracketed_n_pattern() -> &'static regex::Regex {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(r"[(（]\s*(?:[A-Za-z][A-Za-z0-9-]{0,7}\s*,\s*)?[nN]\s*=\s*\d+\s*[)）,;]")
            .expect("the bracketed n pattern is valid")
    })
}

/// Do the words before an n name those who left (`脱落したものは7名`, `withdrew`): no sample.
fn names_those_who_left(before: &str) -> bool {
    let lower = before.to_lowercase();
    [
        "脱落",
        "中止",
        "除外",
        "死亡",
        "withdr",
        "dropped out",
        "discontinu",
        "lost to",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The text `after` an n inside a bracket says the bracket breaks down those who left
/// (`10週までに24例(対照群7例,介入群8例)が,…中止・脱落した`, `24 patients (7 in the control
/// group and 8 …) withdrew`): the verb follows the bracket that closes after the n.
fn a_breakdown_of_those_who_left(after: &str) -> bool {
    let Some(close) = after.find([')', '）']) else {
        return false;
    };
    if after[..close].contains(['(', '（']) {
        return false;
    }
    // The bracket is the subject of the verb (`…)が,…脱落した`, `…) withdrew`), not a
    // clause of its own that a later one follows (`96名(介入群49名…)であり、…を除外した`: those
    // analysed, after whom the ones left out are named).
    let rest = after[close..].trim_start_matches([')', '）']).trim_start();
    let clause = rest.find(['。', ';', '；']).map_or(rest, |k| &rest[..k]);
    let subject = clause.starts_with(['が', 'は'])
        || !clause.starts_with(['で', 'と', 'に']) && {
            let first_clause = clause.split([',', '、']).next().unwrap_or("");
            first_clause.is_ascii() && names_those_who_left(first_clause)
        };
    subject && names_those_who_left(clause)
}

/// The name right before a bracketed n at the end of `before` (`… and edaravone (n = ` →
/// `edaravone`, `Salmeterol(n = ` → `Salmeterol`): the words after the last word that joins
/// or introduces a list item, at most four, starting with a letter; none for a whole sample
/// (`all patients (n = 12)`).
fn name_before_bracketed_n(before: &str) -> Option<&str> {
    let open = before.trim_end_matches(|c: char| c.is_whitespace() || "=:nN".contains(c));
    // `therapeutic exercise alone (TE, n = 21)`: the arm's short name, declared in the
    // bracket before its n, is the name the text goes on to use. A time in that place
    // (`Tinnitus-EG (baseline, n = 29)`, `(treated, n = 29)`) says when the group named
    // before the bracket was counted: that name is the group's.
    let mut bracket_of_a_time = None;
    if let Some(inside) = open.strip_suffix(',')
        && let Some(k) = inside.rfind(['(', '（'])
    {
        let short = inside[k..].trim_start_matches(['(', '（']).trim();
        if names_a_time(short) {
            bracket_of_a_time = Some(inside[..k].trim_end());
        } else {
            let words = short.split_whitespace().count();
            return (short.chars().next().is_some_and(char::is_alphabetic)
                && (1..=2).contains(&words)
                && !short.contains([')', '）']))
            .then_some(short);
        }
    }
    let name = match bracket_of_a_time {
        Some(name) => name,
        None => open
            .strip_suffix('(')
            .or_else(|| open.strip_suffix('（'))
            .or_else(|| open.strip_suffix('['))?
            .trim_end(),
    };
    let mut from = 0;
    for (at, word) in word_starts(name) {
        let joins = [
            "and",
            "or",
            "with",
            "to",
            "vs",
            "vs.",
            "versus",
            "received",
            "receiving",
            "of",
            "for",
            "in",
            "on",
            "either",
            "both",
            "plus",
        ];
        if joins.contains(&word.to_lowercase().as_str()) {
            from = at + word.len();
        }
    }
    // A name stands on one line: a line's end before it ends what came before.
    if let Some(k) = name[from..].rfind([',', ';', ':', '(', ')', '\n']) {
        from += k + 1;
    }
    let name = name[from..].trim();
    // An article before the name (`randomized to an sCRP (n = 60)`) is no part of it.
    let name = match name.split_once(char::is_whitespace) {
        Some((article, rest)) if matches!(article.to_lowercase().as_str(), "a" | "an" | "the") => {
            rest.trim()
        }
        _ => name,
    };
    // The stub's header before a table's first group (`Demographic Tinnitus-EG (…, n = 29)`)
    // names the rows, not the group.
    let name = match name.split_once(char::is_whitespace) {
        Some((first, rest)) if super::model::is_stub_word(first) => rest.trim(),
        _ => name,
    };
    let words = name.split_whitespace().count();
    // A whole sample or a part of it by who they are (`all patients`, `women`) is no arm.
    let people = [
        "patients",
        "participants",
        "subjects",
        "people",
        "total",
        "overall",
        "all",
        "women",
        "men",
        "children",
        "adults",
    ];
    (name.chars().next().is_some_and(char::is_alphabetic)
        && (1..=4).contains(&words)
        && !name
            .split_whitespace()
            .any(|w| people.contains(&w.to_lowercase().as_str())))
    .then_some(name)
}

/// The names of `groups` the document declared with their n that hold no group noun and
/// read as an abbreviation: two capitals at least among letters and digits (`sCRP`, `TE-Cr`,
/// `CBT`), so a common word (`Intervention`, `Metformin`) printed again is never taken for an
/// arm.
fn declared_abbreviations(groups: &[super::model::Group]) -> Vec<String> {
    groups
        .iter()
        .filter(|g| g.n.is_some())
        .map(|g| g.label.trim().to_string())
        .filter(|l| {
            !l.contains(char::is_whitespace)
                && l.chars().filter(char::is_ascii_uppercase).count() >= 2
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && cues::groups(l).is_empty()
        })
        .collect()
}

/// The group phrases `found` in `text`, with the `declared` names it prints outside them, in
/// the order they stand: what the words around a value and the name before an n both read.
fn with_declared_names(text: &str, mut found: Vec<Phrase>, declared: &[String]) -> Vec<Phrase> {
    found.extend(declared_names_in(text, declared, &found));
    found.sort_by_key(|p| p.start);
    found
}

/// Where `between` prints one of the `declared` names as a word of its own, outside the
/// phrases already found there.
fn declared_names_in(between: &str, declared: &[String], found: &[Phrase]) -> Vec<Phrase> {
    let mut out = Vec::new();
    for name in declared {
        for (at, _) in between.match_indices(name.as_str()) {
            let end = at + name.len();
            // A Latin name is a word of its own between any but Latin letters and digits
            // (`数はF法では`: Japanese particles around it); a Japanese one ends where kana of
            // grammar or a number follow it (`F法では`, `F法24例`) and starts after them.
            let word_edge = |c: Option<char>, inner: Option<char>| {
                c.is_none_or(|c| {
                    if inner.is_some_and(|i| i.is_ascii_alphanumeric()) {
                        !c.is_ascii_alphanumeric() && c != '-'
                    } else {
                        !crate::text::plain::is_japanese_script(c) || cues::is_hiragana(c)
                    }
                })
            };
            let inside_found = found.iter().any(|p| p.start < end && at < p.end);
            if word_edge(between[..at].chars().next_back(), name.chars().next())
                && word_edge(between[end..].chars().next(), name.chars().next_back())
                && !inside_found
            {
                out.push(Phrase {
                    start: at,
                    end,
                    text: name.clone(),
                });
            }
        }
    }
    out
}

/// The short name right before an n printed without a bracket on a header's line (`Sham N=21
/// Active N=48`: `Active`): the words after the line's start or the number before them, one to
/// three, opening with a letter, no stub's word.
fn name_before_unbracketed_n(before: &str) -> Option<&str> {
    let line = before.rsplit('\n').next().unwrap_or(before);
    let after_number = line
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_ascii_digit() || "()（）,;:|".contains(c))
        .map_or(line, |(k, c)| &line[k + c.len_utf8()..]);
    let name = after_number.trim();
    let words = name.split_whitespace().count();
    let first = name.split_whitespace().next().unwrap_or("");
    // A whole sample (`Total N=69`, `all patients N=120`) is no arm.
    let whole = name.split_whitespace().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "patients" | "participants" | "subjects" | "total" | "overall" | "all" | "sample"
        )
    });
    ((1..=3).contains(&words)
        && name.starts_with(char::is_alphabetic)
        && !super::model::is_stub_word(first)
        && !whole)
        .then_some(name)
}

/// Is `short` (a bracket's words before an n) a time point: a time the text names
/// (`baseline`, `week 12`, `治療前`) or the state after or before treatment a table's header
/// sets against it (`treated`, `pre`, `post`, `follow-up`)?
fn names_a_time(short: &str) -> bool {
    let lower = short.trim().to_lowercase();
    let state = [
        "treated",
        "pre",
        "post",
        "before",
        "after",
        "follow-up",
        "endpoint",
        "final",
    ];
    state.contains(&lower.as_str())
        || cues::times(short)
            .iter()
            .any(|t| t.text.trim().len() + 2 >= short.trim().len())
}

/// Each word of `s` (split at white space) with its byte offset.
fn word_starts(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// Is the number of people `item` how many had an event rather than a sample: `occurred in two
/// participants`, `was reported in 5 patients`, `developed in 3 cases`, `2例に認められた`; or
/// how many left the study (`Two subjects withdrew`, `3 patients were lost to follow-up`,
/// `2名が脱落した`), who are no sample of what is measured?
/// Is the count of people `item` introduced as a sample other than the study's own (`another
/// 28 patients`, `a validation cohort of 28`, `別の28名`, `新規28名`): a second sample the
/// report checks its result on, not the one its values describe.
/// Does the n stand in a table's footnote entry: its line opens with a footnote mark (`c n =
/// 14 patients who had …`, `† n = 14`), or the line above it is the mark alone (the legend as
/// a page copies it, the mark on a line of its own)? Such an n is the marked rows' (`V̇O2peak,
/// mL/kg/minc`), not the document's.
fn in_a_footnote_entry(text: &str, item: &Item) -> bool {
    static MARK: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let mark = MARK.get_or_init(|| {
        regex::Regex::new(r"^\s*(?:[a-z]|[*†‡§¶#]+)\)?\s*$").expect("the mark pattern is valid")
    });
    let line_start = text[..item.span[0]].rfind('\n').map_or(0, |i| i + 1);
    let opening = &text[line_start..item.span[0]];
    if opening.trim().chars().count() <= 2 && mark.is_match(opening) {
        return true;
    }
    if !opening.trim().is_empty() {
        return false;
    }
    text[..line_start]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| mark.is_match(l))
}

fn another_sample(text: &str, item: &Item) -> bool {
    static WORDS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:\b(?:another|other|additional|further|separate|second|new|independent|validation|external)(?:\s+[a-z-]+){0,2}\s*(?:of\s+)?|別の|他の|新規|新たな|新たに|追加の?|外部の?|検証(?:用の?|群の?)?)\s*$",
        )
        .expect("valid pattern")
    });
    let from = text[..item.span[0]]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    words.is_match(&text[from..item.span[0]])
}

pub(super) fn had_an_event(text: &str, item: &Item) -> bool {
    let before = text[..item.span[0]].trim_end().to_ascii_lowercase();
    let after = text[item.span[1]..].trim_start();
    static LEFT: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let left = LEFT.get_or_init(|| {
        regex::Regex::new(
            r"^(?:[A-Za-z]+\s+){0,2}?(?:withdrew|were withdrawn|dropped out|discontinued|were excluded|were lost|died|left the)\b|^(?:名|例|人)?(?:が|は)?(?:脱落|中止|除外|死亡)",
        )
        .expect("valid pattern")
    });
    if left.is_match(after) {
        return true;
    }
    [
        "occurred in",
        "observed in",
        "seen in",
        "reported in",
        "reported by",
        "developed in",
        "experienced by",
        "noted in",
        "found in",
    ]
    .iter()
    .any(|w| before.ends_with(w))
        || [
            "に認め",
            "で認め",
            "に発現",
            "で発現",
            "に発生",
            "で発生",
            "にみられ",
            "でみられ",
        ]
        .iter()
        .any(|w| after.starts_with(w))
}

/// Does an n count a part of the patients, never the whole sample: each of several parts
/// (`男女各6名`, `各群10例`, `10 each`), or one sex where the sentence counts the other too (`6
/// men and 6 women`, `男性6名,女性6名`)? Twelve people are counted there as six twice; the
/// sample is their sum, which the text does not print as one number. A sample of one sex
/// (`健常男性15人`) is the whole, and a breakdown in a bracket after the whole (`393名(男177名、
/// 女216名)`) is left to the rules that weigh the whole against its parts.
fn counts_a_part(text: &str, sentence: &str, item: &Item) -> bool {
    static SEX_AFTER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static MEN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static WOMEN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static WHOLE_BEFORE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let sex_after = SEX_AFTER.get_or_init(|| {
        regex::Regex::new(r"(?i)^(?:(?P<f>women|females?|girls)|(?P<m>men|males?|boys))\b")
            .expect("valid pattern")
    });
    let counted = |ja: &str, en: &str| {
        let words = crate::text::number::number_words();
        regex::Regex::new(&format!(
            r"(?i)(?:{ja})\s*\d|(?:\d+|\b(?:{words}))\s+(?:{en})\b"
        ))
        .expect("valid pattern")
    };
    let men = MEN.get_or_init(|| counted("男性|男子|男児|男", "men|males?|boys"));
    let women = WOMEN.get_or_init(|| counted("女性|女子|女児|女", "women|females?|girls"));
    let whole_before = WHOLE_BEFORE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:\d+\s*(?:名|例|人)|\b(?:\d+|[a-z]+)\s+(?:patients|participants|subjects|volunteers|people|adults|children|individuals))\s*[(（][^()（）]*$",
        )
        .expect("valid pattern")
    });
    let before = text[..item.span[0]].trim_end();
    if before.ends_with('各') {
        return true;
    }
    let after = text[item.span[1]..].trim_start();
    let unit = item.parts.unit.as_deref().unwrap_or("");
    let named = sex_after
        .captures(unit)
        .or_else(|| sex_after.captures(after));
    let female = named.as_ref().map(|c| c.name("f").is_some()).or_else(|| {
        let ja = |words: &[&str]| words.iter().any(|w| before.ends_with(w));
        if ja(&["女性", "女子", "女児", "女"]) {
            Some(true)
        } else if ja(&["男性", "男子", "男児", "男"]) {
            Some(false)
        } else {
            None
        }
    });
    let Some(female) = female else {
        return false;
    };
    let other_counted = if female { men } else { women }.is_match(sentence);
    let lead_start = before.len().saturating_sub(120);
    let lead = before.get(lead_start..).unwrap_or(before);
    other_counted && !whole_before.is_match(lead)
}

/// Does a group's count count those an event befell, not the group (`有害事象は、A群23例、
/// B群41例に認められた`, `… occurred in 23 patients`): the list of counts it stands in ends
/// with a verb of occurrence, or the words before it say so ([`had_an_event`])?
fn counts_those_with_an_event(doc: &Sentences, item: &Item) -> bool {
    static LIST_THEN_VERB: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let list_then_verb = LIST_THEN_VERB.get_or_init(|| {
        regex::Regex::new(
            r"^\s*(?:[(（][^()（）]{0,20}[)）])?(?:\s*[、,，]\s*[^、,，。()（）]{1,20}?\d+\s*(?:例|名|人)(?:[(（][^()（）]{0,20}[)）])?)*\s*(?:に|で|が|を)(?:認め|発現|発生|みられ|見られ)",
        )
        .expect("valid pattern")
    });
    let end = doc.sentences[item.sentence].span.end;
    let after = doc.original.get(item.span[1]..end).unwrap_or("");
    had_an_event(doc.original, item) || list_then_verb.is_match(after)
}

/// Is the n item a number of people: `Twelve patients`, `7名`, `n = 12`; not `4 symptoms`?
fn counts_people(item: &Item) -> bool {
    match item.parts.unit.as_deref() {
        None => true,
        Some(u) => {
            let u = u.to_lowercase();
            [
                "patient",
                "participant",
                "subject",
                "people",
                "person",
                "women",
                "men",
                "children",
                "adult",
                "volunteer",
                "case",
                "名",
                "例",
                "人",
            ]
            .iter()
            .any(|w| u.contains(w))
        }
    }
}

/// Where the document counts parts of its patients with a number other than its patients'
/// (`20 eyes of 19 patients`, `Twenty knees in 14 women`, `19例20眼`, `24眼（21例）`): the
/// words of that count and the number of people in it. Ophthalmology,
/// orthopaedics and dentistry report values per eye, knee or tooth, while the patients are
/// fewer: which of the two is a value's n, only the measure can say (an age is per patient, an
/// intraocular pressure per eye), so neither is the document's n.
pub(super) fn units_of_patients(text: &str) -> Option<(String, u64)> {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        let count = format!(r"(?:\d+|{})", crate::text::number::number_words());
        regex::Regex::new(&format!(
            r"(?ix)
              (?P<parts>{count}) \s+ (?:eyes|knees|hips|teeth|lesions|limbs|feet|ears|joints|shoulders|hands|ankles|wounds|ulcers) \s+ (?:of|in|from) \s+ (?:the\s+)?
              (?P<people>{count}) \s+ {people}
            | (?P<people2>{count}) \s+ {people} \s* (?:\(|,|with|\x20and) \s* (?P<parts2>{count}) \s+ (?:eyes|knees|hips|teeth|lesions|limbs|feet|ears|joints)
            | (?P<people3>\d+) \s* (?:例|名|人) \s* [、,]? \s* (?P<parts3>\d+) \s* (?:眼|膝|肢|歯|関節|病変|股関節)
            | (?P<parts4>\d+) \s* (?:眼|膝|肢|歯|関節|病変|股関節) \s* [（(] \s* (?P<people4>\d+) \s* (?:例|名|人)",
            people = r"(?:patients?|participants?|subjects?|people|persons|individuals|children|adults|women|men|cases|volunteers)",
        ))
        .expect("valid pattern")
    });
    let value = |s: &str| {
        s.parse::<u64>()
            .ok()
            .or_else(|| crate::text::number::word_value(s))
    };
    p.captures_iter(text).find_map(|c| {
        let parts = ["parts", "parts2", "parts3", "parts4"]
            .iter()
            .find_map(|g| c.name(g))?;
        let people = ["people", "people2", "people3", "people4"]
            .iter()
            .find_map(|g| c.name(g))?;
        let people = value(people.as_str())?;
        (value(parts.as_str())? != people).then(|| (c[0].trim().to_string(), people))
    })
}

/// The one number of people a document states in a sentence with no summary (`Twelve
/// patients were treated`, `7名の患者`), if it states exactly one distinct such number.
///
/// Where the one chosen is a column's size printed beside other sizes (`… at baseline N = 152 N =
/// 51 N = 29 N = 29`, 29 repeated for both arms of a second stage), it is read again without any
/// such sizes: each is a group's, none the whole sample's. Columns all of one size (`Drug
/// (n=122) Placebo (n=122)`) keep it: whichever column a value stands in, that is its n.
pub(super) fn document_n(doc: &Sentences, items: &[Item], groups_ns: &[usize]) -> Option<usize> {
    let chosen = document_n_except(doc, items, groups_ns)?;
    if !beside_other_columns_sizes(doc.original, items, &items[chosen], true) {
        return Some(chosen);
    }
    let mut except = groups_ns.to_vec();
    except.extend(
        (0..items.len())
            .filter(|&i| beside_other_columns_sizes(doc.original, items, &items[i], false)),
    );
    document_n_except(doc, items, &except)
}

/// [`document_n`] among the items but `except`.
fn document_n_except(doc: &Sentences, items: &[Item], groups_ns: &[usize]) -> Option<usize> {
    let mut found: Vec<usize> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if item.kind != ItemKind::N || groups_ns.contains(&i) {
            continue;
        }
        let same_sentence_summary = items
            .iter()
            .any(|j| j.sentence == item.sentence && j.kind.is_summary());
        if same_sentence_summary
            || had_an_event(doc.original, item)
            || another_sample(doc.original, item)
            || in_a_footnote_entry(doc.original, item)
            || counts_a_part(
                doc.original,
                &doc.original[doc.sentences[item.sentence].span.clone()],
                item,
            )
        {
            continue;
        }
        let people = counts_people(item);
        let in_table = crate::draft::sentences::is_table_row(
            &doc.original[doc.sentences[item.sentence].span.clone()],
        );
        if people && !in_table {
            found.push(i);
        }
    }

    // One number of people stated, or the one stated most often (at least twice, more often
    // than any other): a small study names its n again and again (`7 名` four times beside
    // `約4000人` once).
    let value = |i: usize| {
        items[i]
            .parts
            .value
            .as_ref()
            .map(|v| v.number.plain.clone())
    };
    // A number repeated within one sentence is counted once there: `three groups: TE (n = 21),
    // TE-Cr (n = 21) and TE-JM (n = 21)` names three arms' sizes, not the document's n thrice.
    let mut counts: Vec<(String, usize, usize)> = Vec::new(); // value, times, first item
    let mut seen: Vec<(String, usize)> = Vec::new(); // value, sentence
    for &i in &found {
        let Some(v) = value(i) else { continue };
        if seen.contains(&(v.clone(), items[i].sentence)) {
            continue;
        }
        seen.push((v.clone(), items[i].sentence));
        match counts.iter_mut().find(|(x, _, _)| *x == v) {
            Some(c) => c.1 += 1,
            None => counts.push((v, 1, i)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let chosen = match counts.as_slice() {
        [only] => only.2,
        [first, second, ..] if first.1 >= 2 && first.1 > second.1 => first.2,
        _ => match the_whole_of_listed_arms(items, &found) {
            Some(whole) => whole,
            // Those enrolled and those analysed, each stated once: the later, analysed.
            None => return the_later_sample_analysed(doc, items, *found.first()?),
        },
    };
    if let Some(analysed) = the_later_sample_analysed(doc, items, chosen) {
        return Some(analysed);
    }
    (!a_later_smaller_sample(doc, items, chosen)).then_some(chosen)
}

/// An n printed as `N = k` on a line printing another one so (`… at baseline N = 152 N = 51 N
/// = 29 N = 29`): a header row of the columns' sizes, each a group's, none the whole sample's
/// (a size repeated there, 29 for both arms of a second stage, would else be the document's n
/// stated most often). With `only_other_sizes`, only another size counts (`(n=122) … (n=122)`
/// prints one size for every column).
fn beside_other_columns_sizes(
    original: &str,
    items: &[Item],
    item: &Item,
    only_other_sizes: bool,
) -> bool {
    let labelled = |i: &Item| crate::draft::table::is_n_cell(&i.text);
    if item.kind != ItemKind::N || !labelled(item) {
        return false;
    }
    let value = |i: &Item| i.parts.value.as_ref().map(|v| v.number.value);
    let same_value = |j: &Item| value(j) == value(item);
    let line_start = original[..item.span[0]].rfind('\n').map_or(0, |i| i + 1);
    let line_end = original[item.span[1]..]
        .find('\n')
        .map_or(original.len(), |i| item.span[1] + i);
    items.iter().any(|j| {
        j.kind == ItemKind::N
            && j.span != item.span
            && j.span[0] >= line_start
            && j.span[1] <= line_end
            && labelled(j)
            && !(only_other_sizes && same_value(j))
    })
}

/// A smaller number of people after the n `chosen` that the text names as those analysed
/// (`健常男性15人に…1名の脱落があったため,14名を解析対象集団とした`, `Of 40 enrolled, 36 patients
/// were analysed`): the sample the summaries describe, as a report's numbers narrow from those
/// enrolled to those analysed.
fn the_later_sample_analysed(doc: &Sentences, items: &[Item], chosen: usize) -> Option<usize> {
    static ANALYSED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let analysed = ANALYSED.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\s*(?:(?:名|例|人)?\s*(?:を|が)?\s*(?:解析対象|解析|評価対象)|(?:[a-z]+\s+){0,2}?(?:were|was)\s+(?:analy[sz]ed|evaluable|included\s+in\s+the\s+analys[ie]s))",
        )
        .expect("valid pattern")
    });
    let value = |i: usize| items[i].parts.value.as_ref().map(|v| v.number.value);
    let n = value(chosen)?;
    items.iter().enumerate().position(|(i, item)| {
        item.kind == ItemKind::N
            && item.span[0] > items[chosen].span[1]
            && value(i).is_some_and(|v| v < n)
            && counts_people(item)
            && analysed.is_match(&doc.original[item.span[1]..])
    })
}

/// Among the numbers of people `found`, the one that is the sum of the sizes one sentence lists
/// for its arms (`63 patients … three groups: TE (n = 21), TE-Cr (n = 21) and TE-JM (n = 21)`):
/// the whole sample the arms divide. `None` where no sentence lists two or more sizes or no
/// single number equals their sum.
fn the_whole_of_listed_arms(items: &[Item], found: &[usize]) -> Option<usize> {
    let value = |i: usize| items[i].parts.value.as_ref().map(|v| v.number.value);
    let mut sentences: Vec<usize> = found.iter().map(|&i| items[i].sentence).collect();
    sentences.dedup();
    let mut wholes = sentences.iter().filter_map(|&s| {
        let sizes: Vec<f64> = found
            .iter()
            .filter(|&&i| items[i].sentence == s)
            .filter_map(|&i| value(i))
            .collect();
        let sum: f64 = sizes.iter().sum();
        let whole: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&i| items[i].sentence != s && value(i) == Some(sum))
            .collect();
        (sizes.len() >= 2 && !whole.is_empty()).then(|| whole[0])
    });
    let first = wholes.next()?;
    wholes.all(|w| value(w) == value(first)).then_some(first)
}

/// Does the document print, after the n `chosen`, a smaller number of people with a summary
/// of them in the bracket after it (`299名を対象に案内を送付した。… 107名(平均年齢79.4±5.5歳)が参加した`)? A report's
/// numbers of people narrow as it goes (invited, enrolled, measured): the later, smaller sample
/// is the one its summaries describe, so `chosen` is not the n of every value.
fn a_later_smaller_sample(doc: &Sentences, items: &[Item], chosen: usize) -> bool {
    let value = |i: usize| items[i].parts.value.as_ref().map(|v| v.number.value);
    let Some(n) = value(chosen) else {
        return false;
    };
    items.iter().enumerate().any(|(i, item)| {
        item.kind == ItemKind::N
            && item.span[0] > items[chosen].span[1]
            && value(i).is_some_and(|v| v < n)
            && counts_people(item)
            && !had_an_event(doc.original, item)
            && items.iter().any(|j| {
                // The summary stands in the bracket the n opens (`107名(…平均年齢79.4±5.5歳)`).
                j.kind.is_summary()
                    && j.span[0] > item.span[1]
                    && j.span[0] - item.span[1] <= 60
                    && opens_a_bracket_between(doc.original, item.span[1], j.span[0])
            })
    })
}

/// Does the text from byte `from` to `to` open a bracket it does not close: the second of two
/// counts stands inside a bracket after the first (`645例(男性97例`), a part of it.
fn opens_a_bracket_between(text: &str, from: usize, to: usize) -> bool {
    let between = &text[from..to];
    between.matches(['(', '（']).count() > between.matches([')', '）']).count()
}

/// The sample the sentence of the summary `cell` names before its first summary (outside a
/// table):
/// `Some(Some(k))` where it names one number of people before the summary (`eight men with
/// type 1 diabetes (age 27.6 ± 11.4)`), or several of which the last is said to be the subset
/// described (`4647 were randomised, of whom 4575 (mean age 51.0 …)`, `うち`); `Some(None)`
/// where it names several and does not say which; `None` where it names none.
fn sentence_n(text: &str, items: &[Item], cell: usize) -> Option<Option<usize>> {
    let sentence = items[cell].sentence;
    if crate::draft::sentences::is_table_row(&items[cell].quote) {
        return None;
    }
    // Named before the sentence's first summary: an n after a value is that value's.
    let first = (0..=cell)
        .rev()
        .take_while(|&k| items[k].sentence == sentence)
        .last()?;
    // Or between the summary before the cell and the cell, where that summary did not take it
    // as its own (`(n = 60)` printed right after it): a list of samples, each's n before its
    // value (`MET + PBO (N = 201) 9.2 ± 1.3 … DAPA 5 mg + MET (N = 194) 9.2 ± 1.1`, a table
    // copied a cell a line).
    if let Some(previous) = (first..cell).rev().find(|&k| items[k].kind.is_summary()) {
        let its_own = items[previous].parts.n.as_ref().map(|n| n.span);
        let heading = (previous + 1..cell).rev().find(|&k| {
            items[k].kind == ItemKind::N
                && counts_people(&items[k])
                && items[k].parts.value.as_ref().map(|v| v.span) != its_own
        });
        if let Some(j) = heading {
            return Some(Some(j));
        }
    }
    let all: Vec<usize> = (first..cell)
        .take_while(|&k| !items[k].kind.is_summary())
        .filter(|&k| items[k].kind == ItemKind::N && counts_people(&items[k]))
        .collect();
    // Counts in a bracket opened right after an n break it down (`患者645例(男性97例,女性548
    // 例、…)`, `120 patients (64 women)`): parts of that sample, not other samples.
    let before: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&k| {
            !all.iter().any(|&j| {
                j < k && opens_a_bracket_between(text, items[j].span[1], items[k].span[0])
            })
        })
        .collect();
    let &nearest = before.last()?;
    let values: std::collections::BTreeSet<String> = before
        .iter()
        .filter_map(|&k| {
            items[k]
                .parts
                .value
                .as_ref()
                .map(|v| v.number.plain.clone())
        })
        .collect();
    let subset = {
        let b = text[..items[nearest].span[0]]
            .trim_end()
            .to_ascii_lowercase();
        [
            "of whom",
            "of which",
            "of these",
            "of them",
            "among them",
            "うち",
            "うち、",
        ]
        .iter()
        .any(|w| b.ends_with(w))
    };
    // A count out of a whole before the n (`33名のうち4名が男性、29名が女性`, `Of 33
    // participants, 4 were men and 29 women`) makes the n another part of that whole, not the
    // sample the summary describes: left open.
    let part_of_a_whole = (first..nearest).any(|k| items[k].kind == ItemKind::CountOf);
    Some(((values.len() == 1 && !part_of_a_whole) || subset).then_some(nearest))
}

/// The most summaries one sentence's structure is read for ([`read_sentence`]).
const MOST_SUMMARIES_IN_A_SENTENCE: usize = 200;

/// Read the structure of one sentence's summaries: what the words between them say of each
/// (group, time, a new measure), how consecutive values relate, then the measures: time
/// courses, arms of one measure, and single values, with the comparison after each and the
/// n of each value.
pub(super) fn read_sentence(
    doc: &Sentences,
    items: &[Item],
    si: usize,
    members: &[usize],
    s: &mut Structure,
) {
    read_sentence_of(doc, items, si, members, s, ItemKind::is_summary);
}

/// Read the structure of one sentence's shares (a percentage or a count of a whole: `30%
/// for drug and 12% for placebo`, `12 of 40 (30%) in the drug group vs 5 of 41 (12%) with
/// placebo`) as [`read_sentence`] reads its summaries: the same words say which group and
/// time each belongs to and how consecutive ones relate. The measures go to
/// [`Structure::shares`]; the groups are the document's, shared with its summaries.
pub(super) fn read_sentence_shares(
    doc: &Sentences,
    items: &[Item],
    si: usize,
    members: &[usize],
    s: &mut Structure,
) {
    if !members.iter().any(|&i| is_share(items[i].kind)) {
        return;
    }
    // The reader writes its measures into `s.measures` and reads back its own sentence's:
    // it runs on the structure without the summaries' measures, and what it writes is
    // moved to the shares.
    let summaries = std::mem::take(&mut s.measures);
    read_sentence_of(doc, items, si, members, s, is_share);
    let shares = std::mem::replace(&mut s.measures, summaries);
    // Shares set against each other with a group left unnamed (`19.2% vs. 76.9%`: two arms,
    // or one arm before and after?) are placed only where the words name each one's group.
    s.shares.extend(
        shares
            .into_iter()
            .filter(|m| m.shape != Shape::Arms || m.cells.iter().all(|c| c.group.is_some())),
    );
}

/// A share of people: a percentage (with or without its count) or a count of a whole.
fn is_share(kind: ItemKind) -> bool {
    matches!(kind, ItemKind::Percent | ItemKind::CountOf)
}

/// [`read_sentence`] for the values `is_cell` takes (summaries, or shares).
fn read_sentence_of(
    doc: &Sentences,
    items: &[Item],
    si: usize,
    members: &[usize],
    s: &mut Structure,
    is_cell: fn(ItemKind) -> bool,
) {
    let summaries: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| is_cell(items[i].kind))
        .collect();
    read_values(doc, items, (si, members), &summaries, s);
}

/// The passes that give values their groups from lists and names around them, in order: names
/// before bracketed values, comparative pairs, a comparator before a pair, `respectively`
/// (with `arms_before`, the arms of the sentence before), a bracket after listed groups, runs
/// after groups listed with values, and a pair after two of the document's `known` groups
/// compared.
fn name_groups_from_lists(
    (sentence_text, at, original): (&str, usize, &str),
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
    (arms_before, known): (&[(String, String)], &[super::model::Group]),
) {
    colon_labelled_groups((sentence_text, at, original), items, summaries, locals);
    for pass in [
        names_before_bracketed_values,
        comparative_pairs,
        comparator_before_a_pair,
    ] {
        pass(sentence_text, at, items, summaries, locals);
    }
    respectively(
        (sentence_text, at, original),
        items,
        summaries,
        locals,
        arms_before,
    );
    for pass in [
        bracket_after_listed_groups,
        runs_after_groups_listed_with_values,
    ] {
        pass(sentence_text, at, items, summaries, locals);
    }
    pair_after_groups_compared((sentence_text, at), items, summaries, locals, known);
}

/// [`read_sentence_of`] on the sentence `si`'s values `summaries` among its items `members`.
fn read_values(
    doc: &Sentences,
    items: &[Item],
    (si, members): (usize, &[usize]),
    summaries: &[usize],
    s: &mut Structure,
) {
    // Hundreds of summaries run together are no report's sentence: they stay single facts.
    if summaries.is_empty() || summaries.len() > MOST_SUMMARIES_IN_A_SENTENCE {
        return;
    }
    let sentence = &doc.sentences[si];
    let original = doc.original;
    let mut declared = declared_abbreviations(&s.groups);
    declared.extend(s.arms_by_treatment.iter().cloned());
    let mut gaps = GapReader {
        original,
        items,
        members,
        summaries,
        locals: vec![Local::default(); summaries.len()],
        sentence_time: None,
        carried_group: None,
        names_lead: false,
        listed_times: false,
        comparator: None,
        named: vec![false; summaries.len()],
        time_opens: vec![false; summaries.len()],
        units: Vec::from_iter(shared_unit(original, items, summaries)),
        events: events_counted_from(&original[sentence.span.clone()]),
        shared_event_times: shared_event_times(original, sentence.span.clone()),
        declared: &declared,
    };
    // The text before each summary (since the one before it), and after the last.
    for k in 0..=summaries.len() {
        let start = if k == 0 {
            sentence.span.start
        } else {
            items[summaries[k - 1]].span[1]
        };
        let end = if k < summaries.len() {
            items[summaries[k]].span[0]
        } else {
            sentence.span.end
        };
        if end < start {
            continue;
        }
        if !gaps.read_gap(k, start..end, k == summaries.len()) {
            break;
        }
    }
    let (mut locals, sentence_time) = gaps.finish();
    rows_under_a_header_of_groups(original, items, summaries, &mut locals);
    let sentence_text = &original[sentence.span.start..sentence.span.end];
    let arms_before = arms_of_the_measure_before(s, si);
    name_groups_from_lists(
        (sentence_text, sentence.span.start, original),
        items,
        summaries,
        &mut locals,
        (&arms_before, &s.groups),
    );
    pairs_follow_the_first(&mut locals);
    let sentence_at = (sentence_text, sentence.span.start);
    times_named_after_the_pairs(sentence_at, items, summaries, &mut locals);
    times_named_before_the_pairs(sentence_at, items, summaries, &mut locals);
    pairs_moving_as_the_verb_says(
        (sentence_text, sentence.span.start),
        items,
        summaries,
        &mut locals,
    );
    let mut relation = relations(&locals);
    undecide_pairs_left_open(original, items, members, summaries, &locals, &mut relation);
    let runs = time_runs(&relation);
    let reader = RunReader {
        doc,
        declared: &declared,
        items,
        si,
        members,
        summaries,
        locals: &locals,
        relation: &relation,
        runs: &runs,
        sentence_time,
        change: cues::change_words(&sentence.quote),
        spread_kind: cues::spread_kind(&sentence.quote),
        fall_words: cues::fall_words(&sentence.quote),
    };
    let mut r = 0;
    while r < runs.len() {
        r = reader.read_run_at(r, s);
    }
    pair_counterparts(items, summaries, &locals, si, s);
    attach_n(original, items, members, s, si);
}

/// Join each value that a `respectively` run gave another group's measure
/// ([`measures_in_order`]) to the value of that measure it stands for: the two are the
/// measure's arms, labelled as the first group's value names it.
fn pair_counterparts(
    items: &[Item],
    summaries: &[usize],
    locals: &[Local],
    si: usize,
    s: &mut Structure,
) {
    let single_of = |s: &Structure, item: usize| {
        s.measures.iter().position(|m| {
            m.sentence == si
                && m.shape == Shape::Single
                && m.cells.len() == 1
                && m.cells[0].item == item
        })
    };
    for (k, local) in locals.iter().enumerate() {
        let Some(j) = local.counterpart else { continue };
        let (Some(mj), Some(mk)) = (single_of(s, summaries[j]), single_of(s, summaries[k])) else {
            continue;
        };
        let cell = s.measures[mk].cells[0].clone();
        let m = &mut s.measures[mj];
        m.cells.push(cell);
        m.shape = Shape::Arms;
        m.evidence.push(format!(
            "a 'respectively' list takes the measures of the other group's values in order ('{}' is the measure of '{}')",
            items[summaries[k]].text.trim(),
            items[summaries[j]].text.trim()
        ));
        s.measures.remove(mk);
    }
}

/// The words between a sentence's summaries, read gap by gap from left to right: each
/// summary's [`Local`], and what carries from one gap to the next.
struct GapReader<'a> {
    original: &'a str,
    /// The names the document declared its arms by with their n that carry no group noun
    /// and read as an abbreviation (`randomized to an sCRP (n = 60) or an rCRP (n = 61)`):
    /// printed bare again (`increased for the sCRP (524 … )`), each still names its arm.
    declared: &'a [String],
    items: &'a [Item],
    members: &'a [usize],
    /// The sentence's summaries (indices into `items`), in order: `locals[k]` is the k-th's.
    summaries: &'a [usize],
    locals: Vec<Local>,
    /// The time the sentence names before its first value: every value's with none of its own.
    sentence_time: Option<String>,
    /// The group named last, which carries to the values after it.
    carried_group: Option<(String, String)>,
    /// The sentence names its first group before the first value (a list of `group value`).
    names_lead: bool,
    /// Several times stand before the first value: a list the values take in order.
    listed_times: bool,
    /// A `than` comparison names its groups in an order the values may not follow. The values
    /// it governs run from the `than` to the next value that names its own group (`…less than
    /// in the placebo group (37.5 versus 46.8), although … (group 1: 4.8 …)`).
    comparator: Option<usize>,
    /// Which values a group is named for.
    named: Vec<bool>,
    /// Which values take their time from a phrase right before them, after the first value.
    time_opens: Vec<bool>,
    /// The words read as a value's unit so far (see [`adjacent`]).
    units: Vec<String>,
    /// The events the sentence counts time from (`laser` in `3 months after laser`).
    events: Vec<String>,
    /// Time words that name their event only through a later one in the sentence (`before`
    /// in `6.8 ± 3.5 before and 0.8 ± 1.2 after therapy`), at their offsets in the original.
    shared_event_times: Vec<cues::Phrase>,
}

impl GapReader<'_> {
    /// The groups a gap names, its arms' declared names among them; the group a difference
    /// is taken against is no value's own (`Difference vs. control -0.6 (2.5)`).
    fn own_groups(&self, between: &str) -> Vec<Phrase> {
        let own: Vec<Phrase> = cues::groups(between)
            .into_iter()
            .filter(|p| !cues::comparator_of_difference(between, p))
            .collect();
        with_declared_names(between, own, self.declared)
    }

    /// Read the gap before summary `k` (after the last one where `last`): the groups and
    /// times it names, and for a gap before a value, the words that name a new measure.
    /// Whether to read on (the gap after the last value ends the sentence).
    fn read_gap(&mut self, k: usize, span: std::ops::Range<usize>, last: bool) -> bool {
        let original = self.original;
        let between = &original[span.clone()];
        let first = k == 0;
        let mut groups = bind(between, self.own_groups(between), first, &self.units);
        self.order_groups(k, between, &mut groups, last);
        let mut found_times = cues::times(between);
        found_times.extend(times_around_events(between, &self.events, &found_times));
        found_times.extend(
            self.shared_event_times
                .iter()
                .filter(|t| span.start <= t.start && t.end <= span.end)
                .map(|t| cues::Phrase {
                    start: t.start - span.start,
                    end: t.end - span.start,
                    text: t.text.clone(),
                })
                .filter(|t| {
                    !found_times
                        .iter()
                        .any(|f| f.start < t.end && t.start < f.end)
                })
                .collect::<Vec<_>>(),
        );
        found_times.sort_by_key(|t| t.start);
        let times = bind(between, found_times, first, &self.units);
        // The words between the value before and a phrase bound to it are that value's unit
        // (`words per minute (wpm)`), not the name of a new measure.
        let unit_end = groups
            .iter()
            .chain(&times)
            .filter(|b| b.backward)
            .map(|b| b.phrase.start)
            .min();
        if let Some(end) = unit_end {
            self.units.extend(
                plain_words(&between[..end])
                    .split_whitespace()
                    .map(str::to_string),
            );
        }
        // Several times before the first value (`At 28 days, 1 year, and 2 years, the
        // respective values were …`) are a list the values take in order, not the time of
        // every value: none of them is the sentence's.
        if first {
            let mut keys: Vec<String> = times
                .iter()
                .map(|b| cues::time_key(&b.phrase.text))
                .collect();
            keys.sort();
            keys.dedup();
            self.listed_times = keys.len() >= 2;
        }
        self.place_groups(k, between, &groups, last);
        // A time inside a bracket that closes before the value (`追跡調査(6か月-12か月後)が
        // 可能であった151名(84±8歳)`) says when something else happened: it is no time of the
        // value after the bracket. (After a value, a bracketed time is that value's own.)
        let placed_times: Vec<Bound> = times
            .iter()
            .filter(|b| b.backward || !cues::closes_a_bracket(&between[b.phrase.end..]))
            .cloned()
            .collect();
        self.place_times(k, between, &placed_times, last);
        let named_after_share = self.name_share_by_words_after(k, between);
        if last {
            return false;
        }
        if self.locals[k].group.is_none()
            && !cues::colon_label(between)
            && !(k > 0 && (cues::versus(between) || cues::list_slot(between)))
        {
            // A group named before carries to the values after it, but not across `vs`:
            // `placebo 4.1 vs 3.2` does not make 3.2 placebo's.
            if let Some(g) = &self.carried_group {
                self.locals[k].carried_from = Some(g.1.clone());
                self.locals[k].group = Some(g.clone());
            }
        }
        let phrases: Vec<(usize, usize)> = groups
            .iter()
            .chain(&times)
            .map(|b| (b.phrase.start, b.phrase.end))
            .chain(unit_end.map(|end| (0, end)))
            .collect();
        self.read_rest(k, span, phrases);
        // The words that named the share before are still a new measure's sign between the
        // two values, but not this value's name.
        if named_after_share > 0 && self.locals[k].label.is_some() {
            let mut rest = between.to_string();
            rest.replace_range(..named_after_share, &" ".repeat(named_after_share));
            self.locals[k].label = label_of(&rest);
        }
        true
    }

    /// `44% women; 77% white`, `(50.2%) were women, 30.5% were African American`, `25% had
    /// diabetes, and 40% had hypertension`, `29/38 female and 23/38 White British`: an English
    /// share (a percentage or a count of a whole) followed right away by a noun or two (after
    /// `were` or `had` at most) and a clause mark or `and` is
    /// a share of those people, as a list of a sample's make-up prints it; the words are its
    /// label, no part of the next value's. The length of `between` they take (0 where the
    /// share is followed otherwise: `44% of patients`, `44% were treated`, `44% reduction`).
    fn name_share_by_words_after(&mut self, k: usize, between: &str) -> usize {
        static WORDS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let words = WORDS.get_or_init(|| {
            regex::Regex::new(
                r"^[)）]?\s+(?:of\s+(?:the\s+)?(?:patients|participants|subjects|people|respondents)\s+)?(?:(?:were|was|are|is|had|has|have)\s+)?([A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*){0,2}?)\s*(?:[;,)]|\.(?:\s|$)|\s+and\s)",
            )
                .expect("a valid pattern")
        });
        if k == 0 {
            return 0;
        }
        if let Some(end) = self.name_share_by_event_after(k, between) {
            return end;
        }
        if !matches!(
            self.items[self.summaries[k - 1]].kind,
            ItemKind::Percent | ItemKind::CountOf
        ) {
            return 0;
        }
        let Some(c) = words.captures(between) else {
            return 0;
        };
        let phrase = c.get(1).expect("the words");
        let first = phrase.as_str().split_whitespace().next().unwrap_or("");
        let not_a_noun = [
            "of",
            "in",
            "at",
            "on",
            "and",
            "or",
            "vs",
            "versus",
            "with",
            "were",
            "was",
            "had",
            "have",
            "are",
            "is",
            "for",
            "to",
            "from",
            "by",
            "than",
            "respectively",
            "the",
            "a",
            "an",
            "reduction",
            "decrease",
            "increase",
            "lower",
            "higher",
            "fewer",
            "more",
            "less",
            "change",
            "difference",
            "points",
            "point",
            "vs.",
            "treated",
            "randomized",
            "randomised",
            "included",
            "enrolled",
            "excluded",
            "lost",
            "followed",
            "assigned",
            "allocated",
            "analysed",
            "analyzed",
            "not",
            "still",
            "also",
            "significantly",
        ];
        if not_a_noun.contains(&first.to_lowercase().as_str())
            || cues::content_words(phrase.as_str()).is_empty()
        {
            return 0;
        }
        self.locals[k - 1].label = Some(phrase.as_str().to_string());
        phrase.end()
    }

    /// `484例中297例(61.4%)に副作用が認められた`, `2例(0.7%)にALT増加がみられた`: a Japanese share
    /// followed by `に`, a noun and a verb of occurring is a share of those in whom the noun
    /// occurred; the noun is its measure, not the population named before the numbers
    /// (`安全性解析対象`). The length of `between` the words take, if they are so.
    fn name_share_by_event_after(&mut self, k: usize, between: &str) -> Option<usize> {
        static EVENT: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let event = EVENT.get_or_init(|| {
            regex::Regex::new(
                r"^[)）]?\s*に\s*(?P<name>[^\s、。，,()（）にがをはでと]{1,20})\s*(?:[(（][^()（）]{0,30}[)）])?\s*(?:が|を)\s*(?:認め|発現|みられ|見られ|発生|生じ|出現)",
            )
            .expect("a valid pattern")
        });
        if !is_share(self.items[self.summaries[k - 1]].kind) {
            return None;
        }
        let c = event.captures(between)?;
        let name = c.name("name")?;
        if cues::content_ja(name.as_str()).is_empty()
            && cues::content_words(name.as_str()).is_empty()
        {
            return None;
        }
        self.locals[k - 1].label = Some(name.as_str().to_string());
        Some(c.get(0)?.end())
    }

    /// Which value each group named between two values belongs to, where the order of the
    /// text decides it rather than the words right around the name.
    fn order_groups(&mut self, k: usize, between: &str, groups: &mut [Bound], last: bool) {
        let first = k == 0;
        // Two groups between two values (`…557 in the ACRE but not in the placebo group (947
        // …`): the first closes the values before, the last opens the values after.
        if groups.len() >= 2 && !first && !last {
            let first_key = cues::group_key(&groups[0].phrase.text);
            let last_key = cues::group_key(&groups[groups.len() - 1].phrase.text);
            if first_key != last_key && self.locals[k - 1].group.is_none() {
                groups[0].backward = true;
            }
        }
        // A list keeps the order its first item sets: where the sentence names a group
        // before its first value (`in group I was 8.92 (±3.2), in group II 6.88 (±2.1)`,
        // `In the drug group … from 8.1 to 7.2; in the placebo group from 8.0 to 7.9`), a
        // group named in the same slot later (right after a separator, a few words before the
        // next value) is the next value's, not the one before's.
        if first {
            self.names_lead = groups.iter().any(|b| !b.backward);
        } else if self.names_lead && !last {
            for b in groups.iter_mut() {
                if b.backward
                    && in_list_slot(&between[..b.phrase.start])
                    && short_lead(&between[b.phrase.end..])
                {
                    b.backward = false;
                }
            }
        }
    }

    /// Give each group named in the gap before value `k` to its value: the value before it
    /// (a name that follows a value closely) or the value after it.
    fn place_groups(&mut self, k: usize, between: &str, groups: &[Bound], last: bool) {
        // A group's name alone on its line under another group's name alone on its line (a
        // header of groups copied a cell a line, `プラセボ群` `(n=171)` `A群` `(n=182)` `B群`
        // `(n=169)`, then rows of their values): the values after it are the groups' in order,
        // never all the last one's. It is no value's group, nor carries to the values after it.
        // (A group's name alone over its own values, a section's heading, stands under no other.)
        let at = between.as_ptr() as usize - self.original.as_ptr() as usize;
        let header = groups.iter().rfind(|b| !b.backward).is_some_and(|b| {
            between[b.phrase.end..].contains('\n')
                && (in_a_header_of_groups(self.original, at + b.phrase.start, at + b.phrase.end)
                    || on_a_line_of_groups(self.original, at + b.phrase.start))
        });
        if header && !last {
            self.carried_group = None;
            return;
        }
        for b in groups {
            let key = cues::group_key(&b.phrase.text);
            if key.is_empty() {
                continue;
            }
            let g = (b.phrase.text.clone(), key);
            if b.backward {
                if k > 0 {
                    self.locals[k - 1].name_group(g);
                    self.named[k - 1] = true;
                }
            } else if !last {
                // A value labelled with a colon (`(収縮期血圧;C:132.6…`) is that label's: a
                // group named before the label is not its group.
                let after_name = between[b.phrase.end..].trim();
                let after_name = after_name.trim_start_matches([':', '：']).trim();
                if cues::colon_label(between) && !after_name.is_empty() {
                    continue;
                }
                let than = cues::words_before_a_name(&between[..b.phrase.start]).ends_with("than");
                // `shorter in the zinc group (3.1 ± 1.2) than in the probiotic group (3.8 ±
                // 1.4)`: where the value before has its own group and the value follows the
                // `than` group's name at once, each group is printed with its own value.
                // So too where the bracket after the name holds its value alone (`than those
                // treated with placebo (4.14 ± 0.56 kg)`), not a pair set against each other.
                let pair_follows = self.summaries.get(k + 1).is_some_and(|&next| {
                    let after = self.items[self.summaries[k]].span[1];
                    let before = self.items[next].span[0];
                    after <= before && cues::versus(&self.original[after..before])
                });
                let own_value = k > 0
                    && (self.named[k - 1] || !pair_follows)
                    && leads_into(&between[b.phrase.end..]);
                if than && !own_value {
                    // `less in X than in the placebo group (37.5 versus 46.8)`: the values
                    // follow the order of the comparison, not the last group named.
                    self.comparator = self.comparator.or(Some(k));
                    continue;
                }
                self.locals[k].name_group(g.clone());
                self.locals[k].group_before = true;
                self.named[k] = true;
                self.carried_group = Some(g);
            }
        }
    }

    /// Give each time named in the gap before value `k` to its value, or to the sentence.
    fn place_times(&mut self, k: usize, between: &str, times: &[Bound], last: bool) {
        for b in times {
            if b.backward {
                if k > 0 && self.locals[k - 1].time.is_none() {
                    self.locals[k - 1].time = Some(b.phrase.text.clone());
                }
            } else if k == 0 {
                // `観察期間第2週2.05±1.02、投与期間第1週3.88±1.50`, `at baseline, 14.2 ± 3.1`:
                // a time printed right before the first value is that value's own, as the
                // times before the values after it are theirs.
                if leads_into(&between[b.phrase.end..]) {
                    self.locals[0].time = Some(b.phrase.text.clone());
                    self.locals[0].time_before = true;
                }
                // Of a list, each value's time stays to be read from its own words.
                if !self.listed_times {
                    self.sentence_time = Some(b.phrase.text.clone());
                }
            } else if !last && self.locals[k].time.is_none() {
                self.locals[k].time = Some(b.phrase.text.clone());
                self.locals[k].time_before = true;
                self.time_opens[k] = true;
            }
        }
    }

    /// What is left of the gap before value `k` once its group and time `phrases`, the other
    /// items and the numbers are taken out: it names a new measure, if anything.
    fn read_rest(&mut self, k: usize, span: std::ops::Range<usize>, mut cut: Vec<(usize, usize)>) {
        let (start, end) = (span.start, span.end);
        let original = self.original;
        let between = &original[span];
        let mut rest = between.to_string();
        // A difference word before another number of the gap is that number's (`(adjusted
        // difference −2·77 kg, 95% CI …) with LOCF; −4·06 kg`): only the words after the
        // gap's last other number say the value is a difference. (A transition is read in
        // the whole gap: `from 8.1 at baseline to week 12, 7.2` prints a number after `to`.)
        let mut after_items = 0;
        let mut p_between = false;
        for &j in self.members {
            let [a, b] = self.items[j].span;
            if a >= start && b <= end {
                p_between |= self.items[j].kind == ItemKind::P;
                // The people a share counts are the share's words, no new measure's (`46%の被
                // 験者`, `46% of patients`).
                let b = b + people_counted_after(&original[b..end]);
                cut.push((a - start, b - start));
                after_items = after_items.max(b - start);
            }
        }
        // A bracket saying only what the values are (`108.5±1.7mmHg(平均値±標準誤差)から`,
        // `(mean ± SD)`) names no measure between them.
        cut.extend(statistic_statements(&rest));
        cut.sort_unstable();
        cut.dedup();
        for (a, b) in cut.into_iter().rev() {
            if a <= b && b <= rest.len() && rest.is_char_boundary(a) && rest.is_char_boundary(b) {
                rest.replace_range(a..b, &" ".repeat(b - a));
            }
        }
        // A line break inside a Japanese word (`治\n療開始`) is no word boundary; in English
        // it is a space.
        let mut content = cues::content_words(&rest.replace(['\n', '\r'], " "));
        content.extend(cues::content_ja(&rest.replace(['\n', '\r'], "")));
        // The unit every value prints after it (`0.87±0.40 logMAR, and 0.84±0.42 logMAR`)
        // names no new measure.
        content.retain(|w| !self.units.iter().any(|u| u.eq_ignore_ascii_case(w)));
        let range_before = k > 0 && self.locals[k - 1].range_opens;
        let local = &mut self.locals[k];
        local.range_opens = cues::range_before(between);
        if k == 0 {
            local.label = label_of(&rest);
            local.from = cues::from_before(between);
        } else {
            let tail = rest.get(after_items..).unwrap_or(&rest);
            local.after_p = p_between;
            local.difference = cues::difference_word(tail);
            local.content = content;
            local.transition = cues::transition(&rest) && !cues::versus(&rest) && !range_before;
            local.versus = cues::versus(between);
            // `… in the drug group and from 4.40 …`: another course opens with its `from`.
            local.from = cues::from_before(between);
            if !local.content.is_empty() {
                local.label = label_of(&rest);
                // A subgroup named alone after another's values (`…から…へ、男性で110.7`):
                // the same measure as the subgroup before, split the same way.
                if let Some(name) = local
                    .label
                    .clone()
                    .filter(|l| cues::subgroup_before(l) == Some((0, l.clone())))
                {
                    let measure = self.locals[..k].iter().rev().find_map(|l| {
                        let label = l.label.as_deref()?;
                        let (measure, sub) = label.strip_suffix(')')?.rsplit_once(" (")?;
                        (cues::subgroup_before(sub).is_some()).then(|| measure.to_string())
                    });
                    if let Some(measure) = measure {
                        self.locals[k].label = Some(format!("{measure} ({name})"));
                    }
                }
            } else if local.label.is_none() {
                // A list item's name that holds no word of two kanji or katakana (`、うつ病3%`)
                // still names the value after it.
                local.label = japanese_list_item(&rest, None);
            }
        }
    }

    /// Each summary's reading, and the sentence's time. The values a `than` comparison
    /// governs lose the group carried to them: the comparison's order, not the last name,
    /// decides theirs.
    fn finish(mut self) -> (Vec<Local>, Option<String>) {
        if let Some(from) = self.comparator {
            for k in from..self.locals.len() {
                if k > from && self.named[k] {
                    break;
                }
                self.locals[k].group = None;
            }
        }
        self.carry_opened_times();
        (self.locals, self.sentence_time)
    }

    /// A time named before a group's value later in the sentence opens a new slot of a grid
    /// (`投与期間第1週においてプラセボ群2.3±1.0、実薬群1.1±1.1、投与期間第2週において…`, `at
    /// week 12, drug 5.1 ± 1.0 and placebo 6.0 ± 1.1; at week 24, …`): the values after it
    /// that name their own group and no time of their own are at that time too, until the
    /// next time is named. Not across a transition (`from … to`), whose values are a time
    /// course of their own.
    ///
    /// Once a later time is named, the time the sentence named before its first value is no
    /// longer that of the values after it (`最終評価時ではそれぞれa、b、12週時ではそれぞれc、d`:
    /// d is not at 最終評価時); those this reading gives no time keep none.
    fn carry_opened_times(&mut self) {
        let mut open: Option<String> = None;
        let mut past_a_later_time = false;
        for k in 0..self.locals.len() {
            if self.time_opens[k] && self.named[k] {
                open = self.locals[k].time.clone();
            } else if self.locals[k].time.is_some() || self.locals[k].transition {
                open = None;
            } else if let (Some(t), true) = (&open, self.named[k]) {
                self.locals[k].time = Some(t.clone());
            }
            self.locals[k].after_a_later_time = past_a_later_time;
            past_a_later_time |= self.time_opens[k];
        }
    }
}

/// Only separators and function words before a group's name (`, in `, `; and in the `, `、`):
/// the name stands in a list's slot.
fn in_list_slot(before: &str) -> bool {
    before
        .split(|c: char| c.is_whitespace() || ",;、，；)）]".contains(c))
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "and" | "in" | "the" | "for" | "among" | "while" | "whereas" | "but" | "with"
            )
        })
}

/// A sentence that sets pairs against each other (`x versus y`) names the two groups with its
/// first pair and prints the later pairs bare, in the same order (`−5·06 kg for those in the
/// programme versus −2·25 kg for those receiving standard care with LOCF; −4·06 kg versus
/// −1·77 kg with BOCF`): each later pair with neither group named takes the first pair's.
fn pairs_follow_the_first(locals: &mut [Local]) {
    let mut first: Option<((String, String), (String, String))> = None;
    for k in 1..locals.len() {
        if !locals[k].versus {
            continue;
        }
        match (&locals[k - 1].group, &locals[k].group, &first) {
            (Some(a), Some(b), None) if a.1 != b.1 => first = Some((a.clone(), b.clone())),
            (None, None, Some((a, b))) => {
                let (a, b) = (a.clone(), b.clone());
                locals[k - 1].name_group(a);
                locals[k].name_group(b);
            }
            _ => {}
        }
    }
}

/// Each pair set against each other (`a vs b`) with no group or time of its own takes the two
/// times a sentence names for its pairs: `earlier` the first value, `later` the second.
fn give_the_pairs_times(locals: &mut [Local], earlier: &str, later: &str) {
    for k in 1..locals.len() {
        let (a, b) = (&locals[k - 1], &locals[k]);
        if b.versus
            && (a.group.is_none() && b.group.is_none())
            && (a.time.is_none() && b.time.is_none())
        {
            locals[k - 1].time = Some(earlier.to_string());
            locals[k].time = Some(later.to_string());
        }
    }
}

/// `no significant difference between preseason and postseason PF (684.87 ± 213.95 N vs
/// 805.87 ± 325.77; p = 0.22), as well as … VL (37.09 ± 16.67 cm3 vs 40.84 ± 8.01 cm3 …)`: a
/// sentence that names no group and, before its first value, names two times joined as a
/// comparison joins its terms (`between A and B`, `A vs B`) compares one group's times, as
/// [`times_named_after_the_pairs`] reads them named after. Its pairs take the two times in the
/// order printed.
fn times_named_before_the_pairs(
    (sentence_text, at): (&str, usize),
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    if summaries.len() < 2 || !cues::groups(sentence_text).is_empty() {
        return;
    }
    let Some(first_value) = items[summaries[0]].span[0].checked_sub(at) else {
        return;
    };
    let Some(before) = sentence_text.get(..first_value) else {
        return;
    };
    let times = cues::times(before);
    let [.., earlier, later] = times.as_slice() else {
        return;
    };
    let joined = before.get(earlier.end..later.start).is_some_and(|j| {
        matches!(
            j.trim().to_lowercase().as_str(),
            "and" | "vs" | "vs." | "versus" | "to" | "with"
        )
    });
    if joined && cues::time_key(&earlier.text) != cues::time_key(&later.text) {
        give_the_pairs_times(locals, &earlier.text, &later.text);
    }
}

/// `… (5.6 ± 0.8 vs 5.8 ± 0.8 kg/m2) occurred pre- vs postintervention, respectively`, `…
/// (3.5 ± 1.5 vs 2.4 ± 0.6) …, vs baseline`: a sentence that names no group and, after its
/// pairs, names the two times they set against each other (before and after, or baseline as
/// the second) compares one group's times, not two arms. Each pair's first value takes the
/// earlier time and its second the later (`pre- vs post-`), or its second takes baseline where
/// the first names a later time of its own; a pair whose first names none keeps no time and
/// is not read as arms ([`Local::versus`] cleared, so the pair stays open).
fn times_named_after_the_pairs(
    (sentence_text, at): (&str, usize),
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    static BEFORE_AFTER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static VS_BASELINE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let before_after = BEFORE_AFTER.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(?:pre|before)-?\s*(?:(treatment|intervention|operative|therapy)\s+)?(?:vs\.?|versus|and|to)\s+(?:post|after)-?\s*(treatment|intervention|operative|therapy)?",
        )
        .expect("a valid pattern")
    });
    let vs_baseline = VS_BASELINE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:\bvs\.?|\bversus|\bcompared\s+(?:with|to))\s+(?:the\s+)?baseline\b",
        )
        .expect("a valid pattern")
    });
    if summaries.len() < 2 || !cues::groups(sentence_text).is_empty() {
        return;
    }
    let Some(last_value) = items[summaries[summaries.len() - 1]].span[1].checked_sub(at) else {
        return;
    };
    let Some(after) = sentence_text.get(last_value..) else {
        return;
    };
    let event = |m: &regex::Captures| {
        m.get(2)
            .or_else(|| m.get(1))
            .map(|e| e.as_str().to_lowercase())
    };
    if let Some(m) = before_after.captures(after) {
        let (earlier, later) = match event(&m) {
            Some(e) => (format!("pre-{e}"), format!("post-{e}")),
            None => ("before".to_string(), "after".to_string()),
        };
        give_the_pairs_times(locals, &earlier, &later);
    } else if vs_baseline.is_match(after) {
        for k in 1..locals.len() {
            if !locals[k].versus || locals[k].group.is_some() || locals[k - 1].group.is_some() {
                continue;
            }
            if locals[k].time.is_some() {
                continue;
            }
            match &locals[k - 1].time {
                Some(t) if !cues::is_baseline(t) => locals[k].time = Some("baseline".to_string()),
                Some(_) => {}
                None => locals[k].versus = false,
            }
        }
    }
}

/// `Scores decreased with hops (9.2±7.3 vs. 5.1±5.9, 11.9±7.9 vs. 9.2±7.4)`: pairs set against
/// each other in a bracket that names no group, after a verb of change, each moving the way
/// the verb says (down after `decreased`), may be one group's values before and after as well
/// as two arms': the text does not decide, so no pair is read as arms ([`Local::versus`]
/// cleared; the pairs stay open).
fn pairs_moving_as_the_verb_says(
    (sentence_text, at): (&str, usize),
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    static VERB: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let verb = VERB.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(?:(?P<down>decreas|reduc|declin|fell|lower)|(?P<up>increas|ros[e]|elevat|gain))\w*",
        )
        .expect("the verb of change is a valid pattern")
    });
    let mean = |j: usize| items[j].parts.mean.as_ref().map(|m| m.number.value);
    let local_at = |j: usize| items[j].span[0].checked_sub(at);
    for k in 1..locals.len().min(summaries.len()) {
        if !locals[k].versus || locals[k].group.is_some() || locals[k - 1].group.is_some() {
            continue;
        }
        let (Some(first), Some(second)) = (local_at(summaries[k - 1]), local_at(summaries[k]))
        else {
            continue;
        };
        let (Some(before), Some(bracket)) = (
            sentence_text.get(..first),
            sentence_text.get(..first).and_then(|b| b.rfind('(')),
        ) else {
            continue;
        };
        // The pair stands in a bracket opened after the verb, with no group named in it.
        let inside = sentence_text.get(bracket..second).unwrap_or("");
        if inside.contains(')') || !cues::groups(inside).is_empty() {
            continue;
        }
        let Some(v) = verb.captures_iter(&before[..bracket]).last() else {
            continue;
        };
        let (Some(a), Some(b)) = (mean(summaries[k - 1]), mean(summaries[k])) else {
            continue;
        };
        let moves = if v.name("down").is_some() {
            a > b
        } else {
            a < b
        };
        if moves {
            locals[k].versus = false;
        }
    }
}

/// How a summary relates to the one before it in a sentence.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Relation {
    Time,
    Arms,
    NewMeasure,
    Undecided,
    /// The difference between the arms just read (`a difference of 0.65 ± 0.78`).
    Comparison,
}

/// The relation of each summary to the one before it (the first: a new measure).
fn relations(locals: &[Local]) -> Vec<Relation> {
    let mut relation = vec![Relation::NewMeasure; locals.len()];
    let places = places_in_group(locals);
    // The values read so far into the current measure.
    let mut run = 1;
    for k in 1..locals.len() {
        let (a, b) = (&locals[k - 1], &locals[k]);
        let group_differs = matches!((&a.group, &b.group), (Some(x), Some(y)) if x.1 != y.1);
        let times_differ = matches!((&a.time, &b.time), (Some(x), Some(y)) if cues::time_key(x) != cues::time_key(y));
        // A time course never returns to its baseline: a second baseline starts a new one.
        let back_to_baseline = b.time.as_deref().is_some_and(cues::is_baseline)
            && a.time.as_deref().is_some_and(|t| !cues::is_baseline(t));
        // A p after two values or more closes their comparison: a value after it, with no
        // transition joining it to them, is another comparison's (`… in the 60-mg and 120-mg
        // groups, respectively) compared with placebo (30.7%; P<.001), and approximately 34%
        // of patients in the orlistat groups sustained …`). After one value the p may be that
        // value's own (`45% (p < 0.01 vs baseline) and 20% in the placebo group`); a value
        // whose group is named right before it goes on a list of arms each compared with the
        // first (`greater in Group PL (64.6 ± 36.3 mg) vs. Group L (23.3 ± 33.9 mg) (P <
        // 0.001) and Group H (4.3 ± 9.6 mg) (P < 0.0001)`).
        let comparison_closed = b.after_p && run >= 2 && !b.transition && !b.group_before;
        relation[k] = if b.list_start || comparison_closed {
            Relation::NewMeasure
        } else if b.difference {
            Relation::Comparison
        } else if !b.content.is_empty() || back_to_baseline {
            Relation::NewMeasure
        } else if group_differs && places[k - 1] != places[k] {
            // Each group's values in a run of their own (a table's rows copied as text:
            // `プラセボ群 5.09±1.04 3.16±1.78 -1.96±0.11 60mg群 5.14±1.11 …`): the last of one
            // group's run and the first of the next stand at different places in their runs,
            // so nothing says they are one measure's arms.
            Relation::Undecided
        } else if group_differs || (b.versus && !b.transition && !times_differ) {
            // Values set against each other (`vs`, `に対し`) are arms unless each names its own
            // time and no group (`摂取前44.0±3.5に対し,摂取4週後は41.2±2.5`): then the text
            // compares the times of one group.
            Relation::Arms
        } else if b.transition || times_differ {
            Relation::Time
        } else {
            Relation::Undecided
        };
        run = if relation[k] == Relation::NewMeasure {
            1
        } else {
            run + 1
        };
    }
    relation
}

/// Is a group's name the one cell of its line: nothing but the name's own words before it (no
/// space: `ラツーダ80-120mg群`), nothing but its n after it?
fn one_cell(before: &str, after: &str) -> bool {
    !before.trim().contains(char::is_whitespace)
        && (after.trim().is_empty() || crate::draft::table::is_n_cell(after))
}

/// The group named alone on `line` ([`one_cell`]), if any.
fn group_alone_on(line: &str) -> Option<cues::Phrase> {
    let names = cues::groups(line);
    let [name] = names.as_slice() else {
        return None;
    };
    one_cell(&line[..name.start], &line[name.end..]).then(|| name.clone())
}

/// Does the group's name at `start..end` of `original` stand alone on its line (its n in a
/// bracket may follow), right under another group's name alone on its line (lines of n's alone
/// and blank lines between them passed over): a row of a header of groups, copied a cell a line?
fn in_a_header_of_groups(original: &str, start: usize, end: usize) -> bool {
    let line_start = original[..start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = original[end..]
        .find('\n')
        .map_or(original.len(), |p| end + p);
    if !one_cell(&original[line_start..start], &original[end..line_end]) {
        return false;
    }
    let key = cues::group_key(&original[start..end]);
    let above = original[..line_start].lines().rev().map(str::trim);
    for line in above.take(4) {
        if line.is_empty() || crate::draft::table::is_n_cell(line) {
            continue;
        }
        return group_alone_on(line).is_some_and(|name| cues::group_key(&name.text) != key);
    }
    false
}

/// Is the group's name at `start` on a line that names other groups too (by their words or
/// their bracketed n's) and prints no value outside brackets (a table's header of groups set apart by spaces, `Tinnitus-EG (baseline,
/// n = 29) Tinnitus-IG (baseline, n = 35) Controls (n = 63) p-Value`)? The values on the
/// lines below are the groups' by column, never all the last one's.
fn on_a_line_of_groups(original: &str, start: usize) -> bool {
    static BRACKETS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let line_start = original[..start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = original[start..]
        .find('\n')
        .map_or(original.len(), |p| start + p);
    let line = &original[line_start..line_end];
    let found = cues::groups(line);
    let mut keys: Vec<String> = found
        .iter()
        .map(|p| cues::group_key(&p.text))
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    // A group's own digits (`Q2W群`, `10mg群`) are its name, no value.
    let mut names_out = line.to_string();
    for p in &found {
        names_out.replace_range(p.start..p.end, &" ".repeat(p.end - p.start));
    }
    let outside = BRACKETS
        .get_or_init(|| regex::Regex::new(r"[(（\[][^()（）\[\]]*[)）\]]").expect("valid pattern"))
        .replace_all(&names_out, "");
    // Other groups the words do not make groups (`Tinnitus-IG`) are named by their n's.
    static NS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let ns = NS
        .get_or_init(|| regex::Regex::new(r"\b[nN]\s*=\s*\d+").expect("valid pattern"))
        .find_iter(line)
        .count();
    (keys.len() >= 2 || ns >= 2) && !outside.contains(|c: char| c.is_ascii_digit())
}

/// The groups of a header copied a cell a line right above the line at `at` (each name alone
/// on its line, its n under it; up to three labels of the rows' sections between the header
/// and that line, none printing a number), in the order printed: two or more, each another.
fn header_of_groups_above(original: &str, at: usize) -> Vec<(String, String)> {
    let line_start = original[..at].rfind('\n').map_or(0, |p| p + 1);
    let one_line = groups_on_a_header_line_above(original, line_start);
    if !one_line.is_empty() {
        return if one_line.len() >= 2 && keys_distinct(&one_line) {
            one_line
        } else {
            Vec::new()
        };
    }
    if let Some(line) = groups_line_above(original, line_start) {
        return line;
    }
    // A table's header is looked for at most ROWS_UP lines up: every value of a long run of
    // rows (2,000 lines each comparing two means) walked to the top would make the draft
    // quadratic in the lines (user trial 47: 34 s), and no header of groups copied a cell a
    // line stands above more rows than a page holds.
    const ROWS_UP: usize = 300;
    let mut above = original[..line_start]
        .lines()
        .rev()
        .take(ROWS_UP)
        .map(str::trim)
        .peekable();
    let mut labels = 0;
    // The widths of the rows passed over (`男性 77(45.0) 87(47.8) 81(47.9)` above the first
    // mean ± SD): each must print one value for each group of the header.
    let mut rows_passed: Vec<usize> = Vec::new();
    while let Some(line) = above.peek() {
        // A row of two values or more is no group's name alone (checked first: it is the
        // cheap test, and most lines walked over are such rows).
        if line.is_empty() || crate::draft::table::is_n_cell(line) {
            break;
        }
        let values = values_on_a_row(line);
        if values < 2 && group_alone_on(line).is_some() {
            break;
        }
        if values >= 2 {
            rows_passed.push(values);
            labels = 0;
            above.next();
            continue;
        }
        if labels == 3 || line.contains(|c: char| c.is_ascii_digit()) {
            return Vec::new();
        }
        labels += 1;
        above.next();
    }
    let mut groups: Vec<(String, String)> = Vec::new();
    for line in above {
        if line.is_empty() || crate::draft::table::is_n_cell(line) {
            continue;
        }
        match group_alone_on(line) {
            Some(name) => groups.push((name.text.clone(), cues::group_key(&name.text))),
            None => break,
        }
    }
    groups.reverse();
    if groups.len() < 2 || !keys_distinct(&groups) || rows_passed.iter().any(|&w| w != groups.len())
    {
        return Vec::new();
    }
    groups
}

/// How many values a row of a table set apart by spaces prints: the words made of a number and
/// its brackets, signs and marks only (`77(45.0)`, `41.3±12.64`, `40.0(18-70)`, `−2.1`), not
/// a label that opens with a number (`65歳未満`).
fn values_on_a_row(line: &str) -> usize {
    line.split_whitespace()
        .filter(|w| {
            w.trim_start_matches(['-', '−', '+'])
                .starts_with(|c: char| c.is_ascii_digit())
                && w.chars()
                    .all(|c| c.is_ascii_digit() || ".,()[]±+-−–~%*".contains(c))
        })
        .count()
}

/// The groups of a table's header copied as one line of text, each name followed by its n
/// (`Sham N=21 Active N=48`, `Placebo (n = 85) Drug (n = 84)`), above `line_start` with no
/// blank line between (the table's other rows): each name in order, as (text, key). Nothing where the line prints a number other than the n's, or a name
/// is no short name.
fn groups_on_a_header_line_above(original: &str, line_start: usize) -> Vec<(String, String)> {
    static N: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let n = N.get_or_init(|| {
        regex::Regex::new(r"[(（]?\s*\b[nN]\s*=\s*\d+\s*[)）]?").expect("valid pattern")
    });
    // Up the table's lines (rows above this one, labels), to its header; a blank line ends
    // the table.
    let mut header = None;
    for line in original[..line_start].lines().rev().map(str::trim).take(30) {
        if n.find_iter(line).count() >= 2 {
            header = Some(line);
            break;
        }
        if line.is_empty() {
            break;
        }
    }
    let Some(line) = header else {
        return Vec::new();
    };
    if n.replace_all(line, "")
        .contains(|c: char| c.is_ascii_digit())
    {
        return Vec::new();
    }
    let mut groups = Vec::new();
    let mut from = 0;
    for m in n.find_iter(line) {
        let segment = &line[from..m.start()];
        from = m.end();
        // What a bracket before the n adds (`Drug (baseline, n = 20)`) is no part of the name.
        let name = segment.split(['(', '（']).next().unwrap_or("");
        let name = name.trim_matches(|c: char| c.is_whitespace() || ",;:|".contains(c));
        let name = match name.split_once(char::is_whitespace) {
            Some((first, rest)) if super::model::is_stub_word(first) => rest.trim(),
            _ => name,
        };
        let words = name.split_whitespace().count();
        if !(1..=4).contains(&words) || !name.starts_with(char::is_alphabetic) {
            return Vec::new();
        }
        groups.push((name.to_string(), cues::group_key(name)));
    }
    groups
}

/// The groups of a table's header printed on one line with nothing else but words (`全体集団
/// Q2W群 プラセボ群 プラセボ群との差`, a Japanese package insert's table set apart by single
/// spaces), within the four lines above `line_start` (a header's other lines, `[95%信頼区間]`,
/// `p値`, hold no value): two different groups or more, in the line's order, without the group
/// a difference is taken against (`プラセボ群との差`). None where no such line stands there.
fn groups_line_above(original: &str, line_start: usize) -> Option<Vec<(String, String)>> {
    let mut end = line_start.checked_sub(1)?;
    for _ in 0..4 {
        let start = original[..end].rfind('\n').map_or(0, |p| p + 1);
        let line = &original[start..end];
        if !line.trim().is_empty() {
            let groups: Vec<(String, String)> = cues::groups(line)
                .into_iter()
                .filter(|p| !cues::comparator_of_difference(line, p))
                .map(|p| (p.text.clone(), cues::group_key(&p.text)))
                .collect();
            if groups.len() >= 2 && keys_distinct(&groups) {
                return on_a_line_of_groups(original, start).then_some(groups);
            }
        }
        end = start.checked_sub(1)?;
    }
    None
}

/// Rows under a header of groups copied a cell a line ([`header_of_groups_above`]: `プラセボ群`
/// `(n=171)` `A群` `(n=182)` `B群` `(n=169)`, then ` 平均値±SD 41.3±12.64 42.6±12.86 43.2±12.78`):
/// a line printing one value for each of the groups gives them the groups in the header's
/// order, each line's values one measure's arms, its first value opening that measure.
fn rows_under_a_header_of_groups(
    original: &str,
    items: &[Item],
    summaries: &[usize],
    locals: &mut [Local],
) {
    let Some(&first) = summaries.first() else {
        return;
    };
    let header = header_of_groups_above(original, items[first].span[0]);
    if header.is_empty() {
        return;
    }
    let line_of = |k: usize| {
        let at = items[summaries[k]].span[0];
        original[..at].rfind('\n').map_or(0, |p| p + 1)
    };
    let mut k = 0;
    while k < summaries.len() {
        let line = line_of(k);
        let row: Vec<usize> = (k..summaries.len())
            .take_while(|&j| line_of(j) == line)
            .collect();
        k += row.len();
        if row.len() != header.len() || row.iter().any(|&j| locals[j].group.is_some()) {
            continue;
        }
        for (&j, g) in row.iter().zip(&header) {
            locals[j].name_group(g.clone());
        }
        locals[row[0]].list_start = true;
    }
}

/// Each value's place in its group's run: 0 where its group is named beside it (or given by a
/// list), else one more than the value before it of the same group, as a group named once
/// carries to the values after it.
fn places_in_group(locals: &[Local]) -> Vec<usize> {
    let mut places = vec![0; locals.len()];
    for k in 0..locals.len() {
        let key = locals[k].group.as_ref().map(|g| &g.1);
        let carried = key.is_some() && locals[k].carried_from.as_ref() == key;
        if carried {
            let follows_its_group = k > 0 && locals[k - 1].group.as_ref().map(|g| &g.1) == key;
            places[k] = if follows_its_group {
                places[k - 1] + 1
            } else {
                1
            };
        }
    }
    places
}

/// `Joint bleeds were reduced from 12.2 ± 1.5 to 4.7 ± 1.0/year` in a report that compares two
/// treatments given to different patients (`on-demand therapy (26 patients) and continuous
/// prophylaxis (26 patients)`) and names no time of measurement before treatment anywhere
/// (no baseline, no `before`): such a report writes `from A to B` for one arm's value against
/// the other's as often as for a change over time, so a transition between two values that
/// name no time is left open, not read as a time course.
fn undecide_transition_between_arms(document: &str, locals: &[Local], relation: &mut [Relation]) {
    static ARMS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static BEFORE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let undecidable = (1..locals.len()).any(|k| {
        relation[k] == Relation::Time
            && locals[k].transition
            && locals[k].time.is_none()
            && locals[k - 1].time.is_none()
    });
    if !undecidable {
        return;
    }
    // Two treatments, each with its number of patients in brackets, in one breath.
    let arms = ARMS.get_or_init(|| {
        regex::Regex::new(r"(?i)[(（]\s*(?:n\s*=\s*)?\d+\s*(?:patients|participants|subjects|cases|例|名)?\s*[)）]\s*(?:,\s*)?(?:and|or|vs\.?|versus|と|及び|および)\s+(?:the\s+)?[^.。;()（）]{1,60}?[(（]\s*(?:n\s*=\s*)?\d+\s*(?:patients|participants|subjects|cases|例|名)?\s*[)）]")
            .expect("a valid pattern")
    });
    let before = BEFORE.get_or_init(|| {
        regex::Regex::new(r"(?i)baseline|\bbefore\b|\bpre-?(?:treatment|operative|intervention|test)|\bprior\s+to\b|\binitial|治療前|投与前|開始前|開始時|ベースライン|前値")
            .expect("a valid pattern")
    });
    // Or two cohorts of different patients, each named after the calendar period it was
    // admitted in (`2019年6–8月の新規入院患者を取組群,2017・2018年6–8月を対象群として`,
    // `patients treated in 2015–2017 (historical control group)`): a before-after study of
    // two cohorts writes `from A to B` for one cohort's value against the other's, so a
    // transition naming neither group is left open.
    let no_group = |k: usize| locals[k].group.is_none() && locals[k - 1].group.is_none();
    let two_groups = || {
        static YEAR: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let year = YEAR.get_or_init(|| {
            regex::Regex::new(r"(?:19|20)\d\d").expect("the year pattern is valid")
        });
        let mut keys: Vec<String> = cues::groups(document)
            .iter()
            .filter(|g| year.is_match(window::before(document, 0, g.start, 40)))
            .map(|g| cues::group_key(&g.text))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        keys.len() >= 2
    };
    let declared = arms.is_match(document);
    let cohorts = || (1..locals.len()).any(no_group) && two_groups();
    if before.is_match(document) || !(declared || cohorts()) {
        return;
    }
    // A transition closed by its group's name, where another transition of the sentence is
    // closed by another group's (`from 6.2 to 3.1 in the drug group and from 6.0 to 4.5 in
    // the placebo group`): each is its group's course, as the parallel form says; the arms'
    // values are the ends of different transitions, not one transition's two ends.
    let group_of_transition = |k: usize| {
        let end = locals[k].group.as_ref()?;
        let start = locals[k - 1].group.as_ref();
        (start.is_none() || start == Some(end)).then_some(&end.1)
    };
    let transitions: Vec<usize> = (1..locals.len())
        .filter(|&k| relation[k] == Relation::Time && locals[k].transition)
        .collect();
    let within_its_group = |k: usize| {
        group_of_transition(k).is_some_and(|g| {
            transitions
                .iter()
                .any(|&o| o != k && group_of_transition(o).is_some_and(|h| h != g))
        })
    };
    for k in 1..locals.len() {
        if relation[k] == Relation::Time
            && locals[k].transition
            && locals[k].time.is_none()
            && locals[k - 1].time.is_none()
            && !within_its_group(k)
            && (declared || no_group(k))
        {
            relation[k] = Relation::Undecided;
        }
    }
}

/// Two summaries joined by a bare slash (`148.3 ± 24.7/67.7 ± 12.0`, systolic over diastolic
/// pressure) are two measures printed as one pair; in a list of such pairs (`A/B and C/D vs.
/// E/F`) the value before a separator is the first pair's second measure and the value after
/// it the next pair's first: no relation the words between them give joins either of a pair's
/// values to a neighbour. They stay single facts for review.
fn undecide_across_slashed_pairs(
    document: &str,
    items: &[Item],
    summaries: &[usize],
    relation: &mut [Relation],
) {
    let slashed: Vec<bool> = (1..summaries.len())
        .map(|k| {
            document
                .get(items[summaries[k - 1]].span[1]..items[summaries[k]].span[0])
                .is_some_and(|gap| gap.trim() == "/")
        })
        .collect();
    let mut in_pair = vec![false; summaries.len()];
    for (k, &s) in slashed.iter().enumerate() {
        if s {
            in_pair[k] = true;
            in_pair[k + 1] = true;
        }
    }
    for k in 1..summaries.len() {
        if (in_pair[k - 1] || in_pair[k]) && relation[k] != Relation::NewMeasure {
            relation[k] = Relation::Undecided;
        }
    }
}

/// The pairs the words read as related that the text leaves open: a value and the value it
/// changed from set against each other, a transition between two treatments' values, and a
/// course that names one of its times twice.
fn undecide_pairs_left_open(
    document: &str,
    items: &[Item],
    members: &[usize],
    summaries: &[usize],
    locals: &[Local],
    relation: &mut [Relation],
) {
    undecide_value_and_its_baseline(items, members, summaries, locals, relation);
    undecide_across_slashed_pairs(document, items, summaries, relation);
    undecide_transition_between_arms(document, locals, relation);
    undecide_courses_naming_a_time_twice(locals, relation);
    undecide_a_course_set_against_an_arm(locals, relation);
}

/// A transition whose end is then set against another group's value (`reduced from 100% at
/// baseline to 14% for the probiotic versus 48% for placebo`): the end is one arm's, the
/// start the whole sample's before either (both arms started there), so the pair is no one
/// group's course; it is left for review.
fn undecide_a_course_set_against_an_arm(locals: &[Local], relation: &mut [Relation]) {
    for k in 1..locals.len() {
        if relation[k] == Relation::Time
            && locals[k].transition
            && locals[k - 1].group.is_none()
            && locals.get(k + 1).is_some_and(|next| {
                next.versus && next.group.is_some() && next.group != locals[k].group
            })
        {
            relation[k] = Relation::Undecided;
        }
    }
}

/// Two values set against each other (`x vs. y`) with no group named for either are read as
/// two arms; but where the sentence prints, before them, a percent change that the two values
/// themselves make (`reduced by 50% from baseline at week 26 (4·3 ± 2·5 vs. 8·7 ± 2·9)`:
/// 1 − 4·3/8·7 = 51 %), they are one group's value and the value it changed from. Which is
/// which time the words leave open, so the pair is left for review rather than placed as arms.
/// The percent's own rounding and the two means' decide the match.
fn undecide_value_and_its_baseline(
    items: &[Item],
    members: &[usize],
    summaries: &[usize],
    locals: &[Local],
    relation: &mut [Relation],
) {
    let mean = |i: usize| items[i].parts.mean.as_ref().map(|p| &p.number);
    for k in 1..summaries.len() {
        let (a, b) = (&locals[k - 1], &locals[k]);
        if relation[k] != Relation::Arms || !b.versus || a.group.is_some() || b.group.is_some() {
            continue;
        }
        let (Some(x), Some(y)) = (mean(summaries[k - 1]), mean(summaries[k])) else {
            continue;
        };
        let first = items[summaries[k - 1]].span[0];
        let changes = members
            .iter()
            .filter(|&&i| items[i].kind == ItemKind::PercentChange && items[i].span[1] <= first);
        let made_by_the_pair = changes
            .filter_map(|&i| items[i].parts.value.as_ref())
            .any(|p| percent_change_fits(p.number.value.abs(), p.number.decimals, x, y));
        if made_by_the_pair {
            relation[k] = Relation::Undecided;
        }
    }
}

/// Whether a change of `percent` % (printed to `decimals` places) lies between two values
/// within their printed rounding: from the larger to the smaller or the other way.
fn percent_change_fits(
    percent: f64,
    decimals: i32,
    x: &crate::text::number::TextNumber,
    y: &crate::text::number::TextNumber,
) -> bool {
    let half = |d: i32| 0.5 * 10f64.powi(-d);
    let (hx, hy) = (half(x.decimals), half(y.decimals));
    let (lo, hi) = (x.value.min(y.value), x.value.max(y.value));
    if lo <= 0.0 || lo - hx <= 0.0 {
        return false;
    }
    let tolerance = half(decimals);
    // The range of each change the printed values allow.
    let fall = (1.0 - (lo + hx) / (hi - hy)) * 100.0..=(1.0 - (lo - hx) / (hi + hy)) * 100.0;
    let rise = ((hi - hy) / (lo + hx) - 1.0) * 100.0..=((hi + hy) / (lo - hx) - 1.0) * 100.0;
    [fall, rise]
        .iter()
        .any(|r| percent + tolerance >= *r.start() && percent - tolerance <= *r.end())
}

/// The runs of one time course: consecutive summaries joined by a time relation (indices into
/// the sentence's summaries).
/// A run of values read as one time course that names one of its times twice (`1 Week … 4
/// Weeks … 13 Weeks … 1 Week … 4 Weeks …`: a table glued into one line, several groups' or
/// measures' courses in a row) is no one group's course: one group has one value at a time.
/// Its values are left open, not drawn as one line with a note.
fn undecide_courses_naming_a_time_twice(locals: &[Local], relation: &mut [Relation]) {
    for run in time_runs(relation) {
        let mut keys: Vec<String> = run
            .iter()
            .filter_map(|&k| locals[k].time.as_deref().map(cues::time_key))
            .collect();
        let named = keys.len();
        keys.sort();
        keys.dedup();
        if run.len() >= 2 && keys.len() < named {
            for &k in &run[1..] {
                relation[k] = Relation::Undecided;
            }
        }
    }
}

fn time_runs(relation: &[Relation]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (k, rel) in relation.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if k > 0 && *rel == Relation::Time => run.push(k),
            _ => runs.push(vec![k]),
        }
    }
    runs
}

/// A sentence's time-course runs made into measures: arms, time courses and single values.
struct RunReader<'a> {
    doc: &'a Sentences<'a>,
    /// The arms' names declared with their n ([`declared_abbreviations`]).
    declared: &'a [String],
    items: &'a [Item],
    si: usize,
    members: &'a [usize],
    summaries: &'a [usize],
    locals: &'a [Local],
    relation: &'a [Relation],
    runs: &'a [Vec<usize>],
    sentence_time: Option<String>,
    /// The sentence speaks of changes (`fell by`, `change from baseline`).
    change: bool,
    /// What the sentence says its ± are ([`cues::spread_kind`]), read once: a sentence may
    /// hold many measures.
    spread_kind: Option<&'static str>,
    /// The sentence prints changes as the size of a fall ([`cues::fall_words`]).
    fall_words: bool,
}

/// Does a clause name a stratum of the patients before the group it names (`、腰痛症患者に
/// おいてはA群が`, `; in patients with back pain, the drug group`): the values after it are
/// another stratum's, a measure of its own, not the measure before of another group?
fn names_a_stratum_before_its_group(clause: &str) -> bool {
    use std::sync::OnceLock;
    static P: OnceLock<regex::Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(r"(?i)(?:^|[、,，]\s*)(?P<ja>[^、,，。]{2,30}?)(?:においては|においても|では)|\bin\s+(?P<en>(?:patients|participants|subjects|those|people|children|women|men)\s+(?:with|without|aged|who)\b[^,;]{0,60})")
            .expect("the stratum pattern is valid")
    });
    p.captures(clause).is_some_and(|c| {
        let named = c.name("ja").or(c.name("en")).map_or("", |m| m.as_str());
        cues::groups(named).is_empty() && cues::times(named).is_empty()
    })
}

impl RunReader<'_> {
    /// `dropped from A to B in the drug group but not in the placebo group (C to D)`: a
    /// clause that names a group (and no time) right before value `k` names no new measure;
    /// the values after it are the measure just read, of another group.
    fn group_clause(&self, k: usize) -> bool {
        if k == 0 {
            return false;
        }
        let start = self.items[self.summaries[k - 1]].span[1];
        let end = self.items[self.summaries[k]].span[0];
        let between = self.doc.original.get(start..end).unwrap_or("");
        let clause = between
            .rsplit(['(', ')', '（', '）', ';', '；', '。'])
            .find(|c| !c.trim().is_empty())
            .unwrap_or(between);
        let mut named = cues::groups(clause);
        named.extend(declared_names_in(clause, self.declared, &named));
        named.sort_by_key(|p| p.start);
        let Some(group) = named.into_iter().next() else {
            return false;
        };
        // A Japanese clause that names its item after the group (`、B群では傾眠13.3%`) opens a
        // new item of that group's list, not the item just read.
        if !cues::content_ja(clause.get(group.end..).unwrap_or("")).is_empty() {
            return false;
        }
        // A name glued to a bracket that opens with the group (`主な副作用は、傾眠(プラセボ群
        // 3.0%…、4mg群3.1%…)`) names the values in the bracket: a new measure, each group's
        // value of it, not the measure before carried to another group.
        let clause_start = clause.as_ptr() as usize - between.as_ptr() as usize;
        let opened_by_a_name = clause[..group.start].trim().is_empty()
            && between[..clause_start]
                .strip_suffix(['(', '（'])
                .and_then(|b| b.chars().last())
                .is_some_and(|c| c.is_alphabetic() && !cues::is_hiragana(c));
        if opened_by_a_name {
            return false;
        }
        // A time the value before closes its clause with (`… to 3.1 after 4 weeks, while in
        // the control group it fell from …`) is that value's, not the new clause's.
        let from_its_comma = clause[..group.start]
            .char_indices()
            .rfind(|&(_, c)| [',', '，', '、'].contains(&c))
            .map_or(clause, |(comma, c)| &clause[comma + c.len_utf8()..]);
        cues::times(from_its_comma).is_empty() && !names_a_stratum_before_its_group(clause)
    }

    /// One group for every value of a run, if the text names one.
    fn run_group(&self, run: &[usize]) -> Option<String> {
        let named: Vec<&String> = run
            .iter()
            .filter_map(|&k| self.locals[k].group.as_ref().map(|g| &g.1))
            .collect();
        let first = named.first()?;
        named.iter().all(|k| k == first).then(|| first.to_string())
    }

    /// The runs from `r` on that are arms of one measure: consecutive runs of the same length
    /// joined by an Arms relation, or two time courses of two named groups, the second opened
    /// by a clause that names its group.
    fn arms_from(&self, r: usize) -> Vec<usize> {
        let runs = self.runs;
        let mut arms = vec![r];
        while let Some(&last) = arms.last() {
            let next = last + 1;
            // Two transitions each closed by its group's name (`from 4.40 to 0.75 in the
            // levamisole group (p<0.001) and from 4.40 to 1.70 in the LDP group`): the second
            // opens with `from`, as the first did, whatever p closed the first.
            let parallel = |next: usize| {
                let (first, end) = (runs[last][0], *runs[last].last().expect("a value"));
                self.locals[first].from
                    && self.locals[end].transition
                    && self.locals[end].group.is_some()
                    && self.locals[runs[next][0]].from
            };
            let courses_of_two_groups = next < runs.len()
                && runs[r].len() >= 2
                && (self.group_clause(runs[next][0]) || parallel(next))
                && matches!((self.run_group(&runs[last]), self.run_group(&runs[next])), (Some(a), Some(b)) if a != b);
            if next < runs.len()
                && (self.relation[runs[next][0]] == Relation::Arms || courses_of_two_groups)
                && runs[next].len() == runs[r].len()
            {
                arms.push(next);
            } else {
                break;
            }
        }
        arms
    }

    /// Read the measure that starts at run `r`; the run after it.
    fn read_run_at(&self, r: usize, s: &mut Structure) -> usize {
        let arms = self.arms_from(r);
        let first_k = self.runs[r][0];
        if self.relation[first_k] == Relation::Comparison
            && self.runs[r].len() == 1
            && self.attach_difference(first_k, s)
        {
            return r + 1;
        }
        let sentence = &self.doc.sentences[self.si];
        let previous_label = s
            .measures
            .last()
            .filter(|p| p.sentence == self.si)
            .and_then(|p| p.label.clone());
        let label = match (self.group_clause(first_k), previous_label) {
            (true, Some(l)) => Some(l),
            _ => self.locals[first_k].label.clone(),
        };
        // Values printed from one to another (`変化量は … 23.0 から 10.6`, `a reduction … from
        // 155 to 128`) are the levels at two times, whatever word names the comparison: no
        // change, and no size of a fall.
        let from_to = arms.iter().any(|&run| {
            self.runs[run]
                .iter()
                .skip(1)
                .any(|&k| self.locals[k].transition)
        });
        // Each value printed right before its fall or rise (`体重は8.6±3.1kg減少した`) is the
        // size of a change, as `fell by` before it says in English.
        let printed_as_changes = arms.iter().flat_map(|&run| &self.runs[run]).all(|&k| {
            let value = &self.items[self.summaries[k]];
            cues::printed_as_a_change(&self.doc.original[value.span[1]..])
        });
        let change = (self.change || printed_as_changes) && !from_to;
        let mut m = Measure {
            label,
            change,
            spread_label: self
                .spread_kind
                .map(|k| (k, format!("the sentence says so (line {})", sentence.line))),
            evidence: Vec::new(),
            ..Measure::new(Shape::Single, self.si, Vec::new(), String::new())
        };
        for &run in &arms {
            self.push_run_cells(&mut m, &self.runs[run], s);
        }
        if arms.len() >= 2 {
            self.align_times_left_unsaid(&mut m, &arms);
        }
        self.decide_shape(&mut m, r, &arms);
        // The comparison after the measure, up to the next summary of the sentence.
        let end_k = *self.runs[*arms.last().expect("one arm")]
            .last()
            .expect("one value");
        let after = self.items[self.summaries[end_k]].span[1];
        let until = self
            .summaries
            .get(end_k + 1)
            .map(|&j| self.items[j].span[0])
            .unwrap_or(sentence.span.end);
        if m.shape != Shape::Single {
            m.comparison = comparison(self.doc.original, self.items, self.members, after, until);
            // `fell from 6.2 to 3.1 (p < 0.001), while in the control group it fell from 6.0
            // to 5.2 (p = 0.03)`: where each arm's course closes with a p of its own, the p
            // after the last is that arm's change, as the first's is, not the arms'
            // comparison.
            let p_lead =
                |j: usize| window::before(self.doc.original, after, self.items[j].span[0], 80);
            if from_to
                && arms.len() >= 2
                && self.each_course_closes_with_its_p(&arms)
                && m.comparison
                    .p
                    .is_some_and(|j| !names_a_comparison(p_lead(j)))
            {
                m.comparison.p = None;
            }
        }
        if change && (self.fall_words || printed_as_changes) {
            read_fall(&mut m, &s.groups, self.items, &sentence.quote);
        }
        s.measures.push(m);
        arms.last().expect("one arm") + 1
    }

    /// Arms each told as a course of the same length (or a value each), where one names the
    /// time of a point and the others leave it unsaid (`fell from 6.2 to 3.1 after 4 weeks,
    /// while in the control group it fell from 6.0 to 5.2`, `lower on POD 2 (3.9 vs 4.1)`):
    /// the arms of one trial are measured at the same visits, so the unsaid time is the named
    /// one, not a visit of its own. Where the arms name different times at a point, each keeps
    /// its own.
    fn align_times_left_unsaid(&self, m: &mut Measure, arms: &[usize]) {
        let runs: Vec<&Vec<usize>> = arms.iter().map(|&a| &self.runs[a]).collect();
        let len = runs[0].len();
        // (A share's time is read apart from its arms': `30% at week 12 vs 12%` may set the
        // week's share against the baseline's; only courses and summaries are aligned.)
        let summaries = m.cells.iter().all(|c| self.items[c.item].kind.is_summary());
        if (len < 2 && !summaries)
            || runs.iter().any(|r| r.len() != len)
            || m.cells.len() != len * runs.len()
        {
            return;
        }
        for pos in 0..len {
            let mut named: Vec<&String> = runs
                .iter()
                .filter_map(|r| self.locals[r[pos]].time.as_ref())
                .collect();
            named.dedup_by_key(|t| cues::time_key(t));
            let [time] = named[..] else { continue };
            for (a, run) in runs.iter().enumerate() {
                if self.locals[run[pos]].time.is_none() {
                    m.cells[a * len + pos].time = Some(time.clone());
                }
            }
        }
    }

    /// Does a p close each arm's course but the last, printed after its last value and before
    /// the next arm's first with no word of a comparison before it (`… to 3.1 (p < 0.001),
    /// while in the control group …`)? Then the arms' p's are each arm's change.
    fn each_course_closes_with_its_p(&self, arms: &[usize]) -> bool {
        arms.windows(2).all(|w| {
            let end = self.items[self.summaries[*self.runs[w[0]].last().expect("a value")]].span[1];
            let next = self.items[self.summaries[self.runs[w[1]][0]]].span[0];
            self.members.iter().any(|&j| {
                let it = &self.items[j];
                it.kind == ItemKind::P
                    && it.span[0] >= end
                    && it.span[1] <= next
                    && !names_a_comparison(window::before(self.doc.original, end, it.span[0], 80))
            })
        })
    }

    /// A value named as a difference right after a measure of two arms of the sentence (`a
    /// difference of 0.65 ± 0.78`): that measure's comparison, with the CI and p after it.
    /// Whether there was such a measure.
    fn attach_difference(&self, k: usize, s: &mut Structure) -> bool {
        let last_arms = s
            .measures
            .last_mut()
            .filter(|m| m.sentence == self.si && m.shape == Shape::Arms && m.arms().len() == 2);
        let Some(m) = last_arms else {
            return false;
        };
        let j = self.summaries[k];
        let until = self
            .summaries
            .get(k + 1)
            .map(|&x| self.items[x].span[0])
            .unwrap_or(self.doc.sentences[self.si].span.end);
        let after = comparison(
            self.doc.original,
            self.items,
            self.members,
            self.items[j].span[1],
            until,
        );
        m.comparison.difference = Some(j);
        m.comparison.ci = m.comparison.ci.or(after.ci);
        m.comparison.p = m.comparison.p.or(after.p);
        m.evidence
            .push("the difference between the arms follows them".into());
        true
    }

    /// Add a run's values to a measure, each with its group and time point.
    fn push_run_cells(&self, m: &mut Measure, run: &[usize], s: &mut Structure) {
        let first_cell = m.cells.len();
        // A time course told as transitions that share their ends (`from entry to 12 w (1.1 ±
        // 0.23 to 1.3 ± 0.24) and again from 12 w to 24 w (1.3 ± 0.24 to 1.38 ± 0.27)`)
        // prints the shared value twice: one time point. The second print (the same mean and
        // spread right after the first, neither naming a time of its own) stays a single fact.
        let printed = |k: usize| {
            let p = &self.items[self.summaries[k]].parts;
            let text =
                |v: &Option<crate::draft::Printed>| v.as_ref().map(|v| v.number.text.clone());
            (text(&p.mean).or_else(|| text(&p.median)), text(&p.spread))
        };
        let run: Vec<usize> = run
            .iter()
            .enumerate()
            .filter(|&(pos, &k)| {
                pos == 0 || {
                    let before = run[pos - 1];
                    let untimed =
                        self.locals[k].time.is_none() && self.locals[before].time.is_none();
                    !(untimed
                        && self.locals[k].group == self.locals[before].group
                        && printed(k).0.is_some()
                        && printed(k) == printed(before))
                }
            })
            .map(|(_, &k)| k)
            .collect();
        let run = &run[..];
        for (pos, &k) in run.iter().enumerate() {
            let l = &self.locals[k];
            let group = l
                .group
                .as_ref()
                .map(|(label, key)| group_index(s, label, key));
            let mut time = l.time.clone();
            if time.is_none() && run.len() > 1 {
                // `from A to B`: A is the earlier, B the later.
                time = Some(if pos == 0 {
                    "before".into()
                } else if pos + 1 == run.len() {
                    "after".into()
                } else {
                    format!("time point {}", pos + 1)
                });
            }
            if time.is_none() && !l.after_a_later_time {
                time = self.sentence_time.clone();
            }
            m.cells.push(Cell {
                item: self.summaries[k],
                group,
                time,
                n: None,
                n_evidence: None,
                whole: None,
            });
        }
        // A time course is of one group: `from A to B in the drug group` names it after
        // its last value.
        let course = &mut m.cells[first_cell..];
        let named: Vec<usize> = course.iter().filter_map(|c| c.group).collect();
        if let Some(&g) = named.first() {
            if course.len() >= 2 && named.iter().all(|&x| x == g) {
                for c in course.iter_mut() {
                    c.group = Some(g);
                }
            }
        }
    }

    /// The measure's shape (arms, a time course, or a single value), why, and what a person
    /// must confirm.
    fn decide_shape(&self, m: &mut Measure, r: usize, arms: &[usize]) {
        let runs = self.runs;
        if arms.len() >= 2 {
            m.shape = Shape::Arms;
            m.evidence.push(
                if arms.iter().any(|&a| self.locals[runs[a][0]].respectively) {
                    "the values take the groups or time points in the order the text names them ('respectively')".to_string()
                } else if m.cells.iter().all(|c| c.group.is_some()) {
                    "each value names its group".to_string()
                } else {
                    "the values are set against each other (vs)".to_string()
                },
            );
            if m.cells.iter().any(|c| c.group.is_none()) {
                m.review.push("which arm each value is: the text sets them against each other without naming every group".into());
            }
        } else if runs[r].len() >= 2 {
            m.shape = Shape::TimeCourse;
            let transition = runs[r][1..].iter().any(|&k| self.locals[k].transition);
            m.evidence.push(if transition {
                "a transition joins the values (from … to, →, から)".to_string()
            } else {
                "each value names a different time point".to_string()
            });
            let keys: Vec<String> = m
                .cells
                .iter()
                .filter_map(|c| c.time.as_deref().map(cues::time_key))
                .collect();
            let mut unique = keys.clone();
            unique.sort();
            unique.dedup();
            if unique.len() < keys.len() {
                m.review
                    .push("two values name the same time point: confirm the order".into());
            }
        } else {
            let k = runs[r][0];
            let undecided_before = k > 0 && self.relation[k] == Relation::Undecided;
            let undecided_after =
                k + 1 < self.summaries.len() && self.relation[k + 1] == Relation::Undecided;
            if undecided_before || undecided_after {
                m.review.push("another mean ± spread stands in this sentence with nothing that says whether they are two time points, two groups or two measures: confirm before pairing them".into());
            }
        }
    }
}

/// The length of the people a number counts, printed right after it (`の被験者`, `of the
/// patients`, `例`), in `after`; 0 where none.
fn people_counted_after(after: &str) -> usize {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(
            r"^(?:\s*の\s*(?:被験者|患者|症例|参加者|対象者|人)|\s+of\s+(?:the\s+)?(?:patients|participants|subjects|people|children|women|men)\b)",
        )
        .expect("valid pattern")
    })
    .find(after)
    .map_or(0, |m| m.end())
}

/// The values of a measure of changes printed as the size of a fall (`fell by 4.1 … and by
/// 1.9`, `a reduction of`, `低下`): a fall of 4.1 is the change −4.1. The values are written as
/// their negatives ([`Measure::negated`]) when every value is printed positive, the sentence
/// prints no rise beside the fall (`rose by`, `増加`: then not every value is a fall), and the
/// document's own numbers do not say otherwise: where it prints the difference of two arms, one
/// of them the control, that difference must be the negatives' (drug − control: −4.1 − (−1.9)
/// = −2.2) and not the printed values' (4.1 − 1.9 = 2.2), within the rounding of the three
/// numbers. Where they fit the values as printed, the values stay so (the document's difference
/// is of the falls, and the report's recomputed one agrees with it); where they fit neither, or
/// a value is printed negative or is no mean, the sign is left for review.
fn read_fall(m: &mut Measure, groups: &[super::model::Group], items: &[Item], sentence: &str) {
    // Each value's centre (a mean, or a median, whose bounds would also turn): all positive, or
    // the text prints the changes' own signs.
    let centres: Vec<&crate::text::TextNumber> = m
        .cells
        .iter()
        .filter_map(|c| {
            let p = &items[c.item].parts;
            p.mean.as_ref().or(p.median.as_ref()).map(|p| &p.number)
        })
        .collect();
    if centres.len() < m.cells.len() || centres.iter().any(|x| x.value <= 0.0) {
        return;
    }
    let review = "the values are printed as the size of a fall ('fell by', 'reduction of', 低下): the change is their negative; write the sign the analysis should use";
    let means = m
        .cells
        .iter()
        .all(|c| items[c.item].kind == ItemKind::MeanSpread);
    if !means || m.shape == Shape::Single || cues::rise_words(sentence) {
        m.review.push(review.into());
        return;
    }
    let values = centres;
    let mut why = format!(
        "the values are printed as the size of a fall ('{}'): a fall of {} is the change -{}; written as their negatives",
        cues::fall_match(sentence).unwrap_or("fell by"),
        values[0].plain,
        values[0].plain
    );
    // The document's difference of two arms, one the control: the negatives' or the values'?
    let difference = m
        .comparison
        .difference
        .and_then(|j| {
            items[j]
                .parts
                .value
                .as_ref()
                .or(items[j].parts.mean.as_ref())
        })
        .map(|p| &p.number);
    let arms = m.arms();
    if let (Some(d), Shape::Arms, 2) = (difference, m.shape, arms.len()) {
        let control = |g: Option<usize>| g.is_some_and(|g| groups[g].control);
        let (Some(active), Some(ctl)) = (
            arms.iter().position(|(g, _)| !control(*g)),
            arms.iter().position(|(g, _)| control(*g)),
        ) else {
            m.review.push(review.into());
            return;
        };
        let (ka, kc) = (
            m.cells.iter().position(|c| c.group == arms[active].0),
            m.cells.iter().position(|c| c.group == arms[ctl].0),
        );
        let (Some(ka), Some(kc)) = (ka, kc) else {
            m.review.push(review.into());
            return;
        };
        if arms.iter().any(|(_, cells)| cells.len() != 1) {
            m.review.push(review.into());
            return;
        }
        let (a, c) = (values[ka], values[kc]);
        let slack = a.half_unit() + c.half_unit() + d.half_unit() + 1e-9;
        let as_negatives = ((c.value - a.value) - d.value).abs() <= slack;
        let as_printed = ((a.value - c.value) - d.value).abs() <= slack;
        match (as_negatives, as_printed) {
            (true, false) => {
                why.push_str(&format!(
                    "; the document's difference {} is theirs (-{} - (-{}))",
                    d.plain, a.plain, c.plain
                ));
            }
            (false, true) => {
                m.evidence.push(format!(
                    "the values are printed as the size of a fall; the document's difference {} is of the falls as printed ({} - {}): written as printed",
                    d.plain, a.plain, c.plain
                ));
                return;
            }
            _ => {
                m.review.push(review.into());
                return;
            }
        }
    }
    m.negated = Some(why);
}

/// The last word of `text` when it is an acronym (`QMG`, `MG-ADL`, `HbA1c` is not): a scale's
/// name, which the content words leave out.
fn last_acronym(text: &str) -> Option<&str> {
    text.rsplit(|c: char| c.is_whitespace()).next().filter(|w| {
        w.len() >= 2
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
    })
}

/// The length of a subscript in a bracket at the start of `s` (`(1c)`, `(2)`): one to three
/// letters or digits, a digit among them.
fn subscript_at(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('(')?;
    let close = inner.find(')')?;
    let sub = &inner[..close];
    (matches!(sub.len(), 1..=3)
        && sub.chars().all(|c| c.is_ascii_alphanumeric())
        && sub.chars().any(|c| c.is_ascii_digit()))
    .then_some(close + 2)
}

/// `text` with each subscript bracket glued to a letter (`HbA(1c)`) written with `[` and `]`
/// instead, byte for byte, so that splitting at brackets leaves the name whole.
fn subscripts_masked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut skip_to = 0;
    for (k, c) in text.char_indices() {
        if k < skip_to {
            continue;
        }
        if c == '(' && prev.is_some_and(|p| p.is_ascii_alphabetic()) {
            if let Some(len) = subscript_at(&text[k..]) {
                out.push('[');
                out.push_str(&text[k + 1..k + len - 1]);
                out.push(']');
                skip_to = k + len;
                prev = Some(']');
                continue;
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// A label from the words before the first value of a measure (`the QMG score improved from`
/// → `QMG score`): the longest run of content words, as printed.
/// Is `clause` an outcome's role in the trial (`primary`, `key secondary`, `主要評価項目`), as a
/// row label's bracket prints it after the measure's name (`HCS (primary)`)? It names no
/// measure.
fn names_a_role(clause: &str) -> bool {
    let t = clause.trim().to_lowercase();
    let t = t
        .trim_end_matches(|c: char| c.is_ascii_digit() || "*†‡§".contains(c))
        .trim();
    let t = t
        .strip_suffix("outcome")
        .or_else(|| t.strip_suffix("endpoint"))
        .unwrap_or(t)
        .trim();
    matches!(
        t,
        "primary" | "secondary" | "key secondary" | "co-primary" | "exploratory" | "tertiary"
    ) || ["主要評価項目", "副次評価項目", "主要", "副次"].contains(&clause.trim())
}

/// Does a clause only name the statistic the values print (`中央値(範囲)`'s `範囲`, `mean ±
/// SD`, `平均値±標準誤差`)? It names no measure.
fn names_a_statistic_only(clause: &str) -> bool {
    let t = clause.trim();
    crate::draft::table::describes_cells(t)
        || ["範囲", "四分位範囲", "最小値", "最大値", "最小値-最大値"].contains(&t)
}

fn label_of(text: &str) -> Option<String> {
    // A subgroup named right before the value (`平均血圧が女性で`, `…, in men, `) is no measure:
    // the measure is named before it, and the label keeps the subgroup after it (`平均血圧
    // (女性)`), as one measure's values split by sex are each subgroup's own.
    if let Some((start, name)) = cues::subgroup_before(text) {
        return Some(match label_of(&text[..start]) {
            Some(measure) => format!("{measure} ({name})"),
            None => name,
        });
    }
    label_of_clause(text)
}

/// Is `word` an adverb of degree or certainty that qualifies a comparative (`very
/// significantly higher`, `slightly lower`)?
fn is_degree(word: &str) -> bool {
    matches!(
        word,
        "very"
            | "significantly"
            | "statistically"
            | "much"
            | "slightly"
            | "markedly"
            | "considerably"
            | "substantially"
            | "somewhat"
            | "far"
            | "notably"
            | "nonsignificantly"
    )
}

/// Is `word` a comparative (`higher`, `shorter`, `fewer`), which sets a value against another
/// and names no measure?
fn is_comparative(word: &str) -> bool {
    matches!(
        word,
        "higher"
            | "lower"
            | "greater"
            | "smaller"
            | "larger"
            | "shorter"
            | "longer"
            | "better"
            | "worse"
            | "more"
            | "less"
            | "fewer"
    )
}

/// [`label_of`] once a subgroup before the value is set apart.
fn label_of_clause(text: &str) -> Option<String> {
    // An address (`https://www.example.jp/products/safety.xhtml`, the document's source line
    // run into its first sentence) names no measure: blanked, byte for byte.
    let unaddressed = without_addresses(text);
    let text = unaddressed.as_str();
    // The measure is named in the clause right before the value: the last stretch between
    // clause marks that holds a content word (`…p < 0.05), although similar pain scores were
    // recorded (group 1:` names `pain scores`, not the test before it).
    // A subscript printed in a bracket glued to its word (`HbA(1c)`, `FEV(1)`, `PaO(2)`, as
    // PubMed prints them) is part of the name, not a clause mark.
    let masked = subscripts_masked(text);
    let text = masked
        .rsplit([',', ';', '(', ')', '（', '）', ':'])
        .find(|clause| {
            (!cues::content_words(clause).is_empty() || !cues::content_ja(clause).is_empty())
                && !names_a_role(clause)
                && !names_a_statistic_only(clause)
        })
        .map_or(text, |clause| {
            let start = clause.as_ptr() as usize - masked.as_ptr() as usize;
            &text[start..start + clause.len()]
        });
    let text = object_of_a_change_verb(text);
    let words = cues::content_words(text);
    // A clause that only compares (`which was significantly higher than that before
    // treatment, ie, (35.28±2.32)`) names no measure: the comparative is no name.
    if words.iter().any(|w| is_comparative(w))
        && words.iter().all(|w| is_comparative(w) || is_degree(w))
    {
        return None;
    }
    if let Some(first) = words.first() {
        // Take the printed stretch from the first content word to the last.
        let lower = text.to_lowercase();
        let a = lower.find(first.as_str())?;
        let last = words.last()?;
        let b = lower.rfind(last.as_str())? + last.len();
        // To the end of the printed word (`HbA1c`, `SF-36`), which the content words cut at
        // its digits.
        let b = b + text[b..]
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(text.len() - b);
        let b = b + subscript_at(&text[b..]).unwrap_or(0);
        // A Latin name followed by `の` and Japanese nouns (`H. pylori の除菌率`) names what
        // those nouns are of: the head noun after `の` is the measure (the eradication rate,
        // not the bacterium), kept with the name before it.
        let b = b + japanese_head_after_no(&text[b..]).unwrap_or(0);
        let span = text.get(a..b)?.trim();
        // Keep a capitalised acronym before it (`QMG score`).
        let before = text[..a].trim_end();
        let acronym = last_acronym(before);
        let label = match acronym {
            Some(a) => format!("{a} {span}"),
            None => span.to_string(),
        };
        // A Japanese particle glued to a Latin name (`CAIは`, `HbA1cが`) marks the topic or
        // the subject, and `それぞれ` (respectively) after it says how the values are listed:
        // no part of the name.
        let label = label
            .trim_end()
            .strip_suffix("それぞれ")
            .or_else(|| label.trim_end().strip_suffix("各々"))
            .map_or(label.clone(), |l| l.trim_end().to_string());
        // So too after a Latin name's Japanese words (`ALT増加が`).
        let label = ["では", "には", "は", "が", "を", "も", "の"]
            .iter()
            .find_map(|p| label.strip_suffix(p))
            .filter(|name| {
                name.ends_with(|c: char| {
                    c.is_ascii_alphanumeric()
                        || c == ')'
                        || matches!(c, '\u{30A0}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}')
                })
            })
            .map_or(label.clone(), str::to_string);
        return (!label.is_empty() && label.len() <= 80).then_some(label);
    }
    // A noun made a verb (`維持されていた`, `継続した`: maintained, continued) is the clause's
    // predicate, no measure's name: `減少した体重は1年後も維持されていた` names 体重.
    let ja: Vec<String> = cues::content_ja(text)
        .into_iter()
        .filter(|w| {
            !["され", "して", "した", "する", "しな", "でき"]
                .iter()
                .any(|ending| text.contains(&format!("{w}{ending}")))
        })
        .collect();
    japanese_list_item(text, ja.last().map(String::as_str))
        .or_else(|| ja.last().cloned())
        .or_else(|| last_acronym(text.trim_end()).map(String::from))
}

/// The length of `の` and the Japanese nouns after it at the start of `rest` (`の除菌率` in `
/// の除菌率は、`), if `rest` opens so.
fn japanese_head_after_no(rest: &str) -> Option<usize> {
    use regex::Regex;
    use std::sync::OnceLock;
    static HEAD: OnceLock<Regex> = OnceLock::new();
    let head = HEAD.get_or_init(|| {
        Regex::new(r"^\s*の\s*[\p{Han}\p{Katakana}ー]+").expect("the head-noun pattern is valid")
    });
    head.find(rest).map(|m| m.end())
}

/// The object of a verb of change in a clause (`Control participants gained BMI`, `the drug
/// lowered systolic blood pressure`): what changed is the measure, the subject before the verb
/// the group or the treatment; the clause as it is where no content word follows the verb
/// (`HbA1c decreased`).
fn object_of_a_change_verb(clause: &str) -> &str {
    use regex::Regex;
    use std::sync::OnceLock;
    static VERB: OnceLock<Regex> = OnceLock::new();
    let verb = VERB.get_or_init(|| {
        Regex::new(r"(?i)\b(?:gained|lost|increased|decreased|reduced|improved|lowered|raised)\s+")
            .expect("the change verb pattern is valid")
    });
    match verb.find_iter(clause).last() {
        Some(m) if !cues::content_words(&clause[m.end()..]).is_empty() => &clause[m.end()..],
        _ => clause,
    }
}

/// `text` with each web address (a word holding `://` or opening with `www.`) replaced by
/// as many spaces as it has bytes.
fn without_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, tail) = rest.split_at(word_end);
        if word.contains("://") || word.starts_with("www.") {
            out.extend(std::iter::repeat_n(' ', word.len()));
        } else {
            out.push_str(word);
        }
        let space_end = tail
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(tail.len());
        out.push_str(&tail[..space_end]);
        rest = &tail[space_end..];
    }
    out
}

/// The name printed right before a value in a Japanese list (`…、うつ病3%`, `、めまい2例`,
/// `梅毒及び尿道炎各4%`), where the last kanji or katakana word alone would cut it: a name
/// may begin in hiragana (`うつ病`, `むくみ感`) or be all hiragana (`めまい`, `ふらつき`), and
/// `各` (each) after names joined by `及び` or `と` gives every one of them the value, so the
/// list item is the whole stretch after the list's mark. `last_word`: the last kanji or
/// katakana word of `text`.
fn japanese_list_item(text: &str, last_word: Option<&str>) -> Option<String> {
    let hiragana = cues::is_hiragana;
    let segment = text
        .trim_end()
        .rsplit([
            '、', '，', ',', '。', '：', ':', '(', '（', ')', '）', ' ', '\n', '\u{3000}',
        ])
        .next()?;
    let japanese = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| {
                hiragana(c) || matches!(c, '\u{30A0}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '々')
            })
    };
    // A row's name alone on its line (`浮動性めまい 22(4.5)`, `睡眠の質低下* 2(0.4)`, `ほてり
    // 2(0.4)`, an adverse reactions table): the whole name, its hiragana too, without its
    // footnote's mark, never the section's name on the line above; a name that ends in a
    // particle (`群では`) is a clause's, not a row's.
    let row_name = segment.trim_end_matches(['*', '＊', '※', '†', '‡']);
    let alone_on_its_line = {
        let before = text.trim_end();
        let before = &before[..before.len() - segment.len()];
        before.is_empty() || before.ends_with('\n')
    };
    const PARTICLES: [char; 10] = ['は', 'が', 'で', 'に', 'を', 'と', 'も', 'の', 'へ', 'や'];
    let a_row_name = alone_on_its_line
        && row_name.chars().count() >= 2
        && japanese(row_name)
        && !row_name.ends_with(PARTICLES)
        && !FUNCTION_WORDS.contains(&row_name);
    if a_row_name && last_word.is_none_or(|w| row_name != w) {
        return Some(row_name.to_string());
    }
    let (segment, each) = match segment.strip_suffix("各々").or(segment.strip_suffix('各')) {
        Some(s) => (s, true),
        None => (segment, false),
    };
    // Words that join or order a list, never an item's name.
    const FUNCTION_WORDS: &[&str] = &[
        "それぞれ",
        "また",
        "さらに",
        "および",
        "ならびに",
        "うち",
        "など",
        "かつ",
        "では",
        "には",
        "とは",
        "から",
        "まで",
        "でも",
    ];
    if !japanese(segment) || FUNCTION_WORDS.contains(&segment) {
        return None;
    }
    let last_word = last_word.map(|w| w.trim_end_matches('々').trim_end_matches('各'));
    if each {
        return last_word
            .filter(|w| !w.is_empty() && segment.contains(w))
            .map(|_| segment.to_string());
    }
    match last_word {
        Some(w) => {
            let head = segment.strip_suffix(w)?;
            // A particle left of a group's name cut out before it (`B群では傾眠13.3%`) is the
            // clause's, no part of the item's name.
            if matches!(
                head,
                "では"
                    | "には"
                    | "で"
                    | "は"
                    | "が"
                    | "を"
                    | "も"
                    | "の"
                    | "と"
                    | "に"
                    | "へ"
                    | "や"
            ) {
                return Some(w.to_string());
            }
            (!head.is_empty() && head.chars().all(hiragana)).then(|| segment.to_string())
        }
        // No word of two kanji or katakana: a name of one kanji after hiragana (`うつ病`), or
        // of hiragana alone; one that ends in hiragana after a kanji ends in a particle
        // (`群では`) and names nothing.
        None => (segment.chars().count() >= 2
            && (segment.chars().all(hiragana) || !segment.ends_with(hiragana)))
        .then(|| segment.to_string()),
    }
}

/// Does the interval `ci` stand right after a number (only brackets and space between) that is
/// not the comparison's difference: an estimate of its own, such as an effect size?
fn follows_another_estimate(
    original: &str,
    items: &[Item],
    members: &[usize],
    c: &Comparison,
    ci: usize,
) -> bool {
    members.iter().any(|&j| {
        let gap = || original.get(items[j].span[1]..items[ci].span[0]);
        match items[j].kind {
            ItemKind::Number => {
                Some(j) != c.difference
                    && gap().is_some_and(|g| {
                        g.chars()
                            .all(|ch| ch.is_whitespace() || "(（[,".contains(ch))
                    })
            }
            // A ratio's interval, its level named or not (`a hazard ratio of 0.64, 95% CI
            // (0.48, 0.86)`, `OR 2.1 [1.2–3.4]`): the ratio's, no difference of the values.
            ItemKind::Ratio => gap().is_some_and(names_at_most_an_interval),
            _ => false,
        }
    })
}

/// The words between an estimate and its interval name nothing but the interval (`, 95% CI
/// (`, `; 95%信頼区間:`, ` [`).
fn names_at_most_an_interval(gap: &str) -> bool {
    static LABEL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let label = LABEL.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:\d+(?:\.\d+)?\s*[%％]\s*)?(?:c\.?\s?i\.?|confidence\s+intervals?|信頼区間)",
        )
        .expect("a valid pattern")
    });
    label
        .replace_all(gap, "")
        .chars()
        .all(|ch| ch.is_whitespace() || "(（[,;:：，、=".contains(ch))
}

/// Does the clause before a p (from byte `after`, at most 80 bytes back from `at`) name a
/// change with no comparison (`…であり,有意な眼圧下降が得られた(mixed effect model, p<0.01)`,
/// `a significant reduction (p < 0.01)`): the p of each group's change, not of the groups'
/// difference? A comparative (`compared with`, `than`, `greater`, `群間`, `比べ`) keeps it the
/// comparison's.
fn p_of_a_change(original: &str, after: usize, at: usize) -> bool {
    static CHANGE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let change = CHANGE.get_or_init(|| {
        regex::Regex::new(r"(?i)下降|低下|上昇|改善|減少|増加|\b(?:reduc|decreas|increas|improv|declin|fell|drop)")
            .expect("the change words are a valid pattern")
    });
    let lead = window::before(original, after, at, 80);
    change.is_match(lead) && !names_a_comparison(lead)
}

/// Does `lead` (the words before a p) name a comparison of groups (`群間`, `vs`, `than`,
/// `compared`, `placebo`)?
fn names_a_comparison(lead: &str) -> bool {
    static COMPARED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    COMPARED
        .get_or_init(|| {
            regex::Regex::new(
                r"(?i)群間|比較|差|比べ|対照|より|\b(?:vs\.?|versus|compared|between|than|differ\w*|greater|larger|more|less|smaller|superior|inferior|placebo|control)\b",
            )
            .expect("the comparison words are a valid pattern")
        })
        .is_match(lead)
}

/// The difference, CI and p printed between byte `after` and `until`.
fn comparison(
    original: &str,
    items: &[Item],
    members: &[usize],
    after: usize,
    until: usize,
) -> Comparison {
    let mut c = Comparison::default();
    for &j in members {
        let it = &items[j];
        if it.span[0] < after || it.span[1] > until {
            continue;
        }
        match it.kind {
            ItemKind::Number
                if c.difference.is_none()
                    && cues::difference_word(window::before(original, after, it.span[0], 40)) =>
            {
                c.difference = Some(j)
            }
            // An interval right after another estimate than the difference (`0.54 (0.02 –
            // 1.06)` in a column of effect sizes) is that estimate's, not the difference's.
            ItemKind::Ci
                if c.ci.is_none() && !follows_another_estimate(original, items, members, &c, j) =>
            {
                c.ci = Some(j)
            }
            ItemKind::P if c.p.is_none() && !p_of_a_change(original, after, it.span[0]) => {
                c.p = Some(j)
            }
            _ => {}
        }
    }
    if c.is_empty() {
        Comparison::default()
    } else {
        c
    }
}

/// Each cell's n of the sentence `si`: printed with the value, with its group, or the
/// document's.
fn attach_n(doc_text: &str, items: &[Item], members: &[usize], s: &mut Structure, si: usize) {
    let ns: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&j| items[j].kind == ItemKind::N)
        .collect();
    let measures: Vec<usize> = s
        .measures
        .iter()
        .enumerate()
        .filter(|(_, m)| m.sentence == si)
        .map(|(i, _)| i)
        .collect();
    let all_cells: Vec<usize> = measures
        .iter()
        .flat_map(|&m| s.measures[m].cells.iter().map(|c| c.item))
        .collect();
    for &mi in &measures {
        for ci in 0..s.measures[mi].cells.len() {
            let cell = &s.measures[mi].cells[ci];
            let own = cell.group.map(|g| s.groups[g].key.clone());
            // The n the value's reader read with it from a column before it (`N Mean S.E.`):
            // the n printed after the value is no other value's.
            let value_start = items[cell.item].span[0];
            // (An n whose bracket closes before the value, `the placebo group (n=32): 0.2 ±
            // 0.8`, is the n of the name before it: not the value's where that name is another
            // group than the value's.)
            let another_groups = |j: usize| {
                let closed = doc_text
                    .get(items[j].span[1]..value_start)
                    .is_some_and(|b| b.contains([')', '）']));
                closed
                    && s.groups
                        .iter()
                        .enumerate()
                        .any(|(g, group)| group.n == Some(j) && Some(g) != cell.group)
            };
            let read_with = items[cell.item]
                .parts
                .n
                .as_ref()
                .filter(|p| p.span[1] <= value_start)
                .and_then(|p| {
                    ns.iter()
                        .copied()
                        .find(|&j| items[j].span[0] <= p.span[0] && p.span[1] <= items[j].span[1])
                })
                .filter(|&j| !another_groups(j));
            // `15.4% (n = 4)`: an n no count of which gives the percentage is the share's
            // count, not its whole.
            let with = read_with
                .or_else(|| {
                    n_printed_with_value(doc_text, items, (&ns, &all_cells), cell.item, own)
                })
                .filter(|&j| !super::share_wholes::cannot_be_the_shares_whole(items, cell.item, j));
            let cell = &mut s.measures[mi].cells[ci];
            if let Some(j) = with {
                cell.n = Some(j);
                cell.n_evidence = Some(format!("printed with it ('{}')", items[j].text.trim()));
                s.placed[j] = true;
                if let Some(g) = cell.group {
                    if s.groups[g].n.is_none() {
                        s.groups[g].n = Some(j);
                    }
                }
            }
        }
    }
    // `… occurred pre- vs postintervention, respectively (n = 14).`: an `n =` in the bracket
    // that closes a sentence naming no group, after all its values, is the number the
    // sentence's values were measured on (those analysed), before the document's.
    if let Some(j) = n_closing_the_sentence(doc_text, items, &ns, &all_cells) {
        for &mi in &measures {
            for cell in &mut s.measures[mi].cells {
                if cell.n.is_none() {
                    cell.n = Some(j);
                    cell.n_evidence = Some(format!(
                        "the n closing the sentence after its values ('{}')",
                        items[j].text.trim()
                    ));
                    s.placed[j] = true;
                }
            }
        }
    }
    give_known_ns(doc_text, items, &measures, s);
    for &mi in &measures {
        let m = &s.measures[mi];
        let placed: Vec<usize> = m
            .cells
            .iter()
            .map(|c| c.item)
            .chain(m.comparison.items())
            .collect();
        for j in placed {
            s.placed[j] = true;
        }
    }
}

/// The `n =` alone in a bracket that ends its sentence (`…, respectively (n = 14).`), after
/// every value of the sentence (`cells`), where the sentence names no group: `None` otherwise.
fn n_closing_the_sentence(
    doc_text: &str,
    items: &[Item],
    ns: &[usize],
    cells: &[usize],
) -> Option<usize> {
    let [j] = ns else { return None };
    let j = *j;
    let last_value = cells.iter().map(|&c| items[c].span[1]).max()?;
    let n_text = items[j].text.trim();
    if items[j].span[0] < last_value
        || !n_text.starts_with(['n', 'N'])
        || !n_text.contains(['=', '＝'])
    {
        return None;
    }
    let sentence_start = items[*cells.iter().min_by_key(|&&c| items[c].span[0])?].span[0];
    let before = doc_text.get(..items[j].span[0])?;
    let after = doc_text.get(items[j].span[1]..)?;
    let in_bracket = before.trim_end().ends_with(['(', '（']);
    let closes = after
        .trim_start()
        .strip_prefix([')', '）'])
        .is_some_and(|rest| {
            rest.trim_start().is_empty() || rest.trim_start().starts_with(['.', '。', '\n'])
        });
    let names_group = !cues::groups(doc_text.get(sentence_start..items[j].span[0])?).is_empty();
    (in_bracket && closes && !names_group).then_some(j)
}

/// The n printed with a summary (`item`): the first n after it, before the next summary of
/// the sentence (`(ns, summaries)`: the sentence's n and summary items), unless another group
/// than its own (`own`, a group key) is named between them (`群(112例)で-0.95、ピオグリタゾン群
/// (97例)で…`: 97 is the next group's).
fn n_printed_with_value(
    doc_text: &str,
    items: &[Item],
    (ns, summaries): (&[usize], &[usize]),
    item: usize,
    own: Option<String>,
) -> Option<usize> {
    let next = summaries
        .iter()
        .copied()
        .filter(|&j| items[j].span[0] > items[item].span[1])
        .map(|j| items[j].span[0])
        .min()
        .unwrap_or(usize::MAX);
    // `(n=91, 4.8±1.0)`: an `n =` opening the value's own bracket, right before it, is its n
    // (`(30 women, 52 ± 8 years)` counts a subset, not the value's sample).
    if let Some(open) = open_bracket_at(doc_text, items[item].span[0]) {
        let before = ns.iter().copied().rfind(|&j| {
            let n_text = items[j].text.trim_start();
            items[j].span[0] > open
                && items[j].span[1] <= items[item].span[0]
                && doc_text[open..items[j].span[0]]
                    .chars()
                    .all(|c| "(（ ".contains(c))
                && (n_text.starts_with('n') || n_text.starts_with('N'))
                && doc_text[items[j].span[1]..items[item].span[0]]
                    .chars()
                    .all(|c| c.is_whitespace() || ",;:、，；".contains(c))
        });
        if before.is_some() {
            return before;
        }
    }
    let with = ns.iter().copied().find(|&j| {
        items[j].span[0] >= items[item].span[1]
            && items[j].span[0] < next
            && crate::draft::summary::n_printed_with(
                doc_text,
                items[item].span[1],
                items[j].span[0],
                80,
            )
            && !opens_next_values_bracket(doc_text, items[item].span[1], items[j].span[0], next)
            && !cues::closes_a_bracket(&doc_text[items[item].span[1]..items[j].span[0]])
    });
    with.filter(|&j| {
        let between = &doc_text[items[item].span[1]..items[j].span[0]];
        // `…であり、無効はそれぞれ2名と4名`, `…; non-responders were 2 and 4, respectively`:
        // n's listed `respectively` count something in each group named before (or the
        // groups themselves, in order), never the last value's sample alone. An n in the
        // value's own bracket (`5.1 ± 1.2 (n = 40) and …, respectively`) is still its own.
        let bracketed = {
            let t = between.trim_start();
            t.starts_with(['(', '（']) && !t.contains([')', '）'])
        };
        let listed = || {
            let after = &doc_text[items[j].span[1]..end_of_list(doc_text, items[j].span[1])];
            cues::respectively(between).is_some() || cues::respectively(after).is_some()
        };
        // A count on the next line after other words (`47.05 (±12.19) .812\nGender 12
        // males`, a table copied as text) is the next row's, not the value's.
        let next_line = between.contains('\n') && !bracketed;
        cues::groups(between)
            .iter()
            .all(|g| Some(cues::group_key(&g.text)) == own)
            && (bracketed || !listed())
            && !names_a_new_topic(between)
            && !next_line
            && !names_a_sex_before(between)
    })
}

/// Do the words between a value and a count after it end in a sex (`48.9歳(標準偏差11.3歳)、
/// 男性7例`, `52.1 ± 8.0 years, men 12`)? The count is then of the men among the patients, not
/// the value's sample.
fn names_a_sex_before(between: &str) -> bool {
    let t = between
        .trim_end()
        .trim_end_matches([':', '：', '='])
        .trim_end();
    let lower = t.to_lowercase();
    ["男性", "女性", "男児", "女児", "男子", "女子", "男", "女"]
        .iter()
        .any(|w| t.ends_with(w))
        || [
            "men", "women", "male", "female", "males", "females", "boys", "girls",
        ]
        .iter()
        .any(|w| {
            lower.ends_with(w)
                && !lower[..lower.len() - w.len()].ends_with(|c: char| c.is_alphanumeric())
        })
}

/// Do the words between a value and a count after it open a new topic (`70.8±10.4歳で,病型は
/// …緑内障眼19例`: a noun marked by は): the count is then that topic's (a subgroup's), not
/// the value's sample.
fn names_a_new_topic(between: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(r"[\p{Han}\p{Katakana}ー]は").expect("the topic pattern is valid")
    })
    .is_match(between)
}

/// Where a list that starts at `from` ends: at the next sentence's or clause's end (`。`, `.`,
/// `;`), at most 80 bytes on.
fn end_of_list(text: &str, from: usize) -> usize {
    let list = window::after(text, from, text.len(), 80);
    list.find(['。', ';', '；'])
        .map_or(from + list.len(), |k| from + k)
}

/// Where the innermost bracket still open at byte `at` opens (`(` or `（`), looking back at
/// most 60 bytes and not past a sentence's end; `None` outside brackets.
fn open_bracket_at(text: &str, at: usize) -> Option<usize> {
    let before = window::before(text, 0, at, 60);
    let from = window::floor_boundary(text, at) - before.len();
    let mut depth = 0usize;
    for (k, c) in before.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth == 0 => return Some(from + k),
            '(' | '（' => depth -= 1,
            '。' => return None,
            _ => {}
        }
    }
    None
}

/// The brackets of `gap` (a stretch between values) that say only what the values print
/// (`(平均値±標準誤差)`, `(mean ± SD)`, `（中央値）`), as byte ranges, brackets included.
fn statistic_statements(gap: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (k, c) in gap.char_indices() {
        match c {
            '(' | '（' => open = Some(k),
            ')' | '）' => {
                if let Some(a) = open.take() {
                    let inner = &gap[a + gap[a..].chars().next().map_or(1, char::len_utf8)..k];
                    if crate::draft::table::describes_cells(without_hereafter(inner)) {
                        out.push((a, k + c.len_utf8()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A statement of what the values are without the words saying it holds for the rest of the
/// text (`平均値±SD, 以下同じ`, `mean ± SD, hereafter`): what remains is the statement.
fn without_hereafter(statement: &str) -> &str {
    let t = statement.trim();
    for tail in [
        "以下同じ",
        "以下同様",
        "以下も同様",
        "以下同",
        "hereafter",
        "throughout",
        "and below",
    ] {
        if let Some(rest) = t.strip_suffix(tail) {
            return rest
                .trim_end()
                .trim_end_matches([',', '，', '、', ';', '；'])
                .trim_end();
        }
    }
    t
}

/// The group's n, or the document's, for the cells of `measures` still without one (a
/// subgroup's values take neither).
fn give_known_ns(doc_text: &str, items: &[Item], measures: &[usize], s: &mut Structure) {
    // `The study group consisted of 29 patients`: where the only group a document names is
    // "the study group" (the group studied), and it names no comparator and allocates no one
    // to arms, that group is its sample, and a value naming no group is still of it.
    let the_study_group_is_the_sample = matches!(s.groups.as_slice(), [g] if g.key == "study")
        && cues::allocation_to_arms(doc_text).is_none()
        && !cues::names_a_comparator(doc_text);
    let known = KnownNs {
        groups: s.groups.iter().map(|g| g.n).collect(),
        timed: s.groups.iter().map(|g| g.ns_by_time.clone()).collect(),
        document: s.document_n,
        any_groups: !s.groups.is_empty() && !the_study_group_is_the_sample,
    };
    for &mi in measures {
        // Arms split the patients between them (unless the document says they are the same
        // patients, a crossover): a number counting them all is no arm's n.
        let part_of_the_sample = s.measures[mi].shape == Shape::Arms && s.within_patients.is_none();
        // One subgroup's values (`軽症高血圧者45例…平均血圧が女性で108.5±1.7から…へ、男性で
        // 110.7±2.1から…へ`) count its own patients, whose number the text may not print: the
        // sample's n is none of them.
        let subgroup = subgroup_of(doc_text, items, &s.measures[mi]);
        if let Some(name) = &subgroup {
            s.measures[mi].review.push(format!(
                "the values are of a subgroup ({name}) of the sample: its n is not the sample's; take it from the text or leave it out"
            ));
        }
        for cell in &mut s.measures[mi].cells {
            if cell.n.is_none() {
                known.give(
                    doc_text,
                    items,
                    cell,
                    part_of_the_sample || subgroup.is_some(),
                );
                // A share no count of whose n gives its percentage is of another whole.
                if cell.n.is_some_and(|j| {
                    super::share_wholes::cannot_be_the_shares_whole(items, cell.item, j)
                }) {
                    cell.n = None;
                    cell.n_evidence = None;
                }
            }
        }
    }
}

/// The subgroup of the sample by sex or age a measure's values are of, where its sentence
/// splits the sample so ([`cues::splits_by_subgroup`]) and the clause right before its first
/// value names one ([`cues::subgroup_before`]): `女性` in `…平均血圧が女性で108.5±1.7から…`.
fn subgroup_of(doc_text: &str, items: &[Item], m: &Measure) -> Option<String> {
    let first = m.cells.iter().map(|c| c.item).min()?;
    if m.cells.iter().any(|c| c.group.is_some()) || !cues::splits_by_subgroup(&items[first].quote) {
        return None;
    }
    // The clause before the value: after the item before it in its sentence, at most 60
    // bytes back.
    let start = items[first].span[0];
    let limit = if first > 0 && items[first - 1].sentence == items[first].sentence {
        items[first - 1].span[1]
    } else {
        0
    };
    cues::subgroup_before(window::before(doc_text, limit, start, 60)).map(|(_, name)| name)
}

/// Does the n at `n_start` (after a value ending at `value_end`) sit in a bracket that opens
/// after the value and is still open at the next value (`next`): `… 8.4±13.5) …患者(n=91,
/// 4.8±1.0)`? Then it is printed with the next value, not this one.
fn opens_next_values_bracket(text: &str, value_end: usize, n_start: usize, next: usize) -> bool {
    if next == usize::MAX {
        return false;
    }
    match open_bracket_at(text, n_start) {
        Some(open) => open >= value_end && open_bracket_at(text, next) == Some(open),
        None => false,
    }
}

/// The n the document states for whole groups and for its one sample: what a cell with no
/// n printed with it takes.
/// How a cell given the document's one number of people says so: the n it has for want of
/// any other ([`super::no_document_n_across_arms`] takes it back in a document of arms).
pub(super) const DOCUMENT_N_EVIDENCE: &str = "the document's number of patients";

struct KnownNs {
    /// Each group's n item.
    groups: Vec<Option<usize>>,
    /// Each group's different n's by the time printed before them (empty: one n).
    timed: Vec<Vec<(Option<String>, usize)>>,
    /// The document's one number of people.
    document: Option<usize>,
    /// The document names groups (then its one number is no value's n).
    any_groups: bool,
}

impl KnownNs {
    /// Give a cell with no n printed with it its group's n, or (with no groups) the n its
    /// sentence names before it, or the document's; neither of those to one of several arms
    /// (`part_of_the_sample`), which counts only its own patients.
    fn give(&self, doc_text: &str, items: &[Item], cell: &mut Cell, part_of_the_sample: bool) {
        // Another study's value, set beside this trial's, counts none of its patients.
        if cues::about_other_studies(&doc_text[..items[cell.item].span[0]]) {
            return;
        }
        if let Some(g) = cell.group {
            // A group printed with several n's (randomised 62, analysed 54 right after the
            // intervention and 49 at week 4): the n printed for the value's own time, else
            // none (which one the value is of, the text does not say).
            if !self.timed[g].is_empty() {
                let own = cell.time.as_deref().map(cues::time_key);
                let at_time = self.timed[g]
                    .iter()
                    .find(|(t, _)| t.is_some() && *t == own)
                    .map(|&(_, j)| j);
                if let Some(j) = at_time {
                    cell.n = Some(j);
                    cell.n_evidence = Some(format!(
                        "the group's n at that time ('{}')",
                        items[j].text.trim()
                    ));
                }
                return;
            }
            // Not across another count of people that is no group's n (`プラセボ群 351例
            // 75.03±41.82 206例 78.16±40.47`: the n analysed at a later visit): that
            // value's n is left open rather than given the group's.
            let (from, to) =
                self.groups[g].map_or((0, 0), |j| (items[j].span[1], items[cell.item].span[0]));
            // Items are in document order: the ones between, found by binary search.
            let first = items.partition_point(|i| i.span[0] < from);
            let other_n_between = (first..items.len())
                .take_while(|&k| items[k].span[1] <= to)
                .any(|k| items[k].kind == ItemKind::N && !self.groups.contains(&Some(k)));
            if let (Some(j), false) = (self.groups[g], other_n_between) {
                cell.n = Some(j);
                cell.n_evidence = Some(format!("the group's n ('{}')", items[j].text.trim()));
            }
        } else if let (Some(in_sentence), false, false) = (
            sentence_n(doc_text, items, cell.item),
            self.any_groups,
            part_of_the_sample,
        ) {
            // The sample its own sentence names before it, over the document's; where the
            // sentence names several and not which, the n stays open.
            if let Some(j) = in_sentence {
                cell.n = Some(j);
                cell.n_evidence = Some(format!(
                    "the number of people its sentence names before it ('{}')",
                    items[j].text.trim()
                ));
            }
        } else if let (Some(j), false, false) = (
            self.document,
            self.any_groups
                || part_of_the_sample
                || cues::refers_to_a_group_before(&items[cell.item].quote),
            row_prints_another_count(doc_text, items, cell.item, self.document),
        ) {
            cell.n = Some(j);
            cell.n_evidence = Some(format!(
                "{DOCUMENT_N_EVIDENCE} ('{}', line {})",
                items[j].quote.trim(),
                items[j].line
            ));
        }
    }
}
/// Does the row of the summary `cell` print a whole number right before it that is
/// not the document's n (`Model 1 266 7·98 (5·63) 284 8·76 (5·86)` under `n Mean (SD) n
/// Mean (SD)`)? Tables print each cell's own n so, in a column before its mean: the value
/// is of that many, and the document's one number of people (here the `n=550` of a model's
/// footnote) is not its n.
fn row_prints_another_count(
    doc_text: &str,
    items: &[Item],
    cell: usize,
    document: Option<usize>,
) -> bool {
    let Some(k) = cell.checked_sub(1) else {
        return false;
    };
    let (before, value) = (&items[k], &items[cell]);
    // A row copied with single spaces is no table row by its layout; the bare count right
    // before the value says it (prose puts a word between a count and a mean).
    if before.sentence != value.sentence || !matches!(before.kind, ItemKind::Number | ItemKind::N) {
        return false;
    }
    let Some(count) = before.parts.value.as_ref().map(|v| &v.number) else {
        return false;
    };
    let whole = !count.plain.contains('.') && count.value >= 2.0;
    let gap = &doc_text[before.span[1]..value.span[0]];
    let adjacent = gap.len() <= 4 && gap.chars().all(|c| c.is_whitespace() || c == '|');
    let document_value = document
        .and_then(|j| items[j].parts.value.as_ref())
        .map(|v| v.number.value);
    whole && adjacent && document_value != Some(count.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each share measure's shape and its cells' groups (`-` where none).
    fn shares_read(text: &str) -> Vec<(Shape, Vec<String>)> {
        let (_, s) = read(text);
        s.shares
            .iter()
            .map(|m| {
                let groups = m
                    .cells
                    .iter()
                    .map(|c| c.group.map_or("-".into(), |g| s.groups[g].key.clone()))
                    .collect();
                (m.shape, groups)
            })
            .collect()
    }

    #[test]
    fn a_course_whose_end_is_set_against_another_arm_is_no_groups_course() {
        // Made-up shares: the start is the whole sample's, the end one arm's, set against the
        // other arm's; a course named so without the other arm stays one.
        let shapes = |text: &str| -> Vec<Shape> {
            shares_read(text)
                .into_iter()
                .map(|(shape, _)| shape)
                .collect()
        };
        let against = shapes(
            "Pain was reduced from 90% at baseline to 20% for the drug at week 8 versus 45% for placebo (p < 0.001).",
        );
        assert!(!against.contains(&Shape::TimeCourse), "{against:?}");
        let alone = shapes("Pain was reduced from 90% at baseline to 20% at week 8 (p < 0.001).");
        assert_eq!(alone, [Shape::TimeCourse]);
    }

    #[test]
    fn a_stratum_named_before_the_groups_again_is_a_measure_of_its_own() {
        // Made-up: two strata's shares of the same two arms in one sentence, each stratum
        // named before its groups (`Xにおいては`, `in patients with`).
        for text in [
            "無効例の割合は、甲疾患患者においてはA群が10.0%(2/20例)、プラセボ群が40.0%(8/20例)、乙疾患患者においてはA群が20.0%(5/25例)、プラセボ群が50.0%(10/20例)であった。",
            "Failure occurred in patients with knee pain in 10.0% (2/20) of the drug group and 40.0% (8/20) of the placebo group; in patients with back pain, the drug group 20.0% (5/25) and the placebo group 50.0% (10/20).",
        ] {
            let (_, s) = read(text);
            let labels: Vec<Option<&str>> = s.shares.iter().map(|m| m.label.as_deref()).collect();
            assert_eq!(labels.len(), 2, "{text}: {labels:?}");
            assert_ne!(labels[0], labels[1], "{text}: {labels:?}");
        }
    }

    #[test]
    fn a_bracket_after_the_arms_listed_with_their_counts_describes_the_whole_sample() {
        // Made-up numbers: the sample's make-up in a bracket after both arms, each share named
        // by the people after it.
        let text = "Participants were randomised to drug A (210 participants) or placebo (105 \
            participants) (mean [SD] age 58 [9] years; 41% women; 80% white).";
        let (items, s) = read(text);
        let age = s
            .measures
            .iter()
            .find(|m| m.cells.iter().any(|c| items[c.item].text == "58 [9]"))
            .expect("the age read");
        assert!(age.cells.iter().all(|c| c.group.is_none()), "{age:?}");
        let shares: Vec<(Option<&str>, Option<usize>)> = s
            .shares
            .iter()
            .flat_map(|m| m.cells.iter().map(move |c| (m.label.as_deref(), c.group)))
            .collect();
        assert_eq!(shares, [(Some("women"), None), (Some("white"), None)]);
        // Each arm's n printed as its part of the whole sample (`n = 29/38`, the fortieth
        // trial's document 09): the bracket after them still describes the whole sample.
        let text = "Participants received drug A (n = 20/30) or placebo (n = 10/30) (mean [SD] \
            age = 40.9 [8.4]; BMI = 35.6 [3.0]).";
        let (items, s) = read(text);
        let age = s
            .measures
            .iter()
            .find(|m| m.cells.iter().any(|c| items[c.item].text == "40.9 [8.4]"))
            .expect("the age read");
        assert!(
            age.cells.iter().all(|c| c.group.is_none() && c.n.is_none()),
            "{age:?}"
        );
    }

    #[test]
    fn shares_each_followed_by_were_and_the_people_are_named_by_them() {
        // Made-up make-up of a sample.
        let text = "About half (51.0%) were women, 22.4% were Black, and 30.1% were non-Hispanic \
            White.";
        let (_, s) = read(text);
        let labels: Vec<Option<&str>> = s.shares.iter().map(|m| m.label.as_deref()).collect();
        assert_eq!(
            labels,
            [Some("women"), Some("Black"), Some("non-Hispanic White")]
        );
        // Each share's group after it, with `of the` or right after it (trial 37's doc 09:
        // 24.3% had been given the exercise group).
        let arms = shares_read(
            "Only 9 (12.0%) of the exercise group participants fell during follow-up, but 18 (24.3%) usual-care group participants fell (p=0.048).",
        );
        assert_eq!(arms.len(), 1, "{arms:?}");
        assert_eq!(arms[0].0, Shape::Arms, "{arms:?}");
        assert_eq!(arms[0].1, ["exercise", "usual-care"], "{arms:?}");
        // Each count followed by the words that allocated its people to a group (the
        // sixty-ninth trial's document 05: the second count had been given the first group).
        let arms = shares_read(
            "These included 30 of 50 (60.0%) randomized to the diet group and 24 of 50 (48.0%) assigned to the exercise group.",
        );
        assert_eq!(arms.len(), 1, "{arms:?}");
        assert_eq!(arms[0].1, ["diet", "exercise"], "{arms:?}");
        // `had` names the people as `were` does (trial 36's doc 04: 40% named `diabetes`).
        let (_, s) =
            read("Of the patients, 12% were smokers, 25% had diabetes, and 40% had hypertension.");
        let labels: Vec<Option<&str>> = s.shares.iter().map(|m| m.label.as_deref()).collect();
        assert_eq!(
            labels,
            [Some("smokers"), Some("diabetes"), Some("hypertension")]
        );
        // Counts of a whole named after them, joined by `and` (the fortieth trial's document
        // 09: `29/38 female` had been named `BMI`, the words before it).
        let (_, s) =
            read("Participants (n = 40) had a mean BMI of 31.2; 25/40 female and 18/40 employed.");
        let labels: Vec<Option<&str>> = s.shares.iter().map(|m| m.label.as_deref()).collect();
        assert_eq!(labels, [Some("female"), Some("employed")]);
    }

    #[test]
    fn a_respectively_run_set_against_its_last_value_by_vs_takes_the_groups_in_order() {
        // Made-up shares: `vs` sets the control's value against the two diets', and the
        // comparator named before (`relative to controls`) is no value's group.
        let text = "Both diets reduced the incidence of obesity relative to controls (mean \
            incidence, 6.2% and 5.9% vs 12.4% in the large changes, small changes and control \
            groups, respectively).";
        let read = shares_read(text);
        assert_eq!(read.len(), 1, "{read:?}");
        assert_eq!(read[0].0, Shape::Arms);
        assert_eq!(
            read[0].1,
            [
                "large changes".to_string(),
                "small changes".to_string(),
                "control".to_string()
            ]
        );
    }

    #[test]
    fn shares_that_each_name_their_group_are_one_measures_arms() {
        // Made-up counts, read by the words that place means: each value names its group.
        for text in [
            "Remission occurred in 12 of 40 (30%) in the drug group and 5 of 41 (12%) in the placebo group.",
            "寛解率は実薬群30.0%(12/40例)、プラセボ群12.2%(5/41例)であった。",
        ] {
            let read = shares_read(text);
            assert_eq!(read.len(), 1, "{text}: {read:?}");
            assert_eq!(read[0].0, Shape::Arms, "{text}");
            assert_eq!(read[0].1.len(), 2, "{text}");
            assert!(read[0].1.iter().all(|g| g != "-"), "{text}: {read:?}");
        }
    }

    #[test]
    fn a_name_glued_to_a_bracket_of_groups_names_a_new_measure() {
        // Made-up counts in a package insert's form: the adverse reactions of each group, then
        // the main one, somnolence, its groups' shares in a bracket glued to its name. The
        // second pair is somnolence's, not the adverse reactions' again.
        let (_, s) = read(
            "副作用は、プラセボ群で4.5%(3/66例)、4mg群で7.7%(5/65例)に発現し、主な副作用は、傾眠(プラセボ群3.0%(2/66例)、4mg群3.1%(2/65例))であった。",
        );
        let labels: Vec<&str> = s.shares.iter().filter_map(|m| m.label.as_deref()).collect();
        assert_eq!(labels, ["副作用", "傾眠"], "{:?}", s.shares);
        // A group named in a clause of its own after another's value carries the measure.
        let (_, s) = read("寛解率は実薬群で30.0%(12/40例)、プラセボ群では12.2%(5/41例)であった。");
        assert_eq!(s.shares.len(), 1, "{:?}", s.shares);
    }

    #[test]
    fn shares_each_followed_by_a_dose_are_the_dose_arms() {
        // Made-up rates of a dose-ranging trial: each arm named by its dose right after its
        // value (`at 50mg` and `at 50 mg` one arm); the responder's threshold is no value.
        let text = "The response rate, defined as a 30% or greater reduction in pain, was 20% in controls, 31% at 50mg, 42% with 100 mg and 47% at 200 mg of the drug.";
        let read = shares_read(text);
        assert_eq!(read.len(), 1, "{read:?}");
        assert_eq!(read[0].0, Shape::Arms);
        assert_eq!(read[0].1, ["controls", "50 mg", "100 mg", "200 mg"]);
        // A dose the text gives with no value before it names no arm.
        let groups = cues::groups("All patients received 100 mg daily for 12 weeks");
        assert!(groups.is_empty(), "{groups:?}");
    }

    #[test]
    fn a_japanese_measure_is_its_topic_not_the_verb_or_the_other_noun() {
        // Made-up values in a research report's form (trial 36's doc 06): the measure is the
        // noun the clause is about (`体重は`), not the noun made a verb after it (`維持されて
        // いた`); a time label naming its measure (`体脂肪率の前:`) gives the measure its name
        // and the time `前`, though the clause names another measure with it (`体脂肪率と腹囲は`).
        let (_, s) = read(
            "減量後の体重は1年後も維持されていた(プログラム前:70.1±8.0kg、後:66.2±7.9kg、1年後:66.0±7.5kg)。また、体脂肪率と腹囲は有意に減少していた(体脂肪率の前:36.0±4.0%、後:34.1±4.2%、1年後:33.2±3.9%)。",
        );
        let read: Vec<(Option<&str>, Vec<Option<&str>>)> = s
            .measures
            .iter()
            .map(|m| {
                let times = m.cells.iter().map(|c| c.time.as_deref()).collect();
                (m.label.as_deref(), times)
            })
            .collect();
        assert_eq!(read.len(), 2, "{read:?}");
        assert_eq!(read[0].0, Some("体重"), "{read:?}");
        assert_eq!(read[1].0, Some("体脂肪率"), "{read:?}");
        assert_eq!(read[1].1, [Some("前"), Some("後"), Some("1年後")]);
    }

    #[test]
    fn pre_and_post_right_before_their_values_are_one_groups_times() {
        // Made-up values in an abstract's form (trial 36's doc 05): `pre` and `post` name each
        // value's time, `vs` between them sets one time against the other, not two arms.
        let (_, s) = read(
            "Waist circumference (pre 92.4±6.1 cm vs post 89.9±5.8 cm) fell in the 45 participants.",
        );
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::TimeCourse, "{:#?}", s.measures);
        let times: Vec<Option<&str>> = m.cells.iter().map(|c| c.time.as_deref()).collect();
        assert_eq!(times, [Some("pre"), Some("post")]);
    }

    #[test]
    fn a_value_set_against_another_by_tai_is_not_the_groups_named_before() {
        // Made-up values: `A群では…(5.1±1.0対4.2±0.9)`: the group named before the pair is the
        // first value's; `対` sets the second against it, as `vs` does.
        let (_, s) = read("併用群では、スコアがほぼ半分(5.1±1.0対4.2±0.9)であった。");
        let groups: Vec<Option<usize>> = s
            .measures
            .iter()
            .flat_map(|m| &m.cells)
            .map(|c| c.group)
            .collect();
        assert_eq!(groups.len(), 2, "{:#?}", s.measures);
        assert!(groups[0].is_some() && groups[1].is_none(), "{groups:?}");
    }

    #[test]
    fn shares_set_against_each_other_unnamed_or_one_group_twice_stay_open() {
        // Made-up values. `before vs. after - drug: 19.2% vs. 76.9%`: two arms, or one arm
        // twice? Placed only where each names its group. Then two measures run together
        // (`… in the TPC arm, and 30 (66.7%) vs 9 (20.9%) G3-4`): one group twice.
        for text in [
            "Cycles improved (before vs. after - drug: 19.2% vs. 76.9%, p=0.003).",
            "Any AE occurred in 45 (100%) in the SG arm vs 37 (86.0%) in the TPC arm, and 30 (66.7%) in the SG arm vs 9 (20.9%) in the TPC arm had G3-4 AEs.",
        ] {
            let read = shares_read(text);
            assert!(
                read.iter().all(|(shape, _)| *shape == Shape::Single),
                "{text}: {read:?}"
            );
        }
    }

    #[test]
    fn a_time_named_before_a_groups_value_holds_for_the_next_groups_until_another() {
        // Made-up values in the layout of a grid in one sentence: a time, then each group
        // named before its value, then the next time.
        for text in [
            "重症度は、観察期間第2週においてプラセボ群2.7±0.8、実薬群2.6±0.8、投与期間第1週においてプラセボ群2.3±1.0、実薬群1.1±1.1、投与期間第2週においてプラセボ群2.1±1.1、実薬群1.0±1.0であった。",
            "At baseline, the score was 2.7 ± 0.8 in the placebo group and 2.6 ± 0.8 in the drug group; at week 1, it was 2.3 ± 1.0 in the placebo group and 1.1 ± 1.1 in the drug group; at week 2, it was 2.1 ± 1.1 in the placebo group and 1.0 ± 1.0 in the drug group.",
        ] {
            let (items, s) = read(text);
            let cells: Vec<(String, String)> = s
                .measures
                .iter()
                .flat_map(|m| &m.cells)
                .map(|c| {
                    (
                        s.groups[c.group.expect(text)].key.clone(),
                        cues::time_key(c.time.as_deref().expect(text)),
                    )
                })
                .collect();
            assert_eq!(cells.len(), 6, "{text}: {cells:?}");
            let mut slots = cells.clone();
            slots.sort();
            slots.dedup();
            assert_eq!(slots.len(), 6, "each group once at each time: {cells:?}");
            assert_eq!(cells[3].1, cells[2].1, "{text}: {cells:?}");
            assert_ne!(cells[3].1, cells[1].1, "{text}: {cells:?}");
            assert!(items.len() >= 6);
        }
    }

    #[test]
    fn a_bracket_after_a_list_of_groups_gives_its_values_the_groups_in_order() {
        // Made-up values in an abstract's form: the groups listed (each with its n), then a
        // bracket of one value each set against each other.
        for text in [
            "Weight changed similarly between the diet (n = 24) and exercise (n = 22) groups (-1.95 ± 0.80% vs. -1.80 ± 0.88%, p = 0.57).",
            "Weight fell in the diet and exercise groups (4.1 ± 1.0 kg vs 2.2 ± 0.9 kg).",
        ] {
            let (items, s) = read(text);
            let m = s
                .measures
                .iter()
                .find(|m| m.shape == Shape::Arms)
                .expect(text);
            let named: Vec<(String, String)> = m
                .cells
                .iter()
                .map(|c| {
                    (
                        s.groups[c.group.expect(text)].key.clone(),
                        items[c.item].text.clone(),
                    )
                })
                .collect();
            assert!(
                named[0].0.contains("diet") && named[1].0.contains("exercise"),
                "{named:?}"
            );
        }
        // A value naming its own group beside it keeps it: no list is read.
        let (_, s) = read(
            "Weight fell in the diet and exercise groups (4.1 ± 1.0 kg in controls vs 2.2 ± 0.9 kg).",
        );
        assert!(
            !s.groups
                .iter()
                .any(|g| g.key.contains("exercise") && g.key.contains("diet"))
        );
    }

    #[test]
    fn values_after_groups_listed_each_with_its_value_follow_the_lists_order() {
        // Made-up values in a structured summary's form: the groups named once, each with its
        // age, then each measure's values in that order with no name between them.
        let text = "平均年齢はA薬群61歳,B薬群58歳,BMIは25.1±3.2 kg/m2,26.0±2.9 kg/m2,HbA1c値は7.2±0.6%,7.9±0.8%。";
        let (items, s) = read(text);
        let arms: Vec<Vec<(String, String)>> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .map(|m| {
                m.cells
                    .iter()
                    .map(|c| {
                        let g = c.group.map_or("-".into(), |g| s.groups[g].key.clone());
                        (g, items[c.item].text.clone())
                    })
                    .collect()
            })
            .collect();
        assert_eq!(arms.len(), 2, "{arms:?}");
        for m in &arms {
            assert!(m[0].0.contains('a') && m[1].0.contains('b'), "{arms:?}");
        }
        // A run of another length takes no order from the list, nor the last group named.
        let (_, s) = read(
            "平均年齢はA薬群61歳,B薬群58歳,BMIは25.1±3.2 kg/m2,26.0±2.9 kg/m2,24.3±3.0 kg/m2。",
        );
        assert!(
            s.measures
                .iter()
                .flat_map(|m| &m.cells)
                .all(|c| c.group.is_none()),
            "{:?}",
            s.measures
        );
    }

    #[test]
    fn from_a_to_b_between_two_treatments_of_different_patients_is_left_open() {
        let shapes = |text: &str| {
            let (_, s) = read(text);
            s.measures.iter().map(|m| m.shape).collect::<Vec<_>>()
        };
        // Made-up values: two treatments, each with its patients, and no time of measurement
        // before treatment anywhere.
        let arms = "We compared diet (20 patients) and exercise (21 patients) over 1 year. Falls were reduced from 5.2 ± 1.5 to 2.7 ± 1.0 per year.";
        assert!(
            !shapes(arms).contains(&Shape::TimeCourse),
            "{:?}",
            shapes(arms)
        );
        // The same report naming a baseline: a change over time.
        let course = "We compared diet (20 patients) and exercise (21 patients) over 1 year. In the diet group, falls were reduced from 5.2 ± 1.5 at baseline to 2.7 ± 1.0 per year.";
        assert!(
            shapes(course).contains(&Shape::TimeCourse),
            "{:?}",
            shapes(course)
        );
        // One group: the transition is its change.
        assert!(
            shapes("Falls were reduced from 5.2 ± 1.5 to 2.7 ± 1.0 per year.")
                .contains(&Shape::TimeCourse)
        );
        // Two cohorts named after the years they were admitted in, a transition naming
        // neither: one cohort's value against the other's, left open. Cohorts named by no
        // period stay as before.
        let cohorts = "2019年6–8月の入院患者を取組群,2017・2018年6–8月の入院患者を対象群とした.本取組開始後,薬剤数は3.1±1.2から2.2±1.0に減少した.";
        assert!(
            !shapes(cohorts).contains(&Shape::TimeCourse),
            "{:?}",
            shapes(cohorts)
        );
        let groups =
            "入院患者を取組群と対象群に分けた.本取組開始後,薬剤数は3.1±1.2から2.2±1.0に減少した.";
        assert!(
            shapes(groups).contains(&Shape::TimeCourse),
            "{:?}",
            shapes(groups)
        );
    }

    #[test]
    fn a_later_time_ends_the_time_named_before_the_first_value() {
        // Made-up values: a time before the first pair, another before the second; the
        // second pair's last value is not at the first time.
        let (items, s) = read(
            "変化量は、最終評価時ではそれぞれ−10.2±4.60、−7.6±3.80、12週時ではそれぞれ−11.5±3.83、−9.5±3.87でした。",
        );
        let time_of = |text: &str| {
            s.measures
                .iter()
                .flat_map(|m| &m.cells)
                .find(|c| items[c.item].text.contains(text))
                .and_then(|c| c.time.clone())
        };
        assert_eq!(time_of("−10.2").as_deref(), Some("最終評価時"));
        assert_eq!(time_of("−11.5").as_deref(), Some("12週時"));
        assert_ne!(time_of("−9.5").as_deref(), Some("最終評価時"));
    }

    #[test]
    fn respectively_with_no_groups_of_its_own_refers_to_the_arms_of_the_sentence_before() {
        // Made-up values in an abstract's form: the first measure names its two arms, the
        // next sentence's `respectively` names none.
        let text = "SBP fell by 15.0 ± 8.0% in the drug group and 6.0 ± 7.0% in the placebo group (P < 0.001). DBP fell by 12.0 ± 7.0% and 4.0 ± 8.0%, respectively.";
        let (items, s) = read(text);
        let dbp = s
            .measures
            .iter()
            .find(|m| {
                m.cells
                    .iter()
                    .any(|c| items[c.item].text.starts_with("12.0"))
            })
            .expect("the DBP values");
        assert_eq!(dbp.shape, Shape::Arms);
        let groups: Vec<Option<&str>> = dbp
            .cells
            .iter()
            .map(|c| c.group.map(|g| s.groups[g].key.as_str()))
            .collect();
        assert_eq!(groups, [Some("drug"), Some("placebo")]);
        // A sentence between them, or another number of values, refers to nothing.
        let (items, s) = read(&text.replace(
            "4.0 ± 8.0%, respectively",
            "4.0 ± 8.0% and 3.0 ± 1.0%, respectively",
        ));
        assert!(
            s.measures
                .iter()
                .flat_map(|m| &m.cells)
                .filter(|c| items[c.item].text.starts_with("3.0"))
                .all(|c| c.group.is_none())
        );
    }

    #[test]
    fn values_set_against_each_other_each_at_its_own_time_are_one_groups_time_course() {
        // Made-up values in a single-group abstract's form: `に対し` (against) sets the value
        // after the intake against the one before it; no group is named.
        let (_, s) = read("スコアは摂取前40.0±3.0に対し,摂取4週後は38.0±2.0であった.");
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::TimeCourse);
        // Two groups set against each other at one time stay arms.
        let (_, s) = read("12週後のスコアはA群40.0±3.0に対し,B群38.0±2.0であった.");
        assert_eq!(s.measures[0].shape, Shape::Arms);
    }

    #[test]
    fn rows_under_a_header_of_groups_take_its_groups_in_order() {
        // Made-up numbers in the layout of a baseline table copied as text: the groups' names
        // with their n's a line each, then rows of one value for each group.
        let text = "患者背景\n\nプラセボ群\n(n=120)\nA群\n(n=118)\nB群\n(n=121)\n性別、例数(%)\n 男性 50(41.7) 49(41.5) 52(43.0)\n年齢(歳)\n 平均値±SD 51.2±10.3 50.8±11.1 52.0±9.7\n";
        let (items, s) = read(text);
        // Each row printing one value for each group gives them the header's groups in
        // order, and their n's, the row's values one measure's arms: never the last group.
        let means: Vec<(&str, Option<&str>, Option<&str>)> = s
            .measures
            .iter()
            .flat_map(|m| &m.cells)
            .map(|c| {
                (
                    items[c.item].text.as_str(),
                    c.group.map(|g| s.groups[g].label.as_str()),
                    c.n.map(|j| items[j].text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            means,
            [
                ("51.2±10.3", Some("プラセボ群"), Some("n=120")),
                ("50.8±11.1", Some("A群"), Some("n=118")),
                ("52.0±9.7", Some("B群"), Some("n=121"))
            ]
        );
        let age = s
            .measures
            .iter()
            .find(|m| m.cells.iter().any(|c| items[c.item].text == "51.2±10.3"))
            .expect("the age's measure");
        assert_eq!(age.shape, Shape::Arms, "{age:#?}");
        assert_eq!(age.cells.len(), 3);
        // Under the section's `例数(%)` the bracketed cells are counts with their shares (50 of
        // 120 is 41.7 %), though a later row states `平均値±SD`: the rows of shares between the
        // header and the first mean ± SD print one value for each group, and the header still
        // gives the means their groups.
        let shares: Vec<(&str, &str)> = items
            .iter()
            .filter(|i| i.text.starts_with(['4', '5']) && i.text.contains('('))
            .map(|i| (i.text.as_str(), i.kind.as_str()))
            .collect();
        assert_eq!(
            shares,
            [
                ("50(41.7)", "percent"),
                ("49(41.5)", "percent"),
                ("52(43.0)", "percent")
            ]
        );
        // A row printing another number of values than the header has groups is no row of it.
        let (_, s) = read(&text.replace(
            " 男性 50(41.7) 49(41.5) 52(43.0)",
            " 男性 50(41.7) 49(41.5)",
        ));
        assert!(
            s.measures
                .iter()
                .flat_map(|m| &m.cells)
                .all(|c| c.group.is_none())
        );
        // A group's heading alone on its line over its own values stands under no other
        // group's name: it is their group.
        let (_, s) = read("背景\nA群\n 年齢 51.2±10.3 体重 60.1±9.0\n");
        let first = &s.measures[0].cells[0];
        assert_eq!(first.group.map(|g| s.groups[g].label.as_str()), Some("A群"));
    }

    #[test]
    fn the_last_of_one_groups_run_and_the_first_of_the_next_are_no_arms() {
        // Made-up values in the layout of a table's rows copied as text, each row a group's
        // name and its values (baseline, week 14, change): the placebo row's change and the
        // drug row's baseline follow each other, each with a group, but are no one measure.
        let text = "プラセボ群 4.80\n±1.20\n(120) 3.10\n±1.50\n(110) -1.70\n±0.10 - -\n20mg群 4.90\n±1.10\n(118) 2.60\n±1.40\n(112) -2.30\n±0.10 -0.60";
        let (items, s) = read(text);
        let change = items
            .iter()
            .position(|i| i.text.starts_with("-1.70"))
            .expect("the change");
        let drug_baseline = items
            .iter()
            .position(|i| i.text.starts_with("4.90"))
            .expect("the baseline");
        for m in &s.measures {
            let members: Vec<usize> = m.cells.iter().map(|c| c.item).collect();
            assert!(
                !(members.contains(&change) && members.contains(&drug_baseline)),
                "{:#?}",
                s.measures
            );
        }
        // Each group's value named beside it stays a pair of arms.
        let (_, s) = read(
            "The score fell by 1.7 ± 0.1 in the placebo group and by 2.3 ± 0.1 in the drug group.",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::Arms);
    }

    #[test]
    fn values_after_a_colon_that_closes_a_list_of_groups_take_them_in_order() {
        // Made-up values: two groups set against each other, each with its n, then a colon and
        // one value for each, in the list's order; the n closing the second group's bracket
        // right before the colon is that group's, not the first value's.
        let text = "Pain improved in the combined drug groups (n=66) vs the placebo group (n=32): 0.2 ± 0.8 vs -0.2 ± 1.3 points, P<0.05.";
        let (items, s) = crate::draft::structure::read_text(text);
        let m = &s.measures[0];
        let groups: Vec<String> = crate::draft::structure::means_of(&items, &s, m)
            .into_iter()
            .map(|(g, _, _)| g)
            .collect();
        assert_eq!(groups, ["combined drug groups", "placebo group"]);
        assert_eq!(crate::draft::structure::ns_of(&items, m), ["66", "32"]);
    }

    #[test]
    fn a_pair_after_two_groups_compared_takes_them_in_order() {
        // Made-up values in a JAMA abstract's layout: the groups are named with their n's in
        // the methods, then set one against the other by `compared with`, the pair after
        // the comparator in the comparison's order. `the intervention` is the last word of
        // `the behavioral intervention`. A sentence opening with a subgroup (`In men,`)
        // prints the subgroup's values: the arms' n's are not theirs.
        let text = "A total of 490 adults were randomized to usual care (n=241) or to the behavioral intervention (n=249). An effect was observed for WC change within the intervention compared with usual care (P<.001) that was sustained at 24 months (mean [SE], -0.9 [0.4] vs 0.2 [0.4] cm; P=.05). In men, the mean (SE) reduction in WC at 24 months was greater with behavioral intervention compared with usual care (-1.6 [0.6] vs 0.1 [0.6] cm; P=.049).";
        let (items, s) = crate::draft::structure::read_text(text);
        assert_eq!(s.measures.len(), 2, "{:#?}", s.measures);
        for m in &s.measures {
            assert_eq!(m.shape, Shape::Arms);
            let groups: Vec<String> = crate::draft::structure::means_of(&items, &s, m)
                .into_iter()
                .map(|(g, _, _)| g)
                .collect();
            assert_eq!(groups, ["behavioral intervention", "usual care"]);
        }
        assert_eq!(
            crate::draft::structure::ns_of(&items, &s.measures[0]),
            ["249", "241"]
        );
        assert_eq!(
            crate::draft::structure::ns_of(&items, &s.measures[1]),
            ["-", "-"]
        );
        // A subject the document gives no group is left open (the comparator's value is
        // the comparator's, as before).
        let text = "Pain was lower with acupuncture compared with usual care (2.1 [0.4] vs 3.0 [0.5]; P=.02).";
        let (_, s) = crate::draft::structure::read_text(text);
        let groups: Vec<Option<usize>> = s.measures[0].cells.iter().map(|c| c.group).collect();
        assert_eq!(groups, [None, Some(0)]);
    }

    #[test]
    fn a_range_from_one_value_to_another_is_no_time_course() {
        // Made-up values: the lowest and the highest of a sample (`ranged from … to`) are a
        // range's ends, never one measure before and after; `fell from … to` still is.
        for lead in [
            "was ranged from",
            "ranging from",
            "varied from",
            "was in the range of",
        ] {
            let text = format!(
                "Thirty women took part. The heart rate during exercise {lead} 102 ± 12.0 to 131 ± 26.6 beats/min. Body fat fell from 30.1 ± 4.2 to 28.3 ± 4.0 % after 12 weeks."
            );
            let (_, s) = crate::draft::structure::read_text(&text);
            let shapes: Vec<Shape> = s.measures.iter().map(|m| m.shape).collect();
            assert_eq!(
                shapes,
                [Shape::Single, Shape::Single, Shape::TimeCourse],
                "{lead}"
            );
        }
    }

    /// The one measure of arms a text's sentences make, each cell as `group mean`.
    fn cells_of_the_arms(text: &str) -> (Vec<String>, Measure) {
        let (items, s) = crate::draft::structure::read_text(text);
        let arms: Vec<&Measure> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 1, "{:#?}", s.measures);
        let cells = crate::draft::structure::means_of(&items, &s, arms[0])
            .into_iter()
            .map(|(g, _, v)| format!("{g} {v}"))
            .collect();
        (cells, arms[0].clone())
    }

    #[test]
    fn transitions_each_closed_by_its_group_are_each_groups_course() {
        // Two treatments with their n and no word of a baseline: a lone transition may set one
        // arm against the other, but two transitions each closed by another group's name are
        // each that group's course.
        let text = "Sixty patients were randomised to the drug group (n = 30) or the placebo group (n = 30).\nThe VAS score decreased from 6.2 ± 1.1 to 3.1 ± 0.9 in the drug group and from 6.0 ± 1.3 to 4.5 ± 1.2 in the placebo group (p < 0.01).";
        let (cells, _) = cells_of_the_arms(text);
        assert_eq!(
            cells,
            [
                "drug group 6.2",
                "drug group 3.1",
                "placebo group 6.0",
                "placebo group 4.5"
            ]
        );
        // Each course closed by its own p: still each group's course, the p's each course's.
        let text = "Forty children were randomly assigned to the levamisole group or the LDP group.\nRelapses fell from 4.40±0.75 to 0.75±0.20 in levamisole group (p<0.001) and from 4.40±0.82 to 1.70±0.98 in LDP group (p<0.001).";
        let (cells, arms) = cells_of_the_arms(text);
        assert_eq!(
            cells,
            [
                "levamisole group 4.40",
                "levamisole group 0.75",
                "LDP group 4.40",
                "LDP group 1.70"
            ]
        );
        assert_eq!(arms.comparison.p, None);
        // One transition closed by a treatment's name, in such a report, stays open.
        let text = "On-demand therapy (n = 26) and prophylaxis (n = 26) were compared.\nJoint bleeds were reduced from 12.2 ± 1.5 to 4.7 ± 1.0 in the prophylaxis group.";
        let (_, s) = crate::draft::structure::read_text(text);
        assert!(
            s.measures.iter().all(|m| m.shape == Shape::Single),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn arms_declared_by_an_abbreviation_with_their_n_are_named_so_again() {
        // Made-up: the arms are declared bare with an article and their n, then printed bare.
        let text = "Patients were randomized to an sCRP (n = 60) or an rCRP (n = 61).\nOver 16 months, exercise time increased for the sCRP (524 +/- 168 to 604 +/- 172 seconds, P < .01) and the rCRP (565 +/- 183 to 640 +/- 192 seconds, P < .01).";
        let (_, s) = crate::draft::structure::read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["sCRP", "rCRP"]);
        let (cells, _) = cells_of_the_arms(text);
        assert_eq!(cells, ["sCRP 524", "sCRP 604", "rCRP 565", "rCRP 640"]);
    }

    #[test]
    fn a_respectively_over_labelled_slots_gives_each_slots_values_the_listed_groups() {
        // Made-up values in an abstract's form: the groups listed once, then each measure's
        // label and one value per group, the word closing the list.
        let arms_of = |text: &str| -> Vec<String> {
            let (items, s) = crate::draft::structure::read_text(text);
            s.measures
                .iter()
                .filter(|m| m.shape == Shape::Arms)
                .flat_map(|m| crate::draft::structure::means_of(&items, &s, m))
                .map(|(g, _, v)| format!("{g} {v}"))
                .collect()
        };
        let text = "The mean SpO2 values for the TT and LMA groups were as follows: SpO2-1: 98.9 ± 1.0 and 98.7 ± 0.8 (p > 0.25), SpO2-2: 97.4 ± 1.0 and 94.9 ± 4.3 (p < 0.001) and SpO2-3: 96.9 ± 1.1 and 97.2 ± 1.1 (p = 0.037), respectively.";
        assert_eq!(
            arms_of(text),
            [
                "TT group 98.9",
                "LMA group 98.7",
                "TT group 97.4",
                "LMA group 94.9",
                "TT group 96.9",
                "LMA group 97.2"
            ]
        );
        // A slot holding another number of values (one group's value alone) leaves the run to
        // the other readings: its values are not given the list's groups by place.
        let text = "The mean SpO2 values for the TT and LMA groups were as follows: SpO2-1: 98.9 ± 1.0 (p > 0.25), SpO2-2: 97.4 ± 1.0 and 94.9 ± 4.3 (p < 0.001), SpO2-3: 96.9 ± 1.1 and 97.2 ± 1.1, respectively.";
        assert!(!arms_of(text).contains(&"LMA group 97.4".to_string()));
    }

    #[test]
    fn a_group_named_later_by_the_abbreviation_its_bracket_defines_is_that_group() {
        // Made-up values in an abstract's form: each arm's name with its abbreviation and n in
        // one bracket, then the arms named by their abbreviations; a count of those of one
        // group an event befell (`In the LMA group, 12 patients required …`) is no group's n.
        let text = "Patients were randomly allocated into either the tracheal intubation group (TT, n = 100) or the laryngeal mask airway group (LMA, n = 104). The mean SpO2 was 94.0 ± 2.1 and 95.8 ± 2.6 in the TT and LMA groups, respectively. In the LMA group, 12 patients required some maneuvering.";
        let (items, s) = crate::draft::structure::read_text(text);
        let groups: Vec<(&str, Option<&str>)> = s
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.n.map(|j| items[j].text.as_str())))
            .collect();
        assert_eq!(
            groups,
            [
                ("tracheal intubation group", Some("n = 100")),
                ("laryngeal mask airway group", Some("n = 104"))
            ]
        );
        let m = &s.measures[0];
        let placed: Vec<(usize, &str)> = m
            .cells
            .iter()
            .map(|c| {
                (
                    c.group.expect("a group"),
                    items[c.n.expect("an n")].text.as_str(),
                )
            })
            .collect();
        assert_eq!(placed, [(0, "n = 100"), (1, "n = 104")]);
        // One abbreviation the document defines for two groups names neither.
        let text = "Patients received either the high-dose group (HD, n = 10) or the low-dose group (HD, n = 12).";
        let (_, s) = crate::draft::structure::read_text(text);
        assert_eq!(s.groups.len(), 2, "{:?}", s.groups);
        assert!(s.abbreviations.is_empty(), "{:?}", s.abbreviations);
    }

    #[test]
    fn a_group_that_owns_the_measure_after_it_is_the_values_group() {
        // Made-up: `compared with the meridian group's score of …` names the values after it,
        // not the comparator of a difference.
        let text = "There were 62 patients in the TrP group and 63 patients in the meridian group. After 4 weeks, in the TrP group, the QDSA score of 38.2 ± 2.6 decreased to 9.3 ± 5.7, compared with the meridian group’s QDSA score of 37.8 ± 2.3 decreased to 12.3 ± 7.1.";
        let (groups, _) = cells_of_the_arms(text);
        assert_eq!(
            groups,
            [
                "TrP group 38.2",
                "TrP group 9.3",
                "meridian group 37.8",
                "meridian group 12.3"
            ]
        );
    }

    #[test]
    fn a_count_of_those_an_event_befell_is_no_groups_n() {
        // Made-up: the counts of a list that ends with a verb of occurrence are patients with
        // an event, not the groups' sizes.
        let text = "有害事象は、A群23例、B群41例に認められた。A群の睡眠潜時は45.2±10.1分であった。";
        let (_, s) = crate::draft::structure::read_text(text);
        assert!(s.groups.iter().all(|g| g.n.is_none()), "{:#?}", s.groups);
    }

    #[test]
    fn a_unit_of_duration_between_two_values_names_no_measure() {
        let text = "睡眠時間は5.71±1.02時間から6.05±0.98時間に増加した。";
        let (_, s) = crate::draft::structure::read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::TimeCourse);
    }

    #[test]
    fn a_count_of_one_sex_or_of_each_part_is_no_samples_n() {
        // Made-up: six of each sex is twelve people, a number the text does not print; a
        // sample of one sex counted alone is the whole.
        for text in [
            "健常な男女各6名を対象とした.DEQSは改善した(5.2±3.7→1.9±2.2点).",
            "健常な男性6名,女性6名を対象とした.DEQSは改善した(5.2±3.7→1.9±2.2点).",
            "Six men and six women took part. Scores fell from 5.2 ± 3.7 to 1.9 ± 2.2.",
        ] {
            let (_, s) = crate::draft::structure::read_text(text);
            assert_eq!(s.document_n, None, "{text}");
        }
        let (items, s) = crate::draft::structure::read_text(
            "健常男性15人を対象とした.AMSスコアは低下した(44.0±3.5→34.6±2.4).",
        );
        let n = s.document_n.expect("the men are the sample");
        assert_eq!(items[n].text, "15人");
    }

    #[test]
    fn transitions_that_share_their_ends_are_one_time_course() {
        let text = "In those who took part for 24 w (N = 207), distance increased from entry to 12 w (1.1 +/- 0.23 to 1.3 +/- 0.24, P < 0.0001) and again from 12 w to 24 w (1.3 +/- 0.24 to 1.38 +/- 0.27, P < 0.0001).";
        let (items, s) = crate::draft::structure::read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::TimeCourse);
        let means: Vec<String> = crate::draft::structure::means_of(&items, &s, m)
            .into_iter()
            .map(|(_, _, v)| v)
            .collect();
        assert_eq!(means, ["1.1", "1.3", "1.38"]);
    }

    #[test]
    fn the_people_a_share_counts_name_no_new_measure_between_two_groups_values() {
        let text = "結果: Real Acupuncture群:7.2(SD6.5)日 46%の被験者 Sham Acupuncture群:6.6(SD6.0)日 35%の被験者。";
        let (items, s) = crate::draft::structure::read_text(text);
        let arms: Vec<&crate::draft::structure::Measure> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 1, "{:#?}", s.measures);
        let means = crate::draft::structure::means_of(&items, &s, arms[0]);
        let groups: Vec<&str> = means.iter().map(|(g, _, _)| g.as_str()).collect();
        assert_eq!(groups, ["Real Acupuncture群", "Sham Acupuncture群"]);
    }

    /// The groups of a sentence's shares, arm by arm, of the measures placed as arms.
    fn share_arms(text: &str) -> Vec<Vec<(String, String)>> {
        let (items, s) = crate::draft::structure::read_text(text);
        s.shares
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .map(|m| {
                m.cells
                    .iter()
                    .map(|c| {
                        let group = c.group.map_or(String::new(), |g| s.groups[g].label.clone());
                        (items[c.item].text.clone(), group)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_people_a_count_is_printed_with_leave_the_group_after_them_the_counts() {
        // Made-up counts: each printed with its people and then its group.
        let arms = share_arms(
            "Not everyone finished: 27 (25.0%) people in the intervention group and 19 (18.8%) people in the control group.",
        );
        assert_eq!(arms.len(), 1, "{arms:?}");
        let groups: Vec<&str> = arms[0].iter().map(|(_, g)| g.as_str()).collect();
        assert!(
            groups[0].contains("intervention") && groups[1].contains("control"),
            "{arms:?}"
        );
    }

    #[test]
    fn a_comparison_within_groups_gives_no_value_the_group_named_last() {
        // Made-up shares after `within A than within B`: the placebo's is the second, never
        // the first; where the reader cannot place them they stay open.
        let (items, s) = crate::draft::structure::read_text(
            "More subjects lost weight within the treatment group than within the placebo group (63% and 17% respectively, p<0.001).",
        );
        for m in &s.shares {
            for c in &m.cells {
                let group = c.group.map(|g| s.groups[g].key.as_str());
                assert!(
                    !(items[c.item].text == "63%" && group == Some("placebo")),
                    "{:#?}",
                    s.shares
                );
            }
        }
    }

    #[test]
    fn a_p_after_two_values_closes_their_comparison() {
        // Made-up shares: three arms, their p, and then another comparison whose group
        // follows its value: not a fourth arm.
        let arms = share_arms(
            "More patients lost weight (48.8% and 50.5% in the low-dose and high-dose groups, respectively) compared with placebo (30.7%; P<.001), and approximately 34% of patients in the active groups kept it off over 2 years.",
        );
        assert!(
            arms.iter().all(|m| m.iter().all(|(v, _)| v != "34%")),
            "{arms:?}"
        );
        // Arms named before their values, each with its p against the first, stay one list.
        let text = "Consumption was greater in Group A (64.6 ± 36.3 mg) vs. Group B (23.3 ± 33.9 mg) (P < 0.001) and Group C (4.3 ± 9.6 mg) (P < 0.0001).";
        let (_, s) = read(text);
        let arms: Vec<&crate::draft::structure::Measure> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 1, "{:#?}", s.measures);
        assert_eq!(arms[0].cells.len(), 3);
    }

    #[test]
    fn a_second_sample_named_as_another_is_not_the_documents_n() {
        // Made-up numbers in an abstract's form: the study's 150 patients, then a validation
        // sample named twice; the values are of the 150.
        let text = "対象:患者150名を登録した。さらに,新規25名で評価した。結果:程度は3.2±0.7から2.1±0.5に減少した。このモデルを別の25名の患者で検証した。";
        assert_eq!(n_of(text, "3.2").as_deref(), Some("150名"));
        let text = "We enrolled 150 patients. The model was then checked in another 25 patients. The score fell from 3.2 ± 0.7 to 2.1 ± 0.5. In the second cohort of 25 patients it held.";
        assert_eq!(n_of(text, "3.2").as_deref(), Some("150"));
    }

    #[test]
    fn names_before_bracketed_values_closed_by_groups_are_the_values_groups() {
        // Made-up numbers in a three-arm abstract's form: the arms declared with short names
        // and n's, then one measure compared across them, each value in a bracket after its
        // arm's short name and the list closed by `groups`.
        let text = "Patients were assigned to three groups: exercise alone (EX, n = 21), cold (CO, n = 20) and mobilisation (MO, n = 22). The MO group reported lower pain (3.2 ± 1.0) compared to the EX (4.8 ± 0.8) and CO (4.9 ± 0.6) groups.";
        let (items, s) = read(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.cells.len() == 3)
            .expect("one measure of three arms");
        let by_value: Vec<(String, String, Option<String>)> = m
            .cells
            .iter()
            .map(|c| {
                let g = &s.groups[c.group.expect("a group")];
                let n = g.n.map(|j| items[j].text.clone());
                (items[c.item].text.clone(), g.label.clone(), n)
            })
            .collect();
        assert_eq!(by_value[1].0, "4.8 ± 0.8");
        assert_eq!(cues::group_key(&by_value[1].1), "ex");
        assert_eq!(by_value[1].2.as_deref(), Some("n = 21"));
        assert_eq!(cues::group_key(&by_value[2].1), "co");
        assert_eq!(by_value[2].2.as_deref(), Some("n = 20"));
    }

    #[test]
    fn a_time_in_a_bracket_closed_before_a_value_is_not_its_time() {
        // Made-up numbers in a conference abstract's form: the follow-up's window in a bracket
        // after its noun, then the patients' age at entry; and a time after a value, in its
        // own bracket, which is that value's.
        let text = "追跡調査(6か月-12か月後)が可能であった151名(84±8歳)を対象とした。";
        let (items, s) = read(text);
        let cell = s
            .measures
            .iter()
            .flat_map(|m| &m.cells)
            .find(|c| items[c.item].text.starts_with("84"))
            .expect("the age");
        assert_eq!(cell.time, None);
    }

    #[test]
    fn a_size_repeated_among_columns_sizes_is_no_documents_n_but_one_size_for_all_may_be() {
        // Made-up numbers in the form a two-stage table copies with single spaces: each
        // section's first row prints its columns' sizes, and a size repeats (29 for both arms
        // of stage 2, then once more in the next section): no whole sample's n. Where every
        // column prints one size (`(n=40) … (n=40)`), that size is every value's n.
        let text = "Stage 1 Stage 2\nPlacebo Drug Placebo Drug\nScore A at baseline N = 150 N = 50 N = 29 N = 29\nBaseline mean (SE) 6.6 (0.18) 6.9 (0.36) 6.0 (0.43) 6.5 (0.49)\nScore A ≥7 at baseline N = 76 N = 29 N = 18 N = 19\nBaseline mean (SE) 8.5 (0.15) 8.8 (0.28) 7.1 (0.54) 7.5 (0.59)\n";
        let (items, s) = read(text);
        assert_eq!(s.document_n.map(|i| items[i].text.as_str()), None);
        let equal = "Drug (n=40) Placebo (n=40) P value\n";
        let doc = Sentences::new(equal);
        let items = crate::draft::read_document(&doc);
        let n40 = items.iter().find(|i| i.kind == ItemKind::N).expect("an n");
        assert!(!super::beside_other_columns_sizes(equal, &items, n40, true));
        assert!(super::beside_other_columns_sizes(equal, &items, n40, false));
    }

    #[test]
    fn the_later_smaller_sample_named_as_analysed_is_the_documents_n() {
        // Made-up numbers in a single-group abstract's form: those enrolled, one who left,
        // those analysed, then the summaries.
        for (text, analysed) in [
            (
                "健常男性20人に試験食を摂取させた。1名の脱落があったため、19名を解析対象集団とした。被験者の年齢は60.1±3.0歳であった。",
                "19名",
            ),
            (
                "Twenty men were enrolled. One withdrew, and 19 men were analysed. Their age was 60.1 ± 3.0 years.",
                "19",
            ),
        ] {
            let (items, s) = read(text);
            assert_eq!(
                s.document_n.map(|i| items[i].text.as_str()),
                Some(analysed),
                "{text}"
            );
        }
    }

    #[test]
    fn an_n_in_a_tables_footnote_entry_is_not_the_documents() {
        // Made-up numbers in the layout of a journal's table page: a footnote's n for the one
        // marked row, its mark on a line of its own; the document's n is not that n.
        let text = "Table 2.\nBaseline Exit\nMETs 4.6 ± 1.6 6.2 ± 2.4\nVO2peak, mL/kg/minc 14.4 ± 3.5 16.4 ± 4.6\n\nc\n\nn = 14 patients who had an exercise test before and after.\n";
        let (items, s) = read(text);
        assert_eq!(s.document_n.map(|i| items[i].text.clone()), None);
        assert_ne!(n_of(text, "4.6").as_deref(), Some("n = 14"));
    }

    #[test]
    fn an_authors_given_name_glued_to_a_group_is_no_part_of_its_name() {
        // A research database's page copies its authors (`姓 名`, made-up names) glued to the
        // abstract: the last given name is no part of the first group's name.
        let text = "山田 太郎, 佐藤 花子介入群10例中9例,対照群9例中9例を解析した。改善は介入群で9例中7例,対照群で9例中2例であった。";
        assert_eq!(group_keys(text), ["介入", "対照"]);
        // A name after a space that follows no author's surname keeps its words.
        assert_eq!(
            group_keys("方法 低用量群10例, 高用量群9例であった。"),
            ["低用量", "高用量"]
        );
    }

    #[test]
    fn a_value_printed_before_its_fall_is_the_size_of_a_change() {
        // Made-up numbers: `体重は4.0±1.0kg減少した` says what `weight fell by 4.0 ± 1.0 kg`
        // says; the age beside it is a level, and a value the level fell to (`へ`) stays one.
        let (_, s) = read("対象は40名(平均年齢50.1±8.0歳)で、体重は4.0±1.0kg減少した。");
        let changes: Vec<bool> = s.measures.iter().map(|m| m.change).collect();
        assert_eq!(changes, [false, true]);
        let (_, s) = read("HbA1cは7.5±1.0%から6.8±0.9%へ低下した。");
        assert!(s.measures.iter().all(|m| !m.change), "{:#?}", s.measures);
    }

    #[test]
    fn two_groups_of_one_size_are_no_sample_of_that_size() {
        // Made-up numbers in an abstract's form: each group named with its n in a sentence of
        // its own, the same n twice; no study of that size.
        let text = "The intervention group (n = 30) received gum. Both the intervention and control groups (n = 30) received standard care. Time to flatus was shorter in the intervention group.";
        let (items, s) = read(text);
        assert_eq!(s.document_n.map(|i| items[i].text.clone()), None);
        // The whole sample printed as well stays the document's n.
        let text = format!("Sixty patients were randomised. {text}");
        let (items, s) = read(&text);
        assert_eq!(
            s.document_n.map(|i| items[i].text.clone()).as_deref(),
            Some("Sixty")
        );
    }

    #[test]
    fn arms_listed_with_their_sizes_are_parts_of_the_documents_n() {
        // Made-up numbers in an abstract's form: the whole sample once, then three arms of
        // equal size in one sentence; the document's n is the whole, not the arms' size.
        let text = "This trial involved 63 patients. Patients were assigned to three groups: exercise (EX, n = 21), cold (CO, n = 21) and mobilisation (MO, n = 21). Pain fell in all groups.";
        let (items, s) = read(text);
        let n = s.document_n.map(|i| items[i].text.clone());
        assert_eq!(n.as_deref(), Some("63"));
    }

    #[test]
    fn a_group_printed_with_several_ns_gives_each_value_the_n_of_its_time() {
        // Made-up numbers in a report's form: randomised, then analysed at each visit.
        let text = "121名をランダム割付した(介入群62名、対照群59名)。解析対象者は、介入直後は109名(介入群54名、対照群55名)、介入4週間後は96名(介入群49名、対照群47名)であった。介入直後の得点は、介入群は14.1 (SD 3.11)、対照群は11.1 (SD 3.88)であった。介入4週間後の得点は、介入群14.4 (SD 2.64)、対照群12.4(SD 4.10)であった。";
        assert_eq!(n_of(text, "14.1").as_deref(), Some("54名"));
        assert_eq!(n_of(text, "11.1").as_deref(), Some("55名"));
        assert_eq!(n_of(text, "14.4").as_deref(), Some("49名"));
        assert_eq!(n_of(text, "12.4").as_deref(), Some("47名"));
        // With no time of its own, the value's n stays open: the text prints three.
        let text = "介入群62名、対照群59名を割り付けた。介入直後は介入群54名、対照群55名を解析した。得点は介入群14.1 (SD 3.11)、対照群11.1 (SD 3.88)であった。";
        assert_eq!(n_of(text, "14.1"), None);
    }

    #[test]
    fn a_value_labelled_with_a_colon_takes_no_group_named_before_its_label() {
        // Made-up values: three groups named with their n's, then each value after a short
        // label and a colon. No value is the last-named group's.
        let text = "A群15名、1B群13名、2B群13名で、背景に差はなかった(収縮期血圧;A:132.6±15.4、B:130.9±10.7、2B:134.9±12.5、P=NS)。";
        let (items, s) = read(text);
        for m in &s.measures {
            for c in &m.cells {
                assert_eq!(c.group, None, "{}", items[c.item].text);
            }
        }
        assert!(cues::colon_label("(収縮期血圧;C:") && cues::colon_label("、2食:"));
        assert!(
            cues::colon_label("; Drug B: ")
                && !cues::colon_label("was ")
                && !cues::colon_label("p=0.03:")
        );
    }

    #[test]
    fn a_colon_list_with_one_arm_among_its_labels_is_one_measures_arms() {
        // Made-up values. Four conditions, two of them defined as a placebo and a control by
        // their abbreviations, then each sentence lists one measure's values after the
        // abbreviations and a colon: one measure of four arms each, named before the bracket.
        let text = "Participants took drug X (DX), drug Y (DY), a matched placebo drink (PLA) or a control condition (CON). There were no differences in peak power (DX: 949 ± 199 W, DY: 941 ± 174 W, PLA: 971 ± 149 W and CON: 975 ± 170 W; p = 0.87). Mean effort was similar (DX: 11 ± 2, DY: 12 ± 2, PLA: 10 ± 2 and CON: 13 ± 2).";
        let (items, s) = read(text);
        let arms: Vec<&Measure> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 2, "{:?}", s.measures);
        assert_eq!(arms[0].label.as_deref(), Some("peak power"));
        for m in &arms {
            let groups: Vec<&str> = m
                .cells
                .iter()
                .map(|c| {
                    s.groups[c.group.expect("each value its arm")]
                        .label
                        .as_str()
                })
                .collect();
            assert_eq!(
                groups,
                ["DX", "DY", "PLA", "CON"],
                "{}",
                items[m.cells[0].item].text
            );
        }
        // Labels that are times or measures of one group are no arms, though a comparator
        // labels a value of the same list; a person's attributes likewise.
        for text in [
            "HbA1c fell (Pre: 8.1 ± 0.9, Post: 7.2 ± 0.8, control: 8.0 ± 1.0).",
            "Weight (T0: 80 ± 9, T1: 78 ± 8, placebo: 79 ± 9).",
            "Twelve men (age: 22 ± 2 years, height: 1.78 ± 0.07 m, body mass: 81 ± 16 kg) took part.",
            "The intervention group lowered systolic blood pressure (SBP) and diastolic blood pressure (DBP) more than the control group (SBP: 120 ± 5, DBP: 80 ± 4).",
        ] {
            let (_, s) = read(text);
            assert!(
                s.measures.iter().all(|m| m.shape != Shape::Arms),
                "{text}: {:?}",
                s.measures
            );
        }
    }

    #[test]
    fn a_table_rows_own_count_before_a_value_keeps_the_documents_n_off_it() {
        // A footnote's n of a model (550, said three times) is no row's n: each row prints
        // its own count before its mean (SD).
        let text = "Sertraline\nPlacebo\nn Mean (SD) n Mean (SD)\nModel 1 266 7.98 (5.63) 284 8.76 (5.86)\nModel 2 266 7.98 (5.63) 284 8.76 (5.86)\n\nModel 1 adjusted for sex (n=550).\nModel 2 adjusted for site (n=550).\nModel 3 adjusted for clustering (n=550).\n";
        let (items, s) = read(text);
        assert!(s.document_n.is_some());
        for m in &s.measures {
            for c in &m.cells {
                let n =
                    c.n.map(|j| items[j].parts.value.as_ref().unwrap().number.plain.clone());
                assert_ne!(n.as_deref(), Some("550"), "{}", items[c.item].text);
            }
        }
    }

    fn read(text: &str) -> (Vec<Item>, Structure) {
        super::super::read_text(text)
    }

    #[test]
    fn pre_and_post_before_a_colon_are_times_and_a_change_verbs_object_the_measure() {
        // Made-up values in the form of a lifestyle trial's abstract: each arm's change named
        // by a verb, its values labelled `Pre:` and `Post:` in brackets with the unit's power
        // printed apart (`kg/m 2`).
        let text = "Control participants gained BMI (Pre: 20.5+/-1.8, Post: 21.0+/-1.7 [kg/m 2 ]) and intervention participants lost BMI (Pre: 21.9+/-2.7, Post: 21.1+/-2.5 [kg/m 2 ]).";
        let (items, s) = read(text);
        for m in &s.measures {
            assert_eq!(m.label.as_deref(), Some("BMI"));
            let times: Vec<Option<&str>> = m.cells.iter().map(|c| c.time.as_deref()).collect();
            assert_eq!(times, [Some("Pre"), Some("Post")]);
        }
        assert_eq!(s.measures.len(), 2);
        assert!(items.iter().all(|i| i.text != "2"), "{items:?}");
    }

    #[test]
    fn in_the_same_order_below_carries_the_arms_to_the_next_sentences_values() {
        // Made-up shares in the form of a review report: the arms named once with their
        // shares and `(以下同順)`; the next sentence's shares name no arm.
        let text = "有害事象の発現率は,200 mg 群 30.0% (42/140 例),プラセボ群 20.6% (29/141 例) (以下同順)であった.また,副作用の発現率は 10.0% (14/140 例),5.7% (8/141 例) であった.";
        let (items, s) = read(text);
        let second = s
            .shares
            .iter()
            .find(|m| {
                m.cells
                    .iter()
                    .any(|c| items[c.item].text.starts_with("10.0%"))
            })
            .expect("the second sentence's shares");
        assert_eq!(second.shape, Shape::Arms);
        let groups: Vec<Option<&str>> = second
            .cells
            .iter()
            .map(|c| c.group.map(|g| s.groups[g].label.as_str()))
            .collect();
        assert_eq!(groups, [Some("200 mg 群"), Some("プラセボ群")]);
        // Without the words, the order is not carried.
        let (items, s) = read(&text.replace(" (以下同順)", ""));
        assert!(
            s.shares
                .iter()
                .filter(|m| m
                    .cells
                    .iter()
                    .any(|c| items[c.item].text.starts_with("10.0%")))
                .all(|m| m.cells.iter().all(|c| c.group.is_none()))
        );
    }

    #[test]
    fn a_share_followed_by_ni_an_event_and_a_verb_of_occurring_is_that_events() {
        // Made-up counts in the form of a package insert: the population is named before the
        // numbers, the event after them; a Latin name's particle is no part of it.
        let text = "国内臨床試験における安全性解析対象412例中251例(60.9%)に副作用が認められた。肝機能異常が278例中14例(5.0%)、ALT増加が3例(0.7%)認められた。";
        let (items, s) = read(text);
        let labels: Vec<(&str, Option<&str>)> = s
            .shares
            .iter()
            .flat_map(|m| {
                m.cells
                    .iter()
                    .map(|c| (items[c.item].text.as_str(), m.label.as_deref()))
            })
            .collect();
        assert!(
            labels.contains(&("412例中251例(60.9%)", Some("副作用"))),
            "{labels:?}"
        );
        assert!(
            labels
                .iter()
                .any(|(v, l)| v.starts_with("3例(0.7%") && *l == Some("ALT増加")),
            "{labels:?}"
        );
    }

    #[test]
    fn a_rows_name_alone_on_its_line_keeps_its_hiragana() {
        // Made-up counts in the form of a package insert's adverse reactions table: each
        // reaction's name alone before its count, in kanji, katakana and hiragana.
        let text = "安全性解析対象例数 484\n副作用発現例数(%) 297 (61.4)\n\n副作用名 発現症例数(%)\n神経系障害\n傾眠 26(5.4)\n浮動性めまい 22(4.5)\n頭痛 14(2.9)\n振戦 3(0.6)\n睡眠の質低下* 2(0.4)\n肝性脳症 1(0.2)\n血管障害\nほてり 3(0.6)\n潮紅 1(0.2)\n";
        let (items, s) = read(text);
        let labels: Vec<(&str, Option<&str>)> = s
            .shares
            .iter()
            .flat_map(|m| {
                m.cells
                    .iter()
                    .map(|c| (items[c.item].text.as_str(), m.label.as_deref()))
            })
            .collect();
        for (value, label) in [
            ("22(4.5)", "浮動性めまい"),
            ("2(0.4)", "睡眠の質低下"),
            ("3(0.6)", "ほてり"),
        ] {
            assert!(
                labels
                    .iter()
                    .any(|(v, l)| v.starts_with(value) && *l == Some(label)),
                "{labels:?}"
            );
        }
    }

    #[test]
    fn shares_under_a_line_of_groups_take_them_in_order() {
        // Made-up shares in a package insert's table set apart by single spaces: a section's
        // name, the groups (one with digits in its name) and a difference's column on one line.
        let text = "臨床成績\n全体集団 A2W群 プラセボ群 プラセボ群との差\n[95%信頼区間]\n16週:改善率 40.6(43/106) 12.7(40/315) 27.9[17.6, 38.2]\n52週:改善率 35.8(38/106) 12.1(38/315) 23.7[13.6, 33.8]\n";
        let read = shares_read(text);
        assert!(!read.is_empty());
        for (shape, groups) in read {
            assert_eq!(shape, Shape::Arms);
            assert_eq!(groups, ["a2w", "プラセボ"]);
        }
    }

    #[test]
    fn the_columns_ns_on_one_line_under_their_names_are_theirs_in_order() {
        // Made-up adverse events, a page's table copied a cell a line: the arms' names, then
        // what the cells print with each column's n on one line. That line names no arm; the
        // k-th n is the k-th arm's (7 of 60 is 11.7 %, of 61 11.5 %).
        let text = "Table 2. Adverse events by treatment group\n\nEvent\nDrug A\nPlacebo\nn (%) (n = 60) (n = 61)\nAny adverse event\n30 (50.0)\n20 (32.8)\nHeadache\n7 (11.7)\n7 (11.5)\nNausea\n3 (5.0)\n1 (1.6)\n";
        let (items, s) = read(text);
        let groups: Vec<(&str, Option<&str>)> = s
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.n.map(|j| items[j].text.as_str())))
            .collect();
        assert_eq!(
            groups,
            [("Drug A", Some("n = 60")), ("Placebo", Some("n = 61"))]
        );
        let headache = s
            .shares
            .iter()
            .find(|m| m.label.as_deref() == Some("Headache"))
            .expect("the headache row read");
        let cells: Vec<(&str, Option<usize>)> = headache
            .cells
            .iter()
            .map(|c| (items[c.item].text.as_str(), c.group))
            .collect();
        assert_eq!(cells, [("7 (11.7)", Some(0)), ("7 (11.5)", Some(1))]);
    }

    #[test]
    fn pairs_whose_times_the_sentence_names_after_them_are_one_groups_times() {
        // Made-up numbers. The pairs name no group; the words after them say they set
        // before against after, with the n they were measured on closing the sentence.
        let (items, s) = read(
            "Participants (n = 20) were mostly women. Improvements in grip strength (21.4 +/- 3.1 vs 23.0 +/- 3.3 kg, respectively; P = .04) occurred pre- vs postintervention, respectively (n = 16).",
        );
        let m = s
            .measures
            .iter()
            .find(|m| m.cells.iter().any(|c| items[c.item].text == "21.4 +/- 3.1"))
            .expect("the pair read");
        assert_eq!(m.shape, Shape::TimeCourse, "{m:?}");
        let cells: Vec<(Option<&str>, Option<&str>)> = m
            .cells
            .iter()
            .map(|c| (c.time.as_deref(), c.n.map(|j| items[j].text.as_str())))
            .collect();
        assert_eq!(
            cells,
            [
                (Some("pre-intervention"), Some("n = 16")),
                (Some("post-intervention"), Some("n = 16"))
            ]
        );
        // `…, vs baseline` after pairs whose first names no time of its own: which is the
        // later time is open, so the pair is no arms.
        let (_, s) =
            read("Stool frequency increased (3.5 ± 1.5 vs 2.4 ± 0.6, P < 0.01), vs baseline.");
        assert!(
            s.measures.iter().all(|m| m.shape != Shape::Arms),
            "{:?}",
            s.measures
        );
    }

    #[test]
    fn pairs_whose_times_the_sentence_names_before_them_are_one_groups_times() {
        // Made-up numbers in a single-group abstract's form: the times set against each other
        // before the first pair (`between preseason and postseason`), then a second pair of
        // another measure with no words of its own.
        let (items, s) = read(
            "There was no difference between preseason and postseason PF (684.87 ± 213.95 N vs 805.87 ± 325.77; p = 0.22), nor in VL CSA (37.09 ± 16.67 cm3 vs 40.84 ± 8.01 cm3; p = 0.42).",
        );
        for first in ["684.87 ± 213.95", "37.09 ± 16.67"] {
            let m = s
                .measures
                .iter()
                .find(|m| {
                    m.cells
                        .iter()
                        .any(|c| items[c.item].text.starts_with(first))
                })
                .expect("the pair read");
            assert_eq!(m.shape, Shape::TimeCourse, "{m:?}");
            let times: Vec<Option<&str>> = m.cells.iter().map(|c| c.time.as_deref()).collect();
            assert_eq!(times, [Some("preseason"), Some("postseason")]);
        }
        // Two groups named before the pair: arms, whatever else the sentence says.
        let (_, s) = read(
            "PF differed between the drug group and the placebo group (684.87 ± 213.95 vs 805.87 ± 325.77) after training.",
        );
        assert!(
            s.measures.iter().all(|m| m.shape != Shape::TimeCourse),
            "{:?}",
            s.measures
        );
    }

    #[test]
    fn another_studys_value_set_beside_this_trials_takes_none_of_its_n() {
        // Made-up shares in a congress report's form: this trial's, then other trials' in a
        // bracket or named as such.
        for (text, other) in [
            (
                "本試験の対象は1200例である。心房細動は48%に認められた(ALPHA-HF、BETA試験では30%前後)。",
                "30%",
            ),
            (
                "本試験の対象は1200例である。入院歴は21%で、他試験の「45%」に比べ低かった。",
                "45%",
            ),
        ] {
            let (items, s) = read(text);
            let n_of = |value: &str| {
                s.shares
                    .iter()
                    .flat_map(|m| &m.cells)
                    .find(|c| items[c.item].text == value)
                    .map(|c| c.n.map(|j| items[j].text.clone()))
            };
            assert!(n_of(other).flatten().is_none(), "{text}: {:?}", n_of(other));
            let own = if text.contains("48%") { "48%" } else { "21%" };
            assert!(
                n_of(own).flatten().is_some_and(|n| n.contains("1200")),
                "{text}: {:?}",
                n_of(own)
            );
        }
    }

    #[test]
    fn a_groups_name_in_japanese_quotes_before_its_n_is_given_that_n() {
        // Made-up numbers in a press release's form: each arm named in 「」 and counted right
        // after the closing quote; the values name the arms again without quotes.
        let text = "成人141名を、アプリを使う「介入群」72名と使わない「対照群」69名にランダムに割付けた。3か月後の体重変化は、介入群で−2.4±4.0kg、対照群で−0.7±3.3kgであった。";
        let (items, s) = read(text);
        let n_of = |label: &str| {
            s.groups
                .iter()
                .find(|g| g.label == label)
                .and_then(|g| g.n)
                .map(|j| items[j].text.clone())
        };
        assert_eq!(n_of("介入群").as_deref(), Some("72名"), "{:?}", s.groups);
        assert_eq!(n_of("対照群").as_deref(), Some("69名"), "{:?}", s.groups);
    }

    #[test]
    fn a_bracket_breaking_down_those_who_left_gives_no_group_an_n_at_a_time() {
        // Made-up counts: the arms randomised, then those who left by a week, broken down by
        // arm in a bracket the verb follows; and those assessed at that week, who are a sample.
        let timed = |text: &str| -> Vec<usize> {
            let (_, s) = read(text);
            s.groups.iter().map(|g| g.ns_by_time.len()).collect()
        };
        let left = "300例を対照群150例,介入群150例に割り付けた。12週までに20例(対照群8例,介入群12例)が,有害事象などの理由で中止・脱落した。";
        assert!(timed(left).iter().all(|&n| n == 0), "{:?}", timed(left));
        let assessed = "300例を対照群150例,介入群150例に割り付けた。12週後は対照群142例,介入群138例を評価した。";
        assert!(
            timed(assessed).iter().all(|&n| n == 2),
            "{:?}",
            timed(assessed)
        );
    }

    #[test]
    fn a_bracket_after_a_groups_name_gives_its_n_to_the_name_the_document_goes_on_using() {
        // Made-up text: arms numbered, each bracket naming what the arm received and its n.
        let (items, s) = read(
            "Patients were randomised to Arm 1 (drug, n = 30) or Arm 2 (placebo, n = 31). The response rate was 64.1% in Arm 1 and 43.7% in Arm 2.",
        );
        let groups: Vec<(&str, &str, bool)> = s
            .groups
            .iter()
            .map(|g| {
                let n = g.n.map_or("-", |j| items[j].text.as_str());
                (g.label.as_str(), n, g.control)
            })
            .collect();
        assert_eq!(
            groups,
            [("Arm 1", "n = 30", false), ("Arm 2", "n = 31", true)]
        );
        // The bracket's name used later instead (`group E` below): the n is that name's.
        let (items, s) = read(
            "Patients were randomised to an ezetimibe group (group E, n = 44) or a diet group (group C, n = 32). LDL fell more in group E than in group C.",
        );
        let e = s
            .groups
            .iter()
            .find(|g| g.label == "group E")
            .expect("group E");
        assert_eq!(e.n.map(|j| items[j].text.as_str()), Some("n = 44"));
    }

    #[test]
    fn a_respectively_run_of_another_group_takes_the_first_groups_measures_in_order() {
        let (items, s) = read(
            "In the drug group, HbA1c was 7.1 ± 0.8, body weight 82.4 ± 9.1 kg and systolic pressure 131 ± 12 mmHg; in the placebo group, the values were 7.9 ± 0.9, 84.0 ± 8.7 kg and 134 ± 11 mmHg, respectively.",
        );
        let arms: Vec<Vec<&str>> = s
            .measures
            .iter()
            .map(|m| {
                assert_eq!(m.shape, Shape::Arms, "{m:?}");
                m.cells.iter().map(|c| items[c.item].text.trim()).collect()
            })
            .collect();
        assert_eq!(
            arms,
            [
                ["7.1 ± 0.8", "7.9 ± 0.9"],
                ["82.4 ± 9.1", "84.0 ± 8.7"],
                ["131 ± 12", "134 ± 11"]
            ]
        );
    }

    #[test]
    fn a_count_after_a_value_that_a_new_topic_introduces_is_not_its_n() {
        // Made-up numbers: the count after `病型は` is a subtype's patients, not the age's n.
        let (items, s) = read("年齢は68.2±9.1歳で,病型は開放隅角緑内障17例,その他4例であった.");
        let age = &s.measures[0].cells[0];
        assert_eq!(items[age.item].text.trim(), "68.2±9.1");
        assert_eq!(age.n, None, "{:?}", age.n_evidence);
    }

    #[test]
    fn a_count_of_one_sex_after_a_value_is_not_its_n() {
        // Made-up numbers: `男性7例` counts the men among the patients whose age is given.
        let (items, s) = read("平均年齢は、52.1歳(標準偏差10.3歳)、男性9例、女性15例であった。");
        let age = &s.measures[0].cells[0];
        assert_eq!(items[age.item].text.trim(), "52.1歳(標準偏差10.3歳)");
        assert_eq!(age.n, None, "{:?}", age.n_evidence);
        let (items, s) = read("Mean age was 52.1 ± 10.3 years, men 9, women 15.");
        let age = &s.measures[0].cells[0];
        assert_eq!(items[age.item].text.trim(), "52.1 ± 10.3");
        assert_eq!(age.n, None, "{:?}", age.n_evidence);
    }

    #[test]
    fn a_clause_that_only_compares_names_no_measure() {
        // Made-up words before a value: the comparison's clause (the forty-fourth trial's
        // `which was significantly higher than that before treatment, ie, (`) is no name.
        assert_eq!(
            label_of("which was very significantly higher than that before treatment, ie, ("),
            None
        );
        assert_eq!(
            label_of("the albumin level was higher: ").as_deref(),
            Some("albumin level was higher")
        );
    }

    #[test]
    fn a_subscript_in_a_bracket_glued_to_its_name_stays_in_the_label() {
        assert_eq!(
            label_of("At enrolment, mean (standard deviation) HbA(1c) was ").as_deref(),
            Some("HbA(1c)")
        );
        assert_eq!(label_of("the FEV(1) fell from ").as_deref(), Some("FEV(1)"));
    }

    #[test]
    fn a_latin_name_before_no_and_a_japanese_head_noun_names_the_head() {
        // Made-up clauses: the noun after `の` is what is measured (user trial 47 drafted the
        // eradication rate as `percentage of pylori`).
        assert_eq!(
            label_of("H. pylori の除菌率は、").as_deref(),
            Some("pylori の除菌率")
        );
        assert_eq!(
            label_of("HbA1cの変化量は").as_deref(),
            Some("HbA1cの変化量")
        );
    }

    #[test]
    fn a_japanese_list_items_name_is_the_stretch_after_the_lists_mark() {
        // Made-up numbers: adverse events listed with their shares; a name may begin in
        // hiragana, be all hiragana, or be two names joined by 及び that `各` gives one value.
        let (_, s) = read(
            "A群の主な有害事象は、咽頭炎6%(7/120例)、うつ病4%(5/120例)、めまい3%(4/120例)、梅毒及び尿道炎各2%(3/120例)でした。",
        );
        let labels: Vec<Option<&str>> = s.shares.iter().map(|m| m.label.as_deref()).collect();
        assert_eq!(
            labels,
            [
                Some("咽頭炎"),
                Some("うつ病"),
                Some("めまい"),
                Some("梅毒及び尿道炎")
            ]
        );
        // A particle after a group's name names nothing.
        assert_eq!(japanese_list_item("投与群では", None), None);
        assert_eq!(japanese_list_item("、それぞれ", None), None);
    }

    #[test]
    fn an_outcomes_role_in_brackets_is_no_measures_name() {
        // A row label names the measure, then its role (`(primary)`, with a footnote digit).
        assert_eq!(label_of("\nPSQ2 (primary) ").as_deref(), Some("PSQ2"));
        assert_eq!(
            label_of("Walking distance (key secondary outcome) ").as_deref(),
            Some("Walking distance")
        );
    }

    #[test]
    fn a_times_phrase_after_the_values_own_percent_change_is_that_values() {
        // Each value prints its % change in a bracket, then its time (made-up numbers).
        let (items, s) = read(
            "The score fell from 40.2 (10.1) points at baseline to 30.5 (9.8) points (−24.1%) at six months, 25.0 (8.7) points (−37.8%) at one year, and 24.1 (9.0) points (−40.0%) at the last visit.",
        );
        let course: Vec<(&str, &str)> = s.measures[0]
            .cells
            .iter()
            .map(|c| (items[c.item].text.trim(), c.time.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            course,
            [
                ("40.2 (10.1)", "at baseline"),
                ("30.5 (9.8)", "at six months"),
                ("25.0 (8.7)", "at one year"),
                ("24.1 (9.0)", "at the last visit")
            ]
        );
    }

    #[test]
    fn an_n_between_two_values_heads_the_second_unless_the_first_printed_it() {
        // Each placed value's n as printed, `-` where it has none.
        let ns_of = |text: &str| -> Vec<String> {
            let (items, s) = read(text);
            s.measures
                .iter()
                .flat_map(|m| &m.cells)
                .map(|c| {
                    c.n.map_or("-".to_string(), |j| items[j].text.trim().to_string())
                })
                .collect()
        };
        // Made-up values in a table copied a cell a line: each sample's n before its value.
        assert_eq!(
            ns_of(
                "HbA1c (%) at 24 Weeks\n\nBaseline Mean ± SD\n\nMET + PBO\n\n(N = 201)\n\n9.2 ± 1.3\n\n−1.35\n\n(−1.53, −1.18)\n\n-\n\nDAPA 5 mg + MET\n\n(N = 194)\n\n9.2 ± 1.1\n"
            ),
            ["N = 201", "N = 194"]
        );
        // An n printed right after a value is that value's: the next value's stays open.
        assert_eq!(
            ns_of("The score was 5.1 ± 1.2 (n = 60) at baseline and 4.0 ± 1.1 after treatment."),
            ["n = 60", "-"]
        );
    }

    #[test]
    fn values_of_eyes_fewer_patients_have_leave_the_patients_count_open() {
        // 12 eyes of 10 patients: the pressure is per eye, the age per patient; the document's
        // one count of people (10) is not the pressure's n.
        let (_, s) = read(
            "We studied 12 eyes of 10 patients. Ten patients had a mean age of 61.2 ± 8.0 years. Intraocular pressure fell from 24.1 ± 3.2 mmHg at baseline to 16.3 ± 2.9 mmHg at 6 months.",
        );
        assert_eq!(s.document_n, None);
        let iop = s
            .measures
            .iter()
            .find(|m| m.cells.len() == 2)
            .expect("a time course");
        assert!(iop.cells.iter().all(|c| c.n.is_none()));
        assert!(
            iop.review
                .iter()
                .any(|r| r.contains("12 eyes of 10 patients")),
            "{:?}",
            iop.review
        );
        // The same count of eyes and of patients leaves nothing to settle.
        let (items2, s2) = read(
            "対象は健常人14例14眼。眼圧は点眼前14.7±1.8 mmHg、点眼2時間後13.2±1.9 mmHgであった。",
        );
        let n = s2
            .document_n
            .map(|j| items2[j].parts.value.as_ref().unwrap().number.plain.clone());
        assert_eq!(n.as_deref(), Some("14"));
        assert!(
            s2.measures
                .iter()
                .all(|m| m.review.iter().all(|r| !r.contains("眼")))
        );
    }

    /// Each group's key and its n as printed.
    fn group_ns_of(items: &[Item], s: &Structure) -> Vec<(String, String)> {
        s.groups
            .iter()
            .map(|g| {
                let n = g.n.map_or(String::new(), |j| {
                    items[j].parts.value.as_ref().unwrap().number.plain.clone()
                });
                (g.key.clone(), n)
            })
            .collect()
    }

    #[test]
    fn a_course_that_names_one_of_its_times_twice_is_left_open() {
        // Made-up values: a table glued into one line, two scales' courses one after the other
        // with their times; no one group has two values at `1 Week`.
        let (_, s) = read(
            "Table 3\n\nScores across study time points\n\nVariablesWaitlist (n=30)Effect sizeDrug (n=90)Effect size\nMean±SE* Mean±SE*p Value\n 1 Week after treatment17.2±0.90.2114.1±0.51.00\n 4 Weeks after treatment18.0±0.90.1214.9±0.60.88\n 1 Week after treatment12.5±0.60.2310.6±0.40.61\n 4 Weeks after treatment12.9±0.60.1710.2±0.40.62\n",
        );
        assert!(
            s.measures.iter().all(|m| m.shape != Shape::TimeCourse),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn a_groups_size_in_running_text() {
        // Made-up values in the forms abstracts give their groups' sizes without brackets.
        let course = " Pain fell from 6.2 ± 1.1 to 3.1 ± 1.0 in the TrP group and from 6.0 ± 1.2 to 4.5 ± 1.3 in the sham group.";
        for (sizes, want) in [
            (
                "There were 62 patients in the TrP group and 63 patients in the sham group.",
                ["62", "63"],
            ),
            (
                "Sixty-two patients were randomized to the TrP group and 63 to the sham group.",
                ["62", "63"],
            ),
            (
                "The TrP group included 62 patients and the sham group 63 patients.",
                ["62", "63"],
            ),
            // Counts of those with an event or with a trait are no group's size.
            (
                "30 patients in the TrP group and 20 in the sham group had relief.",
                ["", ""],
            ),
            (
                "The TrP group included 12 patients with diabetes.",
                ["", ""],
            ),
        ] {
            let (items, s) = read(&format!("{sizes}{course}"));
            let ns: Vec<String> = group_ns_of(&items, &s)
                .into_iter()
                .map(|(_, n)| n)
                .collect();
            assert_eq!(ns, want, "{sizes}");
        }
        let course = "VASは初回治療群で6.2±1.1から3.1±1.0に,移行群で6.0±1.2から4.5±1.3に低下した.";
        for (sizes, want) in [
            (
                "対象は36例で,初回治療群は8例,移行群は28例であった.",
                ["8", "28"],
            ),
            ("初回治療群は8例で改善し,移行群は28例で改善した.", ["", ""]),
        ] {
            let (items, s) = read(&format!("{sizes}{course}"));
            let ns: Vec<String> = group_ns_of(&items, &s)
                .into_iter()
                .map(|(_, n)| n)
                .collect();
            assert_eq!(ns, want, "{sizes}");
        }
    }

    #[test]
    fn rows_under_a_header_line_of_groups_each_with_its_n_unbracketed() {
        // Made-up values: a table copied as text, its groups on one line each with `N=`, then
        // rows of one value per group (and a p and an effect size after them).
        let (items, s) = read(
            "Outcome mean (standard error) P Effect size (95% CI)\n\
             Sham N=20 Active N=40\n\
             PSQ (primary) 7.10 (0.70) 5.40 (0.50) 0.040 0.50 (0.01 – 1.00)\n\
             Mood score 3.40 (0.30) 2.60 (0.20) 0.020 0.60 (0.10 – 1.10)\n",
        );
        assert_eq!(
            group_ns_of(&items, &s),
            [("sham".into(), "20".into()), ("active".into(), "40".into())]
        );
        let arms: Vec<_> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 2, "{:#?}", s.measures);
        assert_eq!(items.iter().filter(|i| i.kind == ItemKind::Ci).count(), 2);
        for m in arms {
            let groups: Vec<Option<usize>> = m.cells.iter().map(|c| c.group).collect();
            assert_eq!(groups, [Some(0), Some(1)]);
            // The interval after the effect size is the effect size's, not the arms'
            // difference's.
            assert_eq!(m.comparison.ci, None, "{:#?}", m.comparison);
        }
    }

    #[test]
    fn a_header_line_of_groups_with_times_in_their_brackets() {
        // Made-up values: a table copied as text, its header naming each group with the time
        // and n in a bracket, the stub's word first; rows below printing values by column.
        let (items, s) = read(
            "Characteristic Drug‐A (baseline, n = 20) Drug‐A (treated, n = 20) Drug‐B (baseline, n = 25) Controls (n = 40) p‐Value\n\
             Age, years 51.20 (±10.10) 50.40 (±9.90) 49.80 (±11.00) .700\n\
             Sex 9 males, 11 females 12 males, 13 females .500\n",
        );
        let keys: Vec<(String, String)> = group_ns_of(&items, &s);
        assert_eq!(
            keys,
            [
                ("drug‐a".into(), "20".into()),
                ("drug‐b".into(), "25".into()),
                ("controls".into(), "40".into())
            ]
        );
        // No value is the last group's (the columns say whose each is), and the count on the
        // next row is no value's n.
        for m in &s.measures {
            for c in &m.cells {
                assert_eq!(c.group, None, "{:#?}", s.measures);
                assert_eq!(c.n, None, "{:#?}", s.measures);
            }
        }
    }

    #[test]
    fn groups_named_by_numbers_after_one_noun_with_their_n_after_a_semicolon() {
        // Made-up values: each group's n follows its name in a bracket after a semicolon, and
        // the values name the groups by one noun and their numbers.
        let (items, s) = read(
            "Eyes received drug A (Group I; 120 eyes) or drug B (Group II; 95 eyes). The mean \
             number of visits was 6.10±1.20 and 5.80±1.40 in Group I and II, respectively.",
        );
        assert_eq!(
            group_ns_of(&items, &s),
            [("i".into(), "120".into()), ("ii".into(), "95".into())]
        );
        let arms: Vec<_> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 1, "{:#?}", s.measures);
        let groups: Vec<Option<usize>> = arms[0].cells.iter().map(|c| c.group).collect();
        assert_eq!(groups, [Some(0), Some(1)]);
    }

    #[test]
    fn a_value_against_its_baseline_whose_percent_change_the_text_prints_is_no_pair_of_arms() {
        // 1 − 4.3/8.7 = 51 %: the printed 50 % is the change between the two values, so they
        // are one group's value and its baseline (which time is which is left for review).
        let (_, s) = read(
            "LDL-C fell by 50% from baseline at week 26 (4.3 ± 2.5 mmol/L vs. 8.7 ± 2.9 mmol/L, p<0.0001).",
        );
        assert!(
            s.measures.iter().all(|m| m.shape != Shape::Arms),
            "{:?}",
            s.measures.iter().map(|m| m.shape).collect::<Vec<_>>()
        );
        // 1 − 3.5/4.6 = 24 % (4.6/3.5 − 1 = 31 %): the 60 % printed is no change between these two values, which
        // stay two arms set against each other.
        let (_, s) = read("Pain fell by 60% (3.5 ± 1.0 vs. 4.6 ± 1.2).");
        assert!(
            s.measures.iter().any(|m| m.shape == Shape::Arms),
            "{:?}",
            s.measures.iter().map(|m| m.shape).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_list_of_arms_with_their_ns_names_each_arm() {
        // A drug's name alone is no group; beside a comparator in one list of n's it is one.
        let (items, s) = read(
            "Patients were treated with placebo (n = 104) and edaravone (n = 102). Changes were −6.35 ± 0.84 in the placebo group (n = 99) and −5.70 ± 0.85 in the edaravone group (n = 100).",
        );
        assert_eq!(
            group_ns_of(&items, &s),
            [
                ("placebo".into(), "104".into()),
                ("edaravone".into(), "102".into())
            ]
        );
        let (items, s) = read(
            "Adults were randomised to SOTYKTU (n=330), apremilast (n=168) or placebo (n=166).",
        );
        assert_eq!(
            group_ns_of(&items, &s),
            [
                ("sotyktu".into(), "330".into()),
                ("apremilast".into(), "168".into()),
                ("placebo".into(), "166".into())
            ]
        );
        // No comparator or group word in the list: nothing says these are arms.
        let (items, s) = read("Sites enrolled Tokyo (n = 40) and Osaka (n = 38) patients.");
        assert!(
            group_ns_of(&items, &s).is_empty(),
            "{:?}",
            group_ns_of(&items, &s)
        );
        // A whole sample before its n is no arm.
        let (items, s) = read("All patients (n = 12) and the placebo group (n = 6) were followed.");
        assert_eq!(group_ns_of(&items, &s), [("placebo".into(), "6".into())]);
    }

    /// Each measure cell's n as printed, in document order of the cells.
    fn cell_ns(items: &[Item], s: &Structure) -> Vec<String> {
        let mut cells: Vec<(usize, String)> = s
            .measures
            .iter()
            .flat_map(|m| m.cells.iter())
            .map(|c| {
                let n = c.n.map_or(String::new(), |j| {
                    items[j].parts.value.as_ref().unwrap().number.plain.clone()
                });
                (items[c.item].span[0], n)
            })
            .collect();
        cells.sort();
        cells.into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn a_later_smaller_sample_printed_with_its_summary_leaves_the_first_n_open() {
        // Made-up numbers: invitations went to 300, 110 took part (their age in the bracket);
        // the later score is of those who took part, not of the 300.
        let (items, s) = read(
            "登録者300名に案内を送付した。検査には110名(平均年齢79.0±5.0歳)が参加した。得点は平均12.0±9.0点であった。",
        );
        assert_eq!(cell_ns(&items, &s), ["110", ""]);
        // With no later sample, the one number of people stated is every value's.
        let (items, s) = read("登録者300名に案内を送付した。得点は平均12.0±9.0点であった。");
        assert_eq!(cell_ns(&items, &s), ["300"]);
    }

    #[test]
    fn a_bracket_scopes_the_n_printed_in_it() {
        // Made-up numbers. The n opening a value's bracket is that value's; an n that opens
        // the next value's bracket, or stands after the value's bracket has closed, is not.
        let (items, s) = read(
            "Treated patients (5.1 ± 2.0 points) scored higher than the other patients (n=40, 3.2 ± 1.1 points). Later (6.0 ± 2.2 points, P=0.01) whereas 25 untreated patients did not change.",
        );
        assert_eq!(cell_ns(&items, &s), ["", "40", ""], "{:#?}", s.measures);
    }

    #[test]
    fn times_printed_after_their_values_and_a_unit_written_out() {
        // Made-up numbers. `X before … and Y after …`: each time follows its value; the unit
        // between (a rate written out, its acronym, the acronym again after the second value)
        // names no new measure.
        let (_, s) = read(
            "Reading speed was 31.5±4.2 words per minute (wpm) before training and 40.1±5.0 wpm after training (p<0.001).",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::TimeCourse);
        let times: Vec<Option<&str>> = s.measures[0]
            .cells
            .iter()
            .map(|c| c.time.as_deref())
            .collect();
        assert_eq!(times, [Some("before training"), Some("after training")]);
    }

    #[test]
    fn a_ratios_interval_is_no_comparison_of_the_arms_values() {
        // Made-up rates in a device label's form: two arms' shares, then a hazard ratio with
        // its interval, the level named between them.
        for text in [
            "The annual mortality rate was 20% in the control arm and 13% in the device arm, with a hazard ratio of 0.62, 95% CI (0.45, 0.84).",
            "Mortality was 20% in the control arm and 13% in the device arm (HR 0.62; 95% CI: 0.45-0.84).",
        ] {
            let (_, s) = read(text);
            let arms = s
                .shares
                .iter()
                .find(|m| m.shape == Shape::Arms)
                .expect(text);
            assert!(
                arms.comparison.ci.is_none(),
                "{text}: {:?}",
                arms.comparison
            );
        }
        // A difference's own interval stays the comparison's.
        let (_, s) = read(
            "Mortality was 20% in the control arm and 13% in the device arm (difference -7%, 95% CI -12 to -2).",
        );
        let arms = s
            .shares
            .iter()
            .find(|m| m.shape == Shape::Arms)
            .expect("arms");
        assert!(arms.comparison.ci.is_some(), "{:?}", arms.comparison);
    }

    #[test]
    fn two_arms_in_one_sentence_are_arms_with_their_comparison() {
        let (items, s) = read(
            "At week 12 the MG-ADL score fell by 4.1 ± 0.5 points in the drug group (n = 60) and by 1.9 ± 0.5 points in the placebo group (n = 58); difference −2.2 (95% CI −3.6 to −0.8), p = 0.002.",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::Arms);
        assert!(m.change);
        let groups: Vec<&str> = m
            .cells
            .iter()
            .map(|c| s.groups[c.group.unwrap()].key.as_str())
            .collect();
        assert_eq!(groups, ["drug", "placebo"]);
        let ns = super::super::ns_of(&items, m);
        assert_eq!(ns, ["60", "58"]);
        assert!(
            m.comparison.difference.is_some()
                && m.comparison.ci.is_some()
                && m.comparison.p.is_some()
        );
        assert!(s.groups[1].control && !s.groups[0].control);
        // `fell by 4.1`: the printed values are the size of a fall, and the printed difference
        // −2.2 is the negatives' (−4.1 − (−1.9)), not the values' (4.1 − 1.9 = 2.2).
        assert!(
            m.negated
                .as_deref()
                .is_some_and(|w| w.contains("difference -2.2 is theirs")),
            "{:?}",
            m.negated
        );
        assert!(m.review.is_empty(), "{:?}", m.review);
    }

    #[test]
    fn values_paired_by_a_slash_are_never_set_against_their_neighbours() {
        // Made-up numbers: systolic/diastolic pairs of three conditions in one list; the
        // diastolic value before `vs.` is no arm of the systolic value after it.
        let (items, s) = read(
            "Blood pressure was lower with A and B than with C (148.3 ± 24.7/67.7 ± 12.0 and 144.4 ± 16.5/68.8 ± 13.3 vs. 158.0 ± 18.3/75.6 ± 11.4 mmHg).",
        );
        for m in s.measures.iter().filter(|m| m.cells.len() >= 2) {
            let means: Vec<String> = super::super::means_of(&items, &s, m)
                .into_iter()
                .map(|(_, _, mean)| mean)
                .collect();
            assert!(
                !(means.iter().any(|x| x == "68.8") && means.iter().any(|x| x.starts_with("158"))),
                "{means:?}"
            );
        }
    }

    #[test]
    fn a_group_named_before_a_day_is_the_group_and_its_time_every_arm_s() {
        // Made-up numbers: `the yoga group on POD 1` names the group and then a time (a
        // postoperative day), not what the group receives; the time the first value names is
        // its comparator's too; `standard preparation` is a comparator.
        let (_, s) = read(
            "Drug use was higher in the yoga group on POD 1 (1.20 +/- 0.90 vs 0.50 +/- 0.50 in the standard preparation group).",
        );
        let groups: Vec<(&str, bool)> = s
            .groups
            .iter()
            .map(|g| (g.key.as_str(), g.control))
            .collect();
        assert_eq!(
            groups,
            [("yoga", false), ("standard preparation", true)],
            "{groups:?}"
        );
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::Arms);
        let times: Vec<Option<&str>> = m.cells.iter().map(|c| c.time.as_deref()).collect();
        assert_eq!(times, [Some("on POD 1"), Some("on POD 1")]);
    }

    #[test]
    fn a_time_word_shares_the_event_a_later_one_names() {
        // `6.8 ± 3.5 before and 0.8 ± 1.2 after therapy`: the first value is before therapy,
        // a time course of each group (made-up numbers in the form an abstract prints).
        let (_, s) = read(
            "Sixty children were randomised to group A (n = 30) or group B (n = 30). EASI improved in both groups (group A: 6.8 ± 3.5 before and 0.8 ± 1.2 after therapy, p < 0.001; group B: 9.6 ± 8.3 before and 1.1 ± 2.3 after therapy, p < 0.001).",
        );
        let cells: Vec<(String, String)> = s
            .measures
            .iter()
            .flat_map(|m| m.cells.iter())
            .map(|c| {
                (
                    c.group.map_or("-".into(), |g| s.groups[g].key.clone()),
                    c.time.clone().unwrap_or("-".into()),
                )
            })
            .collect();
        let expected = [
            ("a", "before therapy"),
            ("a", "after therapy"),
            ("b", "before therapy"),
            ("b", "after therapy"),
        ];
        assert_eq!(
            cells,
            expected.map(|(g, t)| (g.to_string(), t.to_string())),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn each_groups_course_told_in_its_clause_is_an_arm_with_its_own_p() {
        // A study group against a control group, each with a course `from … to` in a clause
        // of its own; the time is named once, by the first; each course closes with its p.
        for text in [
            "The mean VAS score in the study group fell from 6.2 ± 1.1 to 3.1 ± 0.9 after 4 weeks (p < 0.001), while in the control group it fell from 6.0 ± 1.2 to 5.2 ± 1.0 (p = 0.03).",
            "In the study group, VAS fell from 6.2 ± 1.1 to 3.1 ± 0.9 after 4 weeks (p < 0.001); in the control group, it fell from 6.0 ± 1.2 to 5.2 ± 1.0 (p = 0.03).",
        ] {
            let (_, s) = read(text);
            assert_eq!(s.measures.len(), 1, "{text}: {:#?}", s.measures);
            let m = &s.measures[0];
            assert_eq!(m.shape, Shape::Arms, "{text}");
            let cells: Vec<(&str, Option<&str>)> = m
                .cells
                .iter()
                .map(|c| (s.groups[c.group.unwrap()].key.as_str(), c.time.as_deref()))
                .collect();
            assert_eq!(
                cells,
                [
                    ("study", Some("before")),
                    ("study", Some("after 4 weeks")),
                    ("control", Some("before")),
                    ("control", Some("after 4 weeks"))
                ],
                "{text}"
            );
            // The p after the control's course is its change, as the study group's is.
            assert!(m.comparison.p.is_none(), "{text}: {:?}", m.comparison);
        }
        // A p that names the comparison stays the arms'.
        let (_, s) = read(
            "In the study group, VAS fell from 6.2 ± 1.1 to 3.1 ± 0.9 (p < 0.001); in the control group, it fell from 6.0 ± 1.2 to 5.2 ± 1.0 (between groups, p = 0.01).",
        );
        assert!(s.measures[0].comparison.p.is_some(), "{:#?}", s.measures);
        // Two arms naming different times keep them.
        let (_, s) = read(
            "In the study group, VAS fell from 6.2 ± 1.1 to 3.1 ± 0.9 after 4 weeks; in the control group, it fell from 6.0 ± 1.2 to 5.2 ± 1.0 after 8 weeks.",
        );
        let times: Vec<Option<&str>> = s.measures[0]
            .cells
            .iter()
            .map(|c| c.time.as_deref())
            .collect();
        assert_eq!(
            times,
            [
                Some("before"),
                Some("after 4 weeks"),
                Some("before"),
                Some("after 8 weeks")
            ]
        );
    }

    #[test]
    fn a_comparison_with_than_gives_each_group_the_value_printed_with_it() {
        // `shorter in A (x) than in B (y)`: each group's value follows its name.
        let (_, s) = read(
            "The mean duration of diarrhea was significantly shorter in the zinc group (3.1 ± 1.2 days) than in the probiotic group (3.8 ± 1.4 days; p=0.008).",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::Arms);
        let groups: Vec<&str> = s.measures[0]
            .cells
            .iter()
            .map(|c| s.groups[c.group.unwrap()].key.as_str())
            .collect();
        assert_eq!(groups, ["zinc", "probiotic"]);
        // `less in A than in B (x versus y)`: the values follow the comparison's order, and
        // the document's numbers agree (3.5 is the lower): A's is the first.
        let (_, s) = read(
            "Pain was less in the drug group than in the placebo group (3.5 ± 1.0 versus 4.6 ± 1.2).",
        );
        assert_eq!(cells(&s, 0).len(), 2, "{:#?}", s.measures);
        let groups: Vec<String> = cells(&s, 0).into_iter().map(|c| c.0).collect();
        assert_eq!(groups, ["drug", "placebo"]);
        // Numbers against the word (the first is the higher where the text says less): which
        // is whose is left open.
        let (_, s) = read(
            "Pain was less in the drug group than in the placebo group (4.6 ± 1.2 versus 3.5 ± 1.0).",
        );
        assert!(s.measures[0].cells.iter().all(|c| c.group.is_none()));
        // The comparator named after the pairs; a pair with no comparative word stays open.
        let (_, s) = read(
            "At 12 weeks, the supplement group had lower systolic BP (124±9 versus 132±7 mm Hg, P<0.0001) and similar diastolic BP (81±8 versus 82±7 mm Hg, P=0.382) compared to the placebo group.",
        );
        let placed: Vec<Vec<(String, String)>> = (0..s.measures.len())
            .filter(|&m| s.measures[m].shape == Shape::Arms)
            .map(|m| cells(&s, m))
            .collect();
        assert_eq!(placed.len(), 1, "{:#?}", s.measures);
        let groups: Vec<String> = placed[0].iter().map(|c| c.0.clone()).collect();
        assert_eq!(groups, ["supplement", "placebo"]);
        // `compared with` names the comparator as `compared to` does.
        let (_, s) = read(
            "The drug group had higher scores (8.2 ± 1.0 versus 6.1 ± 1.2) compared with the placebo group.",
        );
        let groups: Vec<String> = cells(&s, 0).into_iter().map(|c| c.0).collect();
        assert_eq!(groups, ["drug", "placebo"]);
    }

    #[test]
    fn groups_set_by_outcome_are_arms() {
        // An observational report's groups are set by outcome: survivors and nonsurvivors,
        // responders and non-responders, each named before its value.
        for (text, keys) in [
            (
                "The median LOS in days for survivors was 2.2 (IQR: 1.2 to 4.9) and that of nonsurvivors was 3.2 (IQR: 1.5 to 7.9).",
                ["survivors", "nonsurvivors"],
            ),
            (
                "Baseline HbA1c was 8.1 ± 0.9 in responders and 8.4 ± 1.0 in non-responders.",
                ["responders", "non-responders"],
            ),
        ] {
            let (_, s) = read(text);
            assert_eq!(s.measures.len(), 1, "{text}: {:#?}", s.measures);
            assert_eq!(s.measures[0].shape, Shape::Arms, "{text}");
            let groups: Vec<&str> = s.measures[0]
                .cells
                .iter()
                .map(|c| s.groups[c.group.unwrap()].key.as_str())
                .collect();
            assert_eq!(groups, keys, "{text}");
        }
    }

    #[test]
    fn a_list_naming_each_drug_before_its_value_is_a_set_of_arms() {
        let keys = |text: &str| {
            let (_, s) = read(text);
            s.measures
                .iter()
                .map(|m| {
                    (
                        m.shape,
                        m.cells
                            .iter()
                            .map(|c| c.group.map_or("-".to_string(), |g| s.groups[g].key.clone()))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(
                "The mean change in body weight was greater with semaglutide than with placebo (semaglutide, −12.4 ± 1.1 kg; placebo, −2.6 ± 0.9 kg)."
            ),
            [(
                Shape::Arms,
                vec!["semaglutide".to_string(), "placebo".to_string()]
            )]
        );
        assert_eq!(
            keys(
                "Mean HbA1c changes: placebo, −0.2 ± 0.1; dapagliflozin 5 mg, −0.8 ± 0.1; dapagliflozin 10 mg, −0.9 ± 0.1."
            ),
            [(
                Shape::Arms,
                vec![
                    "placebo".to_string(),
                    "dapagliflozin 5 mg".to_string(),
                    "dapagliflozin 10 mg".to_string()
                ]
            )]
        );
        // Measures listed the same way are no groups.
        assert!(
            keys("Baseline characteristics: age, 52.3 ± 11.0 years; BMI, 27.6 ± 3.1.")
                .iter()
                .all(|(shape, _)| *shape == Shape::Single)
        );
        // A name the draft cannot class still opens its own slot: the group named before
        // does not carry into it.
        assert_eq!(
            keys("In the placebo group, HbA1c was 7.1 ± 0.8; ZX-101, 6.2 ± 0.7."),
            [
                (Shape::Single, vec!["placebo".to_string()]),
                (Shape::Single, vec!["-".to_string()])
            ]
        );
    }

    /// The one measure of `text`'s structure: whether it is written negated, and its review.
    fn fall_of(text: &str) -> (bool, Vec<String>) {
        let (_, s) = read(text);
        let m = &s.measures[0];
        (m.negated.is_some(), m.review.clone())
    }

    #[test]
    fn values_printed_as_falls_are_negated_unless_the_documents_numbers_say_otherwise() {
        let arms = |difference: &str| {
            format!(
                "The MG-ADL score fell by 4.1 ± 0.5 points in the drug group (n = 60) and by 1.9 ± 0.5 points in the placebo group (n = 58); difference {difference} (95% CI 0.8 to 3.6), p = 0.002."
            )
        };
        // A difference of the falls as printed (4.1 − 1.9 = 2.2): the values stay as printed,
        // and nothing is left to review (the report's difference agrees with the document's).
        let (negated, review) = fall_of(&arms("2.2"));
        assert!(!negated && review.is_empty(), "{review:?}");
        // 2.15 is 2.2 within the rounding of the three printed numbers (4.1 − 1.9 ± 0.1).
        assert!(!fall_of(&arms("2.15")).0);
        // A difference that fits neither reading: the sign is left for review.
        let (negated, review) = fall_of(&arms("3.0"));
        assert!(!negated && review.iter().any(|r| r.contains("size of a fall")));
        // No difference printed: a fall of 4.1 is the change −4.1, by the words.
        assert!(fall_of(
            "The MG-ADL score fell by 4.1 ± 0.5 points in the drug group (n = 60) and by 1.9 ± 0.5 points in the placebo group (n = 58)."
        ).0);
        // Medians: their bounds would turn too; not written here, left for review.
        let (negated, review) = fall_of(
            "The MG-ADL score fell by a median of 4.0 (IQR 2.0–6.0) points in the drug group (n = 60) and by 1.0 (IQR 0.0–3.0) points in the placebo group (n = 58).",
        );
        assert!(
            !negated && review.iter().any(|r| r.contains("size of a fall")),
            "{review:?}"
        );
        // A rise printed beside the fall: not every value is a fall.
        let (negated, review) = fall_of(
            "The MG-ADL score fell by 4.1 ± 0.5 points in the drug group (n = 60) and rose by 1.9 ± 0.5 points in the placebo group (n = 58).",
        );
        assert!(!negated && !review.is_empty());
    }

    #[test]
    fn a_fall_printed_by_the_verb_alone_is_a_fall() {
        // Made-up values in an abstract's form (usertrial67 d02): `decreased` right before the
        // size, no `by`.
        assert!(fall_of(
            "The FPG decreased 0.8 ± 0.1 mM in the drug group versus 0.2 ± 0.2 mM in the placebo group (p < 0.05)."
        ).0);
        // A rise printed beside it: the signs are left for review, not written as printed.
        let (negated, review) = fall_of(
            "The FPG decreased 0.8 ± 0.1 mM in the drug group versus an increase of 0.2 ± 0.2 mM in the placebo group (p < 0.05).",
        );
        assert!(
            !negated && review.iter().any(|r| r.contains("size of a fall")),
            "{review:?}"
        );
        // The verb followed by `to` prints the level reached: no change.
        let (negated, review) = fall_of(
            "The FPG decreased to 5.8 ± 0.1 mM in the drug group versus 6.2 ± 0.2 mM in the placebo group (p < 0.05).",
        );
        assert!(!negated && !review.iter().any(|r| r.contains("size of a fall")));
    }

    #[test]
    fn one_group_keeps_measures_apart_and_reads_its_time_course() {
        let (items, s) = read(
            "12 patients were treated. Mean age was 52.3 ± 11.0 years and disease duration 6.1 ± 4.2 years; the QMG score improved from 14.2 ± 3.1 to 9.8 ± 2.7 after six months (p = 0.004).",
        );
        let shapes: Vec<Shape> = s.measures.iter().map(|m| m.shape).collect();
        assert_eq!(
            shapes,
            [Shape::Single, Shape::Single, Shape::TimeCourse],
            "{:#?}",
            s.measures
        );
        let qmg = &s.measures[2];
        assert_eq!(qmg.cells.len(), 2);
        assert!(qmg.comparison.p.is_some());
        assert_eq!(qmg.cells[1].time.as_deref(), Some("after six months"));
        let n = qmg.cells[0].n.expect("the document's n");
        assert_eq!(items[n].parts.value.as_ref().unwrap().number.plain, "12");
        assert!(
            qmg.label.as_deref().unwrap_or("").contains("QMG"),
            "{:?}",
            qmg.label
        );
    }

    #[test]
    fn japanese_before_after_pairs() {
        let (_, s) = read(
            "疼痛は各々治療前 3.0 ± 1.5 から治療開始 1 年後には 0.9 ± 1.2、 治療前 6.1 ± 2.0 から 1 年後 3.0 ± 1.4 へと著明に改善しました。",
        );
        let shapes: Vec<Shape> = s.measures.iter().map(|m| m.shape).collect();
        assert_eq!(
            shapes,
            [Shape::TimeCourse, Shape::TimeCourse],
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn two_values_with_nothing_between_stay_undecided() {
        let (_, s) = read("The scores were 5.1 ± 1.7 and 4.1 ± 1.6.");
        assert!(s.measures.iter().all(|m| m.shape == Shape::Single));
        assert!(s.measures.iter().all(|m| !m.review.is_empty()));
    }

    #[test]
    fn japanese_arms() {
        let (_, s) = read("24週時の変化量は実薬群で-2.15 ± 0.4、プラセボ群で-0.50 ± 0.4であった。");
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::Arms);
    }

    use super::super::cells_of as cells;

    #[test]
    fn japanese_arms_named_with_their_doses() {
        let (_, s) = read(
            "12週時の変化量(平均値±標準偏差)は、本剤5mg群−6.1±4.0、本剤10mg群−6.3±3.9、プラセボ群−2.2±4.1であった。",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::Arms);
        let groups: Vec<String> = cells(&s, 0).into_iter().map(|c| c.0).collect();
        assert_eq!(groups, ["本剤5mg", "本剤10mg", "プラセボ"]);
    }

    #[test]
    fn respectively_sets_values_against_the_groups_named_together() {
        let (_, s) = read(
            "Mean weight fell by 3.1 ± 1.2 kg and 0.9 ± 1.0 kg in the semaglutide and placebo groups, respectively.",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::Arms);
        let groups: Vec<String> = cells(&s, 0).into_iter().map(|c| c.0).collect();
        assert_eq!(groups, ["semaglutide", "placebo"]);
        // A second list after a list of arms takes the same groups, in order; it is a
        // measure of its own (here the baselines).
        let (_, s) = read(
            "変化量は実薬群(40例)で-0.6±0.5%、対照群(41例)で-0.1±0.6%であった(ベースラインはそれぞれ、8.1±0.9%、8.0±0.8%)。",
        );
        assert_eq!(s.measures.len(), 2, "{:#?}", s.measures);
        assert_eq!(
            cells(&s, 1),
            [
                ("実薬".to_string(), "ベースライン".to_string()),
                ("対照".to_string(), "ベースライン".to_string())
            ]
        );
        // A list of time points: each group's values take them in order.
        let (_, s) = read(
            "Pain scores were similar (group 1: 5.1 ± 1.9 and 3.2 ± 1.5, group 2: 5.0 ± 1.7 and 3.3 ± 2.1, at 2 and 48 hours, respectively).",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let times: Vec<String> = cells(&s, 0).into_iter().map(|c| c.1).collect();
        assert_eq!(times, ["2 hours", "48 hours", "2 hours", "48 hours"]);
        // Nothing is assigned when the counts differ.
        let (_, s) =
            read("HbA1c and weight were 7.1 ± 0.5 and 80 ± 5 in the drug group, respectively.");
        assert!(
            s.measures.iter().all(|m| m.shape != Shape::Arms),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn respectively_over_pairs_at_their_own_times_sets_each_pair_against_the_groups() {
        // Made-up numbers. Each pair of values is printed with its own time; the groups named
        // at the end take the values of every pair in order.
        let (_, s) = read(
            "Stool counts were 6.0±3.0 and 6.5±4.0 on the first day, 4.1±2.0 and 4.4±2.5 on the second day, and 2.2±1.5 and 3.1±2.0 on the third day in the zinc and control groups respectively.",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::Arms);
        let cell = |g: &str, t: &str| (g.to_string(), t.to_string());
        assert_eq!(
            cells(&s, 0),
            [
                cell("zinc", "on the first day"),
                cell("control", "on the first day"),
                cell("zinc", "on the second day"),
                cell("control", "on the second day"),
                cell("zinc", "on the third day"),
                cell("control", "on the third day"),
            ]
        );
        // A slot with one value where the list names two groups (the other printed bare) is
        // left open, and the slots that fit are still read.
        let (_, s) = read(
            "Stool counts were 6.0±3.0 and 6.5±4.0 on the first day, 4.1±2.0 and 4.4±2.5 on the second day, and 0 and 3.1±2.0 on the third day in the zinc and control groups respectively.",
        );
        let placed: Vec<(String, String)> = s
            .measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.shape == Shape::Arms)
            .flat_map(|(i, _)| cells(&s, i))
            .collect();
        assert_eq!(placed.len(), 4, "{:#?}", s.measures);
        // Two slots at one time decide nothing.
        let (_, s) = read(
            "Counts were 6.0±3.0 and 6.5±4.0 on the first day, and 4.1±2.0 and 4.4±2.5 on the first day in the zinc and control groups respectively.",
        );
        assert!(
            s.measures.iter().all(|m| m.shape != Shape::Arms),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn what_the_document_says_once_about_the_spread_governs_its_bare_values() {
        let (_, s) = read(
            "Data are presented as mean ± SD. The score fell from 14.1 ± 3.0 to 9.9 ± 2.8 after six months.",
        );
        let label = s.measures[0].spread_label.as_ref().map(|l| l.0);
        assert_eq!(label, Some("SD"));
        // A document that names both SD and SE decides nothing for its bare values.
        let (_, s) = read(
            "Baseline values are mean ± SD; changes are mean ± SE. The score fell from 14.1 ± 3.0 to 9.9 ± 2.8 after six months.",
        );
        assert!(
            s.measures.iter().all(|m| m.spread_label.is_none()),
            "{:#?}",
            s.measures
        );
        // 平均値±標準偏差 once, in Japanese.
        let (_, s) =
            read("数値は平均値±標準偏差で示す。投与前14.1±3.0から投与後9.9±2.8に低下した。");
        assert_eq!(s.measures[0].spread_label.as_ref().map(|l| l.0), Some("SD"));
    }

    #[test]
    fn two_groups_time_courses_contrasted_in_one_sentence_are_arms() {
        let (_, s) = read(
            "Calprotectin dropped from 1210 ± 980 to 610 ± 700 μg/g feces in the XR-12 but not in the placebo group (990 ± 1010 to 1020 ± 1100; p = 0.04).",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::Arms);
        assert_eq!(
            cells(&s, 0),
            [
                ("xr-12".to_string(), "before".to_string()),
                ("xr-12".to_string(), "after".to_string()),
                ("placebo".to_string(), "before".to_string()),
                ("placebo".to_string(), "after".to_string()),
            ]
        );
    }

    #[test]
    fn from_a_baseline_to_a_list_of_values_respectively_is_one_time_course() {
        // `from A to B and C, respectively` at two listed times: A is the baseline, B and C
        // take the times in order; the `from` value is not one of the list.
        let (_, s) = read(
            "Serum urate fell in the drug group at both 4 and 12 weeks (from 8.1 ± 0.4 to 6.2 ± 0.3 mg/dL and 6.4 ± 0.5 mg/dL, respectively, both P < 0.01).",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::TimeCourse);
        let times: Vec<String> = cells(&s, 0).into_iter().map(|c| c.1).collect();
        assert_eq!(times, ["before", "4 weeks", "12 weeks"]);
    }

    #[test]
    fn a_value_at_its_own_time_before_a_list_at_listed_times_opens_their_time_course() {
        // Made-up values. `A before treatment and B and C at weeks 2 and 4, respectively`: the
        // value before the list names its own time and nothing else stands between them, so
        // it is the same measure's earlier time point, as `from A to B and C` would say.
        let (_, s) = read(
            "Grip strength was 4.8 ± 0.6 kg before treatment and 5.5 ± 0.5 and 5.6 ± 0.6 kg at weeks 2 and 4, respectively.",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::TimeCourse);
        assert_eq!(s.measures[0].label.as_deref(), Some("Grip strength"));
        let times: Vec<String> = cells(&s, 0).into_iter().map(|c| c.1).collect();
        assert_eq!(times.len(), 3, "{times:?}");
        assert!(times[0].contains("before"), "{times:?}");
        // So in Japanese: `X は投与前 A であり、T1、T2 にはそれぞれ B、C に`.
        let (_, s) = read(
            "握力は投与前4.8±0.6kgであり、2週間後、4週間後にはそれぞれ5.5±0.5kg、5.6±0.6kgに改善した。",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].label.as_deref(), Some("握力"));
        let times: Vec<String> = cells(&s, 0).into_iter().map(|c| c.1).collect();
        assert_eq!(times, ["投与前", "2週間後", "4週間後"]);
        // A value of another measure before the list stays apart.
        let (_, s) = read(
            "Pain was 4.8 ± 0.6 before treatment and fatigue 5.5 ± 0.5 and 5.6 ± 0.6 at weeks 2 and 4, respectively.",
        );
        assert!(
            s.measures.iter().all(|m| m.cells.len() <= 2),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn a_verb_and_its_negation_are_no_part_of_the_measures_name() {
        let (_, s) = read(
            "In the control group, systolic pressure did not change from 150±9 mmHg to 148±11 mmHg.",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let label = s.measures[0].label.clone().unwrap_or_default();
        assert!(
            label.contains("systolic pressure") && !label.contains("did") && !label.contains("not"),
            "{label}"
        );
    }

    #[test]
    fn japanese_lengths_of_time_with_a_particle_before_each_value_are_its_time() {
        // Made-up numbers. `開始時 A であったが、開始後2週間で B と…、8週間では C と…`: the time
        // before each value is that value's (`2週間で`, at two weeks), so the three make one
        // time course; the topic particle glued to the name (`MADRSは`) is no part of it.
        let (_, s) = read(
            "MADRSは開始時6.20±1.90であったが、開始後2週間で4.10±1.50と低下し、8週間では2.30±1.20と有意に低下した(p<0.05)。",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::TimeCourse);
        let times: Vec<&str> = m.cells.iter().filter_map(|c| c.time.as_deref()).collect();
        assert_eq!(times, ["開始時", "開始後2週間", "8週間"]);
        assert_eq!(m.label.as_deref(), Some("MADRS"));
    }

    #[test]
    fn one_n_printed_for_each_group_is_every_groups_n() {
        // Made-up numbers. `with 32 in each group`, `各群30例`: one count, every arm's n; each
        // arm's value carries it.
        for (text, n) in [
            (
                "A total of 64 patients were randomized, with 32 in each group. The score was 12.1 ± 3.0 in group A and 14.2 ± 2.9 in group B.",
                "32",
            ),
            (
                "対象は各群30例とした。スコアはA群12.1±3.0、B群14.2±2.9であった。",
                "30",
            ),
        ] {
            let (items, s) = read(text);
            assert_eq!(s.groups.len(), 2, "{text}: {:#?}", s.groups);
            for g in &s.groups {
                let j = g.n.unwrap_or_else(|| panic!("{text}: {g:?}"));
                assert!(
                    items[j].text.trim().starts_with(n),
                    "{text}: {:?}",
                    items[j]
                );
            }
            let cells: Vec<_> = s.measures.iter().flat_map(|m| &m.cells).collect();
            assert_eq!(cells.len(), 2, "{text}: {:#?}", s.measures);
            assert!(cells.iter().all(|c| c.n.is_some()), "{text}: {cells:#?}");
        }
        // `Week 8 in each group` is a time, not a count.
        let (items, _) = read("The score was lower at Week 8 in each group.");
        assert!(items.iter().all(|i| i.kind != ItemKind::N), "{items:#?}");
    }

    #[test]
    fn a_band_of_ages_called_a_group_is_no_arm() {
        // Made-up numbers: `the age group 18-39 years`, `group 40 to 60` name categories of
        // patients by a range, not arms named by a number.
        for text in [
            "In the age group 18-39 years, the score was 12.1 ± 3.0.",
            "Patients in group 40 to 60 years had a score of 12.1 ± 3.0.",
        ] {
            let (_, s) = read(text);
            assert!(s.groups.is_empty(), "{text}: {:#?}", s.groups);
        }
    }

    #[test]
    fn respectively_after_arms_declared_with_their_n_sets_the_values_against_them() {
        // Made-up numbers: the arms are named only by their bracketed n's, in a sentence that
        // says they were randomised; the values after take them in order.
        let (items, s) = read(
            "Participants were randomized to group CBT (n = 52) or digital CBT (n = 49); mean baseline scores were 18.4 (SD 3.7) and 19.4 (SD 4.1), respectively.",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::Arms);
        let placed: Vec<(&str, String, &str)> = m
            .cells
            .iter()
            .map(|c| {
                let g = &s.groups[c.group.expect("a group")];
                let n = g.n.map_or("", |j| items[j].text.as_str());
                (items[c.item].text.as_str(), g.key.clone(), n)
            })
            .collect();
        assert_eq!(
            placed,
            [
                ("18.4 (SD 3.7)", "cbt".to_string(), "n = 52"),
                ("19.4 (SD 4.1)", "digital cbt".to_string(), "n = 49"),
            ]
        );
    }

    #[test]
    fn pairs_set_against_each_other_at_listed_times_take_the_arms_before_and_the_times() {
        // Made-up numbers: the arms are those of the sentence before; the pairs, each joined by
        // `vs.`, take the times listed before them in order.
        let (_, s) = read(
            "Both drug (n = 30) and placebo (n = 31) groups had a baseline score of 7.6 ± 0.8 vs. 7.5 ± 0.8, respectively. The score did not differ after 4, 8 and 12 weeks (7.7 ± 0.9 vs. 7.6 ± 1.0, 7.9 ± 1.0 vs. 7.8 ± 1.0 and 7.8 ± 1.1 vs. 7.6 ± 1.1, respectively).",
        );
        let m = s
            .measures
            .iter()
            .position(|m| m.cells.len() == 6)
            .expect("the listed times' measure");
        assert_eq!(
            super::super::cells_of(&s, m),
            [
                ("drug", "4 weeks"),
                ("placebo", "4 weeks"),
                ("drug", "8 weeks"),
                ("placebo", "8 weeks"),
                ("drug", "12 weeks"),
                ("placebo", "12 weeks")
            ]
            .map(|(g, t)| (g.to_string(), t.to_string()))
        );
    }

    #[test]
    fn respectively_over_pairs_each_opened_by_its_time_sets_each_pair_against_the_groups() {
        // Made-up numbers. `GB群とEB群のVASはそれぞれ24時間後 a と b, 48時間後は c と d`: each
        // time printed before its pair opens a slot, whose values take the groups in order;
        // `0 (0-0)` (every patient scored 0) is a median with its range.
        let text = "GB群とEB群の安静時のVASの中央値(範囲)はそれぞれ24時間後6 (0-19) と0 (0-0), 48時間後は2 (0-21) と0 (0-0) であった.";
        let (items, s) = read(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::Arms);
        let label = m.label.clone().unwrap_or_default();
        assert!(
            label.starts_with("VAS") && !label.contains("それぞれ"),
            "{label}"
        );
        let placed: Vec<(&str, String, &str)> = m
            .cells
            .iter()
            .map(|c| {
                (
                    items[c.item].text.trim(),
                    s.groups[c.group.expect("a group")].key.clone(),
                    c.time.as_deref().expect("a time"),
                )
            })
            .collect();
        assert_eq!(
            placed,
            [
                ("6 (0-19)", "gb".to_string(), "24時間後"),
                ("0 (0-0)", "eb".to_string(), "24時間後"),
                ("2 (0-21)", "gb".to_string(), "48時間後"),
                ("0 (0-0)", "eb".to_string(), "48時間後"),
            ]
        );
    }

    #[test]
    fn a_statement_of_the_spread_inside_a_list_names_no_measure() {
        // `(mean ± standard deviation)` after the first value of a `respectively` list: the
        // values are still one measure's, at the listed times.
        let (_, s) = read(
            "A fall in pain scores of –2.1 ± 1.9 (mean ± standard deviation), –1.8 ± 2.0, and –1.2 ± 2.2 was seen at 1, 4, and 12 weeks, respectively.",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::TimeCourse);
        let times: Vec<String> = cells(&s, 0).into_iter().map(|c| c.1).collect();
        assert_eq!(times, ["1 weeks", "4 weeks", "12 weeks"]);
    }

    #[test]
    fn a_respectively_list_of_arms_then_a_comparator_than_it_are_one_set_of_arms() {
        let (_, s) = read(
            "Patients treated with the drug lost more weight (7.1 +/- 0.5 and 7.9 +/- 0.6 kg for the 60-mg and 120-mg drug groups, respectively) than those treated with placebo (4.1 +/- 0.6 kg) in year 1 (P<.001) and kept more of it in year 2 (P<.001).",
        );
        let arms: Vec<usize> = s
            .measures
            .iter()
            .map(|m| m.cells.iter().filter(|c| c.group.is_some()).count())
            .collect();
        assert_eq!(arms, [3], "{:#?}", s.measures);
    }

    #[test]
    fn later_pairs_printed_bare_take_the_groups_the_first_pair_named() {
        // Made-up numbers in the form of a BMJ-style abstract: the first pair names its groups
        // after each value (`for those …`), the later pairs print none; each pair's printed
        // difference, with its own number, is no value of the next pair.
        let (_, s) = read(
            "Mean change at 12 months was -4.1 ± 0.3 kg for those in the diet programme versus -1.9 ± 0.2 kg for those receiving usual care (difference -2.2 kg, 95% CI -2.9 to -1.5) with LOCF; -3.2 ± 0.3 kg versus -1.5 ± 0.2 kg (difference -1.7 kg) with BOCF.",
        );
        let groups: Vec<Vec<Option<usize>>> = s
            .measures
            .iter()
            .map(|m| m.cells.iter().map(|c| c.group).collect())
            .collect();
        assert_eq!(
            groups,
            [vec![Some(0), Some(1)], vec![Some(0), Some(1)]],
            "{:#?}",
            s.measures
        );
        assert!(s.measures.iter().all(|m| m.shape == Shape::Arms));
    }

    #[test]
    fn values_printed_from_one_to_another_are_levels_whatever_names_the_change() {
        // Made-up numbers: the change word names the comparison, the values are the scores
        // before and after (a change from 21.0 to 11.2 is no change of 21.0).
        for text in [
            "3週時点でのスコア変化量は、A群で 21.0±6.1 から 11.2±6.5、B群で 20.5±7.0 から 19.8±7.1 であった。",
            "A significant reduction of LDL-C was observed in group E (from 150 ± 3.5 to 125 ± 3.1 mg/dL, P < 0.01).",
        ] {
            let (_, s) = read(text);
            assert!(!s.measures.is_empty(), "{text}");
            assert!(
                s.measures.iter().all(|m| !m.change),
                "{text}: {:#?}",
                s.measures
            );
        }
        // A change printed as such stays a change.
        let (_, s) =
            read("Pain fell by 2.1 ± 0.4 in the drug group and by 0.9 ± 0.5 with placebo.");
        assert!(s.measures.iter().any(|m| m.change), "{:#?}", s.measures);
    }

    #[test]
    fn a_than_comparison_leaves_the_groups_named_after_it() {
        let (_, s) = read(
            "Consumption was less than in the placebo group (37.1 ± 11.0 versus 45.2 ± 20.3, p < 0.05), although pain was similar (group 1: 4.1 ± 1.2 and 3.0 ± 1.1, group 2: 4.2 ± 1.5 and 3.1 ± 1.9, at 1 and 24 hours, respectively).",
        );
        let named: Vec<usize> = s
            .measures
            .iter()
            .map(|m| m.cells.iter().filter(|c| c.group.is_some()).count())
            .collect();
        assert_eq!(named, [0, 4], "{:#?}", s.measures);
    }

    #[test]
    fn a_list_of_times_each_before_its_value_is_a_time_course() {
        // Each time printed right before its value, the first one too.
        let (_, s) = read(
            "Bristol便形状スケールの平均値は、観察期間第2週2.05±1.02、投与期間第1週3.88±1.50、第2週3.80±1.44であった。",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::TimeCourse);
        let times: Vec<String> = cells(&s, 0).into_iter().map(|c| c.1).collect();
        assert_eq!(times, ["観察期間第2週", "投与期間第1週", "第2週"]);
    }

    #[test]
    fn a_list_that_names_each_group_before_its_value_keeps_that_order() {
        let (_, s) = read(
            "The mean HbA1c in group I was 8.92% (±3.2), in group II 6.88% (±2.1), in group III 7.5% (±3.3).",
        );
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].label.as_deref(), Some("HbA1c"));
        let groups: Vec<String> = cells(&s, 0).into_iter().map(|c| c.0).collect();
        assert_eq!(groups, ["i", "ii", "iii"]);
        // Named after their values, the groups close them as before.
        let (_, s) = read("HbA1c was 8.92% (±3.2) in group I, 6.88% (±2.1) in group II.");
        let groups: Vec<String> = cells(&s, 0).into_iter().map(|c| c.0).collect();
        assert_eq!(groups, ["i", "ii"]);
    }

    #[test]
    fn times_listed_before_the_values_are_no_time_of_every_value() {
        let (_, s) = read(
            "At 28 days, 1 year, and 2 years, the respective values were 2.2 ± 1.2 and 3.3 ± 1.5.",
        );
        assert!(
            s.measures
                .iter()
                .flat_map(|m| &m.cells)
                .all(|c| c.time.is_none()),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn a_postpositional_phrase_is_no_part_of_a_groups_name() {
        // (The placebo group is the comparator of the difference, no value's own group.)
        let (_, s) = read("20mg群におけるプラセボ群との差は-2.1±0.5、10mg群で4.0±0.6であった。");
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["20mg群", "10mg群"]);
        // A means before the name (`…により`): one group, named twice.
        let (_, s) = read(
            "無作為配置により前期教育群43名と後期教育群45名に分け、前期教育群で2.1±0.5であった。",
        );
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["前期教育群", "後期教育群"]);
        // A long name of what the group received stays whole.
        let (_, s) = read(
            "変化量はメトホルミンを併用した群で-0.95±0.671%、スルホニルウレア剤を投与した群で-0.84±0.714%であった。",
        );
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(
            labels,
            ["メトホルミンを併用した群", "スルホニルウレア剤を投与した群"]
        );
        assert_eq!(s.measures[0].shape, Shape::Arms);
    }

    #[test]
    fn a_statement_behind_a_footnote_mark_is_no_statement_for_every_value() {
        // `†` scopes the SE to the adjusted values it marks; the bare means are not SEMs.
        let text = "The score was 4.1 ± 0.5 and 3.9 ± 0.4 at week 12.\n† Adjusted means ± SE.\n";
        let (_, s) = read(text);
        assert_eq!(s.document_spread, None);
        // Said once without a mark, it holds for the document.
        let (_, s) = read("Data are mean ± SE. The score was 4.1 ± 0.5.");
        assert_eq!(s.document_spread.map(|d| d.0), Some("SEM"));
        // A table's notes that name an SD for some columns and an SE for others, run
        // together on one line as a copy prints them, take back another table's `(mean ±
        // S.D.)` for the whole document: it prints both.
        let text = "群 ベースライン注1 変化量注2\nA群 5.10±1.00 -1.90±0.10\n注1:平均値±標準偏差 注2:調整平均値±標準誤差\n表2\n週 値\n8週 2.40±1.70\n(mean±S.D.)\n";
        let (_, s) = read(text);
        assert_eq!(s.document_spread, None);
    }

    /// The n each placed summary gets, by the summary's text.
    /// The keys of the groups a text names, in order.
    fn group_keys(text: &str) -> Vec<String> {
        read(text).1.groups.into_iter().map(|g| g.key).collect()
    }

    fn n_of(text: &str, value: &str) -> Option<String> {
        let (items, s) = read(text);
        let cell = s
            .measures
            .iter()
            .flat_map(|m| &m.cells)
            .find(|c| items[c.item].text.trim_start().starts_with(value))
            .expect("the value is placed");
        cell.n.map(|j| items[j].text.trim().to_string())
    }

    #[test]
    fn a_pair_after_the_comparator_named_alone_gives_it_the_second_value() {
        // Made-up numbers in a crossover abstract's form: only the comparator is a group word;
        // the pair is printed in the comparison's order, so placebo's value is the second.
        let text = "Pain was significantly lower in the active phase compared with placebo (3.2 ± 1.1 vs. 5.0 ± 1.4; P = 0.01).";
        let (items, s) = read(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.cells.len() == 2)
            .expect("the pair");
        let placebo: Vec<&str> = m
            .cells
            .iter()
            .filter(|c| c.group.is_some_and(|g| s.groups[g].key.contains("placebo")))
            .map(|c| items[c.item].text.trim())
            .collect();
        assert_eq!(placebo, ["5.0 ± 1.4"]);
    }

    #[test]
    fn a_comparison_clause_opening_the_sentence_gives_its_group_every_pairs_second_value() {
        // Made-up numbers (twenty-eighth new-user trial's form): the sentence names only the
        // comparator, in a clause before its values; each `a vs b` pair is printed subject
        // first, so the control's values are the second of each pair, never the first.
        for (text, control) in [
            (
                "Compared with the control group, stool frequency was increased (3.5 ± 1.5 vs 2.5 ± 0.9, P < 0.01 and 4.1 ± 1.7 vs 2.6 ± 1.0, P < 0.01, respectively).",
                vec!["2.5 ± 0.9", "2.6 ± 1.0"],
            ),
            (
                "プラセボ群と比較して、疼痛スコアは有意に低下した(3.1±1.2 vs 4.5±1.3、P<0.01)。",
                vec!["4.5±1.3"],
            ),
        ] {
            let (items, s) = read(text);
            let grouped: Vec<&str> = s
                .measures
                .iter()
                .flat_map(|m| &m.cells)
                .filter(|c| c.group.is_some())
                .map(|c| items[c.item].text.trim())
                .collect();
            assert_eq!(grouped, control, "{text}");
        }
    }

    #[test]
    fn times_printed_after_their_values_counted_from_a_named_event() {
        // Made-up numbers: each value, its unit, then its time, counted from the event the
        // sentence names (`after surgery` is a time the text reads; `before ablation` is one
        // here because `3 months after ablation` counts from it).
        let text = "Mean pain was 6.1 ± 1.2 points before ablation, 3.4 ± 1.5 points 3 months after ablation, and 2.9 ± 1.1 points after 6 months.";
        let (items, s) = read(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.cells.len() == 3)
            .unwrap_or_else(|| panic!("one time course of three values: {:?}", s.measures));
        let got: Vec<(&str, Option<&str>)> = m
            .cells
            .iter()
            .map(|c| (items[c.item].text.trim(), c.time.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("6.1 ± 1.2", Some("before ablation")),
                ("3.4 ± 1.5", Some("3 months after ablation")),
                ("2.9 ± 1.1", Some("after 6 months"))
            ]
        );
    }

    #[test]
    fn counts_listed_respectively_after_the_arms_values_are_not_the_last_arms_n() {
        // Made-up numbers: after each arm's median, the non-responders of each arm, listed
        // `respectively` (それぞれ); 2 is no arm's sample.
        let text = "1日目の中央値 (四分位範囲)は、A群が10.0 (6.5 ~ 17.3)、プラセボ群が11.0 (7.0 ~ 18.5)であった。変化量は、A群が-3.5 (-5.0 ~ 2.0)、プラセボ群が-4.0 (-7.5 ~ -0.5)であり、無効(Δ≧0)はそれぞれ2名と4名であった。";
        let (_, s) = read(text);
        assert_eq!(s.groups.len(), 2, "{:?}", s.groups);
        assert!(s.groups.iter().all(|g| g.n.is_none()), "{:?}", s.groups);
        // Each value's own bracketed n stays its n, though a `respectively` follows.
        let own = "At week 12 the score was 5.1 ± 1.2 (n = 40) and 6.3 ± 1.4 (n = 42) in the drug and placebo groups, respectively.";
        assert_eq!(n_of(own, "6.3").as_deref(), Some("n = 42"));
    }

    #[test]
    fn arms_the_text_does_not_name_take_no_count_of_the_whole_sample() {
        // Made-up numbers: two arms split the 120 patients, so 120 is neither arm's n.
        let text = "We randomised 120 patients to two arms. At week 12 the score was 5.1 ± 1.2 versus 6.3 ± 1.4 (p = 0.01).";
        assert_eq!(n_of(text, "5.1"), None);
        // In a crossover every arm is all the patients.
        let crossover = "In this crossover trial we enrolled 24 patients. At week 12 the score was 5.1 ± 1.2 versus 6.3 ± 1.4 (p = 0.01).";
        assert_eq!(n_of(crossover, "5.1").as_deref(), Some("24"));
    }

    #[test]
    fn a_summary_takes_the_sample_its_sentence_names_before_it() {
        // The subset said to be described (`of whom`) over the document's most repeated n.
        let text = "4647 participants were randomised. Of these, 4647 participants were randomised, of whom 4575 (mean age 51.0 ± 15.0 years) were analysed.";
        assert_eq!(n_of(text, "51.0").as_deref(), Some("4575"));
        // One number of people in the sentence before it.
        let text = "Eight men with type 1 diabetes (age 27.6 ± 11.4 years) took part.";
        assert_eq!(n_of(text, "27.6").as_deref(), Some("Eight"));
        // Two, and the sentence does not say which: open, not the nearest, not the document's.
        let text = "Twelve patients were screened. 120 patients were screened and 60 patients were enrolled (age 52.3 ± 11.0 years).";
        assert_eq!(n_of(text, "52.3"), None);
        // Counts in a bracket after the n break it down: the sample is the n before them.
        let text = "機能性身体症状の患者645例(男性97例,女性548例、年齢52.1±14.7歳)を対象に評価した結果、スコアは治療前28.4±9.6から3か月後36.0±12.6に改善した。";
        assert_eq!(n_of(text, "28.4").as_deref(), Some("645例"));
        assert_eq!(n_of(text, "52.1").as_deref(), Some("645例"));
        let text = "We enrolled 120 patients (64 women and 56 men; age 61.2 ± 8.0 years).";
        assert_eq!(n_of(text, "61.2").as_deref(), Some("120"));
    }

    #[test]
    fn how_many_had_an_event_is_not_the_sample() {
        let text = "Twelve patients were treated. The QMG score was 14.2 ± 3.1 at baseline. Rash occurred in two patients.";
        assert_eq!(n_of(text, "14.2").as_deref(), Some("Twelve"));
        let text = "The QMG score was 14.2 ± 3.1 at baseline. Rash occurred in two patients.";
        assert_eq!(n_of(text, "14.2"), None);
        // Those who left the study are no sample either.
        let text =
            "The QMG score was 14.2 ± 3.1 at baseline. Two subjects withdrew for medical reasons.";
        assert_eq!(n_of(text, "14.2"), None);
        let text = "QMGスコアは14.2 ± 3.1であった。2名が脱落した。";
        assert_eq!(n_of(text, "14.2"), None);
    }

    #[test]
    fn an_n_that_is_another_part_of_a_counted_whole_is_not_the_sample() {
        let text = "参加した33名のうち4名が男性、29名が女性であった(平均年齢±標準偏差, 84.8±9.3)。";
        assert_eq!(n_of(text, "84.8"), None);
        let text =
            "Of the 33 participants, 4 of 33 were men and 29 were women (mean age 84.8 ± 9.3).";
        assert_ne!(n_of(text, "84.8").as_deref(), Some("29"));
    }

    #[test]
    fn shares_set_against_each_other_after_a_comparison_follow_its_order() {
        // Made-up shares in a news item's form: the comparison names both groups, then the
        // pair in its order; the shares agree with `greater` (or, as counts, `less`).
        for (text, first, second) in [
            (
                "Pain freedom at 2 hours was greater in the drug group than in the placebo group (18% vs. 9%, p<0.001).",
                "drug",
                "placebo",
            ),
            (
                "Relapse was less frequent in the drug group than in the placebo group (9/100 vs. 18/100).",
                "drug",
                "placebo",
            ),
        ] {
            assert_eq!(
                shares_read(text),
                [(Shape::Arms, vec![first.to_string(), second.to_string()])],
                "{text}"
            );
        }
        // Numbers against the word: the pair stays unplaced.
        let text =
            "Relapse was less frequent in the drug group than in the placebo group (18% vs. 9%).";
        assert!(shares_read(text).is_empty(), "{:?}", shares_read(text));
    }

    #[test]
    fn pairs_listed_after_a_comparison_than_that_in_a_group_follow_its_order() {
        // Made-up numbers. `shorter in A than that in B (x vs. y and z vs. w, respectively)`:
        // each pair is printed in the comparison's order, A's value first, and the numbers
        // agree with `shorter`; the comparator's name right before the bracket does not make
        // the first value its own. Each pair is its own measure's two arms.
        let text = "The intervention group (n = 30) chewed gum; the control group (n = 31) did not. The time to flatus and to defecation in the intervention group was shorter than that in the control group (39.1 ± 15.7 vs. 52.9 ± 22.0 hours and 54.6 ± 18.9 vs. 78.0 ± 34.6 hours, respectively).";
        let (items, s) = read(text);
        let placed: Vec<Vec<(String, Option<String>)>> = s
            .measures
            .iter()
            .map(|m| {
                m.cells
                    .iter()
                    .map(|c| {
                        let value = items[c.item]
                            .text
                            .split(' ')
                            .next()
                            .unwrap_or("")
                            .to_string();
                        (value, c.group.map(|g| s.groups[g].key.clone()))
                    })
                    .collect()
            })
            .collect();
        let arm = |v: &str, g: &str| (v.to_string(), Some(g.to_string()));
        assert_eq!(
            placed,
            [
                vec![arm("39.1", "intervention"), arm("52.9", "control")],
                vec![arm("54.6", "intervention"), arm("78.0", "control")],
            ]
        );
    }

    #[test]
    fn a_group_referred_back_to_is_no_group_of_its_own_nor_the_whole_sample() {
        // Made-up numbers. `このグループ` (this group) and `変化のなかった対照グループ` (the control
        // group, which did not change) name the groups named before them: no third or fourth
        // group. Which group `この群` is the words do not say, so its value is not given the
        // whole sample's n either.
        let text = "25名(介入群12名、対照群13名)を対象とした。介入群では体重が減少し、変化のなかった対照グループと比べて低かった。このグループの90%が改善した。この群のHbA1cは7.1±1.0%であった。";
        assert_eq!(group_keys(text), ["介入", "対照"]);
        assert_eq!(n_of(text, "7.1"), None);
    }

    #[test]
    fn a_groups_n_does_not_reach_across_the_n_of_a_later_visit() {
        let text =
            "プラセボ群 351例 ベースライン 75.03±41.82、18カ月後 206例 78.16±40.47であった。";
        let (items, s) = read(text);
        let later = s
            .measures
            .iter()
            .flat_map(|m| &m.cells)
            .find(|c| items[c.item].text.starts_with("78.16"))
            .expect("the 18-month value is placed");
        assert_ne!(later.n.map(|j| items[j].text.trim()), Some("351例"));
    }

    #[test]
    fn a_statement_of_the_values_said_to_hold_hereafter_names_no_measure() {
        // Made-up values: what ± is stated once after the first value, for the rest of the
        // text (`以下同じ`, `hereafter`); the transition still joins the two values.
        for text in [
            "HbA1cは投与直前7.2±0.4%(平均値±SD, 以下同じ)から1カ月後6.9±0.5%と低下した。",
            "HbA1c fell from 7.2 ± 0.4% (mean ± SD, hereafter) at baseline to 6.9 ± 0.5% at 1 month.",
        ] {
            let (items, s) = read(text);
            assert_eq!(s.measures.len(), 1, "{text}: {:#?}", s.measures);
            assert_eq!(s.measures[0].shape, Shape::TimeCourse, "{text}");
            let values: Vec<&str> = s.measures[0]
                .cells
                .iter()
                .map(|c| items[c.item].text.trim())
                .collect();
            assert_eq!(values.len(), 2, "{text}: {values:?}");
        }
        assert_eq!(without_hereafter("平均値±SD, 以下同じ"), "平均値±SD");
    }

    #[test]
    fn values_split_by_sex_are_each_subgroups_own_measure_without_the_samples_n() {
        // Made-up numbers, as a Japanese abstract prints one sample's change split by sex,
        // with what ± is between the first value and から: each sex's before/after is the
        // measure named before the subgroup, and the sample's 45例 is neither sex's n.
        let text = "高血圧者45例を対象に運動を行い,平均血圧が女性で108.5±1.7mmHg(平均値±標準誤差)から103.1±2.2mmHg(P<0.01)へ,男性で110.7±2.1mmHgから103.2±2.2mmHg(P<0.01)へ低下した.";
        let (items, s) = read(text);
        let placed: Vec<(Option<&str>, Shape, Vec<&str>, bool)> = s
            .measures
            .iter()
            .map(|m| {
                (
                    m.label.as_deref(),
                    m.shape,
                    m.cells.iter().map(|c| items[c.item].text.trim()).collect(),
                    m.cells.iter().any(|c| c.n.is_some()),
                )
            })
            .collect();
        assert_eq!(
            placed,
            [
                (
                    Some("平均血圧 (女性)"),
                    Shape::TimeCourse,
                    vec!["108.5±1.7", "103.1±2.2"],
                    false
                ),
                (
                    Some("平均血圧 (男性)"),
                    Shape::TimeCourse,
                    vec!["110.7±2.1", "103.2±2.2"],
                    false
                ),
            ]
        );
        assert!(
            s.measures
                .iter()
                .all(|m| m.review.iter().any(|r| r.contains("subgroup")))
        );
        // One sex named once is the whole sample: its n stays the sample's.
        let (_, s) =
            read("In 40 women with osteoporosis, BMD rose from 0.80 ± 0.05 to 0.84 ± 0.05 g/cm2.");
        assert!(
            s.measures[0].cells.iter().all(|c| c.n.is_some()),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn an_n_after_a_percentage_no_count_of_which_gives_it_is_the_shares_count() {
        // Made-up numbers, as tables and abstracts print a share's count beside it: 15.4 % of
        // 4 is 0.6 of a person, so `(n = 4)` counts those with the attribute (4 of 26); 50 %
        // of 4 is 2, so there `(n = 4)` may be the whole and stays the share's n.
        let (items, s) = read("House surgeons operated on 15.4% (n = 4) of inpatients.");
        let cell = &s.shares[0].cells[0];
        assert_eq!(items[cell.item].text, "15.4%");
        assert_eq!(cell.n, None, "{cell:#?}");
        let (items, s) = read("House surgeons operated on 50% (n = 4) of inpatients.");
        let cell = &s.shares[0].cells[0];
        assert_eq!(cell.n.map(|j| items[j].text.as_str()), Some("n = 4"));
    }

    #[test]
    fn a_share_of_patients_named_after_it_takes_that_name_not_the_mean_befores() {
        // Made-up numbers: `68% of patients were women` names the share by the words after
        // it; the age before it is another measure's name.
        let (_, s) = read(
            "The mean (SD) age of the patients was 37 (9) years, and 68% of patients were women.",
        );
        assert_eq!(s.shares[0].label.as_deref(), Some("women"));
        assert_eq!(s.measures[0].label.as_deref(), Some("age"));
        // An age in years beside a share is no time point of it.
        let (_, s) = read("Mean age was 45.7 years; 86.8% were women.");
        assert_eq!(s.shares[0].cells[0].time, None, "{:#?}", s.shares);
    }

    #[test]
    fn pairs_moving_as_their_verb_says_in_a_bracket_naming_no_group_stay_open() {
        // Made-up values: `decreased … with the extract (a vs. b)` may set one group's values
        // before and after against each other as well as two arms'.
        let text = "Significantly decreased anxiety and stress scores were documented with the extract (9.2±7.3 vs. 5.1±5.9, and 19.1±8.1 vs. 11.6±8.1; all p values <0.05), greater than those with placebo.";
        let (_, s) = crate::draft::structure::read_text(text);
        assert!(
            s.measures.iter().all(|m| m.shape != Shape::Arms),
            "{:?}",
            s.measures
        );
        // Values against the verb's direction are no before and after: two arms, as before.
        let text =
            "Pain was lower with the drug than with placebo (3.1 ± 1.0 vs. 4.2 ± 1.1; p = 0.01).";
        let (_, s) = crate::draft::structure::read_text(text);
        assert!(
            s.measures.iter().any(|m| m.shape == Shape::Arms),
            "{:?}",
            s.measures
        );
    }

    #[test]
    fn a_p_after_a_change_named_with_no_comparison_is_no_comparison_of_the_arms() {
        // Made-up values: each group's fall, then `a significant fall (p<0.01)`: the p of
        // each group's change, not of their difference.
        let text = "投与前と6か月後の眼圧は,それぞれA群で17.1±2.2,13.9±2.4mmHg,B群で15.9±3.2,14.1±2.3mmHgであり,有意な眼圧下降が得られた(mixed effect model,p<0.01)。";
        let (_, s) = crate::draft::structure::read_text(text);
        assert!(!s.measures.is_empty());
        assert!(
            s.measures.iter().all(|m| m.comparison.p.is_none()),
            "{:?}",
            s.measures
        );
        // Named against the other group, the p compares them.
        let text = "Pain fell from 6.1 ± 1.2 to 3.2 ± 1.1 with the drug and from 6.0 ± 1.3 to 5.1 ± 1.2 with placebo, a greater reduction than with placebo (p < 0.01).";
        assert!(!super::p_of_a_change(text, 0, text.find("(p").unwrap()));
        assert!(super::p_of_a_change("a significant reduction (p", 0, 26));
    }

    #[test]
    fn a_group_named_in_a_bracket_right_after_its_n() {
        let text = "対象は83例83眼であり,新規に開始した45例45眼(新規群)と,切り替えた38例38眼(切り替え群)の2群に分類した.新規群の眼圧は開始前18.0±4.5,6か月後14.9±2.9であった.";
        let (items, s) = crate::draft::structure::read_text(text);
        let ns: Vec<(String, Option<&str>)> = s
            .groups
            .iter()
            .map(|g| (g.label.clone(), g.n.map(|j| items[j].text.as_str())))
            .collect();
        assert!(ns.contains(&("新規群".to_string(), Some("45例"))), "{ns:?}");
        assert!(
            ns.contains(&("切り替え群".to_string(), Some("38例"))),
            "{ns:?}"
        );
    }

    #[test]
    fn before_and_after_an_event_with_respectively_and_a_unit_after_each_value() {
        // Made-up values: the two points share the event named after the second, and the unit
        // printed after each value names no new measure.
        for text in [
            "Mean BCVAs before and after the treatment were 0.87±0.40 logMAR, and 0.84±0.42 logMAR, respectively (p>0.05).",
            "The mean central macular thickness before and after injections were 528.27±111.31 and 450.34±128.29 μm, respectively.",
        ] {
            let (_, s) = crate::draft::structure::read_text(text);
            let courses: Vec<&Measure> = s
                .measures
                .iter()
                .filter(|m| m.shape == Shape::TimeCourse)
                .collect();
            assert_eq!(courses.len(), 1, "{text}: {:?}", s.measures);
            let times: Vec<Option<&str>> =
                courses[0].cells.iter().map(|c| c.time.as_deref()).collect();
            assert!(
                times[0].is_some_and(|t| t.starts_with("before")),
                "{times:?}"
            );
            assert!(
                times[1].is_some_and(|t| t.starts_with("after")),
                "{times:?}"
            );
        }
    }
}
