//! The rules of a report (勾稽关系): evaluate them into findings, and fill in derived cells.

pub mod compile;
pub mod expr;
mod finding;
pub mod numerals;
pub mod phrase;
pub mod text;

use crate::report::{Cells, Report};
use crate::template::{Severity, Table, Template};
use crate::value::{CellKind, MAX_UNITS};
use compile::{Check, Operand};
pub use finding::{Finding, What};

/// Last year's values, lined up with this year's cells by section, table, row and column id, so a
/// report in another format can still serve where its ids agree.
pub struct PrevValues {
    tables: Vec<Option<Cells>>,
    /// Per table, which cells last year's format has at all. A check that needs a cell last year's
    /// format lacks is skipped: "no such cell" says nothing, while an empty cell counts as 0.
    known: Vec<Vec<bool>>,
}

impl PrevValues {
    pub fn align(template: &Template, prev: &Report) -> PrevValues {
        let mut known = Vec::with_capacity(template.tables.len());
        let tables = template
            .tables
            .iter()
            .map(|table| {
                let mut mask = vec![false; table.cell_count()];
                let cells = align_table(template, table, prev, &mut mask);
                known.push(mask);
                cells
            })
            .collect();
        PrevValues { tables, known }
    }

    /// Last year's values of a table, in this year's layout, if last year's format has the table.
    pub fn table(&self, table: usize) -> Option<&[Option<i64>]> {
        self.tables.get(table)?.as_deref()
    }

    /// Whether last year's format has this cell of this year's table.
    pub fn knows(&self, table: usize, cell: usize) -> bool {
        self.known
            .get(table)
            .and_then(|k| k.get(cell))
            .copied()
            .unwrap_or(false)
    }
}

fn align_table(
    template: &Template,
    table: &Table,
    prev: &Report,
    known: &mut [bool],
) -> Option<Cells> {
    let pt = &prev.template;
    let section_id = &template.sections[table.section].id;
    let ps = pt.section_by_id(section_id)?;
    let pi = pt.table_by_id(ps, &table.id)?;
    let ptable = &pt.tables[pi];
    let mut cells = vec![None; table.cell_count()];
    for (r, row) in table.rows.iter().enumerate() {
        let Some(pr) = ptable.rows.iter().position(|x| x.id == row.id) else {
            continue;
        };
        for (c, col) in table.columns.iter().enumerate() {
            if let Some(pc) = ptable.columns.iter().position(|x| x.id == col.id) {
                let cell = table.cell_index(r, c);
                cells[cell] = prev.tables[pi][ptable.cell_index(pr, pc)];
                known[cell] = true;
            }
        }
    }
    Some(cells)
}

fn side(
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

/// Both sides of a check, or `None` when it needs last year's report and there is none.
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

fn clamp(v: i128) -> i64 {
    v.clamp(-i128::from(i64::MAX), i128::from(i64::MAX)) as i64
}

/// The findings of one table's rules and its empty cells; `prev` is last year's values of the
/// table in this year's layout, every cell of which is taken to exist.
pub fn check_table(
    template: &Template,
    table_index: usize,
    values: &[Option<i64>],
    prev: Option<&[Option<i64>]>,
    out: &mut Vec<Finding>,
) {
    check_table_known(template, table_index, values, prev, None, out);
}

/// Like [`check_table`], with last year's report aligned by [`PrevValues::align`]: a cross-year
/// check that needs a cell last year's format does not have is skipped.
pub fn check_table_with_prev(
    template: &Template,
    table_index: usize,
    values: &[Option<i64>],
    prev: Option<&PrevValues>,
    out: &mut Vec<Finding>,
) {
    let known = prev
        .and_then(|p| p.known.get(table_index))
        .map(Vec::as_slice);
    let prev_values = prev.and_then(|p| p.table(table_index));
    check_table_known(template, table_index, values, prev_values, known, out);
}

fn check_table_known(
    template: &Template,
    table_index: usize,
    values: &[Option<i64>],
    prev: Option<&[Option<i64>]>,
    known: Option<&[bool]>,
    out: &mut Vec<Finding>,
) {
    let table = &template.tables[table_index];
    for (i, check) in table.checks.iter().enumerate() {
        if check.uses_prev && prev.is_none() {
            continue;
        }
        let unknown_prev = |o: &Operand| o.prev && known.is_some_and(|k| !k[o.cell as usize]);
        if check.lhs.iter().chain(&check.rhs).any(unknown_prev) {
            continue;
        }
        let Some((lhs, rhs)) = sides(values, prev, check) else {
            continue;
        };
        if lhs == rhs {
            continue;
        }
        let rule = &table.rules[check.rule];
        let (row, column) = finding_place(table, check);
        let kind = check
            .lhs
            .first()
            .map(|o| table.columns[o.cell as usize % table.columns.len()].kind)
            .unwrap_or_default();
        out.push(Finding {
            severity: rule.severity,
            what: What::Rule { check: i as u32 },
            section: table.section,
            table: Some(table_index),
            row,
            column,
            actual: Some(clamp(lhs)),
            expected: Some(clamp(rhs)),
            kind,
        });
    }
    let empty = values.iter().filter(|v| v.is_none()).count();
    if empty > 0 {
        out.push(Finding {
            severity: Severity::Warning,
            what: What::EmptyCells { count: empty },
            section: table.section,
            table: Some(table_index),
            row: None,
            column: None,
            actual: None,
            expected: None,
            kind: CellKind::Count,
        });
    }
}

fn finding_place(table: &Table, check: &Check) -> (Option<usize>, Option<usize>) {
    if let Some(anchor) = check.anchor {
        let (r, c) = table.row_column(anchor as usize);
        return (Some(r), Some(c));
    }
    match table.rules[check.rule].each {
        crate::template::Each::Row => (Some(check.line), None),
        crate::template::Each::Column => (None, Some(check.line)),
    }
}

/// Every finding of a report, in section order; `prev` is last year's report, if known.
pub fn check_report(report: &Report, prev: Option<&PrevValues>) -> Vec<Finding> {
    check_report_cached(report, prev, &mut text::TextCache::default())
}

/// [`check_report`] for an editor that checks after every edit: the texts' statements are read
/// again only when a text changed.
pub fn check_report_cached(
    report: &Report,
    prev: Option<&PrevValues>,
    cache: &mut text::TextCache,
) -> Vec<Finding> {
    let template = &report.template;
    let mut out = Vec::new();
    if let (Some(from), Some(year)) = (template.superseded_from, report.year)
        && year >= from
    {
        out.push(Finding {
            severity: Severity::Warning,
            what: What::SupersededFormat { from },
            section: 0,
            table: None,
            row: None,
            column: None,
            actual: None,
            expected: None,
            kind: CellKind::Count,
        });
    }
    for (t, values) in report.tables.iter().enumerate() {
        check_table_with_prev(template, t, values, prev, &mut out);
    }
    text::check_texts_cached(report, cache, &mut out);
    // Stable: within a section, the order above (format, tables, then texts) stays.
    out.sort_by_key(|f| f.section);
    out
}

/// The value a derived cell should hold: empty while every cell it adds up is empty.
fn derived_value(values: &[Option<i64>], check: &Check) -> Option<Option<i64>> {
    if check.rhs.iter().all(|o| values[o.cell as usize].is_none()) {
        return Some(None);
    }
    let sum = side(values, None, &check.rhs)?;
    (0..=i128::from(MAX_UNITS))
        .contains(&sum)
        .then_some(Some(sum as i64))
}

/// Fills in every derived cell of a table. Returns the cells that changed.
pub fn derive_table(table: &Table, values: &mut [Option<i64>]) -> Vec<usize> {
    let mut changed = Vec::new();
    // A derived cell may add up other derived cells (the total of 总计); repeat until settled.
    for _ in 0..=table.checks.len() {
        let mut any = false;
        for check in table.checks.iter() {
            let Some(target) = check.target else { continue };
            if let Some(v) = derived_value(values, check)
                && values[target as usize] != v
            {
                values[target as usize] = v;
                changed.push(target as usize);
                any = true;
            }
        }
        if !any {
            break;
        }
    }
    changed.sort_unstable();
    changed.dedup();
    changed
}

/// Fills in the derived cells that depend, directly or through other derived cells, on `cell`.
/// Returns the cells that changed.
pub fn derive_from(table: &Table, values: &mut [Option<i64>], cell: usize) -> Vec<usize> {
    let mut changed = Vec::new();
    let mut pending = vec![cell];
    let mut budget = table.cell_count() * 4 + 16;
    while let Some(c) = pending.pop() {
        for &ci in &table.cell_checks[c] {
            let check = &table.checks[ci as usize];
            let Some(target) = check.target else { continue };
            if target as usize == c || !check.rhs.iter().any(|o| o.cell as usize == c) {
                continue;
            }
            if let Some(v) = derived_value(values, check)
                && values[target as usize] != v
            {
                values[target as usize] = v;
                changed.push(target as usize);
                pending.push(target as usize);
            }
        }
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
    }
    changed.sort_unstable();
    changed.dedup();
    changed
}

/// Fills in every derived cell of a report. Returns how many cells changed.
pub fn derive_all(report: &mut Report) -> usize {
    let template = report.template.clone();
    report
        .tables
        .iter_mut()
        .zip(&template.tables)
        .map(|(values, table)| derive_table(table, values).len())
        .sum()
}

#[cfg(test)]
mod format_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod text_tests;
