//! What differs between two versions of a report: this year's and last year's, or the reviewer's
//! and the colleague's. Cells are lined up by section, table, row and column id, so two reports in
//! different formats (gov-2019 and gov-2021) compare wherever their ids agree.
//!
//! Places are indexes into the *new* report's template, so the editor can mark the cells of the
//! report it has open ([`Comparison::changed_cells`]); what only the old format has is listed with
//! indexes into the old report's template.

use crate::report::Report;
use crate::rules::PrevValues;
use crate::template::Template;

/// What an old report holds in a cell of the new report's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OldCell {
    /// The old report's format has no such cell.
    NotInFormat,
    /// The old value; `None` is an empty cell.
    Value(Option<i64>),
}

/// One difference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A top-level field: `template`, `agency`, `year`, `title` or `previous`; `None` is unset.
    Meta {
        key: &'static str,
        old: Option<String>,
        new: Option<String>,
    },
    /// A section's text (index into the new template); `old` is `None` when the old report's
    /// format has no such section.
    Text {
        section: usize,
        old: Option<String>,
        new: String,
    },
    /// A cell of the new report's format.
    Cell {
        table: usize,
        row: usize,
        column: usize,
        old: OldCell,
        new: Option<i64>,
    },
    /// A filled-in cell only the old report's format has (indexes into the old template).
    Removed {
        table: usize,
        row: usize,
        column: usize,
        old: i64,
    },
    /// A written text only the old report's format has (index into the old template).
    RemovedText { section: usize, old: String },
}

/// Every difference between two reports, in the order of the new report's sections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub changes: Vec<Change>,
}

impl Comparison {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// For each table of the new report's template, which cells differ: what the editor marks.
    pub fn changed_cells(&self, new: &Template) -> Vec<Vec<bool>> {
        let mut marks: Vec<Vec<bool>> = new
            .tables
            .iter()
            .map(|t| vec![false; t.cell_count()])
            .collect();
        for change in &self.changes {
            if let Change::Cell {
                table, row, column, ..
            } = *change
            {
                marks[table][new.tables[table].cell_index(row, column)] = true;
            }
        }
        marks
    }

    /// For each section of the new report's template, whether its text differs.
    pub fn changed_texts(&self, new: &Template) -> Vec<bool> {
        let mut marks = vec![false; new.sections.len()];
        for change in &self.changes {
            if let Change::Text { section, .. } = *change {
                marks[section] = true;
            }
        }
        marks
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Every difference between `old` and `new`.
pub fn compare(old: &Report, new: &Report) -> Comparison {
    let (ot, nt) = (&old.template, &new.template);
    let year = |r: &Report| r.year.map(|y| y.to_string());
    let mut changes: Vec<Change> = [
        ("template", Some(ot.id.clone()), Some(nt.id.clone())),
        ("agency", non_empty(&old.agency), non_empty(&new.agency)),
        ("year", year(old), year(new)),
        ("title", non_empty(&old.title), non_empty(&new.title)),
        ("previous", old.previous.clone(), new.previous.clone()),
    ]
    .into_iter()
    .filter(|(_, old, new)| old != new)
    .map(|(key, old, new)| Change::Meta { key, old, new })
    .collect();
    // Cells are lined up by id exactly as the cross-year rules line up last year's report.
    let old_values = PrevValues::align(nt, old);
    for (s, section) in nt.sections.iter().enumerate() {
        let old_text = ot.section_by_id(&section.id).map(|os| &old.texts[os]);
        let new_text = &new.texts[s];
        if old_text.map_or(!new_text.is_empty(), |o| o != new_text) {
            changes.push(Change::Text {
                section: s,
                old: old_text.cloned(),
                new: new_text.clone(),
            });
        }
        for t in section.tables.clone() {
            for (cell, &value) in new.tables[t].iter().enumerate() {
                let old_value = match old_values.table(t) {
                    Some(values) if old_values.knows(t, cell) => OldCell::Value(values[cell]),
                    _ => OldCell::NotInFormat,
                };
                let differs = match old_value {
                    OldCell::Value(v) => v != value,
                    OldCell::NotInFormat => value.is_some(),
                };
                if differs {
                    let (row, column) = nt.tables[t].row_column(cell);
                    changes.push(Change::Cell {
                        table: t,
                        row,
                        column,
                        old: old_value,
                        new: value,
                    });
                }
            }
        }
    }
    if ot.id != nt.id {
        removed(old, new, &mut changes);
    }
    Comparison { changes }
}

/// What only the old report's format has, where the old report filled it in.
fn removed(old: &Report, new: &Report, out: &mut Vec<Change>) {
    let (ot, nt) = (&old.template, &new.template);
    for (s, section) in ot.sections.iter().enumerate() {
        if nt.section_by_id(&section.id).is_none() && !old.texts[s].is_empty() {
            out.push(Change::RemovedText {
                section: s,
                old: old.texts[s].clone(),
            });
        }
    }
    // Which of the old format's cells the new format has.
    let in_new = PrevValues::align(ot, new);
    for (t, values) in old.tables.iter().enumerate() {
        for (cell, value) in values.iter().enumerate() {
            if let Some(v) = *value
                && !in_new.knows(t, cell)
            {
                let (row, column) = ot.tables[t].row_column(cell);
                out.push(Change::Removed {
                    table: t,
                    row,
                    column,
                    old: v,
                });
            }
        }
    }
}

/// A line of a text diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// Beyond this many line pairs a text is shown as wholly replaced: the table would not pay.
const MAX_LINE_PAIRS: usize = 1 << 20;

/// The lines of two texts, as removed, added or the same (longest common subsequence).
pub fn line_diff<'a>(old: &'a str, new: &'a str) -> Vec<Line<'a>> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    if a.len().saturating_mul(b.len()) > MAX_LINE_PAIRS {
        return a
            .iter()
            .map(|l| Line::Removed(l))
            .chain(b.iter().map(|l| Line::Added(l)))
            .collect();
    }
    // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut common = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(Line::Same(a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            // Removed before added, as a reader expects "- old / + new".
            out.push(Line::Removed(a[i]));
            i += 1;
        } else {
            out.push(Line::Added(b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{sample, table};

    #[test]
    fn the_same_report_has_no_differences_and_a_changed_cell_is_marked() {
        let old = sample("shiyan-2024.toml");
        assert!(compare(&old, &old).is_empty());
        let mut new = old.clone();
        let t = table(&new, "fees");
        new.tables[t][0] = None;
        new.agency = "示例县自然资源局".into();
        let c = compare(&old, &new);
        assert_eq!(
            c.changes,
            [
                Change::Meta {
                    key: "agency",
                    old: Some("示例市自然资源和规划局".into()),
                    new: Some("示例县自然资源局".into())
                },
                Change::Cell {
                    table: t,
                    row: 0,
                    column: 0,
                    old: OldCell::Value(Some(188_710)),
                    new: None
                }
            ]
        );
        let marks = c.changed_cells(&new.template);
        assert_eq!(marks.iter().flatten().filter(|m| **m).count(), 1);
        assert!(marks[t][0]);
        assert!(!c.changed_texts(&new.template).contains(&true));
    }

    #[test]
    fn reports_in_two_formats_compare_by_id() {
        let old = sample("shiyan-2020.toml");
        let new = sample("shiyan-2023.toml");
        let c = compare(&old, &new);
        let requests = table(&new, "applications");
        // 新收 has the same id in both formats: compared as a plain change.
        assert!(c.changes.contains(&Change::Cell {
            table: requests,
            row: 0,
            column: 6,
            old: OldCell::Value(Some(52)),
            new: Some(65)
        }));
        // 现行有效件数 is new in the 2021 format; 采购总金额 is gone from it.
        let documents = table(&new, "documents");
        assert!(c.changes.contains(&Change::Cell {
            table: documents,
            row: 1,
            column: 2,
            old: OldCell::NotInFormat,
            new: Some(25)
        }));
        let procurement = table(&old, "procurement");
        assert!(c.changes.contains(&Change::Removed {
            table: procurement,
            row: 0,
            column: 1,
            old: 1_264_500
        }));
    }

    #[test]
    fn a_changed_line_is_removed_then_added_between_the_same_lines() {
        assert_eq!(
            line_diff("一\n二\n三", "一\n贰\n三\n四"),
            [
                Line::Same("一"),
                Line::Removed("二"),
                Line::Added("贰"),
                Line::Same("三"),
                Line::Added("四")
            ]
        );
        assert_eq!(line_diff("", "甲"), [Line::Added("甲")]);
        assert_eq!(line_diff("甲", ""), [Line::Removed("甲")]);
    }
}
