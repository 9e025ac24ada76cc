//! Which format a report is in. Each format is told by labels only it has (listed as data in
//! `template/variants.toml`); the year decides when no table says anything.

use super::labels::{Format, formats};
use super::lines::Line;
use super::normalize::{line_key, push_line_key};

/// The format whose markers the input holds most, with how many it holds.
pub fn detect<'a>(lines: &[Line], year: Option<i32>) -> Option<(&'a Format, usize)> {
    let formats: &'a [Format] = formats();
    let mut text = String::new();
    for line in lines {
        match &line.cells {
            Some(cells) => {
                for c in cells {
                    push_line_key(&mut text, &c.text);
                    text.push('|');
                }
            }
            None => {
                // Tab-separated cells are read one by one, as a page's cells are.
                for part in line.text.split(['\t', '|']) {
                    push_line_key(&mut text, part);
                    text.push('|');
                }
            }
        }
    }
    let mut best: Option<(&Format, usize)> = None;
    for format in formats {
        let hits = format
            .markers
            .iter()
            .filter(|m| text.contains(&line_key(m)))
            .count();
        if best.is_none_or(|(_, n)| hits > n) {
            best = Some((format, hits));
        }
    }
    match best {
        Some((_, 0)) | None => {
            // No table to go by: the 2021 format is used from the 2021 reports on.
            let id = if year.is_some_and(|y| y <= 2020) {
                "gov-2019"
            } else {
                "gov-2021"
            };
            formats.iter().find(|f| f.template == id).map(|f| (f, 0))
        }
        found => found,
    }
}
