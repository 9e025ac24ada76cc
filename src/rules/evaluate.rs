//! Evaluating a report's checks: once, for everyone. `check`'s findings, the editor's status
//! line, its grid marks and its way from one problem to the next all read the same [`Evaluation`],
//! so none of them can report a rule the others do not.

use super::PrevValues;
use super::finding::{Finding, What};
use crate::report::Report;
use crate::template::compile::{Check, Operand};
use crate::template::{Severity, Template};
use crate::value::CellKind;

/// What became of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Both sides are equal.
    Held { value: i128 },
    /// The left side as the report has it, and the right: what the left should be.
    Broken { lhs: i128, rhs: i128 },
    /// Not evaluated: it needs last year's report, which is not there, or a cell of it that last
    /// year's format does not have ("no such cell" says nothing; an empty cell counts as 0).
    Skipped,
}

/// Every check of a report evaluated, per table and check, with the findings that follow.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    pub checks: Vec<Vec<Outcome>>,
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// What became of check `check` of table `table`.
    pub fn outcome(&self, table: usize, check: usize) -> Outcome {
        self.checks
            .get(table)
            .and_then(|t| t.get(check))
            .copied()
            .unwrap_or(Outcome::Skipped)
    }
}

pub(super) fn side(
    values: &[Option<i64>],
    prev: Option<&[Option<i64>]>,
    operands: &[Operand],
) -> Option<i128> {
    let mut sum: i128 = 0;
    for o in operands {
        let v = if o.prev {
            prev?[o.cell as usize]
        } else {
            values[o.cell as usize]
        };
        let v = i128::from(v.unwrap_or(0));
        sum += if o.negative { -v } else { v };
    }
    Some(sum)
}

/// Both sides of one check, when they can be computed (a side that needs last year's values needs
/// `prev`): for callers that weigh one row's values, as the importer placing unlabelled values.
pub fn sides(
    values: &[Option<i64>],
    prev: Option<&[Option<i64>]>,
    check: &Check,
) -> Option<(i128, i128)> {
    Some((
        side(values, prev, &check.lhs)?,
        side(values, prev, &check.rhs)?,
    ))
}

/// Evaluates every check of table `t`; `prev` is last year's report aligned by
/// [`PrevValues::align`].
pub fn evaluate_table(
    template: &Template,
    t: usize,
    values: &[Option<i64>],
    prev: Option<&PrevValues>,
) -> Vec<Outcome> {
    let known = prev.and_then(|p| p.known.get(t)).map(Vec::as_slice);
    let prev = prev.and_then(|p| p.table(t));
    template.tables[t]
        .checks
        .iter()
        .map(|check| evaluate_check(check, values, prev, known))
        .collect()
}

fn evaluate_check(
    check: &Check,
    values: &[Option<i64>],
    prev: Option<&[Option<i64>]>,
    known: Option<&[bool]>,
) -> Outcome {
    let unknown = |o: &Operand| o.prev && known.is_some_and(|k| !k[o.cell as usize]);
    if check.uses_prev && (prev.is_none() || check.lhs.iter().chain(&check.rhs).any(unknown)) {
        return Outcome::Skipped;
    }
    match (
        side(values, prev, &check.lhs),
        side(values, prev, &check.rhs),
    ) {
        (Some(lhs), Some(rhs)) if lhs == rhs => Outcome::Held { value: lhs },
        (Some(lhs), Some(rhs)) => Outcome::Broken { lhs, rhs },
        _ => Outcome::Skipped,
    }
}

fn clamp(v: i128) -> i64 {
    v.clamp(-i128::from(i64::MAX), i128::from(i64::MAX)) as i64
}

/// The findings of one table: its broken checks, and its empty cells.
fn table_findings(
    template: &Template,
    t: usize,
    values: &[Option<i64>],
    outcomes: &[Outcome],
    out: &mut Vec<Finding>,
) {
    let table = &template.tables[t];
    for (i, (check, outcome)) in table.checks.iter().zip(outcomes).enumerate() {
        let Outcome::Broken { lhs, rhs } = *outcome else {
            continue;
        };
        let rule = &table.rules[check.rule];
        let (row, column) = Finding::rule_place(table, check);
        let kind = check
            .lhs
            .first()
            .map(|o| table.columns[o.cell as usize % table.columns.len()].kind)
            .unwrap_or_default();
        out.push(Finding {
            severity: rule.severity,
            what: What::Rule {
                check: i as u32,
                left_empty: check
                    .lhs
                    .iter()
                    .all(|o| !o.prev && values[o.cell as usize].is_none()),
            },
            section: table.section,
            table: Some(t),
            row,
            column,
            actual: Some(clamp(lhs)),
            expected: Some(clamp(rhs)),
            kind,
        });
    }
    let empty = values.iter().filter(|v| v.is_none()).count();
    if let Some(first) = values.iter().position(Option::is_none) {
        out.push(Finding {
            severity: Severity::Warning,
            what: What::EmptyCells {
                count: empty,
                first,
                rows: (0..table.rows.len())
                    .filter(|r| {
                        let k = table.columns.len();
                        values[r * k..(r + 1) * k].iter().any(Option::is_none)
                    })
                    .map(|r| r as u32)
                    .collect(),
            },
            section: table.section,
            table: Some(t),
            row: None,
            column: None,
            actual: None,
            expected: None,
            kind: CellKind::Count,
        });
    }
}

/// Every finding of a report, in section order; `prev` is last year's report, if known.
pub fn check_report(report: &Report, prev: Option<&PrevValues>) -> Vec<Finding> {
    evaluate(report, prev, &mut super::text::TextCache::default()).findings
}

/// The warning that last year's report is another body's: its numbers are not this body's last
/// year, so every cross-year rule compares the wrong report (a file copied from a colleague, a
/// `previous` left over from a template). Agencies that differ only in spaces are the same; a
/// report that names no agency is warned about by the structure checks instead.
fn previous_agency(report: &Report, prev: &PrevValues) -> Option<Finding> {
    let (this, last) = (
        Report::agency_key(&report.agency),
        Report::agency_key(&prev.agency),
    );
    if this.is_empty() || last.is_empty() || this == last {
        return None;
    }
    Some(Finding::report_warning(What::PreviousAgency {
        agency: report.agency.trim().to_string(),
        previous: prev.agency.trim().to_string(),
    }))
}

/// Evaluates every check of a report, and its findings in section order. `cache` keeps what the
/// texts state, for an editor that evaluates after every edit: they are read again only when a
/// text changed.
pub fn evaluate(
    report: &Report,
    prev: Option<&PrevValues>,
    cache: &mut super::text::TextCache,
) -> Evaluation {
    let template = &report.template;
    let mut out = Vec::new();
    if let (Some(from), Some(year)) = (template.superseded_from, report.year)
        && year >= from
    {
        out.push(Finding::report_warning(What::SupersededFormat { from }));
    }
    if let Some(f) = prev.and_then(|prev| previous_agency(report, prev)) {
        out.push(f);
    }
    let mut checks = Vec::with_capacity(report.tables.len());
    for (t, values) in report.tables.iter().enumerate() {
        let outcomes = evaluate_table(template, t, values, prev);
        table_findings(template, t, values, &outcomes, &mut out);
        checks.push(outcomes);
    }
    super::text::check_texts_cached(report, cache, &mut out);
    super::structure::check(report, prev, &mut cache.structure, &mut out);
    // Stable: within a section, the order above (format, tables, then texts) stays.
    out.sort_by_key(|f| f.section);
    Evaluation {
        checks,
        findings: out,
    }
}
