//! Typing values in as a clerk does from paper: committing a value, Tab and Enter as in a
//! spreadsheet, and totals, which a typed value checks rather than replaces unless the clerk
//! overrides them on purpose.

use super::grid::Step;
use super::{App, Effect, GridCursor, Mode};
use crate::i18n::editor as msg;
use crate::rules;
use crate::tui::keymap::{self, Command, Context, Lookup};
use crate::tui::keys::Key;

impl App {
    pub(super) fn start_cell_edit(&mut self, initial: String) {
        if self.refuse_if_read_only() {
            return;
        }
        self.overriding = false;
        // Typing from browsing says so after this (a count may follow: 3j).
        self.typed_from_browsing = false;
        self.mode = Mode::CellEdit { buffer: initial };
    }

    /// Whether the value being typed overrides a total (`o`, `:override`) rather than checks it.
    pub fn is_overriding(&self) -> bool {
        self.overriding && matches!(self.mode, Mode::CellEdit { .. })
    }

    /// The value being typed in a cell, as committing it would set it: table, cell and value.
    /// `None` while nothing would change (nothing typed yet, a value that does not parse, a total
    /// being checked).
    pub(super) fn typed_value(&self) -> Option<(usize, usize, i64)> {
        let Mode::CellEdit { buffer } = &self.mode else {
            return None;
        };
        let c = self.cursor()?;
        let table = &self.report.template.tables[c.table];
        let cell = table.cell_index(c.row, c.column);
        let values = &self.report.tables[c.table];
        if table.is_derived(cell) && !self.overriding {
            return None;
        }
        let kind = table.columns[c.column].kind;
        let (value, _) = crate::tui::units::parse(kind, buffer.trim(), self.lang).ok()?;
        (values[cell] != Some(value)).then_some((c.table, cell, value))
    }

    /// Tab or Shift-Tab while browsing: the next (previous) cell, totals included.
    pub(super) fn tab(&mut self, forward: bool) {
        let Some(c) = self.cursor() else { return };
        self.go_on_with_run(c);
        let next = self.step(c, if forward { Step::Next } else { Step::Prev });
        self.move_cursor(next);
    }

    /// A Tab starts a run of Tabs or goes on with it: the run remembers its first column.
    fn go_on_with_run(&mut self, c: GridCursor) {
        self.tab_run.get_or_insert(c.column);
        self.keeps_run = true;
    }

    /// Where Enter goes from `c`: down the column, or right after a run of Tabs, to the next row
    /// at the column where the run began, as a spreadsheet does, so that `v1 Tab … v6 Enter`
    /// fills a row and starts the next. Table 四 standing in bands (at 80 columns) shows each
    /// band as a row: a run's Enter starts the band below where the run began in its own. Where
    /// there is no row below (table 四's one row typed value by value, the last row of a
    /// section), on to the next cell as Tab goes: staying, the next digits would replace the
    /// value just committed. The last cell of a section stays, and says so.
    fn after_enter(&mut self, c: GridCursor) -> GridCursor {
        let run = self.tab_run.take();
        let start = match run {
            Some(column) => {
                let columns = self.report.template.tables[c.table].columns.len();
                GridCursor {
                    column: self.in_band_of(column.min(columns - 1), c),
                    ..c
                }
            }
            None => c,
        };
        let last_row = start.row + 1 == self.report.template.tables[c.table].rows.len();
        if run.is_none() && last_row && self.band_column(start, 1).is_some() {
            return self.next_cell_after_commit(c);
        }
        let below = self.step(start, Step::Down);
        if below != start {
            return below;
        }
        self.next_cell_after_commit(c)
    }

    /// The cell after `c`, which a value was just committed in; on the section's last cell,
    /// which stays, the status line says that what is typed next replaces it (on a total it is
    /// checked instead, and that says so).
    fn next_cell_after_commit(&mut self, c: GridCursor) -> GridCursor {
        let next = self.step(c, Step::Next);
        let table = &self.report.template.tables[c.table];
        let total = table.is_derived(table.cell_index(c.row, c.column));
        if next == c && !total && self.message.is_none() {
            self.say(msg::last_cell_of_section(self.lang));
        }
        next
    }

    /// Enter while browsing: right after a run of Tabs, on to the next row; otherwise, edit.
    pub(super) fn edit_or_next_row(&mut self) {
        let Some(c) = self.cursor() else { return };
        if self.tab_run.is_some() {
            let next = self.after_enter(c);
            self.move_cursor(next);
        } else {
            self.edit_current_cell();
        }
    }

    /// Edits the value the cell holds.
    pub(super) fn edit_current_cell(&mut self) {
        let Some(c) = self.cursor() else { return };
        let table = &self.report.template.tables[c.table];
        let text = self
            .report
            .cell(c.table, c.row, c.column)
            .map(|v| table.columns[c.column].kind.format(v))
            .unwrap_or_default();
        self.start_cell_edit(text);
    }

    /// `o`: type a value for a total that is kept even where it differs from its parts. Right
    /// after a value typed on a total was not kept, `o` goes back to it with that value.
    pub(super) fn start_override(&mut self) {
        if let Some(offer) = self.override_offer.take()
            && offer.section == self.section
        {
            self.move_cursor(offer.total);
            self.start_cell_edit(offer.typed);
            if matches!(self.mode, Mode::CellEdit { .. }) {
                self.overriding = true;
            }
            return;
        }
        let Some(c) = self.cursor() else { return };
        let table = &self.report.template.tables[c.table];
        if !table.is_derived(table.cell_index(c.row, c.column)) {
            self.complain(msg::not_a_total(self.lang));
            return;
        }
        // What is typed is the new total, as on any cell: begun with the old value, the digits
        // went after it (13, then 1315 for 15).
        let now = self
            .report
            .cell(c.table, c.row, c.column)
            .map(|v| table.columns[c.column].kind.format(v))
            .unwrap_or_default();
        self.start_cell_edit(String::new());
        if matches!(self.mode, Mode::CellEdit { .. }) {
            self.overriding = true;
            self.say(msg::override_begun(&now, self.lang));
        }
    }

    /// `:override VALUE`: overrides the total under the cursor with VALUE at once.
    pub(super) fn override_with(&mut self, text: &str) {
        self.start_override();
        if self.is_overriding() {
            self.commit_cell(text.to_string(), Commit::Stay);
        }
    }

    pub(super) fn cell_edit_key(&mut self, key: Key, mut buffer: String) -> Vec<Effect> {
        if let Some(effects) = self.counted_motion(&buffer, key) {
            return effects;
        }
        let commit = match keymap::lookup(&[Context::CellEdit], &[key]) {
            Lookup::Command(Command::Cancel) => {
                self.mode = Mode::Normal;
                self.overriding = false;
                return Vec::new();
            }
            Lookup::Command(Command::CommitEnter) => Commit::Enter,
            Lookup::Command(Command::CommitDown) => Commit::Step(Step::Down),
            Lookup::Command(Command::CommitUp) => Commit::Step(Step::Up),
            Lookup::Command(Command::CommitNext) => Commit::Step(Step::Next),
            Lookup::Command(Command::CommitPrev) => Commit::Step(Step::Prev),
            // The same key's motion while browsing, once: the digits typed are the value.
            Lookup::Command(
                Command::CommitSideways | Command::CommitRowEnds | Command::CommitPage,
            ) => match keymap::lookup(&[Context::Grid], &[key]) {
                Lookup::Command(motion) => Commit::Then(motion),
                _ => Commit::Stay,
            },
            Lookup::Command(
                command @ (Command::Save
                | Command::Quit
                | Command::NextSection
                | Command::PrevSection),
            ) => Commit::Then(command),
            Lookup::Command(Command::HowToQuit) => {
                self.say_how_to_quit();
                self.mode = Mode::CellEdit { buffer };
                return Vec::new();
            }
            Lookup::Command(Command::DeleteBack) => {
                buffer.pop();
                self.keeps_run = true;
                self.mode = Mode::CellEdit { buffer };
                return Vec::new();
            }
            _ => {
                match key.typed_char() {
                    Some(c) => buffer.push(c),
                    // A key that types nothing and means nothing here (F1, Ctrl-Z, Delete):
                    // the value stays, and the status line says how to finish it first.
                    None => self.say_still_typing(),
                }
                self.keeps_run = true;
                self.mode = Mode::CellEdit { buffer };
                return Vec::new();
            }
        };
        if !self.commit_cell(buffer, commit) {
            return Vec::new();
        }
        match commit {
            Commit::Then(command) => self.normal_command(command),
            _ => Vec::new(),
        }
    }

    /// A key that does nothing while a value is being typed: which keys finish or cancel it.
    fn say_still_typing(&mut self) {
        let commit = keymap::key_for(Context::CellEdit, Command::CommitEnter);
        let cancel = keymap::key_for(Context::CellEdit, Command::Cancel);
        self.complain(msg::still_typing(&commit, &cancel, self.lang));
    }

    /// Commits the value typed, then moves as `commit` says; a value that does not parse stays
    /// in the cell being edited, with the reason. Whether the value was committed.
    fn commit_cell(&mut self, buffer: String, commit: Commit) -> bool {
        let Some(c) = self.cursor() else {
            self.mode = Mode::Normal;
            return true;
        };
        if matches!(commit, Commit::Step(Step::Next | Step::Prev)) {
            self.go_on_with_run(c);
        }
        let table = &self.report.template.tables[c.table];
        let cell = table.cell_index(c.row, c.column);
        let derived = table.is_derived(cell);
        let kind = table.columns[c.column].kind;
        // Money typed with its unit (251000元) is converted to the column's, and that is said.
        let value = match buffer.trim() {
            "" => Ok((None, None)),
            text => {
                crate::tui::units::parse(kind, text, self.lang).map(|(v, note)| (Some(v), note))
            }
        };
        let (value, note) = match value {
            Ok(parsed) => parsed,
            Err(e) => {
                self.complain(e.text(self.lang));
                self.keeps_run = true;
                self.mode = Mode::CellEdit { buffer };
                return false;
            }
        };
        self.mode = Mode::Normal;
        let overriding = std::mem::take(&mut self.overriding);
        let values = &self.report.tables[c.table];
        if derived && value.is_none() {
            self.restore_total(c);
        } else if derived && overriding {
            self.override_total(c, value);
        } else if derived && rules::is_overridden(table, values, cell) {
            self.check_overridden_total(c, value);
        } else if derived {
            self.check_total(c, value);
        } else {
            self.set_current_cell(value);
        }
        // What the total's check said comes first; else how the unit was converted.
        if let Some(note) = note
            && self.message.is_none()
        {
            self.say(note);
        }
        let next = match commit {
            Commit::Enter => self.after_enter(c),
            Commit::Step(Step::Next) => self.next_cell_after_commit(c),
            Commit::Step(step) => self.step(c, step),
            Commit::Stay | Commit::Then(_) => c,
        };
        self.move_cursor(next);
        true
    }

    /// The value a total would hold from its parts, and how to show a value of its column.
    fn total_at(
        &self,
        c: GridCursor,
    ) -> (
        usize,
        Option<Option<i64>>,
        impl Fn(Option<i64>) -> String + use<>,
    ) {
        let table = &self.report.template.tables[c.table];
        let cell = table.cell_index(c.row, c.column);
        let computed = rules::computed(table, &self.report.tables[c.table], cell);
        let kind = table.columns[c.column].kind;
        (cell, computed, move |v: Option<i64>| {
            v.map(|v| kind.format(v)).unwrap_or_default()
        })
    }

    /// A value typed on a total checks it: equal to the sum of its parts it is accepted, and the
    /// total stays one; different, the difference is said at once and the sum is kept, so a clerk
    /// who types the paper's totals too checks every row for free and shifts nothing.
    fn check_total(&mut self, c: GridCursor, typed: Option<i64>) {
        let (cell, computed, show) = self.total_at(c);
        let Some(sum) = computed else {
            self.complain(msg::parts_too_large(self.lang));
            return;
        };
        // A total not filled in yet (an older file) takes its sum.
        if self.report.tables[c.table][cell] != sum {
            self.set_cells(c.table, &[(cell, sum)]);
        }
        let (typed, sum_text) = (show(typed), show(sum));
        if typed == sum_text {
            self.say(msg::total_matches(&typed, self.lang));
        } else if sum.is_none() {
            let key = keymap::key_for(Context::Grid, Command::OverrideTotal);
            self.complain(msg::total_typed_no_parts(&typed, &key, self.lang));
            self.offer_override(c, typed);
        } else {
            // Short enough for the file line at 80 columns: the sum kept shows in the cell.
            let key = keymap::key_for(Context::Grid, Command::OverrideTotal);
            self.complain(msg::total_typed_differs(&typed, &sum_text, &key, self.lang));
            self.offer_override(c, typed);
        }
    }

    /// A value typed on an overridden total checks it as on any total, so that a value meant for
    /// another cell does not replace an override unseen: the sum of its parts gives the total its
    /// sum back, the value it holds keeps it, and any other is said, the override kept, and `o`
    /// offered.
    fn check_overridden_total(&mut self, c: GridCursor, typed: Option<i64>) {
        let (cell, computed, show) = self.total_at(c);
        let kept = self.report.tables[c.table][cell];
        let sum = computed.flatten();
        if typed == sum {
            self.restore_total(c);
        } else if typed == kept {
            self.say(msg::overridden_unlike_sum(
                &show(kept),
                &show(sum),
                self.lang,
            ));
        } else {
            let key = keymap::key_for(Context::Grid, Command::OverrideTotal);
            let typed = show(typed);
            self.complain(msg::override_kept(&typed, &show(kept), &key, self.lang));
            self.offer_override(c, typed);
        }
    }

    /// Gives a total the value typed, kept even where its parts say otherwise.
    fn override_total(&mut self, c: GridCursor, value: Option<i64>) {
        let (cell, computed, show) = self.total_at(c);
        self.set_cells(c.table, &[(cell, value)]);
        match computed {
            Some(sum) if sum == value => self.say(msg::override_is_sum(&show(value), self.lang)),
            Some(sum) => self.say(msg::overridden_unlike_sum(
                &show(value),
                &show(sum),
                self.lang,
            )),
            None => self.say(msg::overridden(&show(value), self.lang)),
        }
    }

    /// Delete or `x` on a total: back to the sum of its parts.
    pub(super) fn restore_total(&mut self, c: GridCursor) {
        let (cell, computed, show) = self.total_at(c);
        let Some(sum) = computed else { return };
        self.set_cells(c.table, &[(cell, sum)]);
        self.say(msg::total_restored(&show(sum), self.lang));
    }

    /// Delete or `x`: empties a cell, or gives a total its sum back.
    pub(super) fn clear_current_cell(&mut self) {
        let Some(c) = self.cursor() else { return };
        let table = &self.report.template.tables[c.table];
        if table.is_derived(table.cell_index(c.row, c.column)) {
            if !self.refuse_if_read_only() {
                self.restore_total(c);
            }
        } else {
            self.set_current_cell(None);
        }
    }
}

/// How a committed value moves the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Commit {
    /// Enter: down, or after a run of Tabs, to the next row where the run began.
    Enter,
    Step(Step),
    /// `:override VALUE`: where it is.
    Stay,
    /// Then what the command does while browsing (→, PgDn, Ctrl-S, Ctrl-Q).
    Then(Command),
}
