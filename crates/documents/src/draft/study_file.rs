//! The drafted study file: every item as the right kind of entry of the `data/` format
//! (`data/README.md`), with its sentence as the quote and its heading and line as the place.
//!
//! The draft loads as it is (`trialstats show FILE.toml`): what a person must decide is a
//! valid placeholder, marked `review`, never a guess.
//! - labels and units the text does not give: `"review"` (the word after a number is kept in
//!   the unit when there is one: `"review: 名"`);
//! - what ± means: `"not reported"`, unless the sentence says SD or SE;
//! - which time point each mean is (`when = "review: …"`), the direction of a measure
//!   (drafted `"lower is better"` and listed in the notes), its claim (`"not reported"`);
//! - numbers no recogniser classified: `[[facts]]` whose note starts with `unclassified`.
//!
//! Entries: two or more mean ± spread in one sentence → a `[[measures]]` with one time point
//! each; a single mean ± spread, a median with its IQR or range, a CI → `[[facts]]` (one per
//! number, their ids sharing a stem); `x of n` → two facts, the count's `of` naming the whole;
//! a percentage, n, p, rate or other number → a fact (a p's `<` or `>` as `bound`); a test
//! statistic → `[[tests]]`; a date → `[[dates]]`. Numbers are written as printed (`3.0`,
//! `.04`), in ASCII digits with a `-` for a minus; how the document printed one otherwise
//! (U+2212, full-width, a thousands separator) is said in its note, as the format asks.

use super::structure::{Cell, Measure, Shape, ShareWhole, Structure, read_structure};
use super::{Bound, Item, ItemKind, Printed, Sentences, cues};
use crate::reported::ReportedNumber;

/// What the draft needs besides the items.
#[derive(Debug, Clone)]
pub struct DraftOptions {
    /// The study id (`[a-z0-9-]+`; the file stem the draft is saved under).
    pub id: String,
    /// The source document's file name.
    pub source_file: String,
}

/// A measure's name as a table's row label prints it, without the cell's closing `|` (a table
/// copied a cell a line) and the footnote mark it carries (`変化量b)`, `Change†`): the mark
/// points to the legend, which the structure has read; a chart's title needs only the name.
fn name_without_marks(label: &str) -> &str {
    let l = label.trim().trim_end_matches(['|', ' ']);
    // A name read after its group's (`新規群の平均眼圧`) may keep the particle that joined
    // them: `の` before a kanji or katakana word is no part of the name (`のど` is a word).
    let l = match l.strip_prefix('の') {
        Some(rest)
            if rest.chars().next().is_some_and(
                |c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{30a0}'..='\u{30ff}'),
            ) =>
        {
            rest
        }
        _ => l,
    };
    let l = l.trim_end_matches(['*', '†', '‡', '§', '¶']);
    let mut rev = l.chars().rev();
    // A `)` that closes a bracket the label opened (`Alcohol intake (g/d)`) is the unit's,
    // no mark's.
    let closes_a_bracket = l.matches(['(', '（']).count() >= l.matches([')', '）']).count();
    match (rev.next(), rev.next(), rev.next()) {
        (Some(')'), Some(m), before)
            if m.is_ascii_lowercase()
                && !closes_a_bracket
                && before.is_some_and(|b| !b.is_ascii_alphabetic() && b != '(') =>
        {
            l[..l.len() - 2].trim_end()
        }
        _ => l,
    }
}

/// A TOML string.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A number as the `data/` format writes it: as printed when the format reads it so (`3.0`,
/// `.04`, `-6.35`), else its plain decimal (`11455` for `11,455`, `0.000016` for `1.6e-5`).
fn value(p: &Printed) -> String {
    // A sign printed as `+14.7` (or `+ 20`, set apart) is written 14.7: the format has no
    // plus sign (the note keeps how it was printed).
    let text = p.number.text.trim_start_matches('+').trim_start();
    if ReportedNumber::parse(text, "draft").is_ok() {
        text.to_string()
    } else {
        p.number.plain.trim_start_matches('+').to_string()
    }
}

struct Writer<'a> {
    doc: &'a Sentences<'a>,
    out: String,
    next: std::collections::HashMap<&'static str, usize>,
    counts: std::collections::BTreeMap<&'static str, usize>,
    /// Notes from the structure for items drafted one by one.
    pending_notes: std::collections::HashMap<usize, Vec<String>>,
    /// Items of kind n written as an arm's or a measure's n (not drafted again as facts).
    n_written: std::collections::HashSet<usize>,
    /// What ± is for a value drafted alone, where its measure (or the document) says it.
    pending_spread: std::collections::HashMap<usize, &'static str>,
    /// The ids given to measures and arm measures so far.
    measure_ids: std::collections::HashSet<String>,
    /// What each share the structure read is of, by its item: the event or outcome the text
    /// prints before it and its group (`咽頭炎 (ツルバダ配合錠投与群)`), so a share drafted
    /// alone, and the chart row drawn from it, says which it is.
    share_names: std::collections::HashMap<usize, String>,
}

impl Writer<'_> {
    /// A measure the file does not write as one: each value alone, with what the text says
    /// about it, written with the single facts.
    fn hold_as_single_facts(&mut self, m: &Measure, structure: &Structure, items: &[Item]) {
        for c in &m.cells {
            let mut notes = items[c.item].notes.clone();
            if let Some((kind, _)) = &m.spread_label {
                self.pending_spread.insert(c.item, kind);
                // What the measure's label, table or document says ± is stands in the
                // cell's notes; the sentence's own silence on it is no longer the news.
                notes.retain(|n| !n.starts_with("the text does not say what the spread is"));
            }
            notes.extend(cell_notes(c, m, structure, items));
            notes.extend(m.beside_its_means.clone());
            self.pending_notes.insert(c.item, notes);
        }
    }

    fn id(&mut self, stem: &'static str) -> String {
        let n = self.next.entry(stem).or_insert(0);
        *n += 1;
        format!("{stem}_{n}")
    }

    fn provenance(&mut self, item: &Item) {
        let place = self.doc.place(item.sentence);
        self.out.push_str(&format!(
            "quote = {}\nwhere = {}\n",
            q(&item.quote),
            q(&place)
        ));
    }

    #[allow(clippy::too_many_arguments)]
    fn fact(
        &mut self,
        id: &str,
        label: &str,
        number: &Printed,
        bound: Option<Bound>,
        unit: &str,
        of: Option<&str>,
        notes: &[String],
        item: &Item,
    ) {
        // A number the study file cannot hold (more than 18 digits: an identifier the rules
        // of what is not data missed) is left out, so the draft always loads.
        if ReportedNumber::parse(&value(number), "value").is_err() {
            return;
        }
        *self.counts.entry("facts").or_insert(0) += 1;
        self.out.push_str("\n[[facts]]\n");
        self.out.push_str(&format!("id = {}\n", q(id)));
        self.out.push_str(&format!("label = {}\n", q(label)));
        self.out
            .push_str(&format!("value = {}\n", q(&value(number))));
        if let Some(b) = bound {
            self.out.push_str(&format!("bound = {}\n", q(b.as_str())));
        }
        self.out.push_str(&format!("unit = {}\n", q(unit)));
        if let Some(of) = of {
            self.out.push_str(&format!("of = {}\n", q(of)));
        }
        let mut all: Vec<String> = notes.to_vec();
        if let Some(p) = number.printing_note() {
            if !all.contains(&p) {
                all.push(p);
            }
        }
        all.push(format!(
            "drafted from '{}'",
            crate::text::plain::lines_joined(&item.text)
        ));
        self.out
            .push_str(&format!("note = {}\n", q(&all.join("; "))));
        self.provenance(item);
    }

    fn unit_of(item: &Item) -> String {
        match &item.parts.unit {
            Some(u) if !u.is_empty() => format!("review: {u}"),
            _ => "review".to_string(),
        }
    }
}

/// The draft of a study file from a document and its items.
///
/// ```
/// use std::path::Path;
/// use trialstats_documents::draft::read_document;
/// use trialstats_documents::draft::sentences::Sentences;
/// use trialstats_documents::draft::study_file::{DraftOptions, draft_study};
/// use trialstats_documents::study::load_str;
/// // A before/after sentence: the draft is a study file that loads, with the quote kept and
/// // the text's "from … to" as the measure's two time points.
/// let text = "In the 12 patients, QMG improved from 14.2 ± 3.1 to 9.8 ± 2.7 (p = 0.004).";
/// let doc = Sentences::new(text);
/// let options = DraftOptions { id: "qmg".into(), source_file: "qmg.txt".into() };
/// let toml = draft_study(&doc, &read_document(&doc), &options);
/// let study = load_str(&toml, Path::new("qmg.toml"))?;
/// let means: Vec<_> = study.measures[0].timepoints.iter().map(|t| t.mean.value().unwrap().text.clone()).collect();
/// assert_eq!(means, ["14.2", "9.8"]);
/// assert!(toml.contains(text));
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
///
/// ```
/// use std::path::Path;
/// use trialstats_documents::draft::study_file::{draft_study, DraftOptions};
/// use trialstats_documents::draft::{read_document, Sentences};
/// use trialstats_documents::study::{load_str, SpreadKind};
/// // A before/after sentence drafts one measure with two time points, the numbers as printed
/// // and ± read as the SD the sentence names; the draft loads as it is.
/// let doc = Sentences::new("EDSS improved from 5.1 ± 1.7 to 4.1 ± 1.6 (mean ± SD).");
/// let options = DraftOptions { id: "edss-note".into(), source_file: "edss-note.txt".into() };
/// let toml = draft_study(&doc, &read_document(&doc), &options);
/// let study = load_str(&toml, Path::new("edss-note.toml"))?;
/// let edss = &study.measures[0];
/// let means: Vec<&str> = edss.timepoints.iter().map(|t| t.mean.value().unwrap().text.as_str()).collect();
/// assert_eq!(means, ["5.1", "4.1"]);
/// assert_eq!(edss.dispersion, SpreadKind::Sd);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
///
/// ```
/// use trialstats_documents::draft::study_file::{draft_study, DraftOptions};
/// use trialstats_documents::draft::{read_document, Sentences};
/// // "5 of 7 patients (71%)": the count's fact names the whole it is of; what a person must
/// // decide (the label, the unit) is marked "review", never guessed.
/// let doc = Sentences::new("5 of 7 patients (71%) were relapse-free.");
/// let options = DraftOptions { id: "nmo".into(), source_file: "nmo.txt".into() };
/// let toml = draft_study(&doc, &read_document(&doc), &options);
/// assert!(toml.contains("value = \"5\"") && toml.contains("value = \"7\"") && toml.contains("value = \"71\""));
/// assert!(toml.contains("of = ") && toml.contains("\"review"));
/// ```
pub fn draft_study(doc: &Sentences, items: &[Item], options: &DraftOptions) -> String {
    write_study(doc, items, &read_structure(doc, items), options)
}

/// The study file of items whose structure is already read (what [`draft_study`] writes).
pub(crate) fn write_study(
    doc: &Sentences,
    items: &[Item],
    structure: &Structure,
    options: &DraftOptions,
) -> String {
    let mut w = Writer {
        doc,
        out: String::new(),
        next: Default::default(),
        counts: Default::default(),
        pending_notes: Default::default(),
        n_written: Default::default(),
        pending_spread: Default::default(),
        measure_ids: Default::default(),
        share_names: share_names(structure),
    };
    let arms = StudyArms::of(structure, items, doc.original);
    arms.write(&mut w, structure, items);
    let mut written = vec![false; items.len()];
    for (mi, m) in structure.measures.iter().enumerate() {
        let written_as_structure = match m.shape {
            Shape::TimeCourse => {
                w.time_course(m, structure, items);
                true
            }
            // Medians beside their outcome's printed means stay facts (see
            // `Measure::beside_its_means`).
            Shape::Arms => {
                m.beside_its_means.is_none()
                    && arms.covers(m)
                    && w.arm_measure(mi, m, items, structure, &arms)
            }
            Shape::Single => false,
        };
        if written_as_structure {
            for c in &m.cells {
                written[c.item] = true;
            }
            // A comparison among three arms or more names no pair the file can hold: its
            // numbers stay facts, never dropped.
            if m.shape == Shape::TimeCourse || Writer::writes_arms_comparison(m, items) {
                for j in m.comparison.items() {
                    written[j] = true;
                }
            }
        } else {
            w.hold_as_single_facts(m, structure, items);
        }
    }
    // Each arm's share of one outcome, as people with it out of the arm's n: the shares'
    // own facts are written too (below), each percentage with what the text prints of it.
    for m in &structure.shares {
        if m.shape == Shape::Arms && arms.covers(m) {
            w.arm_count(m, items, &arms);
        }
    }
    for (j, item) in items.iter().enumerate() {
        if written[j] || w.n_written.contains(&j) {
            continue;
        }
        let mut it = item.clone();
        if let Some(notes) = w.pending_notes.remove(&j) {
            it.notes = notes;
            it.parts.spread_label = it.parts.spread_label.or(w.pending_spread.get(&j).copied());
        }
        // A value that names no spread takes the one the document states for all of its ±
        // (as the structure's measures do), said in its note.
        if let (ItemKind::MeanSpread, None, Some((kind, line))) =
            (it.kind, it.parts.spread_label, structure.document_spread)
        {
            it.parts.spread_label = Some(kind);
            it.notes
                .retain(|n| !n.starts_with("the text does not say what the spread is"));
            it.notes.push(format!(
                "the document says ± is {kind} (line {line}) and names no other spread; check it applies here"
            ));
        }
        let share = w.share_names.get(&j).cloned();
        draft_one(&mut w, &it, share.as_deref());
    }
    let body = std::mem::take(&mut w.out);
    study_head(items, options) + &body
}

/// The study file's head: its id and source, the placeholders a person fills in, and the
/// notes on what the draft decided and what it leaves for review.
fn study_head(items: &[Item], options: &DraftOptions) -> String {
    let unclassified = items.iter().filter(|i| i.kind == ItemKind::Number).count();
    let mut notes = vec![
        "Drafted by `trialstats draft`: review every field marked 'review' (title, document, labels, units, time points) before use.".to_string(),
        "What ± means stays 'not reported' unless the sentence says SD or SE; each measure's direction is drafted as 'lower is better' and its claim as 'not reported' unless the clause of its values says it in words ('有意に低下', 'but not significantly'): decide both from the text.".to_string(),
        "Arms, measures and time points are drafted only where the text decides them (each value names its group or time point, a transition `from A to B`, a table's columns); the evidence is in each entry's note. Values the text leaves open are single facts marked 'review': nothing pairs them until a person moves them into [[measures]] or [[arm_measures]].".to_string(),
    ];
    if unclassified > 0 {
        notes.push(format!(
            "{unclassified} number(s) could not be classified: [[facts]] whose note starts with 'unclassified'; say what each is, or delete it if it is not data (data/README.md: contact details, dates of issue, numbers inside names)."
        ));
    }
    let mut head = String::new();
    head.push_str(&format!(
        "# Drafted by `trialstats draft` from {}: every number found, with the sentence it stands\n# in. Fields marked \"review\" are placeholders that load as they are; see `notes`.\n",
        options.source_file
    ));
    head.push_str("schema = 1\n");
    head.push_str(&format!("id = {}\n", q(&options.id)));
    head.push_str("title = \"review\"\n");
    head.push_str(&format!("source_file = {}\n", q(&options.source_file)));
    head.push_str("document = \"review\"\n");
    head.push_str("publication = { title = \"not reported\", journal = \"not reported\", date = \"not reported\", doi = \"not reported\" }\n");
    head.push_str("design = \"review\"\npopulation = \"review\"\nintervention = \"review\"\n");
    head.push_str("notes = [\n");
    for n in &notes {
        head.push_str(&format!("  {},\n", q(n)));
    }
    head.push_str("]\n");
    head
}

/// The name of every share the structure read, by its item: its label (the event or outcome
/// printed before it, or its table row's stub) and its group's label, where the structure
/// found either. Safety sections print one share per event and arm (`咽頭炎6%(70/1,251例)`,
/// `Nausea 3 (6)`); the event, not the sentence's subject, says what the share is of, and
/// a share without its event and arm cannot be told from the next one.
fn share_names(s: &Structure) -> std::collections::HashMap<usize, String> {
    let mut out = std::collections::HashMap::new();
    for m in &s.shares {
        let label = m
            .label
            .as_deref()
            .map(|l| crate::draft::table::without_count_percent(name_without_marks(l)))
            .filter(|l| !l.is_empty());
        for c in &m.cells {
            let group = c
                .group
                .and_then(|g| s.groups.get(g))
                .map(|g| g.label.as_str());
            let name = match (label, group) {
                (Some(l), Some(g)) => format!("{l} ({g})"),
                (Some(l), None) => l.to_string(),
                (None, Some(g)) => format!("… ({g})"),
                (None, None) => continue,
            };
            out.insert(c.item, name);
        }
    }
    out
}

/// Writes one item the structure did not write: its entry or entries, by its kind.
/// `share`: what the structure read a share to be of (see [`share_names`]).
fn draft_one(w: &mut Writer, item: &Item, share: Option<&str>) {
    match item.kind {
        ItemKind::MeanSpread => draft_mean_spread(w, item),
        ItemKind::MedianIqr | ItemKind::MedianRange => draft_median(w, item),
        ItemKind::CountOf => draft_count_of(w, item, share),
        ItemKind::Percent => draft_percent(w, item, share),
        ItemKind::P => draft_p(w, item),
        ItemKind::Ci => draft_ci(w, item),
        ItemKind::N
        | ItemKind::Rate
        | ItemKind::Ratio
        | ItemKind::PercentChange
        | ItemKind::Number => draft_single_value(w, item),
        ItemKind::TestStatistic => draft_test(w, item),
        ItemKind::Date => draft_date(w, item),
    }
}

/// Writes a mean ± spread as two facts, `…_mean` and `…_spread`, sharing a stem.
fn draft_mean_spread(w: &mut Writer, item: &Item) {
    let notes = &item.notes;
    let p = &item.parts;
    let stem = w.id("mean_spread");
    let (Some(mean), Some(spread)) = (&p.mean, &p.spread) else {
        return;
    };
    let mut n = notes.clone();
    if let Some(count) = &p.n {
        n.push(format!("n = {} printed with it", count.number.text));
    }
    let spread_label = match p.spread_label {
        Some(l) => format!("± ({l}) of "),
        None => "± (meaning not stated) of ".to_string(),
    };
    w.fact(
        &format!("{stem}_mean"),
        "review: mean of …",
        mean,
        None,
        "review",
        None,
        &n,
        item,
    );
    w.fact(
        &format!("{stem}_spread"),
        &format!("review: {spread_label}…"),
        spread,
        None,
        "review",
        None,
        &n,
        item,
    );
}

/// Writes a median with its IQR or range as a fact for each number printed.
fn draft_median(w: &mut Writer, item: &Item) {
    let notes = &item.notes;
    let p = &item.parts;
    let stem = w.id("median");
    let what = if item.kind == ItemKind::MedianIqr {
        ("lower quartile", "upper quartile")
    } else {
        ("minimum", "maximum")
    };
    for (suffix, label, number) in [
        ("median", "review: median of …", &p.median),
        ("lower", what.0, &p.lower),
        ("upper", what.1, &p.upper),
    ] {
        if let Some(number) = number {
            let label = if suffix == "median" {
                label.to_string()
            } else {
                format!("review: {label} of …")
            };
            w.fact(
                &format!("{stem}_{suffix}"),
                &label,
                number,
                None,
                "review",
                None,
                notes,
                item,
            );
        }
    }
}

/// Writes `x of n` as two facts: the whole, and the count whose `of` names it.
fn draft_count_of(w: &mut Writer, item: &Item, share: Option<&str>) {
    let p = &item.parts;
    let stem = w.id("count");
    let (Some(count), Some(of)) = (&p.count, &p.of) else {
        return;
    };
    let whole = format!("{stem}_of");
    // A count of the research's own units (`one of two pivotal trials`, `12 of 39 sites`) is
    // no share of people: two facts in its unit, the count not written as of the whole (so
    // no analysis takes it for a proportion of patients).
    let after = item
        .quote
        .find(item.text.as_str())
        .map_or("", |at| &item.quote[at + item.text.len()..]);
    if let Some(unit) = super::count::research_unit_counted(&item.text, after) {
        let mut notes = item.notes.clone();
        notes.push(format!(
            "a count of {unit}, not of people: not written as a share of the whole"
        ));
        for (id, label, number) in [
            (&whole, "review: the whole (denominator)", of),
            (&stem, "review: how many of them", count),
        ] {
            w.fact(id, label, number, None, &unit, None, &notes, item);
        }
        return;
    }
    write_count_of_whole(w, (&stem, &whole), (count, of), item, share);
}

/// Writes a count and the whole it is of as two facts, `ids.1` for the whole and `ids.0` for
/// the count (whose `of` names the whole, so `check` tests the count against it). The count's
/// label names what it is of where the structure read it (`share`); else its line, so two
/// shares (and their rows on a chart) are told apart.
fn write_count_of_whole(
    w: &mut Writer,
    (count_id, whole_id): (&str, &str),
    (count, of): (&Printed, &Printed),
    item: &Item,
    share: Option<&str>,
) {
    let notes = &item.notes;
    let (whole_label, count_label) = match share {
        Some(name) => (
            format!("review: the whole (denominator) of {name}"),
            format!("review: {name}"),
        ),
        None => (
            "review: the whole (denominator)".to_string(),
            format!("review: how many of them (line {})", item.line),
        ),
    };
    w.fact(
        whole_id,
        &whole_label,
        of,
        None,
        "review",
        None,
        notes,
        item,
    );
    w.fact(
        count_id,
        &count_label,
        count,
        None,
        "review",
        Some(whole_id),
        notes,
        item,
    );
}

/// Writes a percentage as a fact, with its count and whole when printed with it.
fn draft_percent(w: &mut Writer, item: &Item, share: Option<&str>) {
    let notes = &item.notes;
    let p = &item.parts;
    let stem = w.id("percent");
    let Some(v) = &p.value else { return };
    let whole = format!("{stem}_of");
    // `5 of 7 (80%)`: the percentage names its whole, so `check` tests it against
    // 100·k/7 for whole k (here none gives 80 %: inconsistent).
    let with_whole =
        matches!((&p.count, &p.of), (Some(c), Some(o)) if c.number.value <= o.number.value);
    let label = match share {
        Some(name) => format!("review: percentage of {name}"),
        None => "review: percentage of …".to_string(),
    };
    w.fact(
        &stem,
        &label,
        v,
        p.bound,
        "percent",
        with_whole.then_some(whole.as_str()),
        notes,
        item,
    );
    if let (Some(count), Some(of)) = (&p.count, &p.of) {
        if with_whole {
            write_count_of_whole(
                w,
                (&format!("{stem}_count"), &whole),
                (count, of),
                item,
                share,
            );
        }
    }
}

/// Writes a p-value as a fact, a printed `<` or `>` as its bound.
fn draft_p(w: &mut Writer, item: &Item) {
    let notes = &item.notes;
    let p = &item.parts;
    let stem = w.id("p");
    let Some(v) = &p.value else { return };
    let bound = match p.relation {
        Some("<") => Some(Bound::AtMost),
        Some(">") => Some(Bound::AtLeast),
        _ => None,
    };
    let mut n = notes.clone();
    if bound.is_some() {
        // `P <= .01`, `p≦0.05`: the printed bound includes its value; `<` excludes it.
        let inclusive = item.text.contains(['≤', '≦', '≥', '≧'])
            || item.text.contains("<=")
            || item.text.contains(">=");
        let (relation, kind) = match (p.relation, inclusive) {
            (Some("<"), true) => ("≤", "a bound that includes its value"),
            (Some(">"), true) => ("≥", "a bound that includes its value"),
            (r, _) => (r.unwrap_or("="), "a strict bound"),
        };
        n.push(format!("printed p {relation} {} ({kind})", v.number.text));
    }
    w.fact(
        &stem,
        "review: p-value of …",
        v,
        bound,
        "p-value",
        None,
        &n,
        item,
    );
}

/// Writes a confidence interval as a fact for each end printed, naming its level.
fn draft_ci(w: &mut Writer, item: &Item) {
    let notes = &item.notes;
    let p = &item.parts;
    let stem = w.id("ci");
    let level = p
        .level
        .as_ref()
        .map_or("level not printed".to_string(), |l| {
            format!("{}% CI", l.number.text)
        });
    for (suffix, number) in [("lower", &p.lower), ("upper", &p.upper)] {
        if let Some(number) = number {
            w.fact(
                &format!("{stem}_{suffix}"),
                &format!("review: {suffix} end of the {level} of …"),
                number,
                None,
                "review",
                None,
                notes,
                item,
            );
        }
    }
}

/// Writes an item of one value (an n, rate, ratio, percent change or other number) as one
/// fact, with the label and unit its kind drafts.
fn draft_single_value(w: &mut Writer, item: &Item) {
    let p = &item.parts;
    let (stem, label, unit) = match item.kind {
        ItemKind::N => (
            "n",
            crate::study::DRAFTED_N_LABEL.to_string(),
            Writer::unit_of(item),
        ),
        ItemKind::Rate => (
            "rate",
            "review: rate of …".to_string(),
            format!(
                "review: {} per {}",
                p.unit.as_deref().unwrap_or("…"),
                p.per.as_deref().unwrap_or("…")
            ),
        ),
        ItemKind::Ratio => (
            "ratio",
            format!("review: {} of …", p.ratio.unwrap_or("ratio")),
            p.ratio.unwrap_or("ratio").to_string(),
        ),
        // Not "percent": a change is not a share between 0 and 100 and is not checked so. A
        // change printed without its sign says its way in a word (`a 15.2 percent decrease`):
        // the label keeps it, so the bare value is not taken for a rise.
        ItemKind::PercentChange => {
            let way = super::count::direction_of_change(w.doc.original, item.span[0]..item.span[1]);
            (
                "percent_change",
                match way {
                    Some("decrease") => {
                        "review: percent decrease of … (a fall printed without its sign)"
                            .to_string()
                    }
                    Some(way) => format!("review: percent {way} of …"),
                    None => "review: percent change of …".to_string(),
                },
                "percent change".to_string(),
            )
        }
        // ItemKind::Number, the only other kind drafted here.
        _ => ("number", "review".to_string(), Writer::unit_of(item)),
    };
    let stem = w.id(stem);
    let Some(v) = &p.value else { return };
    w.fact(&stem, &label, v, p.bound, &unit, None, &item.notes, item);
}

/// Writes a test statistic as a `[[tests]]` entry, as printed.
fn draft_test(w: &mut Writer, item: &Item) {
    let Some(text) = &item.parts.statistic else {
        return;
    };
    // A statistic read from a table's column (`t` over `0.72`) prints no degrees of freedom:
    // no test a `[[tests]]` entry can check, so it stays a value for review.
    if item.parts.value.is_some() {
        draft_single_value(w, item);
        return;
    }
    let id = w.id("test");
    *w.counts.entry("tests").or_insert(0) += 1;
    w.out.push_str("\n[[tests]]\n");
    w.out
        .push_str(&format!("id = {}\ntext = {}\n", q(&id), q(text)));
    w.out.push_str(&format!(
        "note = {}\n",
        q(&format!(
            "review: what this test compares; printed '{}'",
            crate::text::plain::lines_joined(&item.text)
        ))
    ));
    w.provenance(item);
}

/// Writes a date as a `[[dates]]` entry, its note saying a date of issue is not data.
fn draft_date(w: &mut Writer, item: &Item) {
    let Some(date) = &item.parts.date else {
        return;
    };
    let id = w.id("date");
    *w.counts.entry("dates").or_insert(0) += 1;
    w.out.push_str("\n[[dates]]\n");
    w.out.push_str(&format!(
        "id = {}\nlabel = \"review: what happened on this date\"\ndate = {}\n",
        q(&id),
        q(date)
    ));
    w.out.push_str(&format!(
        "note = {}\n",
        q(&format!(
            "printed '{}'; a date of issue is not data (data/README.md): delete it if it is one",
            crate::text::plain::lines_joined(&item.text)
        ))
    ));
    w.provenance(item);
}

/// The `p` of the `data/` format: as printed, a bound written `<0.001`. A p printed as zero
/// (`P=0.000`, as statistics packages round a small p) is below half a unit of its last
/// digit: the bound `<0.0005`, never an exact 0.
fn p_value(item: &Item) -> Option<String> {
    let v = item.parts.value.as_ref()?;
    Some(match item.parts.relation {
        Some(r @ ("<" | ">")) => format!("{r}{}", value(v)),
        _ if v.number.value == 0.0 => {
            let places = usize::try_from(v.number.decimals.max(0)).unwrap_or(0) + 1;
            format!("<{:.*}", places, 0.5 * 10f64.powi(-v.number.decimals))
        }
        _ => value(v),
    })
}

/// What the structure says about a value drafted on its own.
/// Every time an arm measure's cells are printed at, in the order they first stand (each a
/// key of [`cues::time_key`] and the time as printed), where every cell names its time and no
/// arm stands twice at one; `None` otherwise.
fn arm_times(m: &Measure) -> Option<Vec<(String, String)>> {
    let mut times: Vec<(String, String)> = Vec::new();
    for (_, cells) in m.arms() {
        let mut seen: Vec<String> = Vec::new();
        for c in cells {
            let t = c.time.as_deref()?;
            let key = cues::time_key(t);
            if seen.contains(&key) {
                return None;
            }
            if !times.iter().any(|(k, _)| *k == key) {
                times.push((key.clone(), t.to_string()));
            }
            seen.push(key);
        }
    }
    Some(times)
}

/// The time point (`t2`) of a measure's comparison printed on the row of one of its times
/// other than the last (a table's `Week 4 | 3.6 ± 2.4 | 4.4 ± 3.2 | −0.8 (−2.7 to 1.0) | 0.37`
/// whose `Week 8` row prints no comparison): the file reads a comparison without `timepoint`
/// as the last time's, which the document contradicts. `None` where the comparison stands on
/// the last time's row or on no row of the arms' values (a comparison row of its own), or where
/// the arms' times differ.
fn comparison_timepoint(m: &Measure, items: &[Item], at: usize) -> Option<String> {
    let line = items[at].line;
    let arms = m.arms();
    let n = arms.first()?.1.len();
    if n < 2
        || arms.iter().any(|(_, cells)| cells.len() != n)
        || arm_times(m).is_some_and(|times| times.len() != n)
    {
        return None;
    }
    // Each time on a row of its own: a table whose columns are the times prints every time
    // and the comparison on one row (`Baseline | 12 months | … | Difference in change`), and
    // its comparison is of the change or the last time, as the default says.
    let one_row_a_time = arms.iter().all(|(_, cells)| {
        cells.iter().enumerate().all(|(i, c)| {
            cells[..i]
                .iter()
                .all(|d| items[d.item].line != items[c.item].line)
        })
    });
    let k = arms[0].1.iter().position(|c| items[c.item].line == line)?;
    let same_row = arms
        .iter()
        .all(|(_, cells)| items[cells[k].item].line == line);
    (one_row_a_time && same_row && k + 1 < n).then(|| format!("t{}", k + 1))
}

/// The value is held as a single fact because the text does not decide its place: the
/// group, time and measure read near it are candidates, said as such (a reviewer following
/// them as decided would place values wrongly: `from 150±10/96±6 to 140±0/89±10 mmHg`).
fn cell_notes(c: &Cell, m: &Measure, s: &Structure, items: &[Item]) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(g) = c.group {
        notes.push(format!("unconfirmed: group {}", s.groups[g].label));
    }
    if let Some(t) = &c.time {
        notes.push(format!("unconfirmed: time point {t}"));
    }
    if let (Some(n), Some(e)) = (c.n, &c.n_evidence) {
        if let Some(v) = &items[n].parts.value {
            notes.push(format!("n = {} ({e})", v.number.plain));
        }
    }
    if let Some(l) = &m.label {
        notes.push(format!("unconfirmed: measure {l}"));
    }
    if let (None, Some((kind, why))) = (items[c.item].parts.spread_label, &m.spread_label) {
        notes.push(format!("± is {kind}: {why}"));
    }
    notes.extend(m.review.iter().map(|r| format!("review: {r}")));
    notes
}

/// The arm every pair of arms the text compares by name holds (`p=0.021 and p=0.007 for
/// respectively A vs C and B vs C` under columns `A. …`, `B. …`, `C. …`): a trial of three arms
/// or more that compares each with one of them names it the reference, whatever its words. An
/// arm answers to a pair's word where its label's first word is that word (`C. MTX …`, `C`;
/// `Group C`, `C`; `Drug X`, `drug`). `None` unless two different pairs name arms and one arm
/// alone stands in all of them.
fn compared_against_in_every_pair(
    s: &Structure,
    arms: &[(usize, String)],
    text: &str,
) -> Option<usize> {
    if arms.len() < 3 {
        return None;
    }
    let first_word = |g: usize| -> String {
        let label = s.groups[g].label.to_lowercase();
        let label = label.trim_start_matches("group ").trim_start();
        label
            .split(|c: char| c.is_whitespace() || matches!(c, '.' | ')' | ':' | ','))
            .next()
            .unwrap_or("")
            .to_string()
    };
    let arm_named = |word: &str| -> Option<usize> {
        let named: Vec<usize> = arms
            .iter()
            .map(|(g, _)| *g)
            .filter(|&g| first_word(g) == word)
            .collect();
        match named.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    };
    let mut pairs: Vec<(usize, usize)> = cues::compared_pairs(text)
        .iter()
        .filter_map(|(a, b)| Some((arm_named(a)?, arm_named(b)?)))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    if pairs.len() < 2 {
        return None;
    }
    let in_all: Vec<usize> = arms
        .iter()
        .map(|(g, _)| *g)
        .filter(|&g| pairs.iter().all(|&(a, b)| a == g || b == g))
        .collect();
    match in_all.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The arm every printed difference of two arms' means subtracts, by the numbers: where
/// `−5.0 (0.9) | −2.0 (0.9) | −3.0 (−5.5 to −0.5)` prints −3.0, which only the first minus the
/// second gives (within the rounding of the three printed numbers), the second is the arm the
/// document compares against. `None` where no such difference is printed, where one fits both
/// orders (means equal within rounding), or where two of them disagree.
fn subtracted_by_numbers(s: &Structure, items: &[Item]) -> Option<usize> {
    let mut found: Option<usize> = None;
    for m in s.measures.iter().filter(|m| m.shape == Shape::Arms) {
        // A difference printed bare (`−3.0 (−5.5 to −0.5)`), with no ± of its own.
        let bare = m
            .comparison
            .difference
            .filter(|&d| items[d].parts.value.is_some());
        let (Some(d), [a, b]) = (bare, m.cells.as_slice()) else {
            continue;
        };
        let (Some(ga), Some(gb)) = (a.group, b.group) else {
            continue;
        };
        // The one rounding rule of a difference of two printed means ([`Item::difference_of`]),
        // asked both ways: an order that both fit decides nothing.
        let (d, a, b) = (&items[d], &items[a.item], &items[b.item]);
        let subtracted = match (d.difference_of(a, b), d.difference_of(b, a)) {
            (Some(true), Some(true)) | (None, _) => continue,
            (Some(true), _) => gb,
            (Some(false), _) => ga,
        };
        if found.is_some_and(|g| g != subtracted) {
            return None;
        }
        found = Some(subtracted);
    }
    found
}

/// The arms the draft writes: the groups of every arms measure, with one control.
struct StudyArms {
    /// (group index, id), in order of first appearance.
    arms: Vec<(usize, String)>,
    control: Option<usize>,
    /// Why the control is the control, when the text does not name a comparator.
    control_note: Option<String>,
    /// Whether nothing in the text chose the control (it is the first-named arm): it is
    /// written `control = "review"`, and three arms or more are then not compared with it.
    control_open: bool,
}

impl StudyArms {
    fn of(s: &Structure, items: &[Item], text: &str) -> StudyArms {
        let mut arms: Vec<(usize, String)> = Vec::new();
        let with_arms = s.measures.iter().chain(&s.shares);
        for m in with_arms.filter(|m| m.shape == Shape::Arms) {
            for c in &m.cells {
                let Some(g) = c.group else { continue };
                if arms.iter().any(|(a, _)| *a == g) {
                    continue;
                }
                let base = crate::study::item_id_from_label(&s.groups[g].key)
                    .unwrap_or_else(|| format!("arm_{}", arms.len() + 1));
                let mut id = base.clone();
                let mut k = 2;
                while arms.iter().any(|(_, x)| *x == id) {
                    id = format!("{base}_{k}");
                    k += 1;
                }
                arms.push((g, id));
            }
        }
        let controls: Vec<usize> = arms
            .iter()
            .map(|(g, _)| *g)
            .filter(|&g| s.groups[g].control)
            .collect();
        // Where no arm is a comparator by its words, the arm a printed difference subtracts
        // (`群間差(チルゼパチド-デュラグルチド)`): the only arm whose name starts with it.
        let subtracted = || {
            cues::references_of_differences(text)
                .into_iter()
                .find_map(|b| {
                    let b = b.to_lowercase();
                    let named: Vec<usize> = arms
                        .iter()
                        .map(|(g, _)| *g)
                        .filter(|&g| s.groups[g].label.to_lowercase().starts_with(&b))
                        .collect();
                    match named.as_slice() {
                        [one] => Some((*one, b)),
                        _ => None,
                    }
                })
        };
        // Where no arm is a comparator by its words, the text's other signs in turn: the arm a
        // printed difference subtracts by its words, the arm every named pair compares with,
        // the arm the printed differences subtract by their numbers, else the first named.
        let (control, control_note, control_open) = match controls.as_slice() {
            [one] => (Some(*one), None, false),
            [first, ..] => (
                Some(*first),
                Some("review: the text names more than one comparator; this one is drafted as the control".to_string()),
                false,
            ),
            [] => {
                let (control, note, open) = subtracted()
                    .map(|(g, b)| (Some(g), format!("review: the text's difference subtracts '{b}' (printed 'A − {b}'): this arm is drafted as the control (comparisons are arm − control)")))
                    .or_else(|| {
                        compared_against_in_every_pair(s, &arms, text).map(|g| (Some(g), format!("review: every pair of arms the text compares (`… vs {}`) holds this arm: it is drafted as the control (comparisons are arm − control)", s.groups[g].label)))
                    })
                    .or_else(|| {
                        subtracted_by_numbers(s, items).map(|g| (Some(g), "review: the text names no placebo, sham, vehicle or control; its printed difference is the other arm's mean minus this arm's, so this arm is drafted as the control (comparisons are arm − control)".to_string()))
                    })
                    .map(|(g, note)| (g, note, false))
                    .unwrap_or_else(|| (arms.first().map(|(g, _)| *g), "review: the text names no placebo, sham, vehicle or control; this first-named arm is drafted as the reference (comparisons are arm − reference; with three arms or more none is made until one arm is marked `control = true`)".to_string(), true));
                (control, Some(note), open)
            }
        };
        if arms.len() < 2 {
            return StudyArms {
                arms: Vec::new(),
                control: None,
                control_note: None,
                control_open: false,
            };
        }
        StudyArms {
            arms,
            control,
            control_note,
            control_open,
        }
    }

    fn id(&self, g: usize) -> Option<&str> {
        self.arms
            .iter()
            .find(|(a, _)| *a == g)
            .map(|(_, id)| id.as_str())
    }

    /// Can the measure be written as an arm measure: every value in a written arm, the
    /// control among them, each arm with the same number of time points?
    fn covers(&self, m: &Measure) -> bool {
        let arms = m.arms();
        arms.len() >= 2
            && arms
                .iter()
                .all(|(g, _)| g.is_some_and(|g| self.id(g).is_some()))
            && arms.iter().any(|(g, _)| *g == self.control)
            && (arms.iter().all(|(_, cells)| cells.len() == arms[0].1.len())
                || arm_times(m).is_some())
    }

    fn write(&self, w: &mut Writer, s: &Structure, items: &[Item]) {
        for (g, id) in &self.arms {
            let group = &s.groups[*g];
            *w.counts.entry("arms").or_insert(0) += 1;
            w.out.push_str("\n[[arms]]\n");
            w.out
                .push_str(&format!("id = {}\nlabel = {}\n", q(id), q(&group.label)));
            let n = group
                .n
                .and_then(|j| items[j].parts.value.as_ref())
                .filter(|v| v.number.plain.parse::<u32>().is_ok_and(|n| n >= 1))
                .map(|v| v.number.plain.clone());
            w.out.push_str(&format!(
                "n = {}\n",
                n.clone().unwrap_or_else(|| q("not reported"))
            ));
            if let (Some(j), Some(_)) = (group.n, &n) {
                w.n_written.insert(j);
            }
            let control = match (Some(*g) == self.control, self.control_open) {
                (true, true) => q("review"),
                (is, _) => is.to_string(),
            };
            w.out.push_str(&format!("control = {control}\n"));
            let mut note = vec![format!(
                "drafted from the text's name for the group, '{}'",
                group.label
            )];
            if Some(*g) == self.control {
                if let Some(c) = &self.control_note {
                    note.push(c.clone());
                }
            }
            w.out.push_str(&format!("note = {}\n", q(&note.join("; "))));
            // Where the arm is first named: its n's sentence, else its first value's.
            let at = group.n.or_else(|| {
                s.measures
                    .iter()
                    .chain(&s.shares)
                    .flat_map(|m| m.cells.iter())
                    .find(|c| c.group == Some(*g))
                    .map(|c| c.item)
            });
            if let Some(j) = at {
                w.provenance(&items[j]);
            }
        }
    }
}

impl Writer<'_> {
    fn measure_id(&mut self, m: &Measure) -> String {
        let stem: &'static str = if m.shape == Shape::Arms {
            "arm_measure"
        } else {
            "measure"
        };
        let base = m
            .label
            .as_deref()
            .and_then(crate::study::item_id_from_label);
        // One count for measures and arm measures named by their label, and a check against
        // every id given: a study's ids are unique across both tables (a time course and a
        // set of arms of one measure, `VAS`, are `vas_1` and `vas_2`).
        loop {
            let id = match &base {
                Some(b) => {
                    let n = self.next.entry("labelled measure").or_insert(0);
                    *n += 1;
                    format!("{b}_{n}")
                }
                None => self.id(stem),
            };
            if self.measure_ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// The n printed in the measure's own sentence are written with it.
    fn note_ns_written(&mut self, m: &Measure, items: &[Item]) {
        for c in &m.cells {
            if let Some(j) = c.n.filter(|&j| items[j].sentence == items[c.item].sentence) {
                self.n_written.insert(j);
            }
        }
    }

    /// The ± of the measure's values, as the text labels it.
    fn dispersion(cells: &[Cell], items: &[Item]) -> &'static str {
        let labels: Vec<Option<&str>> = cells
            .iter()
            .map(|c| items[c.item].parts.spread_label)
            .collect();
        match labels.first() {
            Some(Some(l)) if labels.iter().all(|x| *x == Some(*l)) => {
                if *l == "SD" {
                    "SD"
                } else {
                    "SEM"
                }
            }
            _ => "not reported",
        }
    }

    /// A cell's summary numbers. `m` printed its values as the size of a fall where
    /// [`Measure::negated`] says so: the mean written is the change, their negative (the head's
    /// note says why).
    fn summary_fields(&mut self, c: &Cell, m: &Measure, items: &[Item]) {
        let p = &items[c.item].parts;
        match items[c.item].kind {
            ItemKind::MeanSpread => {
                if let (Some(mean), Some(spread)) = (&p.mean, &p.spread) {
                    let mut mean = value(mean);
                    if m.negated.is_some() {
                        mean.insert(0, '-');
                    }
                    self.out.push_str(&format!(
                        "mean = {}\nspread = {}\n",
                        q(&mean),
                        q(&value(spread))
                    ));
                }
            }
            ItemKind::MedianIqr | ItemKind::MedianRange => {
                let (lo, hi) = if items[c.item].kind == ItemKind::MedianIqr {
                    ("q1", "q3")
                } else {
                    ("min", "max")
                };
                if let Some(m) = &p.median {
                    self.out.push_str(&format!("median = {}\n", q(&value(m))));
                }
                if let (Some(a), Some(b)) = (&p.lower, &p.upper) {
                    self.out.push_str(&format!(
                        "{lo} = {}\n{hi} = {}\n",
                        q(&value(a)),
                        q(&value(b))
                    ));
                }
            }
            _ => {}
        }
    }

    fn when(c: &Cell, items: &[Item]) -> String {
        match &c.time {
            Some(t) => t.clone(),
            None => format!(
                "not stated: one time point (printed '{}', line {})",
                crate::text::plain::lines_joined(&items[c.item].text),
                items[c.item].line
            ),
        }
    }

    /// `group`: the one group a time course is of, which its label (and so its chart) names:
    /// a chart of the placebo group's values never reads as the drug's.
    fn measure_head(&mut self, m: &Measure, cells: &[Cell], items: &[Item], group: Option<&str>) {
        // The charts embed a Japanese font (assets/fonts): a name the text gives in Japanese
        // is the label, as an English one is.
        let mut label = match &m.label {
            Some(l) => format!("review: {}", name_without_marks(l)),
            None => "review".to_string(),
        };
        if let Some(g) = group {
            label.push_str(&format!(" ({g})"));
        }
        self.out
            .push_str(&format!("label = {}\nunit = \"review\"\n", q(&label)));
        let mut dispersion = Self::dispersion(cells, items);
        let mut whence = "the values are printed with it".to_string();
        // Medians printed with their quartiles or range have no ± to read: a table's `Mean ±
        // SD` over other rows says nothing of them.
        let medians = !cells.is_empty()
            && cells.iter().all(|c| {
                matches!(
                    items[c.item].kind,
                    ItemKind::MedianIqr | ItemKind::MedianRange
                )
            });
        if medians {
            dispersion = "not reported";
        } else if let (&"not reported", Some((kind, why))) = (&dispersion, &m.spread_label) {
            dispersion = kind;
            whence = why.clone();
        }
        self.out
            .push_str(&format!("dispersion = {}\n", q(dispersion)));
        let mut note = if medians {
            "medians printed with their quartiles or range: no ± to read".to_string()
        } else if dispersion == "not reported" {
            "review: the text does not say what ± is".to_string()
        } else {
            format!("the text labels the spread {dispersion} ({whence}); review")
        };
        note.push_str(&format!("; structure: {}", m.evidence.join("; ")));
        if let Some(why) = &m.negated {
            note.push_str(&format!("; {why}"));
        }
        for r in &m.review {
            note.push_str(&format!("; review: {r}"));
        }
        let mut printed: Vec<String> = cells
            .iter()
            .flat_map(|c| items[c.item].parts.numbers())
            .filter_map(|p| p.printing_note())
            .collect();
        printed.dedup();
        for p in printed {
            note.push_str(&format!("; {p}"));
        }
        self.out
            .push_str(&format!("dispersion_note = {}\n", q(&note)));
    }

    /// A time course the text decides: `[[measures]]` with its time points and the p of its
    /// change.
    fn time_course(&mut self, m: &Measure, structure: &Structure, items: &[Item]) {
        *self.counts.entry("measures").or_insert(0) += 1;
        let id = self.measure_id(m);
        self.out.push_str("\n[[measures]]\n");
        self.out.push_str(&format!("id = {}\n", q(&id)));
        let group = match m.arms().as_slice() {
            [(Some(g), _)] => Some(structure.groups[*g].label.as_str()),
            _ => None,
        };
        self.measure_head(m, &m.cells, items, group);
        let ns: Vec<Option<&str>> = m
            .cells
            .iter()
            .map(|c| {
                c.n.and_then(|j| items[j].parts.value.as_ref())
                    .map(|v| v.number.plain.as_str())
            })
            .collect();
        let common = match ns.first() {
            Some(Some(n))
                if ns.iter().all(|x| x == &Some(*n)) && n.parse::<u32>().is_ok_and(|v| v >= 1) =>
            {
                Some(n.to_string())
            }
            _ => None,
        };
        self.out.push_str(&format!(
            "n = {}\n",
            common.clone().unwrap_or_else(|| q("not reported"))
        ));
        self.note_ns_written(m, items);
        self.out.push_str("correlation = \"not reported\"\n");
        self.out.push_str("direction = \"lower is better\"\n");
        match self.claim_of_change(m, items) {
            Some((significant, wording)) => self.out.push_str(&format!(
                "claim = {{ significant = {significant}, wording = {} }}\n",
                q(&wording)
            )),
            None => self
                .out
                .push_str("claim = { significant = \"not reported\", wording = \"review\" }\n"),
        }
        self.provenance(&items[m.cells[0].item]);
        if let Some(p) = m.comparison.p.and_then(|j| p_value(&items[j])) {
            let j = m.comparison.p.expect("a p");
            let place = self.doc.place(items[j].sentence);
            if p.starts_with(['<', '>']) {
                // A change's p is read back into its SD, which a bound does not give: the
                // format takes an exact p only, so the bound stays in a comment.
                self.out.push_str(&format!(
                    "# the change's p is printed as a bound ({p}, {place}): it gives no SD, so it is not drafted as change.p\n"
                ));
            } else {
                self.out.push_str(&format!(
                    "change = {{ p = {}, quote = {}, where = {} }}\n",
                    q(&p),
                    q(&items[j].quote),
                    q(&place)
                ));
            }
        }
        for (k, c) in m.cells.iter().enumerate() {
            self.out.push_str("\n[[measures.timepoints]]\n");
            self.out.push_str(&format!(
                "id = \"t{}\"\nwhen = {}\n",
                k + 1,
                q(&Self::when(c, items))
            ));
            self.summary_fields(c, m, items);
            if let (Some(n), None) = (ns[k], &common) {
                if n.parse::<u32>().is_ok_and(|v| v >= 1) {
                    self.out.push_str(&format!("n = {n}\n"));
                }
            }
        }
    }

    /// What the text says in words of the significance of one group's change (`は有意に低下した`,
    /// `but not significantly`): read in the clause of its values ([`cues::claim_in_words`]).
    fn claim_of_change(&self, m: &Measure, items: &[Item]) -> Option<(bool, String)> {
        let first = &items[m.cells.first()?.item];
        let last = &items[m.cells.last()?.item];
        let text = self.doc.original;
        let opening = &self.doc.sentences.get(first.sentence)?.span;
        let closing = &self.doc.sentences.get(last.sentence)?.span;
        let after = text.get(last.span[1]..closing.end.max(last.span[1]))?;
        let before = text.get(opening.start.min(first.span[0])..first.span[0])?;
        cues::claim_in_words(after, before).map(|(yes, w)| (yes, w.to_string()))
    }

    /// Arms the text decides: `[[arm_measures]]` with each arm's time points and the
    /// document's comparison. `false` when it cannot be written so (then its values are
    /// drafted one by one).
    fn arm_measure(
        &mut self,
        _mi: usize,
        m: &Measure,
        items: &[Item],
        s: &Structure,
        arms: &StudyArms,
    ) -> bool {
        let by_arm = m.arms();
        *self.counts.entry("arm_measures").or_insert(0) += 1;
        let id = self.measure_id(m);
        self.out.push_str("\n[[arm_measures]]\n");
        self.out.push_str(&format!("id = {}\n", q(&id)));
        self.measure_head(m, &m.cells, items, None);
        let values = if m.change {
            "change from baseline"
        } else {
            "score"
        };
        self.out.push_str(&format!("values = {}\n", q(values)));
        self.note_ns_written(m, items);
        self.out.push_str("correlation = \"not reported\"\n");
        self.out.push_str("direction = \"lower is better\"\nclaim = { significant = \"not reported\", wording = \"review\" }\n");
        self.provenance(&items[m.cells[0].item]);
        for (g, cells) in &by_arm {
            let g = g.expect("covered arms have groups");
            self.arm_of_measure(g, cells, m, items, s, arms);
        }
        self.arms_comparison(m, items, &id);
        true
    }

    /// Writes the `[[arm_counts]]` of a share measure `m` (each arm's people with the outcome
    /// out of its n) where every arm prints its count, and its whole or n is known: the
    /// count as printed (`12` of `12 (30%)`, of `12/40`), the whole printed with it, else the
    /// cell's n. Nothing is written where an arm prints only a percentage: its count would be
    /// a reading of the percentage, not the document's number.
    fn arm_count(&mut self, m: &Measure, items: &[Item], arms: &StudyArms) {
        let by_arm = m.arms();
        let mut rows: Vec<(&str, String, String)> = Vec::new();
        // Where an arm's whole is none the text prints beside it (its section's sum), why.
        let mut wholes_read = Vec::new();
        for (g, cells) in &by_arm {
            let (Some(g), [c]) = (g, cells.as_slice()) else {
                return;
            };
            let p = &items[c.item].parts;
            let Some(count) = &p.count else { return };
            let whole = c
                .share_whole(items)
                .map(|(w, _)| w)
                .filter(|n| n.parse::<u32>().is_ok_and(|v| v >= 1));
            let Some(whole) = whole else { return };
            let Some(arm) = arms.id(*g) else { return };
            if let (Some(ShareWhole::SectionSum(_)), Some(why)) = (c.whole, &c.n_evidence) {
                wholes_read.push(format!("{arm}'s n: {why}"));
            }
            rows.push((arm, count.number.plain.clone(), whole));
        }
        if rows.iter().any(
            |(_, k, n)| !matches!((k.parse::<u32>(), n.parse::<u32>()), (Ok(k), Ok(n)) if k <= n),
        ) {
            return;
        }
        *self.counts.entry("arm_counts").or_insert(0) += 1;
        let id = {
            let stem = m
                .label
                .as_deref()
                .map(|l| crate::draft::table::without_count_percent(name_without_marks(l)))
                .and_then(crate::study::item_id_from_label)
                .unwrap_or_else(|| "arm_count".to_string());
            let mut k = 1;
            while !self.measure_ids.insert(format!("{stem}_{k}")) {
                k += 1;
            }
            format!("{stem}_{k}")
        };
        let label = match &m.label {
            Some(l) => format!(
                "review: {}",
                crate::draft::table::without_count_percent(name_without_marks(l))
            ),
            None => "review".to_string(),
        };
        // The time every arm's count is of, where the rows name it before the measure
        // (`28-day mortality`, `90-day mortality`: two counts of one outcome): the file's
        // counts hold no time, so the label keeps it, and the two stay told apart.
        let times: Vec<&str> = m.cells.iter().filter_map(|c| c.time.as_deref()).collect();
        let label = match times.first() {
            Some(t)
                if times.len() == m.cells.len()
                    && times.iter().all(|u| u == t)
                    && !label.contains(t) =>
            {
                format!("{label} ({t})")
            }
            _ => label,
        };
        self.out.push_str("\n[[arm_counts]]\n");
        self.out
            .push_str(&format!("id = {}\nlabel = {}\n", q(&id), q(&label)));
        self.out.push_str("direction = \"lower is better\"\n");
        self.out.push_str(&format!(
            "note = {}\n",
            q(&format!(
                "review: whether fewer is better; structure: {}{}{}",
                m.evidence.join("; "),
                wholes_read
                    .iter()
                    .map(|w| format!("; {w}"))
                    .collect::<String>(),
                m.comparison
                    .p
                    .map(|j| format!("; the document's comparison: '{}'", items[j].text.trim()))
                    .unwrap_or_default()
            ))
        ));
        self.provenance(&items[m.cells[0].item]);
        for (arm, count, whole) in rows {
            self.out.push_str("\n[[arm_counts.arms]]\n");
            self.out.push_str(&format!(
                "arm = {}\nevents = {}\nn = {whole}\n",
                q(arm),
                q(&count)
            ));
        }
    }

    /// Writes one `[[arm_measures.arms]]` of `m`: group `g`'s arm, its n where the group's
    /// differs, and its `cells` at each time point.
    fn arm_of_measure(
        &mut self,
        g: usize,
        cells: &[&Cell],
        m: &Measure,
        items: &[Item],
        s: &Structure,
        arms: &StudyArms,
    ) {
        self.out.push_str("\n[[arm_measures.arms]]\n");
        self.out.push_str(&format!(
            "arm = {}\n",
            q(arms.id(g).expect("a written arm"))
        ));
        let n = cells[0]
            .n
            .and_then(|j| items[j].parts.value.as_ref())
            .map(|v| v.number.plain.clone());
        let group_n = s.groups[g]
            .n
            .and_then(|j| items[j].parts.value.as_ref())
            .map(|v| v.number.plain.clone());
        // Written where it is not the arm's, and where the values print it themselves
        // (`5.1 ± 1.2 (n = 60)`): a measure without its own n has only its arm's, which a row
        // measuring a subset of the arm does not have (the analysis says so).
        let printed_with_values = cells[0]
            .n_evidence
            .as_deref()
            .is_some_and(|e| e.starts_with("printed with it"));
        if let Some(n) = n.as_ref().filter(|n| {
            (printed_with_values || Some(*n) != group_n.as_ref())
                && n.parse::<u32>().is_ok_and(|v| v >= 1)
        }) {
            self.out.push_str(&format!("n = {n}\n"));
        }
        // The n the arm's values are of, where a time point prints another (fewer seen at
        // a later visit: `2.31±0.45 (59)` under `Drug group (n = 60)`).
        let arm_n = n.or(group_n);
        self.arm_timepoints(m, cells, items, arm_n.as_ref());
    }

    /// Writes an arm's `[[arm_measures.arms.timepoints]]`: when, and the arm's value there
    /// with its n where it differs from `arm_n`, the arm's.
    fn arm_timepoints(
        &mut self,
        m: &Measure,
        cells: &[&Cell],
        items: &[Item],
        arm_n: Option<&String>,
    ) {
        // Each time point: when, and the arm's value there. An arm printed at fewer times
        // than another (a later visit of one arm only) lists every time, as the format
        // asks, its missing values "not reported".
        let slots: Vec<(String, Option<&Cell>)> =
            match arm_times(m).filter(|times| times.len() > cells.len()) {
                Some(times) => times
                    .into_iter()
                    .map(|(key, when)| {
                        let cell = cells
                            .iter()
                            .copied()
                            .find(|c| c.time.as_deref().map(cues::time_key).as_ref() == Some(&key));
                        (when, cell)
                    })
                    .collect(),
                None => cells
                    .iter()
                    .map(|c| (Self::when(c, items), Some(*c)))
                    .collect(),
            };
        for (k, (when, cell)) in slots.iter().enumerate() {
            self.out.push_str("\n[[arm_measures.arms.timepoints]]\n");
            self.out
                .push_str(&format!("id = \"t{}\"\nwhen = {}\n", k + 1, q(when)));
            match cell {
                Some(c) => {
                    self.summary_fields(c, m, items);
                    let own_n = c
                        .n
                        .and_then(|j| items[j].parts.value.as_ref())
                        .map(|v| v.number.plain.clone())
                        .filter(|n| n.parse::<u32>().is_ok_and(|v| v >= 1));
                    if let Some(own) = own_n.filter(|own| Some(own) != arm_n) {
                        self.out.push_str(&format!("n = {own}\n"));
                    }
                    // A row printing its own n for all the arms together: no arm's n here,
                    // never the arm's n of the whole table.
                    if let Some(why) = c.n_evidence.as_deref().filter(|_| c.n_not_printed()) {
                        self.out
                            .push_str(&format!("# {why}\nn = \"not reported\"\n"));
                    }
                }
                None => self.out.push_str(
                    "# the table prints no value of this arm at this time\nmean = \"not reported\"\nspread = \"not reported\"\n",
                ),
            }
        }
    }

    /// Writes the `[[arm_measures.comparisons]]` of the measure `id` when it has two arms
    /// and a test (a p, a CI or a difference with its spread); a difference with nothing to
    /// test it is held as a fact.
    /// Whether a test of `m`'s comparison is printed (a p, a CI, a difference with its ±).
    fn has_test(m: &Measure, items: &[Item]) -> bool {
        let c = &m.comparison;
        c.p.is_some()
            || c.ci.is_some()
            || c.difference
                .is_some_and(|j| items[j].parts.spread.is_some())
    }

    /// Whether `m`'s comparison is written as `[[arm_measures.comparisons]]`: a test of two
    /// arms (the file's comparison is an arm against the control).
    fn writes_arms_comparison(m: &Measure, items: &[Item]) -> bool {
        m.shape == Shape::Arms && m.arms().len() == 2 && Self::has_test(m, items)
    }

    fn arms_comparison(&mut self, m: &Measure, items: &[Item], id: &str) {
        let c = &m.comparison;
        let has_test = Self::has_test(m, items);
        if Self::writes_arms_comparison(m, items) {
            self.out.push_str("\n[[arm_measures.comparisons]]\n");
            let at = c.p.or(c.ci).or(c.difference).expect("a test");
            if let Some(t) = comparison_timepoint(m, items, at) {
                self.out.push_str(&format!("timepoint = \"{t}\"\n"));
            }
            if let Some(j) = c.difference {
                let p = &items[j].parts;
                if let Some(v) = p.value.as_ref().or(p.mean.as_ref()) {
                    self.out
                        .push_str(&format!("difference = {}\n", q(&value(v))));
                }
                if let Some(sp) = &p.spread {
                    self.out.push_str(&format!("spread = {}\n", q(&value(sp))));
                }
            }
            if let Some(j) = c.ci {
                let p = &items[j].parts;
                if let (Some(a), Some(b)) = (&p.lower, &p.upper) {
                    self.out.push_str(&format!(
                        "ci_lower = {}\nci_upper = {}\n",
                        q(&value(a)),
                        q(&value(b))
                    ));
                    if let Some(l) = p
                        .level
                        .as_ref()
                        .and_then(|l| l.number.plain.parse::<f64>().ok())
                    {
                        if l > 0.0 && l < 100.0 {
                            self.out.push_str(&format!("level = {}\n", l / 100.0));
                        }
                    }
                }
            }
            if let Some(p) = c.p.and_then(|j| p_value(&items[j])) {
                self.out.push_str(&format!("p = {}\n", q(&p)));
            }
            let at = c.p.or(c.ci).or(c.difference).expect("a test");
            self.out.push_str("adjusted = \"not reported\"\n");
            self.provenance(&items[at]);
        } else if let Some(j) = c.difference.filter(|_| !has_test) {
            // A difference with nothing to test it is a fact.
            self.pending_notes
                .insert(j, vec![format!("the difference between the arms of {id}")]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::read_document;

    /// The draft of `text` and the study it loads as.
    fn drafted(text: &str) -> (String, crate::study::Study) {
        let doc = Sentences::new(text);
        let items = read_document(&doc);
        let toml = draft_study(
            &doc,
            &items,
            &DraftOptions {
                id: "t".into(),
                source_file: "t.txt".into(),
            },
        );
        let s = crate::study::load_str(&toml, std::path::Path::new("t.toml")).unwrap();
        (toml, s)
    }

    #[test]
    fn a_p_printed_with_a_bound_that_includes_it_is_noted_so() {
        // `P <= .01` includes .01; `P < .05` excludes .05: the note says which was printed.
        let (toml, _) =
            drafted("Pain fell more with drug than placebo (P <= .01) and at week 4 (P < .05).");
        assert!(
            toml.contains("printed p ≤ .01 (a bound that includes its value)"),
            "{toml}"
        );
        assert!(toml.contains("printed p < .05 (a strict bound)"), "{toml}");
    }

    #[test]
    fn a_comparison_printed_on_an_earlier_times_row_names_that_time() {
        // Made-up values: a table's rows are the times, the comparison printed on the first
        // row only; the file reads a comparison without `timepoint` as the last time's, so the
        // draft names the first. On the last row it names none (the default is right).
        let (toml, s) = drafted(
            "Table 2 Score\nOutcome\tDrug (n=30)\tPlacebo (n=30)\tDifference (95% CI)\tP\nWeek 4\t3.6 ± 2.4\t4.4 ± 3.2\t-0.8 (-2.7 to 1.0)\t0.37\nWeek 8\t3.4 ± 3.1\t3.8 ± 2.8\t\t\n",
        );
        assert_eq!(s.arm_measures.len(), 1, "{toml}");
        let c = &s.arm_measures[0].comparisons;
        assert_eq!(c.len(), 1, "{toml}");
        assert_eq!(c[0].timepoint, "t1", "{toml}");
        let (toml, s) = drafted(
            "Table 2 Score\nOutcome\tDrug (n=30)\tPlacebo (n=30)\tDifference (95% CI)\tP\nWeek 4\t3.6 ± 2.4\t4.4 ± 3.2\t\t\nWeek 8\t3.4 ± 3.1\t3.8 ± 2.8\t-0.4 (-2.0 to 1.2)\t0.61\n",
        );
        assert!(!toml.contains("timepoint = "), "{toml}");
        assert_eq!(s.arm_measures[0].comparisons[0].timepoint, "t2");
        // Times over the columns print every time and the comparison on one row: the
        // comparison of the change is the last time's (the seventy-first trial's probe had its
        // `Difference in change` filed at baseline).
        let (toml, s) = drafted(
            "Table 2 Outcomes\nOutcomes\tControl\t\tIntervention\t\tIntervention v control\nBaseline\t12 months\tBaseline\t12 months\tDifference in change (95% CI)\tP value\nSalt, g/24 h\t11.2 (5.0)\t11.0 (4.7)\t11.1 (4.8)\t10.1 (4.3)\t-0.9 (-1.4 to -0.3)\t0.002\nValues are mean (SD).\n",
        );
        assert!(!toml.contains("timepoint = \"t1\""), "{toml}");
        assert!(
            s.arm_measures
                .iter()
                .all(|m| m.comparisons.iter().all(|c| c.timepoint != "t1"))
        );
    }

    #[test]
    fn counts_of_one_outcome_at_two_times_keep_their_times_in_their_labels() {
        // Made-up counts: one outcome at two times named before it (`28-day mortality`,
        // `90-day mortality`); each time's counts are told apart by their labels.
        let (toml, s) = drafted(
            "Table 2 Outcomes\nOutcome\tEarly (N = 245)\tLate (N = 244)\tP\n28-day mortality\t42 (17%)\t47 (19%)\t0.54\n90-day mortality\t63 (26%)\t73 (30%)\t0.29\n",
        );
        let labels: Vec<&str> = s.arm_counts.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels.len(), 2, "{toml}");
        assert!(
            labels[0].contains("28-day") && labels[1].contains("90-day"),
            "{labels:?}"
        );
    }

    #[test]
    fn a_comparison_among_three_arms_stays_in_the_file_as_facts() {
        // Made-up values: a difference and its CI printed beside three arms name no pair the
        // file's comparison (an arm against the control) can hold; they stay facts.
        let (toml, s) = drafted(
            "| Outcome | A (n = 30) | B (n = 30) | C (n = 30) | MD (95% CI) |\n|---|---|---|---|---|\n| Pain, mean (SD) | 4.1 (1.2) | 4.5 (1.3) | 5.6 (1.1) | −1.5 (−2.1 to −0.9) |\n",
        );
        assert_eq!(s.arm_measures.len(), 1, "{toml}");
        assert!(s.arm_measures[0].comparisons.is_empty(), "{toml}");
        assert!(
            toml.contains("value = \"-2.1\"") && toml.contains("value = \"-0.9\""),
            "{toml}"
        );
    }

    #[test]
    fn a_rows_own_n_for_all_arms_is_no_arms_n_and_nothing_compares_the_arms_with_the_columns_n() {
        // Made-up values: the anxiety row prints n = 112 for both arms of 60 together; its arms'
        // n's are written as not reported, so the analysis never compares them with n = 60.
        let (toml, s) = drafted(
            "Table 2\n| Characteristic | Usual care (n=60) | Coaching (n=60) |\n|---|---|---|\n| Age (years), mean ± SD | 44.1 ± 8.0 | 45.2 ± 7.9 |\n| Anxiety score (n=112), mean ± SD | 7.2 ± 3.0 | 6.1 ± 2.9 |\n",
        );
        let why = "is of all the groups together\nn = \"not reported\"";
        assert_eq!(toml.matches(why).count(), 2, "{toml}");
        let ns: Vec<Vec<Option<u32>>> = s
            .arm_measures
            .iter()
            .map(|m| {
                m.arms
                    .iter()
                    .map(|a| a.timepoints[0].n.value().copied())
                    .collect()
            })
            .collect();
        assert_eq!(ns, [vec![Some(60), Some(60)], vec![None, None]]);
        let analysis = crate::analysis::analyse_study(&s, &Default::default()).unwrap();
        let compared = serde_json::to_string(&analysis.arms).unwrap();
        assert!(
            compared.contains("no arm's n is reported at its time points"),
            "{compared}"
        );
    }

    #[test]
    fn a_time_course_and_a_set_of_arms_of_one_measure_get_ids_of_their_own() {
        // Made-up numbers: one group's VAS over time, then two groups' VAS at two times; both
        // are `VAS`, and the study must load (ids are unique across measures and arm measures).
        let (toml, s) = drafted(
            "E群の安静時のVASの中央値 (範囲) は, 24時間後8 (0-51), 48時間後7 (0-31) であった. GB群とEB群の安静時のVASはそれぞれ24時間後6 (0-19) と0 (0-0), 48時間後は2 (0-21) と0 (0-0) であった.",
        );
        assert!(
            toml.contains("id = \"vas_1\"") && toml.contains("id = \"vas_2\""),
            "{toml}"
        );
        assert_eq!(s.measures.len() + s.arm_measures.len(), 2, "{toml}");
    }

    #[test]
    fn each_arms_count_of_its_n_under_the_group_columns_is_an_arm_count() {
        // Made-up counts: a row of `n (%)` under two arm columns with their n's; a row
        // printing only percentages gives no count (none is the document's number).
        let (toml, s) = drafted(
            "Table 3.\nOutcome | Placebo (n = 40) | Drug (n = 41) | P\n---|---|---|---\nResponders, n (%) | 6 (15.0) | 19 (46.3) | 0.002\nRelapse-free, % | 80.0% | 90.2% | 0.2\n",
        );
        assert_eq!(s.arm_counts.len(), 1, "{toml}");
        let c = &s.arm_counts[0];
        assert_eq!(c.label, "review: Responders");
        let arms: Vec<(String, Option<f64>, Option<u32>)> = c
            .arms
            .iter()
            .map(|a| {
                (
                    a.arm.clone(),
                    a.events.value().map(|v| v.value),
                    a.n.value().copied(),
                )
            })
            .collect();
        assert_eq!(
            arms,
            [
                ("placebo".to_string(), Some(6.0), Some(40)),
                ("drug".to_string(), Some(19.0), Some(41))
            ]
        );
        assert_eq!(s.control_arm().map(|a| a.id.as_str()), Some("placebo"));
        // The percentages stay facts.
        assert!(toml.contains("value = \"46.3\""), "{toml}");
    }

    #[test]
    fn a_share_drafted_alone_is_named_by_its_event_and_group() {
        // Made-up numbers: each arm's adverse events in a sentence of their own. Each count
        // (a row of the proportions chart) says which event of which arm it is; a share the
        // structure names nothing of says its line.
        let (toml, s) = drafted(
            "A群の主な有害事象は、咽頭炎6%(7/120例)、頭痛4%(5/120例)でした。B群の主な有害事象は、咽頭炎5%(6/118例)でした。\n発熱は3%(4/130)であった。",
        );
        let labels: Vec<&str> = s
            .facts
            .iter()
            .filter(|f| f.of.is_some() && !f.unit.starts_with("percent"))
            .map(|f| f.label.as_str())
            .collect();
        assert_eq!(
            labels,
            [
                "review: 咽頭炎 (A群)",
                "review: 頭痛 (A群)",
                "review: 咽頭炎 (B群)",
                "review: 発熱"
            ],
            "{toml}"
        );
        assert!(toml.contains("review: percentage of 頭痛 (A群)"), "{toml}");
    }

    #[test]
    fn a_p_printed_as_zero_is_drafted_as_the_bound_its_rounding_gives() {
        // Made-up numbers; `P=0.000` as a statistics package prints a small p. The draft
        // must load (a p of exactly 0 is refused) and keep the bound.
        let (toml, _) = drafted(
            "Twelve patients were treated. The score fell from 14.2 ± 3.1 to 9.8 ± 2.7 after six months (P=0.000).",
        );
        assert!(toml.contains("<0.0005"), "{toml}");
        assert!(!toml.contains("p = \"0.000\""), "{toml}");
    }

    #[test]
    fn the_arm_a_printed_difference_subtracts_is_the_control() {
        // Two active drugs (no placebo or control by name), a table copied a cell a line, and
        // the difference printed as 薬A minus 薬B: 薬B is the control, not the first arm.
        let (toml, _) = drafted(
            "表1) HbA1cの変化量 |\n||||\nHbA1c(%) |\n薬A 5 mg (N=150) |\n薬A 10 mg (N=151) |\n薬B 1 mg (N=149) |\nベースライン |\n8.10±0.80 (150) |\n8.15±0.90 (151) |\n8.05±0.85 (149) |\n52週時までの変化量 |\n-2.20±0.08 (140) |\n-2.45±0.08 (139) |\n-1.30±0.08 (141) |\n群間差(薬A-薬B) [95%CI] |\n-0.90 [-1.10, -0.70] |\n-1.15 [-1.35, -0.95] |\n- |\n",
        );
        let arm_b = toml.find("label = \"薬B 1 mg").expect(&toml);
        let control_after_b = &toml[arm_b..];
        assert!(
            control_after_b
                .split("[[arms]]")
                .next()
                .unwrap()
                .contains("control = true"),
            "{toml}"
        );
    }

    #[test]
    fn a_number_the_study_file_cannot_hold_is_left_out_and_the_draft_loads() {
        // Made-up: an id printed with thousands separators (19 digits), then data.
        let (toml, s) =
            drafted("Record 1,234,567,890,123,456,789. 40 patients; pain fell from 6.1 to 3.2.");
        assert!(!toml.contains("1234567890123456789"), "{toml}");
        assert!(toml.contains("\"40\""), "{toml}");
        assert!(!s.facts.is_empty());
    }

    #[test]
    fn the_arm_every_named_pair_compares_with_is_the_control() {
        // Three active arms lettered A, B and C, no comparator by name; the footnote compares A
        // and B each with C (made-up numbers in a tab-separated table's form).
        let text = "Table 2. Response at 3 months\nOutcome\tA. Drug X (n=50)\tB. Drug Y (n=50)\tC. Standard (n=50)\nScore, mean (SD)\t1.8 (0.9)\t1.9 (0.8)\t2.4 (1.0)\nPain, mean (SD)\t3.1 (1.2)\t3.0 (1.1)\t3.9 (1.3)\np=0.02 and p=0.01 for respectively A vs C and B vs C.\n";
        let (toml, _) = drafted(text);
        let arm_c = toml.find("label = \"C. Standard").expect(&toml);
        let arm_c_block = toml[arm_c..].split("[[arms]]").next().unwrap();
        assert!(arm_c_block.contains("control = true"), "{toml}");
        assert!(
            toml.contains("every pair of arms the text compares"),
            "{toml}"
        );
        // One pair names no reference: the first-named arm stays the draft's control, for
        // review.
        let (toml, _) = drafted(&text.replace("A vs C and B vs C", "A vs C and A vs C"));
        assert!(
            !toml.contains("every pair of arms the text compares"),
            "{toml}"
        );
        // The same table with its cells glued, the stub's name glued to the first lettered
        // name: the stub is no part of arm A's name, and C is still the control.
        let glued = "Table 2. Response at 3 months\nOutcomeA. Drug X (n=50)B. Drug Y (n=50)C. Standard (n=50)\nScore, mean (SD)1.8 (0.9)1.9 (0.8)2.4 (1.0)\nPain, mean (SD)3.1 (1.2)3.0 (1.1)3.9 (1.3)\np=0.02 and p=0.01 for respectively A vs C and B vs C.\n";
        let (toml, _) = drafted(glued);
        assert!(toml.contains("label = \"A. Drug X"), "{toml}");
        let arm_c = toml.find("label = \"C. Standard").expect(&toml);
        let arm_c_block = toml[arm_c..].split("[[arms]]").next().unwrap();
        assert!(arm_c_block.contains("control = true"), "{toml}");
    }

    #[test]
    fn a_spread_named_for_one_measures_value_labels_no_other() {
        // Made-up numbers: the SD named for the age in its own sentence; the outcome's ± is
        // unlabelled (its p makes it an SEM), and so stays for review.
        let (toml, _) = drafted(
            "Mean ± SD age was 50.1 ± 9.0 years. The score was 4.0 ± 0.5 in the drug group (n = 6) and 6.0 ± 0.6 in the placebo group (n = 6) (P = 0.03).",
        );
        assert!(!toml.contains("dispersion = \"SD\""), "{toml}");
        // A statement of how every value is given labels them all.
        let (toml, _) = drafted(
            "Data are mean ± SD. The score was 4.0 ± 0.5 in the drug group (n = 6) and 6.0 ± 0.6 in the placebo group (n = 6) (P = 0.03).",
        );
        assert!(toml.contains("dispersion = \"SD\""), "{toml}");
    }

    #[test]
    fn a_changes_claim_in_words_is_drafted_with_the_change() {
        // Made-up numbers in a crossover abstract's form: each drug's before → after, the
        // claim of each in words, one of them of no significance. That claim decides ± (as
        // an SD the fall would be significant at every r).
        let (toml, s) = drafted(
            "薬Aにより,昼間の痒み(27.0±7.0→11.0±5.0),夜間の痒み(44.0±7.0→10.0±3.0)ともに有意に低下した。一方,薬Bでは昼間の痒み(35.0±7.0→16.0±6.0)は有意な低下が認められたが,夜間の痒み(34.0±6.0→23.0±8.0)は低下したものの有意差は認められなかった。",
        );
        let claims: Vec<&str> = toml.lines().filter(|l| l.starts_with("claim")).collect();
        assert_eq!(
            claims,
            [
                "claim = { significant = true, wording = \"有意に低下\" }",
                "claim = { significant = true, wording = \"有意に低下\" }",
                "claim = { significant = true, wording = \"有意な低下が認められ\" }",
                "claim = { significant = false, wording = \"有意差は認められなかった\" }",
            ],
            "{toml}"
        );
        assert_eq!(s.measures.len(), 4);
        // English: the claim after the values, or before them in their clause; a clause that
        // ends before the claim says nothing of the change.
        let (toml, _) = drafted(
            "Pain fell from 6.0 ± 1.0 to 4.0 ± 1.5, but not significantly. Fatigue decreased significantly from 5.0 ± 1.0 to 3.0 ± 1.0. Sleep went from 4.0 ± 1.0 to 5.0 ± 1.0, and mood improved significantly.",
        );
        let claims: Vec<&str> = toml.lines().filter(|l| l.starts_with("claim")).collect();
        assert_eq!(
            claims,
            [
                "claim = { significant = false, wording = \"not significantly\" }",
                "claim = { significant = true, wording = \"significantly\" }",
                "claim = { significant = \"not reported\", wording = \"review\" }",
            ],
            "{toml}"
        );
    }

    #[test]
    fn three_arms_with_no_control_the_text_names_are_not_compared_with_the_first() {
        // Made-up: three active drugs side by side, no placebo, control or comparison named.
        // The first arm is only the draft's reference (`control = "review"`), and the report
        // compares no arm with it: each comparison would rest on a reference the text does not
        // choose.
        let text = "Table 2. Response at 3 months\nOutcome\tDrug X (n=50)\tDrug Y (n=50)\tDrug Z (n=50)\nScore, mean (SD)\t1.8 (0.9)\t1.9 (0.8)\t2.4 (1.0)\nPain, mean (SD)\t3.1 (1.2)\t3.0 (1.1)\t3.9 (1.3)\n";
        let (toml, s) = drafted(text);
        let arm_x = toml.find("label = \"Drug X").expect(&toml);
        let arm_x_block = toml[arm_x..].split("[[arms]]").next().unwrap();
        assert!(arm_x_block.contains("control = \"review\""), "{toml}");
        assert!(s.control_arm().is_some_and(|a| a.control_for_review));
        assert!(!s.control_is_chosen());
        let a = crate::analysis::analyse_study(&s, &Default::default()).unwrap();
        assert!(!a.arms.is_empty(), "{toml}");
        for item in &a.arms {
            assert!(item.comparisons.is_empty(), "{:?}", item.comparisons);
            assert!(
                item.not_analysed
                    .as_deref()
                    .is_some_and(|w| w.contains("names no control among 3 arms")),
                "{:?}",
                item.not_analysed
            );
        }
        // Two arms make one comparison whichever is the reference: it is made, the reference
        // still marked for review.
        let two = "Table 2. Response at 3 months\nOutcome\tDrug X (n=50)\tDrug Y (n=50)\nScore, mean (SD)\t1.8 (0.9)\t2.4 (1.0)\n";
        let (toml, s) = drafted(two);
        assert!(toml.contains("control = \"review\""), "{toml}");
        assert!(s.control_is_chosen());
        let a = crate::analysis::analyse_study(&s, &Default::default()).unwrap();
        assert!(a.arms.iter().all(|i| !i.comparisons.is_empty()), "{toml}");
    }

    #[test]
    fn a_measures_name_loses_its_cells_bar_and_footnote_mark() {
        assert_eq!(
            super::name_without_marks("投与52週時までの変化量b) |"),
            "投与52週時までの変化量"
        );
        assert_eq!(
            super::name_without_marks("Change from baseline†"),
            "Change from baseline"
        );
        // A letter in brackets after a Latin word is part of the name (`Dose (a)`, `Scale a)`).
        assert_eq!(super::name_without_marks("Pain (a)"), "Pain (a)");
        // A unit's bracket ending in a lower-case letter is no mark.
        assert_eq!(
            super::name_without_marks("Alcohol intake (g/d)"),
            "Alcohol intake (g/d)"
        );
        assert_eq!(
            super::name_without_marks("Energy (kcal/d)c)"),
            "Energy (kcal/d)"
        );
        assert_eq!(super::name_without_marks("の平均眼圧"), "平均眼圧");
        assert_eq!(super::name_without_marks("のどの痛み"), "のどの痛み");
        assert_eq!(super::name_without_marks("Scalea)"), "Scalea)");
    }

    #[test]
    fn two_groups_each_with_its_time_course_are_arms_with_their_time_points() {
        // The first course names its group after its last value; the second clause names a
        // group and no new measure.
        let text = "Calprotectin dropped from 1210 ± 980 to 610 ± 700 μg/g in the active group but not in the placebo group (990 ± 1010 to 1020 ± 1100; p = 0.04).";
        let (toml, s) = drafted(text);
        assert_eq!(s.arm_measures.len(), 1, "{toml}");
        let m = &s.arm_measures[0];
        assert_eq!(m.label, "review: Calprotectin");
        let arms: Vec<(&str, usize)> = m
            .arms
            .iter()
            .map(|a| (a.arm.as_str(), a.timepoints.len()))
            .collect();
        assert_eq!(arms, [("active", 2), ("placebo", 2)]);
    }

    #[test]
    fn an_arm_printed_at_fewer_times_lists_them_not_reported() {
        // The open extension's visits print the drug's column only: every arm lists every
        // time (the format asks for the same time points in each arm), the placebo's later
        // ones "not reported", and the file loads.
        let text = "Table 3 Lung function by visit\nVisit\nDrug group\nPlacebo group\nBaseline\n2.10±0.40 (60)\n2.08±0.42 (58)\nWeek 12\n2.31±0.45 (59)\n2.09±0.43 (57)\nWeek 52\n2.38±0.49 (50)\n";
        let (toml, s) = drafted(text);
        assert_eq!(s.arm_measures.len(), 1, "{toml}");
        let arms: Vec<(&str, Vec<&str>)> = s.arm_measures[0]
            .arms
            .iter()
            .map(|a| {
                (
                    a.arm.as_str(),
                    a.timepoints.iter().map(|t| t.when.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            arms,
            [
                ("drug_group", vec!["Baseline", "Week 12", "Week 52"]),
                ("placebo_group", vec!["Baseline", "Week 12", "Week 52"]),
            ]
        );
        assert!(
            toml.contains("when = \"Week 52\"\n# the table prints no value of this arm at this time\nmean = \"not reported\""),
            "{toml}"
        );
        // Said once, not as `not reported ± not reported`.
        let placebo = &s.arm_measures[0].arms[1];
        assert_eq!(placebo.timepoints[2].printed(), "not reported");
        assert_eq!(placebo.timepoints[1].printed(), "2.09 ± 0.43");
        // Each time point's own n where it prints one other than the arm's.
        let ns: Vec<Option<u32>> = s.arm_measures[0].arms[0]
            .timepoints
            .iter()
            .map(|t| t.n.value().copied())
            .collect();
        assert_eq!(ns, [Some(60), Some(59), Some(50)]);
    }

    #[test]
    fn a_time_course_of_one_named_group_says_which_group_in_its_label() {
        let text =
            "In the placebo group the score went from 14.1 ± 3.0 to 13.8 ± 2.9 after six months.";
        let (toml, s) = drafted(text);
        assert_eq!(s.measures.len(), 1, "{toml}");
        assert!(
            s.measures[0].label.ends_with("(placebo group)"),
            "{}",
            s.measures[0].label
        );
    }

    #[test]
    fn a_change_whose_p_is_a_bound_drafts_a_file_that_loads() {
        // The change's p feeds its SD, which a bound does not give: the draft keeps the
        // bound in a comment, and the measure loads with both time points.
        let text = "The score improved from 12.4 ± 5.3 at baseline to 6.8 ± 6.3 at six months (p < 0.0001). The grip improved from 30.1 ± 4.0 at baseline to 32.0 ± 4.2 at six months (p = 0.042).";
        let (toml, s) = drafted(text);
        assert_eq!(s.measures.len(), 2, "{toml}");
        assert!(toml.contains("printed as a bound (<0.0001"), "{toml}");
        assert!(s.measures[0].change.is_none());
        assert_eq!(
            s.measures[1]
                .change
                .as_ref()
                .and_then(|c| c.p.as_ref())
                .map(|p| p.text.as_str()),
            Some("0.042")
        );
    }

    #[test]
    fn a_cell_a_line_table_of_groups_over_n_estimate_and_p_then_their_difference() {
        // Made-up values in a page's copy a cell a line: each group's N, mean change (95% CI)
        // and p, then the difference; the header's `Mean (95% CI) or median (IQR)` leaves the
        // form to each row, and the second section's label says its rows print medians.
        let text = crate::draft::table::cells_under_spanning_names();
        let (toml, study) = drafted(&text);
        // The groups, each row's n, and the means' intervals read as intervals.
        assert!(
            toml.contains("label = \"Drug\"") && toml.contains("label = \"Placebo\""),
            "{toml}"
        );
        assert!(toml.contains("value = \"-4.02\"") && toml.contains("lower end of the 95% CI"));
        // The medians' rows are each group's medians with their quartiles, no ± to read.
        let met = study
            .arm_measures
            .iter()
            .find(|m| m.label.contains("Total MET"))
            .expect("the medians' row is a measure of the two groups");
        assert_eq!(met.arms.len(), 2);
        assert!(toml.contains("medians printed with their quartiles or range: no ± to read"));
        assert!(!toml.contains("median = \"-2.90\""));
    }
}
