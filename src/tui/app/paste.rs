//! Pastes: into the text being edited, the value being typed, the `:` line, or as a block of
//! numbers into the grid, laid out as a spreadsheet copies it.

use super::{App, Effect, GridCursor, Mode};
use crate::i18n::editor as msg;
use crate::numerals::half_width;
use crate::rules;
use crate::tui::view::truncate;

/// How much of a field that is no value the message shows, in columns.
const FIELD_SHOWN: usize = 8;

/// A paste's lines: terminals send line breaks as CR (or CR LF), files and some terminals as LF.
fn lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text
        .split("\r\n")
        .flat_map(|l| l.split(['\r', '\n']))
        .collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

/// A line's fields. A spreadsheet's copy parts them with tabs, and an empty field is an empty
/// cell that keeps its column (`258\t12\t\t\t1\t1`); a line without tabs is parted at spaces and
/// commas, as numbers typed in a text are, except the commas of a number written with thousands
/// separators (`1,286`), as published tables print them and the importer reads them.
fn fields(line: &str) -> Vec<&str> {
    if line.contains('\t') {
        line.split('\t').map(str::trim).collect()
    } else {
        line.split_whitespace()
            .flat_map(|word| {
                if crate::value::thousands_grouped(word) {
                    vec![word]
                } else {
                    word.split(',').filter(|w| !w.is_empty()).collect()
                }
            })
            .collect()
    }
}

impl App {
    pub(super) fn paste(&mut self, text: &str) -> Vec<Effect> {
        let block = text.trim_end_matches(['\r', '\n']);
        let is_block = block.contains(['\t', '\r', '\n']);
        let in_grid = !self.is_text_section();
        match &mut self.mode {
            // A block pasted while typing a value is a block: it starts at this cell.
            Mode::CellEdit { .. } if is_block => {
                self.mode = Mode::Normal;
                self.overriding = false;
                self.paste_values(text);
            }
            Mode::CellEdit { buffer } => buffer.extend(text.trim().chars().map(half_width)),
            Mode::Prompt { buffer } => {
                let line = text.trim().replace(['\r', '\n', '\t'], " ");
                buffer.push_str(&line);
            }
            Mode::TextEdit => self.paste_text(text),
            Mode::Normal if in_grid => self.paste_values(text),
            // Pasted on a text being read: it goes in at the caret, as it would while editing.
            Mode::Normal => {
                self.start_text_edit();
                if self.mode == Mode::TextEdit {
                    self.paste_text(text);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn paste_text(&mut self, text: &str) {
        if let Some(editor) = &mut self.text {
            // One line break whatever the terminal sent: a CR is never stored.
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            if editor.insert(&text) {
                self.file.revision += 1;
            }
        }
    }

    /// Pasted numbers go into the grid from the cursor: fields to the right, lines down. A value
    /// pasted on a total checks it, as a value typed there does. Nothing is pasted when a field is
    /// not a value, nor when it has more lines than the table rows below the cursor, and the
    /// message says why.
    pub(super) fn paste_values(&mut self, text: &str) {
        let Some(c) = self.cursor() else { return };
        if self.refuse_if_read_only() {
            return;
        }
        let template = self.report.template.clone();
        let table = &template.tables[c.table];
        let values_now = &self.report.tables[c.table];
        let mut parts = Vec::new();
        let mut totals = Vec::new();
        let mut outside = 0;
        let text: String = text.chars().map(half_width).collect();
        let lines = lines(&text);
        // More lines than rows (a spreadsheet's heading rows copied as blank lines): pasted, each
        // line after a heading would go in the row above its own.
        let rows_left = table.rows.len() - c.row;
        if lines.len() > rows_left {
            self.complain(msg::paste_too_many_lines(lines.len(), rows_left, self.lang));
            return;
        }
        for (dr, line) in lines.into_iter().enumerate() {
            for (dc, field) in fields(line).into_iter().enumerate() {
                let (row, column) = (c.row + dr, c.column + dc);
                if row >= table.rows.len() || column >= table.columns.len() {
                    outside += usize::from(!field.is_empty());
                    continue;
                }
                let value = match field {
                    "" => None,
                    _ => match table.columns[column].kind.parse(field) {
                        Ok(v) => Some(v),
                        Err(e) => {
                            // Short enough for the message line at 80 columns.
                            let shown = truncate(&crate::visible::visible(field), FIELD_SHOWN);
                            let why = e.short_text(self.lang);
                            self.complain(msg::paste_refused(dr + 1, &shown, why, self.lang));
                            return;
                        }
                    },
                };
                let cell = table.cell_index(row, column);
                if table.is_derived(cell) && !rules::is_overridden(table, values_now, cell) {
                    totals.push((row, column, value));
                } else {
                    parts.push((cell, value));
                }
            }
        }
        self.set_cells(c.table, &parts);
        self.check_pasted_totals(c, &totals, outside);
    }

    /// Says how the totals of a paste compare with the sums of their parts, and what did not fit.
    fn check_pasted_totals(
        &mut self,
        c: GridCursor,
        totals: &[(usize, usize, Option<i64>)],
        outside: usize,
    ) {
        let table = &self.report.template.tables[c.table];
        let values = &self.report.tables[c.table];
        let differ: Vec<String> = totals
            .iter()
            .filter(|(row, column, pasted)| {
                pasted.is_some() && *pasted != values[table.cell_index(*row, *column)]
            })
            .map(|&(row, column, pasted)| {
                let kind = table.columns[column].kind;
                let show = |v: Option<i64>| v.map(|v| kind.format(v)).unwrap_or_default();
                let sum = match values[table.cell_index(row, column)] {
                    None => msg::paste_no_parts(self.lang).to_string(),
                    v => show(v),
                };
                let place = format!(
                    "{} × {}",
                    table.rows[row].label.get(self.lang),
                    table.columns[column].label.get(self.lang)
                );
                let place = crate::visible::visible(&place).into_owned();
                let pasted = show(pasted);
                msg::pasted_total_differs(&pasted, &sum, &place, self.lang)
            })
            .collect();
        // What did not fit first, then the totals with their numbers before their place: a
        // message line at 80 columns cuts the end, and a place is long.
        let mut said = Vec::new();
        if outside > 0 {
            said.push(msg::pasted_outside(outside, self.lang));
        }
        if let Some(first) = differ.first() {
            said.push(match differ.len() {
                1 => first.clone(),
                n => msg::totals_differ(n, first, self.lang),
            });
        }
        if !said.is_empty() {
            self.complain(said.join(msg::separator(self.lang)));
        }
    }
}
