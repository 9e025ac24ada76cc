//! `/`: finds a row, a column or words of a text across the report, from the cursor on, as vim's
//! search does; `/` and Enter alone goes on to the next place of the last words. A clerk with a
//! page of the paper form finds its row (行政许可, 结转) without walking the sections.

use super::{App, GridCursor, Mode, SectionView};
use crate::i18n::editor as msg;
use crate::import::normalize::line_key;

/// Where words were found, in reading order: section, then table, row and column of a grid, or
/// the character offset in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    section: usize,
    table: usize,
    row: usize,
    column: usize,
}

impl App {
    /// `/`: the command line, for the words to find.
    pub(super) fn start_search(&mut self) {
        self.searching = true;
        self.mode = Mode::Prompt {
            buffer: String::new(),
        };
    }

    /// Whether the command line is taking words to find rather than a command.
    pub fn is_searching(&self) -> bool {
        self.searching && matches!(self.mode, Mode::Prompt { .. })
    }

    /// Goes to the next place after the cursor where `typed` stands (the last words when it is
    /// empty), wrapping past the end of the report.
    pub(super) fn find(&mut self, typed: &str) {
        self.searching = false;
        let words = match typed.trim() {
            "" => match &self.last_search {
                Some(words) => words.clone(),
                None => return,
            },
            words => words.to_string(),
        };
        self.last_search = Some(words.clone());
        let places = self.places_of(&words);
        let here = self.search_from();
        let Some(&first) = places.first() else {
            self.complain(msg::not_found(&words, self.lang));
            return;
        };
        let next = places.iter().copied().find(|p| *p > here);
        if next.is_none() {
            self.say(msg::search_wrapped(self.lang));
        }
        self.go_to(next.unwrap_or(first));
    }

    /// Where the cursor or the caret is, as a place.
    fn search_from(&self) -> Found {
        match self.views[self.section] {
            SectionView::Grid(g) => Found {
                section: self.section,
                table: g.cursor.table,
                row: g.cursor.row,
                column: g.cursor.column,
            },
            SectionView::Text { .. } => Found {
                section: self.section,
                table: 0,
                row: self.caret_offset().unwrap_or(0),
                column: 0,
            },
        }
    }

    /// Every place `words` stand, in reading order: a table's columns whose label has them, its
    /// rows whose label has them (in either language), a text's every occurrence.
    fn places_of(&self, words: &str) -> Vec<Found> {
        let key = line_key(words).to_lowercase();
        let lower = words.to_lowercase();
        let has = |label: &crate::template::Label| {
            !key.is_empty()
                && [&label.zh, &label.en]
                    .iter()
                    .any(|l| line_key(l).to_lowercase().contains(&key))
        };
        let template = &self.report.template;
        let mut places = Vec::new();
        for (s, section) in template.sections.iter().enumerate() {
            if section.is_text() {
                let text = self.text_of(s).to_lowercase();
                places.extend(text.match_indices(&lower).map(|(at, _)| Found {
                    section: s,
                    table: 0,
                    row: text[..at].chars().count(),
                    column: 0,
                }));
                continue;
            }
            for t in section.tables.clone() {
                let table = &template.tables[t];
                let at = |row, column| Found {
                    section: s,
                    table: t,
                    row,
                    column,
                };
                // A group's label (`不予公开`, `行政复议`) finds its first row or column.
                let first_of = |groups: &[crate::template::Group],
                                of: &dyn Fn(usize) -> Option<usize>,
                                count: usize| {
                    (0..groups.len())
                        .filter(|&g| has(&groups[g].label))
                        .filter_map(|g| {
                            (0..count).find(|&i| {
                                std::iter::successors(of(i), |&h| groups[h].parent).any(|h| h == g)
                            })
                        })
                        .collect::<Vec<usize>>()
                };
                places.extend(
                    (0..table.columns.len())
                        .filter(|&c| has(&table.columns[c].label))
                        .chain(first_of(
                            &table.column_groups,
                            &|c| table.columns[c].group,
                            table.columns.len(),
                        ))
                        .map(|c| at(0, c)),
                );
                places.extend(
                    (0..table.rows.len())
                        .filter(|&r| has(&table.rows[r].label))
                        .chain(first_of(
                            &table.row_groups,
                            &|r| table.rows[r].group,
                            table.rows.len(),
                        ))
                        .map(|r| at(r, 0)),
                );
            }
        }
        places.sort();
        places.dedup();
        places
    }

    /// A section's text as it stands now, the one being edited included.
    fn text_of(&self, s: usize) -> String {
        match (&self.text, s == self.section) {
            (Some(editor), true) => editor.text(),
            _ => self.report.texts[s].clone(),
        }
    }

    fn go_to(&mut self, place: Found) {
        if place.section != self.section {
            self.enter_section(place.section);
        }
        if self.report.template.sections[place.section].is_text() {
            self.move_caret_to(place.row);
        } else {
            self.move_cursor(GridCursor {
                table: place.table,
                row: place.row,
                column: place.column,
            });
        }
    }
}
