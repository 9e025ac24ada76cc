//! The reviewer's queue as data: the reports' summaries in the order a reviewer works (problems
//! first), their marks, the filter, the counts and what is wrong across the folder. No terminal
//! here: the queue screen (`tui::review`) and the assessment table both read it.

use std::collections::HashMap;

use super::marks::{Mark, Marks, Review};
use super::{RuleNames, Summary};
use crate::batch::Status;
use crate::i18n::Lang;

/// Which reports are shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Shown when the file, agency, note or a broken rule holds it (any case): a rule by its id or
    /// by its name in either language, as the chart shows it, and a file that cannot be read by
    /// that word.
    pub text: String,
    /// Only reports not reviewed yet, or changed since.
    pub open_only: bool,
    /// Only reports with errors (or that cannot be read).
    pub errors_only: bool,
}

/// How many reports came out how, and how far the review is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub reports: usize,
    pub ok: usize,
    pub warnings: usize,
    pub errors: usize,
    pub unreadable: usize,
    pub reviewed: usize,
    pub changed: usize,
}

/// The id the chart counts unreadable files under.
pub const UNREADABLE: &str = "unreadable";

/// The id the chart counts reports of another year than most under.
pub const OTHER_YEAR: &str = "other-year";

/// The id the chart counts the reports of a body that sent more than one for a year under.
pub const SAME_BODY: &str = "same-body";

/// The year most of `years` are, if one is: a folder's reports are of one year, so one of
/// another (last year's report dropped among this year's, a year mistyped) stands out. With two
/// years equally common none is most, and nothing stands out.
pub fn usual_year(years: impl Iterator<Item = i32>) -> Option<i32> {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for year in years {
        *counts.entry(year).or_default() += 1;
    }
    most_common(&counts)
}

/// The year of the most reports, by how many reports each year has; none on a tie.
pub fn most_common(counts: &HashMap<i32, usize>) -> Option<i32> {
    let most = counts.values().copied().max()?;
    let mut at_most = counts.iter().filter(|&(_, &n)| n == most);
    let (&year, _) = at_most.next()?;
    at_most.next().is_none().then_some(year)
}

pub struct Queue {
    /// In the order given.
    items: Vec<Summary>,
    /// Each item's key in the marks.
    keys: Vec<Box<str>>,
    /// Item indexes, problems first: unreadable, errors, warnings, then the rest, each by file.
    order: Vec<usize>,
    /// The items of `order` the filter lets through.
    shown: Vec<usize>,
    filter: Filter,
    marks: Marks,
    names: RuleNames,
    /// Per rule id, how many reports break it.
    broken: HashMap<&'static str, usize>,
    /// The year most reports are of ([`usual_year`]).
    usual_year: Option<i32>,
    /// What the chart calls the reports of another year, in Chinese and English.
    other_year_names: [String; 2],
    /// The items whose body has another report of the same year in the queue: a county's total
    /// would count it twice.
    doubled: std::collections::HashSet<usize>,
}

impl Queue {
    pub fn new(items: Vec<Summary>, names: RuleNames, mut marks: Marks) -> Queue {
        let keys: Vec<Box<str>> = items
            .iter()
            .map(|s| marks.key(&s.path).into_boxed_str())
            .collect();
        marks.adopt_imported(&keys);
        let mut queue = Queue {
            items,
            keys,
            order: Vec::new(),
            shown: Vec::new(),
            filter: Filter::default(),
            marks,
            names,
            broken: HashMap::new(),
            usual_year: None,
            other_year_names: Default::default(),
            doubled: Default::default(),
        };
        queue.sort();
        queue
    }

    fn sort(&mut self) {
        self.usual_year = usual_year(self.items.iter().filter_map(|s| s.year));
        let items = &self.items;
        let usual = self.usual_year;
        let other = |s: &Summary| matches!((s.year, usual), (Some(y), Some(u)) if y != u);
        let mut order: Vec<usize> = (0..items.len()).collect();
        // Within each status, a report of another year first: one passing its rules would
        // otherwise hide among hundreds that pass.
        order.sort_by(|&a, &b| {
            let (a, b) = (&items[a], &items[b]);
            b.status
                .cmp(&a.status)
                .then(other(b).cmp(&other(a)))
                .then(b.errors.cmp(&a.errors))
                .then(b.warnings.cmp(&a.warnings))
                .then_with(|| a.path.cmp(&b.path))
        });
        self.order = order;
        self.broken.clear();
        if let Some(year) = self.usual_year {
            self.other_year_names =
                [Lang::Zh, Lang::En].map(|lang| crate::i18n::review::other_year(year, lang));
        }
        self.doubled = doubled(&self.items);
        for (i, s) in self.items.iter().enumerate() {
            if self.doubled.contains(&i) {
                *self.broken.entry(SAME_BODY).or_default() += 1;
            }
            if s.status == Status::Unreadable {
                *self.broken.entry(UNREADABLE).or_default() += 1;
            }
            if self.is_other_year(i) {
                *self.broken.entry(OTHER_YEAR).or_default() += 1;
            }
            for &rule in s.rules {
                *self.broken.entry(rule).or_default() += 1;
            }
        }
        self.apply_filter();
    }

    fn apply_filter(&mut self) {
        let needle = self.filter.text.to_lowercase();
        let shown = self
            .order
            .iter()
            .copied()
            .filter(|&i| {
                let s = &self.items[i];
                if self.filter.errors_only && s.status < Status::Errors {
                    return false;
                }
                if self.filter.open_only && !self.review(i).is_open() {
                    return false;
                }
                needle.is_empty() || {
                    let note = self.marks.get(&self.keys[i]).map(|m| m.note.as_str());
                    let holds = |field: &str| field.to_lowercase().contains(&needle);
                    let named = |id: &str| {
                        [
                            id,
                            self.names.get(id, Lang::Zh),
                            self.names.get(id, Lang::En),
                        ]
                        .into_iter()
                        .any(holds)
                    };
                    [&*self.keys[i], &s.agency, note.unwrap_or("")]
                        .into_iter()
                        .any(holds)
                        || s.rules.iter().any(|r| named(r))
                        || (s.status == Status::Unreadable
                            && [Lang::Zh, Lang::En]
                                .into_iter()
                                .any(|lang| holds(self.rule_name(UNREADABLE, lang))))
                        || (self.is_other_year(i)
                            && std::iter::once(OTHER_YEAR)
                                .chain(self.other_year_names.iter().map(String::as_str))
                                .any(holds))
                        || (self.doubled.contains(&i)
                            && [SAME_BODY, self.rule_name(SAME_BODY, Lang::Zh)]
                                .into_iter()
                                .chain([self.rule_name(SAME_BODY, Lang::En)])
                                .any(holds))
                }
            })
            .collect();
        self.shown = shown;
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items, in the order given.
    pub fn items(&self) -> &[Summary] {
        &self.items
    }

    pub fn item(&self, i: usize) -> &Summary {
        &self.items[i]
    }

    /// An item's path from the marks' folder.
    pub fn key(&self, i: usize) -> &str {
        &self.keys[i]
    }

    /// The items shown, problems first, as the filter lets them through.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.apply_filter();
    }

    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    pub fn names(&self) -> &RuleNames {
        &self.names
    }

    pub fn mark(&self, i: usize) -> Option<&Mark> {
        self.marks.get(&self.keys[i])
    }

    pub fn note(&self, i: usize) -> &str {
        self.mark(i).map_or("", |m| m.note.as_str())
    }

    pub fn review(&self, i: usize) -> Review {
        self.mark(i)
            .map_or(Review::Unreviewed, |m| m.review(self.items[i].hash))
    }

    /// Sets an item's mark and note, recording the content they were set for. The filter is not
    /// applied again here: the item stays in view until the filter changes.
    fn set(&mut self, i: usize, reviewed: bool, note: String) {
        let mark = Mark {
            reviewed,
            note,
            hash: self.items[i].hash,
        };
        self.marks.set(self.keys[i].to_string(), mark);
    }

    /// Marks an item reviewed, or no longer reviewed; a report changed since it was marked is
    /// marked again (for what it holds now).
    pub fn toggle_reviewed(&mut self, i: usize) {
        let reviewed = self.review(i) != Review::Reviewed;
        let note = self.note(i).to_string();
        self.set(i, reviewed, note);
    }

    pub fn set_note(&mut self, i: usize, note: String) {
        let reviewed = self.mark(i).is_some_and(|m| m.reviewed);
        // Writing a note does not vouch for a changed report: the old hash stays.
        let hash = self.mark(i).and_then(|m| m.hash);
        let hash = if reviewed { hash } else { self.items[i].hash };
        self.marks.set(
            self.keys[i].to_string(),
            Mark {
                reviewed,
                note,
                hash,
            },
        );
    }

    /// The item checked again (edited from the queue); its place in the order follows.
    /// The queue's files read again as `items`, its marks and filter kept.
    pub fn read_again(&mut self, items: Vec<Summary>, names: RuleNames) {
        let file = self.marks.file().to_path_buf();
        let marks = std::mem::replace(&mut self.marks, Marks::empty(file));
        let filter = std::mem::take(&mut self.filter);
        *self = Queue::new(items, names, marks);
        self.set_filter(filter);
    }

    pub fn replace(&mut self, i: usize, summary: Summary, names: RuleNames) {
        self.items[i] = summary;
        self.names = names;
        self.sort();
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            reports: self.items.len(),
            ..Counts::default()
        };
        for (i, s) in self.items.iter().enumerate() {
            match s.status {
                Status::Ok => c.ok += 1,
                Status::Warnings => c.warnings += 1,
                Status::Errors => c.errors += 1,
                Status::Unreadable => c.unreadable += 1,
            }
            match self.review(i) {
                Review::Reviewed => c.reviewed += 1,
                Review::Changed => c.changed += 1,
                Review::Unreviewed => {}
            }
        }
        c
    }

    /// Every rule broken somewhere, with how many reports break it, most first.
    pub fn chart(&self) -> Vec<(&str, usize)> {
        let mut bars: Vec<(&str, usize)> = self.broken.iter().map(|(&k, &n)| (k, n)).collect();
        bars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        bars
    }

    /// The year most reports are of, if one is.
    pub fn usual_year(&self) -> Option<i32> {
        self.usual_year
    }

    /// Whether an item is a report of another year than most.
    pub fn is_other_year(&self, i: usize) -> bool {
        matches!((self.items[i].year, self.usual_year), (Some(y), Some(u)) if y != u)
    }

    /// Whether an item's body has another report of the same year in the queue.
    pub fn is_doubled(&self, i: usize) -> bool {
        self.doubled.contains(&i)
    }

    /// Whether any report is of another year than most.
    pub fn has_other_years(&self) -> bool {
        self.broken.contains_key(OTHER_YEAR)
    }

    /// What a rule id of the chart is called.
    pub fn rule_name<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        if id == UNREADABLE {
            return crate::i18n::review::status_unreadable(lang);
        }
        if id == OTHER_YEAR {
            return &self.other_year_names[(lang == Lang::En) as usize];
        }
        if id == SAME_BODY {
            return crate::i18n::review::same_body(lang);
        }
        self.names.get(id, lang)
    }
}

/// The items whose body (its name, spaces aside) has more than one report of a year among them.
fn doubled(items: &[Summary]) -> std::collections::HashSet<usize> {
    let key = |s: &Summary| {
        let agency = crate::report::Report::agency_key(&s.agency);
        (!agency.is_empty()).then_some((agency, s.year))
    };
    let mut seen: HashMap<(String, Option<i32>), Vec<usize>> = HashMap::new();
    for (i, s) in items.iter().enumerate() {
        if let Some(k) = key(s) {
            seen.entry(k).or_default().push(i);
        }
    }
    seen.into_values()
        .filter(|v| v.len() > 1)
        .flatten()
        .collect()
}

impl Counts {
    /// The line at the top of the queue.
    pub fn line(&self, lang: Lang) -> String {
        let Counts {
            reports,
            ok,
            warnings,
            errors,
            unreadable,
            reviewed,
            changed,
        } = *self;
        crate::i18n::review::counts_line(
            [reports, errors, warnings, unreadable, ok],
            [reviewed, changed],
            lang,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    pub(crate) fn summary(
        name: &str,
        status: Status,
        errors: u32,
        rules: &[&'static str],
    ) -> Summary {
        Summary {
            path: PathBuf::from(format!("/r/{name}")).into(),
            agency: format!("{name}局").into(),
            year: Some(2024),
            template: "gov-2021",
            status,
            errors,
            warnings: 0,
            rules: crate::review::intern::intern_list(rules),
            hash: (status != Status::Unreadable).then(|| crate::review::content_hash(name)),
            problem: None,
            unsaved: false,
        }
    }

    fn queue() -> Queue {
        Queue::new(
            vec![
                summary("a.toml", Status::Ok, 0, &[]),
                summary("b.toml", Status::Errors, 1, &["balance"]),
                summary("c.toml", Status::Unreadable, 0, &[]),
                summary("d.toml", Status::Errors, 3, &["balance", "row-total"]),
            ],
            RuleNames::default(),
            Marks::empty(PathBuf::from("/r/nianbao-review.toml")),
        )
    }

    #[test]
    fn problems_come_first_and_the_chart_counts_reports_per_rule() {
        let q = queue();
        let names: Vec<&str> = q.shown().iter().map(|&i| q.key(i)).collect();
        assert_eq!(names, ["c.toml", "d.toml", "b.toml", "a.toml"]);
        assert_eq!(
            q.chart(),
            [("balance", 2), ("row-total", 1), (UNREADABLE, 1)]
        );
        let c = q.counts();
        assert_eq!((c.reports, c.errors, c.unreadable, c.ok), (4, 2, 1, 1));
    }

    #[test]
    fn the_filter_keeps_what_matches_and_what_is_open() {
        let mut q = queue();
        q.toggle_reviewed(3);
        q.set_note(0, "Fine".into());
        q.set_filter(Filter {
            errors_only: true,
            ..Filter::default()
        });
        assert_eq!(q.shown(), [2, 3, 1]);
        q.set_filter(Filter {
            errors_only: true,
            open_only: true,
            ..Filter::default()
        });
        assert_eq!(q.shown(), [2, 1]);
        q.set_filter(Filter {
            text: "fINE".into(),
            ..Filter::default()
        });
        assert_eq!(q.shown(), [0]);
        q.set_filter(Filter {
            text: "row-total".into(),
            ..Filter::default()
        });
        assert_eq!(q.shown(), [3]);
    }

    #[test]
    fn the_english_counts_agree_with_their_numbers() {
        let one = Queue::new(
            vec![summary("b.toml", Status::Errors, 1, &["balance"])],
            RuleNames::default(),
            Marks::empty(PathBuf::from("/r/nianbao-review.toml")),
        );
        assert_eq!(
            one.counts().line(Lang::En),
            "1 report · 1 error · 0 warn · 0 unreadable · 0 ok | 0 reviewed · 0 changed"
        );
        assert_eq!(
            queue().counts().line(Lang::En),
            "4 reports · 2 errors · 0 warn · 1 unreadable · 1 ok | 0 reviewed · 0 changed"
        );
        assert_eq!(
            one.counts().line(Lang::Zh),
            "1 份：1 有错误 · 0 仅警告 · 0 无法读取 · 0 通过 ｜ 已审 0 · 改后待复核 0"
        );
    }

    #[test]
    fn the_usual_year_is_the_one_most_reports_are_of() {
        assert_eq!(usual_year([2024, 2023, 2024].into_iter()), Some(2024));
        assert_eq!(usual_year([2023].into_iter()), Some(2023));
        assert_eq!(usual_year([2024, 2023].into_iter()), None, "a tie");
        assert_eq!(usual_year(std::iter::empty()), None);
    }

    #[test]
    fn a_report_of_another_year_is_counted_found_and_listed_first_of_its_kind() {
        let mut stray = summary("z-old.toml", Status::Ok, 0, &[]);
        stray.year = Some(2023);
        let mut unknown = summary("y-none.toml", Status::Ok, 0, &[]);
        unknown.year = None;
        let mut q = Queue::new(
            vec![
                summary("a.toml", Status::Ok, 0, &[]),
                stray,
                summary("b.toml", Status::Errors, 1, &["balance"]),
                unknown,
            ],
            RuleNames::default(),
            Marks::empty(PathBuf::from("/r/nianbao-review.toml")),
        );
        assert_eq!(q.usual_year(), Some(2024));
        assert_eq!(
            (0..4).map(|i| q.is_other_year(i)).collect::<Vec<_>>(),
            [false, true, false, false],
            "a report with no year is not of another"
        );
        let names: Vec<&str> = q.shown().iter().map(|&i| q.key(i)).collect();
        assert_eq!(names, ["b.toml", "z-old.toml", "a.toml", "y-none.toml"]);
        assert!(q.chart().contains(&(OTHER_YEAR, 1)), "{:?}", q.chart());
        assert_eq!(q.rule_name(OTHER_YEAR, Lang::Zh), "非2024年度");
        assert_eq!(q.rule_name(OTHER_YEAR, Lang::En), "not 2024");
        for text in ["非2024", "NOT 2024", "other-year"] {
            q.set_filter(Filter {
                text: text.into(),
                ..Filter::default()
            });
            assert_eq!(q.shown(), [1], "{text}");
        }
        // A queue of one year has nothing of another.
        assert!(!queue().has_other_years());
        assert!(!queue().chart().iter().any(|(id, _)| *id == OTHER_YEAR));
    }

    /// Two reports of one body and year (sent twice, or a copy under another name) are charted
    /// and found by name, and the assessment table says so: a county's sum would count the body
    /// twice, and only `check`'s last line said it.
    #[test]
    fn the_reports_of_a_body_sent_twice_are_charted_and_found() {
        let mut twice = summary("a2.toml", Status::Ok, 0, &[]);
        twice.agency = " a.toml局".into();
        let mut last_year = summary("a-2023.toml", Status::Ok, 0, &[]);
        last_year.agency = "a.toml局".into();
        last_year.year = Some(2023);
        let mut q = Queue::new(
            vec![
                summary("a.toml", Status::Ok, 0, &[]),
                twice,
                summary("b.toml", Status::Ok, 0, &[]),
                last_year,
            ],
            RuleNames::default(),
            Marks::empty(PathBuf::from("/r/nianbao-review.toml")),
        );
        assert_eq!(
            (0..4).map(|i| q.is_doubled(i)).collect::<Vec<_>>(),
            [true, true, false, false],
            "the same body's report of another year is no second one"
        );
        assert!(q.chart().contains(&(SAME_BODY, 2)), "{:?}", q.chart());
        for text in ["同一机关", "from one body", "same-body"] {
            q.set_filter(Filter {
                text: text.into(),
                ..Filter::default()
            });
            let mut shown = q.shown().to_vec();
            shown.sort();
            assert_eq!(shown, [0, 1], "{text}");
        }
        let mut csv = Vec::new();
        crate::review::export::write_csv(&q, Lang::Zh, &mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        let row = csv.lines().find(|l| l.contains(",a2.toml,")).unwrap();
        assert!(row.contains(",同一机关多份,"), "{row}");
    }

    #[test]
    fn a_report_changed_after_its_mark_is_open_again() {
        let mut q = queue();
        q.toggle_reviewed(1);
        assert_eq!(q.review(1), Review::Reviewed);
        let mut edited = q.item(1).clone();
        edited.hash = Some(1);
        q.replace(1, edited, RuleNames::default());
        assert_eq!(q.review(1), Review::Changed);
        assert_eq!(q.counts().changed, 1);
        q.toggle_reviewed(1);
        assert_eq!(
            q.review(1),
            Review::Reviewed,
            "marked again for what it holds now"
        );
    }
}
