//! Every problem of the report, reachable: `n` / `N` go from one to the next in the order of the
//! problems list (`p`, `:problems`), which shows each in full, and Enter goes there. Both read the
//! findings `check` reports, warnings included.

use super::{App, GridCursor, Mode};
use crate::i18n::editor as msg;
use crate::rules::{Finding, What};
use crate::template::Template;
use crate::tui::keymap::{self, Command, Context, Lookup};
use crate::tui::keys::Key;

/// Where a finding takes the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A cell of a table; a sentence the table contradicts goes to the cell it contradicts.
    Cell { section: usize, cursor: GridCursor },
    /// A section as a whole (a text that says nothing, a placeholder).
    Section(usize),
    /// The report as a whole (its format, its last year's file): nowhere to go.
    Report,
}

impl Place {
    /// Where a finding is about, `check`'s finding in hand.
    pub fn of(f: &Finding, template: &Template) -> Place {
        if f.is_about_the_whole_report() || matches!(f.what, What::SupersededFormat { .. }) {
            return Place::Report;
        }
        if let Some(t) = f.table
            && let Some(&cell) = f.cells(template).first()
        {
            let table = &template.tables[t];
            let (row, column) = table.row_column(cell);
            return Place::Cell {
                section: table.section,
                cursor: GridCursor {
                    table: t,
                    row,
                    column,
                },
            };
        }
        Place::Section(f.section)
    }

    /// The order problems are listed and visited in: the report first, then by section, table,
    /// row and column.
    fn key(self) -> (usize, usize, usize, usize, usize) {
        match self {
            Place::Report => (0, 0, 0, 0, 0),
            Place::Section(s) => (1, s, 0, 0, 0),
            Place::Cell { section, cursor } => {
                (1, section, cursor.table + 1, cursor.row, cursor.column)
            }
        }
    }
}

impl App {
    /// Every finding with where it takes the cursor, in the order `n` visits them: the indexes are
    /// into [`App::findings`].
    pub fn problems(&self) -> Vec<(usize, Place)> {
        let template = &self.report.template;
        let mut out: Vec<(usize, Place)> = self
            .findings()
            .iter()
            .enumerate()
            .map(|(i, f)| (i, Place::of(f, template)))
            .collect();
        out.sort_by_key(|&(i, place)| (place.key(), i));
        out
    }

    /// Where the cursor is, as a place.
    fn here(&self) -> Place {
        match self.cursor() {
            Some(cursor) => Place::Cell {
                section: self.section,
                cursor,
            },
            None => Place::Section(self.section),
        }
    }

    /// Goes to the next (or previous) problem, in any section, warnings included.
    pub(super) fn jump_to_problem(&mut self, forward: bool) {
        self.refresh();
        let problems = self.problems();
        if problems.is_empty() {
            self.say(msg::no_problems(self.lang));
            return;
        }
        let here = self.here();
        // Still where the last jump went: go on from that problem, so that several problems of one
        // cell are each visited.
        let at = self
            .last_problem
            .and_then(|i| problems.iter().position(|&(f, _)| f == i))
            .filter(|&k| problems[k].1 == here || problems[k].1 == Place::Report);
        let n = problems.len();
        let next = match (at, forward) {
            (Some(k), true) => (k + 1) % n,
            (Some(k), false) => (k + n - 1) % n,
            (None, true) => problems
                .iter()
                .position(|(_, p)| p.key() > here.key())
                .unwrap_or(0),
            (None, false) => problems
                .iter()
                .rposition(|(_, p)| p.key() < here.key())
                .unwrap_or(n - 1),
        };
        self.go_to_problem(next);
    }

    /// Goes to the `k`-th problem of [`App::problems`] and says what it is.
    pub(super) fn go_to_problem(&mut self, k: usize) {
        let problems = self.problems();
        let Some(&(finding, place)) = problems.get(k) else {
            return;
        };
        match place {
            Place::Cell { section, cursor } => {
                self.enter_section(section);
                self.move_cursor(cursor);
            }
            Place::Section(section) => self.enter_section(section),
            Place::Report => {}
        }
        self.last_problem = Some(finding);
        let message = self.findings()[finding].message(&self.report.template, self.lang);
        self.say(msg::problem_of(k + 1, problems.len(), &message, self.lang));
    }

    /// Opens the problems list at the problem the cursor is on, or the first after it.
    pub(super) fn open_problems(&mut self) {
        self.refresh();
        let problems = self.problems();
        let here = self.here();
        let selected = self
            .last_problem
            .and_then(|i| problems.iter().position(|&(f, _)| f == i))
            .filter(|&k| problems[k].1 == here)
            .or_else(|| problems.iter().position(|(_, p)| p.key() >= here.key()))
            .unwrap_or(0);
        self.mode = Mode::Problems { selected, top: 0 };
        self.scroll_problems();
    }

    pub(super) fn problems_key(&mut self, key: Key) {
        let Mode::Problems { selected, top } = self.mode else {
            return;
        };
        self.pending.push(key);
        let count = self.problems().len();
        let last = count.saturating_sub(1);
        let page = self.layout().problems_page();
        let selected = match keymap::lookup(&[Context::Problems], &self.pending) {
            Lookup::Prefix => return,
            Lookup::None => selected,
            Lookup::Command(c) => match c {
                Command::Down => (selected + 1).min(last),
                Command::Up => selected.saturating_sub(1),
                Command::PageDown => (selected + page).min(last),
                Command::PageUp => selected.saturating_sub(page),
                Command::Top => 0,
                Command::Bottom => last,
                Command::GoToProblem => {
                    self.pending.clear();
                    self.mode = Mode::Normal;
                    self.go_to_problem(selected);
                    return;
                }
                _ => {
                    self.pending.clear();
                    self.mode = Mode::Normal;
                    return;
                }
            },
        };
        self.pending.clear();
        self.mode = Mode::Problems { selected, top };
        self.scroll_problems();
    }

    /// Scrolls the problems list so the selected problem shows whole.
    pub(super) fn scroll_problems(&mut self) {
        let Mode::Problems { selected, top } = self.mode else {
            return;
        };
        let heights = self.problem_heights();
        let top = self.layout().problems_top(&heights, selected, top);
        self.mode = Mode::Problems { selected, top };
    }

    /// The lines each problem takes in the list, as wrapped.
    pub fn problem_heights(&self) -> Vec<usize> {
        let layout = self.layout();
        self.problem_lines()
            .iter()
            .map(|text| layout.problem_wrapped(text).len())
            .collect()
    }

    /// Each problem as `check` prints it, in the order of [`App::problems`].
    pub fn problem_lines(&self) -> Vec<String> {
        self.problems()
            .iter()
            .map(|&(i, _)| {
                crate::describe::finding_line(&self.report, &self.findings()[i], self.lang)
            })
            .collect()
    }
}
