//! Adding up many bodies' reports of one template and year (a county's total from its
//! departments). Reports are added one at a time, so a caller can load, add and drop each in turn
//! and keep memory flat however many there are.
//!
//! Values are added exactly, in their fixed-point units; a total beyond what a cell may hold is an
//! error, never a wraparound. A cell stays empty while every report added so far left it empty.

use std::sync::Arc;

use crate::report::{Cells, Report};
use crate::template::Template;
use crate::value::MAX_UNITS;

/// Why a report cannot be added to the totals.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SumError {
    #[error(
        "is {found}, but the reports added so far are {expected}: only reports of the same template and year add up"
    )]
    Mismatch { found: String, expected: String },
    /// A total would exceed the largest value a cell may hold; the place is in the template.
    #[error("the total of a cell would exceed {MAX_UNITS} (in the column's smallest unit)")]
    Overflow {
        table: usize,
        row: usize,
        column: usize,
    },
}

/// The running totals.
pub struct Totals {
    /// The totals so far, as the report they become: of their template and year, texts empty.
    total: Report,
    count: usize,
}

/// A report's template and year, the two things that must agree for reports to add up.
fn describe(report: &Report) -> String {
    let id = &report.template.id;
    match report.year {
        Some(y) => format!("template {id} for {y}"),
        None => format!("template {id} with no year"),
    }
}

impl Totals {
    /// Empty totals for reports of `template` and `year`.
    pub fn new(template: Arc<Template>, year: Option<i32>) -> Totals {
        let mut total = Report::new(template);
        total.year = year;
        Totals { total, count: 0 }
    }

    /// How many reports were added.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The totals so far, one value list per template table.
    pub fn tables(&self) -> &[Cells] {
        &self.total.tables
    }

    /// Adds a report. On error nothing is added.
    pub fn add(&mut self, report: &Report) -> Result<(), SumError> {
        let total = &mut self.total;
        if report.template.id != total.template.id || report.year != total.year {
            return Err(SumError::Mismatch {
                found: describe(report),
                expected: describe(total),
            });
        }
        // Every total is checked before any changes, so a failed add leaves the totals as they were.
        for (t, (sums, values)) in total.tables.iter().zip(&report.tables).enumerate() {
            for (cell, (sum, value)) in sums.iter().zip(values).enumerate() {
                if let (Some(a), Some(b)) = (sum, value)
                    && a.checked_add(*b).is_none_or(|s| s.abs() > MAX_UNITS)
                {
                    let (row, column) = total.template.tables[t].row_column(cell);
                    return Err(SumError::Overflow {
                        table: t,
                        row,
                        column,
                    });
                }
            }
        }
        for (sums, values) in total.tables.iter_mut().zip(&report.tables) {
            for (sum, value) in sums.iter_mut().zip(values) {
                if let Some(v) = value {
                    *sum = Some(sum.unwrap_or(0) + v);
                }
            }
        }
        self.count += 1;
        Ok(())
    }

    /// The totals as a report of their template and year, with empty texts for people to write.
    pub fn into_report(self) -> Report {
        self.total
    }
}

/// One kind of report among the inputs: a template and a year, the totals of the reports of that
/// kind, and the names of the first of them.
pub struct Kind {
    pub totals: Totals,
    /// How many reports of this kind were offered (added, or refused as too large).
    pub count: usize,
    /// The first [`Kind::NAMES_KEPT`] names, to say which reports do not belong.
    pub names: Vec<String>,
}

impl Kind {
    pub const NAMES_KEPT: usize = 100;
}

/// Totals of reports that need not all be of one template and year: each kind is added up apart,
/// and the kind most reports are of is the total, so one stray report from another year is named
/// as the one that does not belong, wherever it comes in the list. Memory grows with the kinds
/// (a template and a year: a handful), not with the reports.
#[derive(Default)]
pub struct ByKind {
    kinds: Vec<Kind>,
}

impl ByKind {
    /// Adds a report to the totals of its kind; `name` is kept for the first few of each kind.
    pub fn add(&mut self, report: &Report, name: &str) -> Result<(), SumError> {
        let position = self.kinds.iter().position(|k| {
            k.totals.total.template.id == report.template.id && k.totals.total.year == report.year
        });
        let kind = match position {
            Some(i) => &mut self.kinds[i],
            None => {
                self.kinds.push(Kind {
                    totals: Totals::new(report.template.clone(), report.year),
                    count: 0,
                    names: Vec::new(),
                });
                self.kinds.last_mut().expect("just pushed")
            }
        };
        kind.count += 1;
        if kind.names.len() < Kind::NAMES_KEPT {
            kind.names.push(name.to_string());
        }
        kind.totals.add(report)
    }

    /// The kind most reports are of (the first seen, between equals), and the others.
    pub fn finish(mut self) -> Option<(Kind, Vec<Kind>)> {
        let most = self
            .kinds
            .iter()
            .enumerate()
            .max_by_key(|(i, k)| (k.count, std::cmp::Reverse(*i)))?
            .0;
        let main = self.kinds.remove(most);
        Some((main, self.kinds))
    }
}

/// Whether `text` (a report file) is a total `nianbao sum` wrote: it carries the mark
/// ([`crate::i18n::sum::MARK`]) among the comments above its first section. A person who deletes
/// the line makes the file an ordinary report, which `sum` then no longer writes over unasked.
pub fn is_total(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .take_while(|line| !line.trim_start().starts_with('['))
        .filter_map(|line| line.trim_start().strip_prefix('#'))
        .any(|comment| {
            let comment = comment.trim_start();
            ["nianbao sum:", "nianbao sum："]
                .iter()
                .any(|p| comment.starts_with(p))
        })
}

/// A new total's file text with the mark added after its leading comments (its title and what
/// the file is), so the first lines a person reads say that `sum` keeps it up to date.
pub fn with_mark(text: &str) -> String {
    let at = text
        .split_inclusive('\n')
        .take_while(|line| line.starts_with('#'))
        .map(str::len)
        .sum::<usize>();
    let newline = if text[..at].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut marked = String::with_capacity(text.len() + 256);
    marked.push_str(&text[..at]);
    for line in crate::i18n::sum::MARK {
        marked.push_str(line);
        marked.push_str(newline);
    }
    marked.push_str(&text[at..]);
    marked
}

/// A kind of report in words: its template and year.
pub fn kind_text(template: &str, year: Option<i32>, lang: crate::i18n::Lang) -> String {
    crate::i18n::sum::kind(template, year, lang)
}

impl Kind {
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        kind_text(&self.totals.total.template.id, self.totals.total.year, lang)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::template::Registry;
    use crate::test_support::{sample, table};

    fn totals_of(reports: &[Report]) -> Result<Report, SumError> {
        let mut totals = Totals::new(reports[0].template.clone(), reports[0].year);
        for r in reports {
            totals.add(r)?;
        }
        Ok(totals.into_report())
    }

    #[test]
    fn empty_stays_empty_only_where_every_report_is_empty() {
        let a = sample("shiyan-2024.toml");
        let mut b = Report::new(a.template.clone());
        b.year = a.year;
        let fees = table(&a, "fees");
        b.tables[fees][0] = Some(1);
        let mut c = b.clone();
        c.tables[fees][0] = None;
        let total = totals_of(&[b.clone(), c.clone()]).unwrap();
        assert_eq!(total.tables[fees][0], Some(1));
        assert_eq!(total.empty_cells(), b.empty_cells());
        let total = totals_of(&[a.clone(), b, c]).unwrap();
        assert_eq!(total.tables[fees][0], Some(188_711));
        assert_eq!(total.empty_cells(), 0);
        assert!(total.texts.iter().all(String::is_empty));
    }

    #[test]
    fn other_templates_years_and_overflowing_totals_are_refused() {
        let a = sample("shiyan-2024.toml");
        let mut totals = Totals::new(a.template.clone(), a.year);
        let err = totals.add(&sample("shiyan-2023.toml")).unwrap_err();
        assert!(
            err.to_string().contains("template gov-2021 for 2023"),
            "{err}"
        );
        assert!(matches!(
            totals.add(&sample("shiyan-2020.toml")),
            Err(SumError::Mismatch { .. })
        ));
        let mut huge = a.clone();
        let licensing = table(&a, "licensing");
        huge.tables[licensing][0] = Some(MAX_UNITS);
        totals.add(&huge).unwrap();
        let before = totals.tables().to_vec();
        assert_eq!(
            totals.add(&a),
            Err(SumError::Overflow {
                table: licensing,
                row: 0,
                column: 0
            })
        );
        assert_eq!(totals.tables(), before, "a failed add changes nothing");
        assert_eq!(totals.count(), 1);
    }

    #[test]
    fn the_kind_most_reports_are_of_is_the_total_wherever_the_others_come() {
        let a = sample("shiyan-2024.toml");
        let stray = sample("shiyan-2023.toml");
        let mut by_kind = ByKind::default();
        by_kind.add(&stray, "stray").unwrap();
        for i in 0..3 {
            by_kind.add(&a, &format!("a{i}")).unwrap();
        }
        by_kind.add(&sample("shiyan-2020.toml"), "old").unwrap();
        let (main, others) = by_kind.finish().unwrap();
        assert_eq!(main.count, 3);
        assert_eq!(main.names, ["a0", "a1", "a2"]);
        assert_eq!(main.totals.count(), 3);
        let others: Vec<_> = others.iter().map(|k| k.names.clone()).collect();
        assert_eq!(others, [vec!["stray"], vec!["old"]]);
        // Between equals, the first seen.
        let mut tie = ByKind::default();
        tie.add(&stray, "x").unwrap();
        tie.add(&a, "y").unwrap();
        assert_eq!(tie.finish().unwrap().0.names, ["x"]);
        assert!(ByKind::default().finish().is_none());
    }

    #[test]
    fn a_total_is_told_by_its_mark_above_the_first_section() {
        let new = crate::store::to_toml(&sample("shiyan-2024.toml"), None);
        assert!(!is_total(&new));
        let marked = with_mark(&new);
        assert!(is_total(&marked));
        assert!(marked.starts_with("# "), "the title comes first");
        assert_eq!(
            marked.replace(
                &crate::i18n::sum::MARK.map(|l| format!("{l}\n")).concat(),
                ""
            ),
            new
        );
        assert!(is_total(
            "\u{feff}# nianbao sum：合计\ntemplate = \"gov-2021\"\n"
        ));
        // Only as a comment above the sections: not in a text, not as a value.
        assert!(!is_total(
            "template = \"gov-2021\"\n[overview]\ntext = \'\'\'\n# nianbao sum: x\n\'\'\'\n"
        ));
        assert!(!is_total("agency = \"nianbao sum: x\"\n"));
    }

    #[test]
    fn negative_changes_add_up() {
        let a = sample("shiyan-2020.toml");
        let total = totals_of(&[a.clone(), a.clone(), a.clone()]).unwrap();
        let licensing = table(&a, "licensing");
        assert_eq!(total.tables[licensing][1], Some(-9));
    }

    /// A report of a built-in template with random values, some cells empty.
    fn random_report() -> impl Strategy<Value = Report> {
        prop_oneof![Just("gov-2021"), Just("gov-2019")].prop_flat_map(|id| {
            let template = Registry::default().get(id).unwrap();
            let sizes: Vec<usize> = template.tables.iter().map(|t| t.cell_count()).collect();
            let tables = sizes
                .into_iter()
                .map(|n| prop::collection::vec(prop::option::of(0i64..10_000_000_000), n))
                .collect::<Vec<_>>();
            (Just(template), tables).prop_map(|(template, tables)| {
                let mut r = Report::new(template);
                r.year = Some(2024);
                r.tables = tables;
                r
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn n_copies_add_up_to_n_times_each_cell(report in random_report(), n in 1usize..60) {
            let mut totals = Totals::new(report.template.clone(), report.year);
            for _ in 0..n {
                totals.add(&report).unwrap();
            }
            let total = totals.into_report();
            for (sums, values) in total.tables.iter().zip(&report.tables) {
                for (sum, value) in sums.iter().zip(values) {
                    prop_assert_eq!(*sum, value.map(|v| v * n as i64));
                }
            }
        }
    }
}
