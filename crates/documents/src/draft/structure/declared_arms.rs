//! The arms a document declares by what it gives them, with no group noun.
//!
//! Reports name their arms by the treatment as often as by a group: `randomly assigned to
//! receive NOL or DOX`, `treated with nolatrexed (NOL) or doxorubicin (DOX)`, `F法とA法の鎮痛と
//! 副作用を…比較検討した`. The results then print each value with that name alone (`1.4% for NOL
//! and 4.0% for DOX`, `0.7±0.1 times in A-method`, `F法では1.4±0.1回,A法は0.7±0.1回`), and the
//! name says whose value it is as a group noun would.
//!
//! A name is taken only where the document both **defines** it in a bracket after what it
//! stands for (`nolatrexed (NOL)`, `(以下,F法)`) and **sets it against another** such name:
//! - as what people were allocated to or treated with (`randomized to receive X or Y`,
//!   `treated with X or Y`); or
//! - in a comparison (`X versus Y`, `X compared with Y`, `between X and Y`, `XとYを…比較`),
//!   where both definitions name a treatment (`administration`, `therapy`, `method`, `投与`,
//!   `療法`, …), so that measures compared (`OS versus PFS`) never become arms.
//!
//! The sentence reader ([`super::sentence`]) then reads these names in the words around each
//! value beside the arms declared with their n.

use std::sync::OnceLock;

use regex::Regex;

use crate::draft::cues;

/// A short name defined in a bracket: Latin letters and digits with at least one capital,
/// joined by hyphens (`NOL`, `F-method`, `CBT-I`), or such letters before `法`/`療法` (`F法`).
const SHORT_NAME: &str = r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:療法|法)?";

/// The words of a definition that say it names a treatment, not a measure or a disease.
const TREATMENT_WORDS: [&str; 24] = [
    "administration",
    "therapy",
    "treatment",
    "method",
    "regimen",
    "infusion",
    "injection",
    "dose",
    "drug",
    "tablet",
    "capsule",
    "vaccine",
    "program",
    "intervention",
    "surgery",
    "training",
    "投与",
    "療法",
    "治療",
    "法",
    "剤",
    "薬",
    "手術",
    "術",
];

fn definition_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(
            r"[(（]\s*(?:以下\s*[,、，]?\s*)?(?P<abbr>{SHORT_NAME})\s*(?:と略す|とする)?\s*[)）]"
        ))
        .expect("the definition's bracket is a valid pattern")
    })
}

/// One name the document defines in a bracket, and whether the words it stands for (the
/// clause before the bracket, at most six words or twenty characters of Japanese) name a
/// treatment.
#[derive(Debug, Clone)]
struct Definition {
    name: String,
    treatment: bool,
}

fn definitions(document: &str) -> Vec<Definition> {
    let mut out: Vec<Definition> = Vec::new();
    for c in definition_pattern().captures_iter(document) {
        let whole = c.get(0).expect("the whole match");
        let abbr = &c["abbr"];
        if !abbr.chars().any(|ch| ch.is_ascii_uppercase()) {
            continue;
        }
        let before = &document[..whole.start()];
        let clause_start = before
            .rfind(|ch: char| ",;:.、。，；：\n(（".contains(ch))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let clause = &before[clause_start..];
        let words: Vec<&str> = clause.split_whitespace().collect();
        let lead: String = if words.len() > 1 {
            words[words.len().saturating_sub(6)..].join(" ")
        } else {
            let chars: Vec<char> = clause.chars().collect();
            chars[chars.len().saturating_sub(20)..].iter().collect()
        };
        let lower = lead.to_lowercase();
        let treatment = TREATMENT_WORDS.iter().any(|w| lower.contains(w));
        out.push(Definition {
            name: abbr.to_string(),
            treatment,
        });
    }
    out
}

/// Pairs of names set against each other as allocated or given treatments (`randomized to
/// receive X or Y`, `treated with X or Y`): each side one word, with the short name defined
/// for it in a bracket after it where the document defines one (`nolatrexed (NOL)`).
fn allocated_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let name = format!(r"[A-Za-z][\w-]*(?:\s*[(（]\s*(?:{SHORT_NAME})\s*[)）])?");
        Regex::new(&format!(
            r"(?i:{allocating}|\b(?:treated|managed|receiv(?:e|ed|ing))\b)\s+(?:to\s+(?:receive\s+)?|with\s+)?(?:either\s+)?(?:(?:a|an|the)\s+)?(?P<x>{name})\s*,?\s+(?:or|versus|vs\.?)\s+(?:(?:a|an|the)\s+)?(?P<y>{name})",
            allocating = cues::ALLOCATING_VERBS
        ))
        .expect("the allocation's pattern is valid")
    })
}

/// Is the word `name` (one side of [`allocated_pattern`], its bracket taken off) a
/// treatment's own name: a short name the document defines, a name printed with capitals (a
/// brand or a code: `Veklury`, `TMP-SMX`), or a drug's nonproprietary name (its WHO INN
/// stem)? A common word given (`surgery`, `standard`) is none.
fn names_a_treatment(name: &str, defined: &[Definition]) -> bool {
    static INN: OnceLock<Regex> = OnceLock::new();
    let inn = INN.get_or_init(|| {
        Regex::new(&format!(r"^(?i:[a-z]{{3,}}(?:{}))$", cues::INN_STEMS))
            .expect("the drug name's pattern is valid")
    });
    defined.iter().any(|d| d.name == name)
        || (name.chars().count() >= 2
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && !cues::is_control(name))
        || inn.is_match(name)
}

/// Pairs of short names set against each other in a comparison (`X versus Y`, `X compared
/// with Y`, `X may be superior to Y`, `between X and Y`, `XとYの…を…比較`).
fn compared_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(
            r"(?x)
            (?:\bbetween\s+)(?P<bx>{SHORT_NAME})\s+and\s+(?P<by>{SHORT_NAME})\b
          | (?P<cx>{SHORT_NAME})\s+(?:versus|vs\.?|(?:was\s+|were\s+)?compared\s+(?:with|to)|(?:may\s+be\s+|was\s+|is\s+)?(?:non-?inferior|superior|inferior)\s+to)\s+(?P<cy>{SHORT_NAME})\b
          | (?P<jx>{SHORT_NAME})(?:と|および|及び)(?P<jy>{SHORT_NAME})(?:の[^。]{{0,40}}?)?を[^。]{{0,20}}?比較
            "
        ))
        .expect("the comparison's pattern is valid")
    })
}

/// The short name inside a side of [`allocated_pattern`] (`NOL` of `nolatrexed (NOL)`), or
/// the side itself; and the word the bracket stands after (`nolatrexed`), which names the
/// same arm where the results print it instead.
fn names_of(side: &str) -> (&str, Option<&str>) {
    match side.find(['(', '（']) {
        Some(open) => (
            side[open..]
                .trim_start_matches(['(', '（'])
                .trim_end_matches([')', '）'])
                .trim(),
            Some(side[..open].trim()),
        ),
        None => (side.trim(), None),
    }
}

/// The names (short, and the long word each stands for) of the arms `document` declares by
/// what it gives them (see the module doc), a comparator beside them left out.
pub(super) fn arms_declared_by_treatment(document: &str) -> Vec<String> {
    let defined = definitions(document);
    let definition = |name: &str| defined.iter().find(|d| d.name == name);
    let mut names: Vec<&str> = Vec::new();
    for c in allocated_pattern().captures_iter(document) {
        let sides = ["x", "y"].map(|side| {
            let m = c.name(side).expect("a side");
            let (name, long) = names_of(m.as_str());
            // A comparator (`placebo`, `usual care`) is a group of its own already: it
            // stands beside a treatment without being declared again.
            let comparator = cues::groups(&document[m.start()..])
                .first()
                .is_some_and(|p| p.start == 0 && cues::is_control(&p.text));
            (name, long, comparator)
        });
        let [(x, _, x_comparator), (y, _, y_comparator)] = sides;
        let named = |n: &str, comparator: bool| comparator || names_a_treatment(n, &defined);
        if x == y
            || (x_comparator && y_comparator)
            || !named(x, x_comparator)
            || !named(y, y_comparator)
        {
            continue;
        }
        for (name, long, comparator) in sides {
            if !comparator {
                names.extend(std::iter::once(name).chain(long));
            }
        }
    }
    for c in compared_pattern().captures_iter(document) {
        let pair = [("bx", "by"), ("cx", "cy"), ("jx", "jy")]
            .into_iter()
            .find_map(|(a, b)| Some((c.name(a)?.as_str(), c.name(b)?.as_str())));
        let Some((x, y)) = pair else { continue };
        let treated = |n: &str| definition(n).is_some_and(|d| d.treatment);
        if x != y && treated(x) && treated(y) {
            names.extend([x, y]);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_printed_with_a_declared_name_are_that_arms() {
        // Made-up numbers: no group noun anywhere; each value names its arm by the treatment.
        let (_, s) = crate::draft::structure::read_text(
            "Patients were randomly assigned to receive zanotrexed (ZAN) or epirubicin (EPI). \
             Pain was 4.1 ± 1.2 for ZAN and 5.0 ± 1.3 for EPI.",
        );
        assert_eq!(s.measures.len(), 1, "{s:?}");
        assert_eq!(
            crate::draft::structure::cells_of(&s, 0),
            [("zan", "-"), ("epi", "-")].map(|(g, t)| (g.to_string(), t.to_string()))
        );
        // Each declared name printed with its n gives its arm that n.
        let (items, s) = crate::draft::structure::read_text(
            "Patients were randomly assigned to receive zanotrexed (ZAN) or epirubicin (EPI). \
             In the analysis, ZAN (n = 222) and EPI (n = 223) were compared.",
        );
        let ns: Vec<(&str, &str)> = s
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.n.map_or("", |j| items[j].text.as_str())))
            .collect();
        assert_eq!(ns, [("ZAN", "n = 222"), ("EPI", "n = 223")]);
        // Japanese: the names before their values, with the particles of a topic.
        let (_, s) = crate::draft::structure::read_text(
            "ブピバカインの持続投与(以下,B法)から単回投与(以下,S法)に変更した。B法とS法の鎮痛を比較検討した。\
             使用回数はB法では1.4±0.1回,S法は0.7±0.1回であった。",
        );
        assert_eq!(s.measures.len(), 1, "{s:?}");
        assert_eq!(s.measures[0].shape, crate::draft::structure::Shape::Arms);
    }

    #[test]
    fn arms_allocated_by_their_defined_short_names_are_declared() {
        // Made-up, in an oncology abstract's form.
        let text = "patients treated with zanotrexed (ZAN) or epirubicin (EPI). Patients \
                    were randomly assigned to receive ZAN or EPI. Median overall survival (OS) \
                    was 20 weeks for ZAN and 30 weeks for EPI.";
        assert_eq!(
            arms_declared_by_treatment(text),
            ["ZAN", "zanotrexed", "EPI", "epirubicin"]
        );
    }

    #[test]
    fn a_brand_or_a_drug_allocated_beside_a_comparator_or_another_is_declared() {
        // Made-up sentences in the forms of registry and abstract pages.
        assert_eq!(
            arms_declared_by_treatment("Adults were randomized to receive Zalvexa or placebo."),
            ["Zalvexa"]
        );
        assert_eq!(
            arms_declared_by_treatment("eyes were randomized to either tafluprost or timolol."),
            ["tafluprost", "timolol"]
        );
        // Common words given name no arm of their own.
        assert!(
            arms_declared_by_treatment("patients treated with surgery or observation").is_empty()
        );
        assert!(arms_declared_by_treatment("randomized to placebo or usual care").is_empty());
    }

    #[test]
    fn methods_compared_in_japanese_are_declared() {
        // Made-up, in a Japanese abstract's form.
        let text = "ブピバカインの持続投与(以下,B法)から単回投与(以下,S法)に変更した.\
                    B法とS法の鎮痛を比較検討した.";
        assert_eq!(arms_declared_by_treatment(text), ["B法", "S法"]);
    }

    #[test]
    fn measures_compared_are_no_arms() {
        // Made-up: two outcomes defined and set against each other name no treatment.
        let text = "Overall survival (OS) was compared with progression-free survival (PFS). \
                    OS versus PFS: 12 versus 6 months.";
        assert!(arms_declared_by_treatment(text).is_empty());
    }

    #[test]
    fn a_method_compared_to_another_is_declared() {
        // Made-up, in an English abstract's form.
        let text = "changed to continuous infusion of morphine (M-method), then to oral \
                    administration of tramadol (T-method). T-method may be superior to M-method.";
        assert_eq!(arms_declared_by_treatment(text), ["T-method", "M-method"]);
    }
}
