//! The rules of a report (勾稽关系): evaluate them into findings, and fill in derived cells.

mod derive;
mod evaluate;
mod finding;
pub mod structure;
pub mod text;

use std::sync::OnceLock;

use crate::report::{Cells, Report};
use crate::template::{Table, Template};
pub use derive::{
    computed, derive_all, derive_from, derive_from_keeping, derive_table, derive_table_keeping,
    is_overridden, overridden, set_cell,
};
pub use evaluate::{Evaluation, Outcome, check_report, evaluate, evaluate_table, sides};
pub use finding::{Finding, What};
use structure::Shingles;

/// Last year's values, lined up with this year's cells by section, table, row and column id, so a
/// report in another format can still serve where its ids agree.
pub struct PrevValues {
    tables: Vec<Option<Cells>>,
    /// Per table, which cells last year's format has at all. A check that needs a cell last year's
    /// format lacks is skipped: "no such cell" says nothing, while an empty cell counts as 0.
    known: Vec<Vec<bool>>,
    /// Last year's report's year.
    pub year: Option<i32>,
    /// The body last year's report is by, as it says.
    pub agency: String,
    /// Per section of this year's template, last year's text of the section with the same id.
    pub texts: Vec<Option<String>>,
    /// Per section, `texts` as the likeness check reads them, made when first asked for.
    shingles: Vec<OnceLock<Shingles>>,
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
        let texts: Vec<Option<String>> = template
            .sections
            .iter()
            .map(|s| {
                let ps = prev.template.section_by_id(&s.id)?;
                Some(prev.texts[ps].clone()).filter(|t| !t.is_empty())
            })
            .collect();
        PrevValues {
            tables,
            known,
            year: prev.year,
            agency: prev.agency.clone(),
            shingles: texts.iter().map(|_| OnceLock::new()).collect(),
            texts,
        }
    }

    /// Last year's text of this year's section `s`, and its shingles.
    pub fn text(&self, s: usize) -> Option<(&str, &Shingles)> {
        let text = self.texts.get(s)?.as_deref()?;
        Some((text, self.shingles[s].get_or_init(|| Shingles::of(text))))
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

#[cfg(test)]
mod format_tests;
#[cfg(test)]
mod structure_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod text_tests;
