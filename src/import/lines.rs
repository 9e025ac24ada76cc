//! The input as lines, the one shape both copied text and HTML pages are turned into before the
//! report is looked for in them.

/// One line of the input: a line of copied text, a paragraph of a page, or a row of a table.
#[derive(Clone, Debug, Default)]
pub struct Line {
    /// 1-based line in the input file, for every message about it.
    pub no: usize,
    pub text: String,
    /// A table row from a page, already laid out on its grid: the cells that start in this row,
    /// in column order (positions covered by a cell spanning from elsewhere left out).
    pub cells: Option<Vec<GridCell>>,
    /// The elements a page line sits in (outermost first), to tell the article from the page
    /// around it. Empty for copied text.
    pub path: Vec<u32>,
    /// A line of a text, marked so by the text export ([`super::literal`]): never a heading or
    /// a table line.
    pub literal: bool,
}

/// A cell of a page's table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GridCell {
    pub text: String,
    pub line: usize,
}

impl Line {
    /// A table row laid out on its grid; its text is the cells joined by tabs.
    pub fn grid(no: usize, cells: Vec<GridCell>) -> Line {
        Line {
            no,
            text: cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\t"),
            cells: Some(cells),
            ..Line::default()
        }
    }

    pub fn is_blank(&self) -> bool {
        self.cells.is_none() && self.text.trim().is_empty()
    }
}

/// Copied text as lines, with every kind of line ending accepted.
pub fn text_lines(text: &str) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        // Old Mac files end lines with CR alone; such a line is several lines.
        for part in line.strip_suffix('\r').unwrap_or(line).split('\r') {
            out.push(Line {
                no: i + 1,
                text: part.to_string(),
                ..Line::default()
            });
        }
    }
    if out.last().is_some_and(|l| l.text.is_empty()) {
        out.pop();
    }
    out
}

/// The words that name the row of the cell at `at` among a table row's cell texts, for a
/// message about that cell: the nearest text before it that is not a number ("(一) 予以公开"
/// rather than the "三、本年度办理结果" spanning the rows), or the cell's own text when it is
/// the label.
fn row_label<'a>(texts: &[&'a str], at: usize) -> &'a str {
    let is_number = |t: &str| t.replace([',', '，'], "").trim().parse::<f64>().is_ok();
    texts[..at.min(texts.len())]
        .iter()
        .rev()
        .copied()
        .find(|t| !t.trim().is_empty() && !is_number(t))
        .or_else(|| texts.get(at).copied())
        .unwrap_or_default()
}

/// A note mark dropped from a cell (its text, the mark, whether it was lowered rather than
/// raised): how the docx and HTML readers keep a superscript apart from the number.
pub type DroppedMark = (String, String, bool);

/// The notes on the marks dropped from the cell at `at` of line `no`, whose cells read `texts`,
/// each naming the cell's row.
pub fn note_mark_notes(
    no: usize,
    texts: &[&str],
    at: usize,
    marks: &[DroppedMark],
) -> impl Iterator<Item = super::anomaly::Anomaly> {
    let row = row_label(texts, at).to_string();
    marks.iter().cloned().map(move |(cell, mark, lowered)| {
        super::anomaly::Anomaly::new(
            Some(no),
            super::anomaly::Kind::NoteMark {
                row: row.clone(),
                cell,
                mark,
                lowered,
            },
        )
    })
}
