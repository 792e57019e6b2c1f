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

use super::{Bound, Item, ItemKind, Printed, Sentences};
use crate::reported::ReportedNumber;

/// What the draft needs besides the items.
#[derive(Debug, Clone)]
pub struct DraftOptions {
    /// The study id (`[a-z0-9-]+`; the file stem the draft is saved under).
    pub id: String,
    /// The source document's file name.
    pub source_file: String,
}

/// A TOML string.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A number as the `data/` format writes it: as printed when the format reads it so (`3.0`,
/// `.04`, `-6.35`), else its plain decimal (`11455` for `11,455`, `0.000016` for `1.6e-5`).
fn value(p: &Printed) -> String {
    if ReportedNumber::parse(&p.number.text, "draft").is_ok() {
        p.number.text.clone()
    } else {
        p.number.plain.clone()
    }
}

/// Is `id` a valid study id (`[a-z0-9-]+`)?
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

struct Writer<'a> {
    doc: &'a Sentences<'a>,
    out: String,
    next: std::collections::HashMap<&'static str, usize>,
    counts: std::collections::BTreeMap<&'static str, usize>,
}

impl Writer<'_> {
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
            item.text.replace(['\n', '\r'], "")
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

    fn measure(&mut self, group: &[&Item]) {
        *self.counts.entry("measures").or_insert(0) += 1;
        let id = self.id("measure");
        let first = group[0];
        let ns: Vec<&str> = group
            .iter()
            .filter_map(|i| i.parts.n.as_ref().map(|n| n.number.text.as_str()))
            .collect();
        let n = match ns.first() {
            Some(n) if ns.len() == group.len() && ns.iter().all(|m| m == n) => n.to_string(),
            _ => q("not reported"),
        };
        let labels: Vec<&str> = group.iter().filter_map(|i| i.parts.spread_label).collect();
        let dispersion = match labels.first() {
            Some(l) if labels.len() == group.len() && labels.iter().all(|m| m == l) => {
                if *l == "SD" {
                    "SD"
                } else {
                    "SEM"
                }
            }
            _ => "not reported",
        };
        self.out.push_str("\n[[measures]]\n");
        self.out.push_str(&format!("id = {}\n", q(&id)));
        self.out.push_str("label = \"review\"\nunit = \"review\"\n");
        self.out.push_str(&format!("n = {n}\n"));
        self.out
            .push_str(&format!("dispersion = {}\n", q(dispersion)));
        let printed: Vec<String> = group
            .iter()
            .filter_map(|i| {
                let mut p = vec![i.parts.mean.as_ref()?, i.parts.spread.as_ref()?];
                p.retain(|x| x.printing_note().is_some());
                (!p.is_empty()).then(|| {
                    p.iter()
                        .filter_map(|x| x.printing_note())
                        .collect::<Vec<_>>()
                        .join("; ")
                })
            })
            .collect();
        let mut note = if dispersion == "not reported" {
            "review: the text does not say what ± is".to_string()
        } else {
            format!("the text labels the spread {dispersion}; review")
        };
        if !printed.is_empty() {
            note.push_str(&format!("; {}", printed.join("; ")));
        }
        self.out
            .push_str(&format!("dispersion_note = {}\n", q(&note)));
        self.out.push_str("correlation = \"not reported\"\n");
        self.out
            .push_str("direction = \"lower is better\"\nclaim = { significant = \"not reported\", wording = \"review\" }\n");
        self.provenance(first);
        for (k, item) in group.iter().enumerate() {
            let (Some(mean), Some(spread)) = (&item.parts.mean, &item.parts.spread) else {
                continue;
            };
            self.out.push_str("\n[[measures.timepoints]]\n");
            self.out.push_str(&format!("id = \"t{}\"\n", k + 1));
            self.out.push_str(&format!(
                "when = {}\n",
                q(&format!(
                    "review: which time point (printed as '{}', line {})",
                    item.text.replace(['\n', '\r'], ""),
                    item.line
                ))
            ));
            self.out.push_str(&format!(
                "mean = {}\nspread = {}\n",
                q(&value(mean)),
                q(&value(spread))
            ));
            if let Some(n) = &item.parts.n {
                if n.number.text != n_text(&ns) {
                    self.out.push_str(&format!("n = {}\n", n.number.text));
                }
            }
        }
    }
}

fn n_text(ns: &[&str]) -> String {
    match ns.first() {
        Some(n) if ns.iter().all(|m| m == n) => n.to_string(),
        _ => String::new(),
    }
}

/// The draft of a study file from a document and its items.
pub fn draft_study(doc: &Sentences, items: &[Item], options: &DraftOptions) -> String {
    let mut w = Writer {
        doc,
        out: String::new(),
        next: Default::default(),
        counts: Default::default(),
    };
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        match item.kind {
            ItemKind::MeanSpread => {
                let group: Vec<&Item> = items[i..]
                    .iter()
                    .take_while(|j| j.sentence == item.sentence)
                    .filter(|j| j.kind == ItemKind::MeanSpread)
                    .collect();
                if group.len() >= 2 {
                    w.measure(&group);
                    // The measure took every mean ± spread of the sentence; the other items
                    // of the sentence are drafted in turn.
                    let mut j = i + 1;
                    let rest: Vec<&Item> = items[i + 1..]
                        .iter()
                        .take_while(|x| x.sentence == item.sentence)
                        .filter(|x| x.kind != ItemKind::MeanSpread)
                        .collect();
                    while j < items.len() && items[j].sentence == item.sentence {
                        j += 1;
                    }
                    for r in rest {
                        draft_one(&mut w, r);
                    }
                    i = j;
                    continue;
                }
                draft_one(&mut w, item);
            }
            _ => draft_one(&mut w, item),
        }
        i += 1;
    }
    let body = std::mem::take(&mut w.out);
    let unclassified = items.iter().filter(|i| i.kind == ItemKind::Number).count();
    let mut notes = vec![
        "Drafted by `trialstats draft`: review every field marked 'review' (title, document, labels, units, time points) before use.".to_string(),
        "What ± means stays 'not reported' unless the sentence says SD or SE; each measure's direction is drafted as 'lower is better' and its claim as 'not reported': decide both from the text.".to_string(),
        "A sentence that gives several groups or measures (arms of a trial, two scales) is drafted as one measure: split it into [[measures]] or [[arms]] and [[arm_measures]] as data/README.md describes.".to_string(),
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
    head + &body
}

fn draft_one(w: &mut Writer, item: &Item) {
    let notes = &item.notes;
    let p = &item.parts;
    match item.kind {
        ItemKind::MeanSpread => {
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
        ItemKind::MedianIqr | ItemKind::MedianRange => {
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
        ItemKind::CountOf => {
            let stem = w.id("count");
            let (Some(count), Some(of)) = (&p.count, &p.of) else {
                return;
            };
            let whole = format!("{stem}_of");
            w.fact(
                &whole,
                "review: the whole (denominator)",
                of,
                None,
                "review",
                None,
                notes,
                item,
            );
            w.fact(
                &stem,
                "review: how many of them",
                count,
                None,
                "review",
                Some(&whole),
                notes,
                item,
            );
        }
        ItemKind::Percent => {
            let stem = w.id("percent");
            let Some(v) = &p.value else { return };
            w.fact(
                &stem,
                "review: percentage of …",
                v,
                p.bound,
                "percent",
                None,
                notes,
                item,
            );
            if let (Some(count), Some(of)) = (&p.count, &p.of) {
                if count.number.value <= of.number.value {
                    let whole = format!("{stem}_of");
                    w.fact(
                        &whole,
                        "review: the whole (denominator)",
                        of,
                        None,
                        "review",
                        None,
                        notes,
                        item,
                    );
                    w.fact(
                        &format!("{stem}_count"),
                        "review: how many of them",
                        count,
                        None,
                        "review",
                        Some(&whole),
                        notes,
                        item,
                    );
                }
            }
        }
        ItemKind::P => {
            let stem = w.id("p");
            let Some(v) = &p.value else { return };
            let bound = match p.relation {
                Some("<") => Some(Bound::AtMost),
                Some(">") => Some(Bound::AtLeast),
                _ => None,
            };
            let mut n = notes.clone();
            if bound.is_some() {
                n.push(format!(
                    "printed p {} {} (a strict bound)",
                    p.relation.unwrap_or("="),
                    v.number.text
                ));
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
        ItemKind::Ci => {
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
        ItemKind::N => {
            let stem = w.id("n");
            let Some(v) = &p.value else { return };
            w.fact(
                &stem,
                "review: how many",
                v,
                p.bound,
                &Writer::unit_of(item),
                None,
                notes,
                item,
            );
        }
        ItemKind::Rate => {
            let stem = w.id("rate");
            let Some(v) = &p.value else { return };
            let unit = format!(
                "review: {} per {}",
                p.unit.as_deref().unwrap_or("…"),
                p.per.as_deref().unwrap_or("…")
            );
            w.fact(
                &stem,
                "review: rate of …",
                v,
                p.bound,
                &unit,
                None,
                notes,
                item,
            );
        }
        ItemKind::Ratio => {
            let stem = w.id("ratio");
            let Some(v) = &p.value else { return };
            w.fact(
                &stem,
                &format!("review: {} of …", p.ratio.unwrap_or("ratio")),
                v,
                p.bound,
                p.ratio.unwrap_or("ratio"),
                None,
                notes,
                item,
            );
        }
        ItemKind::PercentChange => {
            // Not "percent": a change is not a share between 0 and 100 and is not checked so.
            let stem = w.id("percent_change");
            let Some(v) = &p.value else { return };
            w.fact(
                &stem,
                "review: percent change of …",
                v,
                p.bound,
                "percent change",
                None,
                notes,
                item,
            );
        }
        ItemKind::Number => {
            let stem = w.id("number");
            let Some(v) = &p.value else { return };
            w.fact(
                &stem,
                "review",
                v,
                p.bound,
                &Writer::unit_of(item),
                None,
                notes,
                item,
            );
        }
        ItemKind::TestStatistic => {
            let Some(text) = &p.statistic else { return };
            let id = w.id("test");
            *w.counts.entry("tests").or_insert(0) += 1;
            w.out.push_str("\n[[tests]]\n");
            w.out
                .push_str(&format!("id = {}\ntext = {}\n", q(&id), q(text)));
            w.out.push_str(&format!(
                "note = {}\n",
                q(&format!(
                    "review: what this test compares; printed '{}'",
                    item.text.replace(['\n', '\r'], "")
                ))
            ));
            w.provenance(item);
        }
        ItemKind::Date => {
            let Some(date) = &p.date else { return };
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
                    item.text.replace(['\n', '\r'], "")
                ))
            ));
            w.provenance(item);
        }
    }
}
