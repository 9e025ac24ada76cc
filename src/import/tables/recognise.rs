//! Which place of the template a run of label cells names, from where the reading is.

use super::Reader;
use crate::import::anomaly::{Anomaly, Kind};
use crate::import::cells::{self, Layout, Raw};
use crate::import::labels::Place;
use crate::import::normalize::CellText;

fn joined_text(raws: &[Raw], separator: &str) -> String {
    raws.iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(separator)
}

impl Reader<'_> {
    /// The best of several places a label may name, from where the reading is.
    fn choose(&self, places: &[Place], has_values: bool) -> Place {
        let score = |p: &Place| {
            let mut s = 0;
            if p.table() == self.current_table {
                s += 4;
            }
            if let (Place::Row(t, r), Some((gt, g))) = (p, self.current_group)
                && *t == gt
            {
                let row_group = self.template.tables[*t].rows[*r].group;
                let parent =
                    row_group.and_then(|rg| self.template.tables[*t].row_groups[rg].parent);
                if row_group == Some(g) || parent == Some(g) {
                    s += 2;
                }
            }
            if matches!(p, Place::Row(..)) == has_values {
                s += 1;
            }
            s
        };
        let mut best = places[0];
        for p in places {
            if score(p) > score(&best) {
                best = *p;
            }
        }
        best
    }

    pub(super) fn recognise(&self, raws: &[Raw], has_values: bool) -> Option<Place> {
        let joined;
        let text = match raws {
            [one] => one.text.as_str(),
            _ => {
                joined = joined_text(raws, "");
                joined.as_str()
            }
        };
        let places = self.index.lookup(text, |p| self.allowed(p))?;
        Some(self.choose(&places, has_values))
    }

    /// Labels in a run of label cells: the longest run of cells that names something wins, so
    /// "1." + "属于国家秘密" and "商业" + "企业" are read as one label.
    pub(super) fn labels(&mut self, run: &[Raw], has_values: bool) -> Vec<(Option<Place>, Raw)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < run.len() {
            let longest = (i + 1..=(i + 4).min(run.len()))
                .rev()
                .find_map(|j| Some((j, self.recognise(&run[i..j], has_values)?)));
            if let Some((j, place)) = longest {
                let mut raw = run[i].clone();
                raw.text = joined_text(&run[i..j], " ");
                out.push((Some(place), raw));
                i = j;
                continue;
            }
            let raw = &run[i];
            i += 1;
            if let Some(inner) = self.labels_within(raw, has_values) {
                out.extend(inner);
                continue;
            }
            let prefix = self.prefix_label(raw);
            // The rest of a label whose start ended the line before ("4.无正当理由大量" /
            // "反复申请 0 0 …"): the row waiting for its values, not a label close to it
            // ("2.重复申请").
            let before = out.last().and_then(|(p, _): &(Option<Place>, Raw)| *p);
            if prefix.is_none() && self.continues_waiting(raw, before) {
                continue;
            }
            if prefix.is_none()
                && let Some(part) = self.part_label(raw, has_values)
            {
                // The wrapped rest of the label of a row already read, alone on its line, is
                // passed over.
                if let Some(place) = part {
                    out.push((Some(place), raw.clone()));
                }
                continue;
            }
            let place = prefix.or_else(|| self.close_label(raw));
            if place.is_none() && (self.continue_unit_note(raw) || self.note_table_unit(raw)) {
                continue;
            }
            if place.is_none() && self.is_debris(raw, has_values) {
                continue;
            }
            out.push((place, raw.clone()));
        }
        out
    }

    /// The labels in the pieces of one cell, if any: a cell holding a group and its row
    /// ("(三) 不予公开 1.属于国家秘密"), or words that are several header cells.
    fn labels_within(&mut self, raw: &Raw, has_values: bool) -> Option<Vec<(Option<Place>, Raw)>> {
        let several = raw.splittable
            || raw
                .text
                .contains(|c: char| c.is_whitespace() || c == '·' || c == '›');
        let pieces = if several {
            cells::pieces(raw)
        } else {
            // Labels printed with nothing between them.
            self.index
                .segment(&raw.text, |p| self.allowed(p))?
                .iter()
                .map(|p| Raw::new(p, raw.line))
                .collect()
        };
        if pieces.len() < 2 {
            return None;
        }
        let inner = self.labels(&pieces, has_values);
        inner.iter().any(|(p, _)| p.is_some()).then_some(inner)
    }

    /// The label a cell is the first part of, its line having ended inside it.
    fn prefix_label(&self, raw: &Raw) -> Option<Place> {
        if raw.class != CellText::Label {
            return None;
        }
        self.index.lookup_prefix(&raw.text, |p| self.allowed(p))
    }

    /// Whether a cell that names nothing is what a PDF or a converter leaves of a label broken
    /// into pieces (a header over several lines, a row label wrapped around its values): such
    /// pieces are passed over. On a line with values only pieces of headings and of the row
    /// waiting for its values count, so values never follow a piece of another row's label.
    fn is_debris(&self, raw: &Raw, has_values: bool) -> bool {
        if is_placeholder(&raw.text) {
            return true;
        }
        let waiting = match self.gathered.as_ref().map(|g| g.target) {
            Some(super::Target::Row(t, r)) => Some(Place::Row(t, r)),
            _ => None,
        };
        self.index.is_fragment(&raw.text, |p| {
            self.allowed(p) && (!has_values || !matches!(p, Place::Row(..)) || Some(p) == waiting)
        })
    }

    /// Whether a cell is a piece of the label of the row just named before it on its line
    /// (`before`), or else of the row waiting for its values, that row having none yet.
    fn continues_waiting(&self, raw: &Raw, before: Option<Place>) -> bool {
        let row = match (before, self.gathered.as_ref()) {
            (Some(p @ Place::Row(..)), _) => p,
            (None, Some(g)) if g.cells.is_empty() => match g.target {
                super::Target::Row(t, r) => Place::Row(t, r),
                _ => return false,
            },
            _ => return false,
        };
        raw.class == CellText::Label && self.index.is_fragment(&raw.text, |p| p == row)
    }

    /// The row a cell is the end or another part of, its label broken over lines: `Some(None)`
    /// when that row was read with its values already and none follow (this is the rest of its
    /// label), else the row, said in a note.
    fn part_label(&mut self, raw: &Raw, has_values: bool) -> Option<Option<Place>> {
        if raw.class != CellText::Label {
            return None;
        }
        let place = self.index.lookup_part(&raw.text, |p| self.allowed(p))?;
        let Place::Row(t, r) = place else {
            return None;
        };
        let read = self
            .found
            .get(&t)
            .is_some_and(|rows| rows.iter().any(|f| f.row == r && f.values() > 0));
        if read && !has_values {
            return Some(None);
        }
        self.anomalies.push(Anomaly::new(
            Some(raw.line),
            Kind::PartOfLabel {
                text: raw.text.clone(),
                label: self.label_of(place),
            },
        ));
        Some(Some(place))
    }

    /// The place a label written a little differently names, said in a note.
    fn close_label(&mut self, raw: &Raw) -> Option<Place> {
        if raw.class != CellText::Label {
            return None;
        }
        let place = self.index.lookup_close(&raw.text, |p| self.allowed(p))?;
        self.anomalies.push(Anomaly::new(
            Some(raw.line),
            Kind::CloseLabel {
                text: raw.text.clone(),
                label: self.label_of(place),
            },
        ));
        Some(place)
    }

    fn label_of(&self, place: Place) -> String {
        let t = &self.template;
        match place {
            Place::Section(s) => t.sections[s].title.zh.clone(),
            Place::Caption(x) => t.tables[x].caption.zh.clone(),
            Place::Corner(x) => t.tables[x].corner.zh.clone(),
            Place::ColumnGroup(x, g) => t.tables[x].column_groups[g].label.zh.clone(),
            Place::Column(x, c) => t.tables[x].columns[c].label.zh.clone(),
            Place::RowGroup(x, g) => t.tables[x].row_groups[g].label.zh.clone(),
            Place::Row(x, r) => t.tables[x].rows[r].label.zh.clone(),
        }
    }

    /// Whether the unrecognised header cells of a line are the upper halves of headers whose
    /// lower halves sit in the same columns of the next line ("商业" over "企业"). Those are
    /// header text, not anomalies.
    pub(super) fn split_header(&self, unknown: &[Raw], next: Option<&(Vec<Raw>, Layout)>) -> bool {
        let Some((next_cells, Layout::Grid)) = next else {
            return false;
        };
        if next_cells.iter().any(|c| !c.is_label() && !c.is_blank()) {
            return false;
        }
        let lower: Vec<&Raw> = next_cells.iter().filter(|c| c.is_label()).collect();
        unknown.iter().all(|upper| {
            lower.iter().any(|l| {
                let joined = cells::joined(&upper.text, &l.text);
                self.index.lookup(&joined, |p| self.allowed(p)).is_some()
            })
        })
    }
}

/// A header a converter made up for a table whose own it could not read: "数据1", "列3",
/// "Column 2". It names nothing, so it is passed over.
fn is_placeholder(text: &str) -> bool {
    let t: String = crate::import::normalize::fold(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let stem = &t[..t.len() - digits];
    digits > 0 && ["数据", "列", "字段", "Column", "column", "Col", "col"].contains(&stem)
}
