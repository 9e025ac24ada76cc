//! One report: its metadata, its texts and its table values, shaped by a template.

use std::sync::Arc;

use crate::template::Template;

/// The years a report can be for: the regulations on government information disclosure took
/// effect in May 2008, so the first annual reports are for 2008; the last bound only catches a
/// typing slip (20244).
pub const YEARS: std::ops::RangeInclusive<i32> = 2008..=2100;

/// The values of one table, row-major; `None` is an empty cell (not filled in), which is not 0.
pub type Cells = Vec<Option<i64>>;

#[derive(Clone)]
pub struct Report {
    pub template: Arc<Template>,
    pub agency: String,
    pub year: Option<i32>,
    pub title: String,
    /// Last year's report file, for the cross-year rules, relative to this file.
    pub previous: Option<String>,
    /// One text per section, in template order; table sections keep an empty one.
    pub texts: Vec<String>,
    /// One value list per template table, in template order.
    pub tables: Vec<Cells>,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("template", &self.template.id)
            .field("agency", &self.agency)
            .field("year", &self.year)
            .field("title", &self.title)
            .field("previous", &self.previous)
            .field("texts", &self.texts)
            .field("tables", &self.tables)
            .finish()
    }
}

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.template.id == other.template.id
            && self.agency == other.agency
            && self.year == other.year
            && self.title == other.title
            && self.previous == other.previous
            && self.texts == other.texts
            && self.tables == other.tables
    }
}

impl Report {
    /// A new report with every cell empty, so the writer sees what is still to fill in.
    pub fn new(template: Arc<Template>) -> Report {
        let texts = vec![String::new(); template.sections.len()];
        let tables = template
            .tables
            .iter()
            .map(|t| vec![None; t.cell_count()])
            .collect();
        Report {
            template,
            agency: String::new(),
            year: None,
            title: String::new(),
            previous: None,
            texts,
            tables,
        }
    }

    /// A body's name as two of its reports are compared by: spaces aside, which a clerk's
    /// typing or a page's layout puts in or leaves out ("示例市 统计局").
    pub fn agency_key(agency: &str) -> String {
        agency.split_whitespace().collect()
    }

    /// The title a published report would carry, from the agency and year.
    pub fn default_title(&self) -> String {
        match self.year {
            Some(year) => format!("{}{}年{}", self.agency, year, self.template.name.zh),
            None => self.agency.clone(),
        }
    }

    pub fn cell(&self, table: usize, row: usize, column: usize) -> Option<i64> {
        self.tables[table][self.template.tables[table].cell_index(row, column)]
    }

    /// How many cells are still empty, in the whole report.
    pub fn empty_cells(&self) -> usize {
        self.tables.iter().flatten().filter(|v| v.is_none()).count()
    }
}
