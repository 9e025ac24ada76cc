//! Undo and redo: every edit is one transaction of changes, derived totals included.

use super::SectionView;
use crate::report::Report;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Cell {
        table: usize,
        cell: usize,
        before: Option<i64>,
        after: Option<i64>,
    },
    Text {
        section: usize,
        before: String,
        after: String,
    },
    /// The report's agency, title or year (set with `:agency`, `:title`, `:year`).
    Meta { before: Box<Meta>, after: Box<Meta> },
}

/// What a report says about itself, beside its sections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub agency: String,
    pub title: String,
    pub year: Option<i32>,
    /// Last year's report, as the file names it.
    pub previous: Option<String>,
}

/// What one user action changed, and how its section was shown, to go back there on undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    pub changes: Vec<Change>,
    pub section: usize,
    pub view: SectionView,
}

#[derive(Debug, Default)]
pub struct History {
    done: Vec<Transaction>,
    undone: Vec<Transaction>,
    /// How many transactions were done when the file was last saved (None: that state is gone).
    saved_at: Option<usize>,
}

impl History {
    pub fn new() -> History {
        History {
            saved_at: Some(0),
            ..History::default()
        }
    }

    pub fn record(&mut self, transaction: Transaction) {
        if transaction.changes.is_empty() {
            return;
        }
        if self.saved_at.is_some_and(|s| s > self.done.len()) {
            self.saved_at = None;
        }
        self.undone.clear();
        self.done.push(transaction);
    }

    pub fn undo(&mut self) -> Option<Transaction> {
        let t = self.done.pop()?;
        self.undone.push(t.clone());
        Some(t)
    }

    pub fn redo(&mut self) -> Option<Transaction> {
        let t = self.undone.pop()?;
        self.done.push(t.clone());
        Some(t)
    }

    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.done.len());
    }

    /// Whether the report differs from the file on disk.
    pub fn is_modified(&self) -> bool {
        self.saved_at != Some(self.done.len())
    }
}

impl Meta {
    /// What `report` says about itself.
    pub fn of(report: &Report) -> Meta {
        Meta {
            agency: report.agency.clone(),
            title: report.title.clone(),
            year: report.year,
            previous: report.previous.clone(),
        }
    }
}

/// The changes that make `before` into `after`, cell by cell, text by text and what they say
/// about themselves; `None` for reports of different shapes (another template's).
pub fn changes_between(before: &Report, after: &Report) -> Option<Vec<Change>> {
    let same_shape = before.template.id == after.template.id
        && before.tables.len() == after.tables.len()
        && before
            .tables
            .iter()
            .zip(&after.tables)
            .all(|(a, b)| a.len() == b.len())
        && before.texts.len() == after.texts.len();
    if !same_shape {
        return None;
    }
    let mut changes = Vec::new();
    for (table, (was, is)) in before.tables.iter().zip(&after.tables).enumerate() {
        for (cell, (&before, &after)) in was.iter().zip(is).enumerate() {
            if before != after {
                changes.push(Change::Cell {
                    table,
                    cell,
                    before,
                    after,
                });
            }
        }
    }
    for (section, (was, is)) in before.texts.iter().zip(&after.texts).enumerate() {
        if was != is {
            changes.push(Change::Text {
                section,
                before: was.clone(),
                after: is.clone(),
            });
        }
    }
    let (was, is) = (Meta::of(before), Meta::of(after));
    if was != is {
        changes.push(Change::Meta {
            before: Box::new(was),
            after: Box::new(is),
        });
    }
    Some(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(cell: usize) -> Transaction {
        Transaction {
            changes: vec![Change::Cell {
                table: 0,
                cell,
                before: None,
                after: Some(1),
            }],
            section: 0,
            view: SectionView::Text { caret: 0 },
        }
    }

    #[test]
    fn modified_follows_undo_and_redo_around_the_save_point() {
        let mut h = History::new();
        assert!(!h.is_modified());
        h.record(t(1));
        assert!(h.is_modified());
        h.mark_saved();
        assert!(!h.is_modified());
        h.undo();
        assert!(h.is_modified());
        h.redo();
        assert!(!h.is_modified());
        h.undo();
        h.record(t(2));
        assert!(h.is_modified(), "the saved state can no longer be reached");
        h.undo();
        assert!(h.is_modified());
    }
}
