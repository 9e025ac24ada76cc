//! Derived cells: totals the editor fills in as the user types.

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
