//! A finding: something wrong, or probably wrong, in a report, and how to say it to a person.

use crate::i18n::Lang;
use crate::i18n::findings as msg;
use crate::template::compile::Check;
use crate::template::{Each, Severity, Table, Template};
use crate::value::CellKind;

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// A rule of the template does not hold; the index is into the table's checks.
    /// `left_empty`: every cell of its left side is empty, counted as 0 (a total not filled in,
    /// a published table cut off), which the message says rather than "left 0".
    Rule { check: u32, left_empty: bool },
    /// Cells of a table are still empty; `first` is the first of them, `rows` the rows that
    /// hold any (indexes into the table's rows, in order), so a reviewer finds them.
    EmptyCells {
        count: usize,
        first: usize,
        rows: Vec<u32>,
    },
    /// The report is for a year in which its template was already replaced by a newer format.
    SupersededFormat { from: i32 },
    /// A sentence states a number its table contradicts. The finding's `section` is the text's,
    /// its `table`, `row` and `column` the cells'; `actual` is the number stated, `expected` the
    /// table's. Places are character offsets into the section's text.
    TextVsTable {
        /// Index into the template's text facts.
        fact: u32,
        start: usize,
        end: usize,
        /// The phrase that states the number.
        quote: String,
        sentence_start: usize,
        sentence: String,
    },
    /// The last year's report the file names is missing or cannot be read, so the cross-year
    /// rules were not checked.
    PreviousUnreadable {
        path: String,
        reasons: Vec<crate::store::Diagnostic>,
    },
    /// Last year's report is by another body (`previous`) than this report (`agency`).
    PreviousAgency { agency: String, previous: String },
    /// The report was imported from a published file (a PDF, a Word document…) that held
    /// something import could not take over as it was: what, in both languages, and the file's
    /// line (a paragraph or table row of a document) it stands on.
    Imported {
        line: Option<usize>,
        zh: String,
        en: String,
    },
    /// A structure check of the template (`[[structure]]`); the index is into its checks.
    Structure {
        check: u32,
        detail: super::structure::Detail,
    },
}

/// Something wrong, or probably wrong, in a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub what: What,
    pub section: usize,
    pub table: Option<usize>,
    pub row: Option<usize>,
    pub column: Option<usize>,
    /// The left side of a rule, as the report has it.
    pub actual: Option<i64>,
    /// The right side of a rule: what the left side should be.
    pub expected: Option<i64>,
    pub kind: CellKind,
}

impl Finding {
    /// A warning about the report as a whole, not about one of its cells: its format, its last
    /// year's report, the file it was imported from.
    pub fn report_warning(what: What) -> Finding {
        Finding {
            severity: Severity::Warning,
            what,
            section: 0,
            table: None,
            row: None,
            column: None,
            actual: None,
            expected: None,
            kind: CellKind::Count,
        }
    }

    /// Where a broken check is reported: its anchor cell (the one cell its left side names), or
    /// the row or column it is applied to.
    pub(super) fn rule_place(table: &Table, check: &Check) -> (Option<usize>, Option<usize>) {
        if let Some(anchor) = check.anchor {
            let (r, c) = table.row_column(anchor as usize);
            return (Some(r), Some(c));
        }
        match table.rules[check.rule].each {
            Each::Row => (Some(check.line), None),
            Each::Column => (None, Some(check.line)),
        }
    }

    /// The cells of its table this finding is about, the one to go to first: a broken rule's
    /// anchor, or the cells of its left side; the cell a sentence contradicts; the first empty
    /// cell. None for a finding about the whole report.
    pub fn cells(&self, template: &Template) -> Vec<usize> {
        let Some(t) = self.table else {
            return Vec::new();
        };
        let table = &template.tables[t];
        match &self.what {
            What::Rule { check, .. } => {
                let check = &table.checks[*check as usize];
                match check.anchor {
                    Some(a) => vec![a as usize],
                    None => check
                        .lhs
                        .iter()
                        .filter(|o| !o.prev)
                        .map(|o| o.cell as usize)
                        .collect(),
                }
            }
            What::TextVsTable { .. } => match (self.row, self.column) {
                (Some(r), Some(c)) => vec![table.cell_index(r, c)],
                _ => Vec::new(),
            },
            What::EmptyCells { first, .. } => vec![*first],
            // A structure check names its cell, when it has one, by row and column.
            What::Structure { .. } => match (self.row, self.column) {
                (Some(r), Some(c)) => vec![table.cell_index(r, c)],
                _ => Vec::new(),
            },
            What::SupersededFormat { .. }
            | What::PreviousUnreadable { .. }
            | What::PreviousAgency { .. }
            | What::Imported { .. } => Vec::new(),
        }
    }

    /// A short, stable id: the template rule's id, or `empty-cells` / `superseded-format` /
    /// `text-vs-table` / `previous-unreadable` / `previous-agency` / `import`.
    pub fn rule_id<'a>(&self, template: &'a Template) -> &'a str {
        match (&self.what, self.table) {
            (What::Rule { check, .. }, Some(t)) => {
                let table = &template.tables[t];
                &table.rules[table.checks[*check as usize].rule].id
            }
            (What::EmptyCells { .. }, _) => "empty-cells",
            (What::SupersededFormat { .. }, _) => "superseded-format",
            (What::TextVsTable { .. }, _) => "text-vs-table",
            (What::PreviousUnreadable { .. }, _) => "previous-unreadable",
            (What::PreviousAgency { .. }, _) => "previous-agency",
            (What::Imported { .. }, _) => "import",
            (What::Structure { check, .. }, _) => &template.structure[*check as usize].id,
            (What::Rule { .. }, None) => "rule",
        }
    }

    /// Whether the finding is about the report as a whole (its metadata, its last year's file)
    /// rather than a place in one section.
    pub fn is_about_the_whole_report(&self) -> bool {
        match &self.what {
            What::PreviousUnreadable { .. }
            | What::PreviousAgency { .. }
            | What::Imported { .. } => true,
            What::Structure { detail, .. } => detail.is_about_the_whole_report(),
            _ => false,
        }
    }

    /// The difference between the two sides, left minus right.
    pub fn difference(&self) -> Option<i64> {
        Some(self.actual? - self.expected?)
    }

    /// A sentence for a person, in the interface language.
    pub fn message(&self, template: &Template, lang: Lang) -> String {
        let fmt = |v: i64| self.kind.format(v);
        match &self.what {
            What::Rule { check, left_empty } => {
                let table = &template.tables[self.table.unwrap_or_default()];
                let rule = &table.rules[table.checks[*check as usize].rule];
                let (Some(actual), Some(expected), Some(diff)) =
                    (self.actual, self.expected, self.difference())
                else {
                    return rule.message.get(lang).to_string();
                };
                let sign = if diff > 0 { "+" } else { "" };
                if *left_empty {
                    return msg::rule_off_left_empty(
                        rule.message.get(lang),
                        &fmt(expected),
                        sign,
                        &fmt(diff),
                        lang,
                    );
                }
                msg::rule_off(
                    rule.message.get(lang),
                    &fmt(actual),
                    &fmt(expected),
                    sign,
                    &fmt(diff),
                    lang,
                )
            }
            What::EmptyCells { count, rows, .. } => {
                let table = &template.tables[self.table.unwrap_or_default()];
                let labels: Vec<&str> = rows
                    .iter()
                    .map(|&r| table.rows[r as usize].label.get(lang))
                    .collect();
                msg::empty_cells_in(*count, &labels, lang)
            }
            What::SupersededFormat { from } => msg::superseded(
                *from,
                &template.id,
                template.basis.as_deref().unwrap_or(""),
                lang,
            ),
            What::TextVsTable { fact, quote, .. } => {
                let fact = &template.text_facts.facts[*fact as usize];
                let stated = self.actual.map(fmt).unwrap_or_default();
                let table = self.expected.map(fmt).unwrap_or_default();
                msg::text_vs_table(fact.message.get(lang), quote, &stated, &table, lang)
            }
            What::Structure { check, detail } => {
                let check = &template.structure[*check as usize];
                let section = template.sections[self.section].title.get(lang);
                let what =
                    crate::i18n::structure::detail(detail, self, section, &check.words, lang);
                msg::structure(check.message.get(lang), &what, lang)
            }
            What::PreviousUnreadable { path, reasons } => {
                let reasons: Vec<String> = reasons.iter().map(|d| d.text(lang)).collect();
                msg::previous_unreadable(path, &reasons.join(msg::reason_separator(lang)), lang)
            }
            What::PreviousAgency { agency, previous } => {
                msg::previous_agency(previous, agency, lang)
            }
            What::Imported { line, zh, en } => {
                let said = lang.pick(zh, en);
                match line {
                    Some(line) => msg::imported_at(*line, said, lang),
                    None => msg::imported(said, lang),
                }
            }
        }
    }
}
