//! Derived cells: totals the editor fills in as the user types, and overrides: a total that
//! holds a value other than the sum of its parts (a published total that differs from them) keeps
//! it when a part changes, until it is restored. Whether a total is overridden follows from the
//! values alone, so a file needs no mark for it and `check` sees exactly what the editor shows.

use super::evaluate::side;
use crate::report::Report;
use crate::template::Table;
use crate::template::compile::Check;
use crate::value::MAX_UNITS;

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

/// What a derived cell would hold if it followed its parts: `Some(None)` while its parts are all
/// empty; `None` when the cell is not derived or its parts add up past the largest value.
pub fn computed(table: &Table, values: &[Option<i64>], cell: usize) -> Option<Option<i64>> {
    let check = &table.checks[table.derived_by[cell]? as usize];
    derived_value(values, check)
}

/// Whether a derived cell holds a value other than the sum of its parts: an override, which a
/// change to a part leaves alone. An empty total is never one: it is a total not filled in yet.
pub fn is_overridden(table: &Table, values: &[Option<i64>], cell: usize) -> bool {
    values[cell].is_some() && computed(table, values, cell).is_some_and(|c| c != values[cell])
}

/// Every overridden cell of a table.
pub fn overridden(table: &Table, values: &[Option<i64>]) -> Vec<usize> {
    (0..values.len())
        .filter(|&cell| table.is_derived(cell) && is_overridden(table, values, cell))
        .collect()
}

/// Sets one cell and brings the totals that follow from it up to date, leaving overridden totals
/// as they are. Returns the derived cells that changed.
pub fn set_cell(
    table: &Table,
    values: &mut [Option<i64>],
    cell: usize,
    value: Option<i64>,
) -> Vec<usize> {
    let keep = overridden(table, values);
    values[cell] = value;
    derive_from_keeping(table, values, cell, &keep)
}

/// The check that fills in `target`, when it is `check`: a cell two rules could fill in (the
/// total of 总计) is filled in by one, so it never flips between them.
fn fills(table: &Table, check: u32, target: u32) -> bool {
    table.derived_by[target as usize] == Some(check)
}

/// Fills in every derived cell of a table. Returns the cells that changed.
pub fn derive_table(table: &Table, values: &mut [Option<i64>]) -> Vec<usize> {
    derive_table_keeping(table, values, &[])
}

/// Fills in every derived cell of a table but those in `keep` (the overridden ones). Returns the
/// cells that changed.
pub fn derive_table_keeping(
    table: &Table,
    values: &mut [Option<i64>],
    keep: &[usize],
) -> Vec<usize> {
    let mut changed = Vec::new();
    // A derived cell may add up other derived cells (the total of 总计); repeat until settled.
    for _ in 0..=table.checks.len() {
        let mut any = false;
        for (ci, check) in table.checks.iter().enumerate() {
            let Some(target) = check.target else { continue };
            if !fills(table, ci as u32, target) || keep.contains(&(target as usize)) {
                continue;
            }
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
    derive_from_keeping(table, values, cell, &[])
}

/// Like [`derive_from`], leaving the cells in `keep` (the overridden totals) as they are.
pub fn derive_from_keeping(
    table: &Table,
    values: &mut [Option<i64>],
    cell: usize,
    keep: &[usize],
) -> Vec<usize> {
    let mut changed = Vec::new();
    let mut pending = vec![cell];
    let mut budget = table.cell_count() * 4 + 16;
    while let Some(c) = pending.pop() {
        for &ci in &table.cell_checks[c] {
            let check = &table.checks[ci as usize];
            let Some(target) = check.target else { continue };
            if target as usize == c
                || !fills(table, ci, target)
                || keep.contains(&(target as usize))
                || !check.rhs.iter().any(|o| o.cell as usize == c)
            {
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
