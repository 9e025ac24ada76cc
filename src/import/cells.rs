//! A line of a table as cells, in whichever way the copy separated them: tabs (with empty cells
//! for merged ones), `|` bars, runs of spaces, or one cell per line.

use super::lines::Line;
use super::normalize::{CellText, classify, fold, is_space};

/// How a line's cells were separated, which says whether a blank cell is a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Tabs, bars or a page's grid: every cell is there, blank ones included.
    Grid,
    /// Words separated by spaces: a blank cell cannot be seen.
    Words,
    /// One cell on the line.
    Single,
    /// One cell on the line, closed by a bar ("规章 |", "0 |"), a lone bar being a blank cell:
    /// crawler text of a table, every cell there, blank ones included.
    Cells,
}

#[derive(Clone, Debug)]
pub struct Raw {
    pub text: String,
    pub class: CellText,
    pub line: usize,
    /// A label made of words that may be several header cells ("信息内容 本年制发件数 …").
    pub splittable: bool,
    /// Digits that touched a row's label: one value or several, cut by the table's rules.
    pub touching: bool,
    /// Marked touching only because cells touched elsewhere in the text: the row may as well be
    /// one missing a cell.
    pub inferred: bool,
    /// Where a value of a line laid out in columns stands: twice the character column of its
    /// middle. pdftotext's `-layout` keeps each number under its column, blank cells or not,
    /// counting characters (a Chinese one as one, though a terminal shows it two wide).
    pub middle: Option<usize>,
}

impl Raw {
    pub fn new(text: &str, line: usize) -> Raw {
        let text = text.trim_matches(is_space).to_string();
        Raw {
            class: classify(&text),
            text,
            line,
            splittable: false,
            touching: false,
            inferred: false,
            middle: None,
        }
    }

    pub fn is_label(&self) -> bool {
        matches!(self.class, CellText::Label | CellText::Numbering)
    }

    pub fn is_blank(&self) -> bool {
        self.class == CellText::Blank
    }
}

const BARS: [char; 3] = ['|', '｜', '│'];

fn is_rule_cell(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | ':' | '—' | '─' | '=' | '+' | ' '))
}

/// The cells of a line, or `None` for a line with nothing in it (or a `|---|---|` rule).
pub fn split(line: &Line) -> Option<(Vec<Raw>, Layout)> {
    if let Some(cells) = &line.cells {
        let raws: Vec<Raw> = cells.iter().map(|c| Raw::new(&c.text, c.line)).collect();
        return Some((raws, Layout::Grid));
    }
    let text = line.text.as_str();
    if text.contains('\t') {
        let raws: Vec<Raw> = text.split('\t').map(|c| Raw::new(c, line.no)).collect();
        if raws.iter().all(Raw::is_blank) && raws.len() < 2 {
            return None;
        }
        return Some((raws, Layout::Grid));
    }
    let trimmed = text.trim_matches(is_space);
    if trimmed.is_empty() {
        return None;
    }
    let bars = trimmed.chars().filter(|c| BARS.contains(c)).count();
    // "|" and "||" alone: blank cells, one per bar.
    if trimmed.chars().all(|c| BARS.contains(&c) || is_space(c)) {
        let blanks = (0..bars).map(|_| Raw::new("", line.no)).collect();
        return Some((blanks, Layout::Cells));
    }
    if bars == 1 && trimmed.ends_with(BARS) {
        let cell = trimmed.trim_end_matches(BARS);
        return Some((vec![Raw::new(cell, line.no)], Layout::Cells));
    }
    // Any other bar separates cells: "行政许可 | 1286" as copied from a page's table is two
    // cells, and left to the word reader its bar would be read as a value.
    if bars >= 1 {
        let mut parts: Vec<&str> = trimmed.split(BARS).collect();
        if parts.first().is_some_and(|p| p.trim().is_empty()) && trimmed.starts_with(BARS) {
            parts.remove(0);
        }
        if parts.last().is_some_and(|p| p.trim().is_empty()) && trimmed.ends_with(BARS) {
            parts.pop();
        }
        if parts.iter().all(|p| is_rule_cell(p) || p.trim().is_empty()) {
            return None;
        }
        let raws = parts.iter().map(|p| Raw::new(p, line.no)).collect();
        return Some((raws, Layout::Grid));
    }
    let indent = text[..text.len() - text.trim_start_matches(is_space).len()]
        .chars()
        .count();
    words(trimmed, indent, line.no)
}

/// The units a value may be written with, apart from its number.
/// (Those a cell is read with: `classify` takes 件, 个 and 万元 off a count, the money reader
/// the rest.)
const UNITS: [&str; 6] = ["元", "万元", "千元", "亿元", "件", "个"];

/// A line of words: the values at its end are cells, what comes before them is one label.
fn words(text: &str, indent: usize, no: usize) -> Option<(Vec<Raw>, Layout)> {
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_space(c), start) {
            (true, Some(s)) => {
                tokens.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, &text[s..]));
    }
    if tokens.len() == 1 {
        return Some((vec![Raw::new(text, no)], Layout::Single));
    }
    // A unit a space after its number is that number's ("251000 元", "3 件"): pdftotext spaces
    // a digit from the Chinese it was set beside. Only for a number in a column of its own
    // (after a gap of spaces): in a sentence ("共 3 件") the words stay the sentence's.
    let mut tokens: Vec<(usize, std::borrow::Cow<str>)> = tokens
        .into_iter()
        .map(|(at, t)| (at, std::borrow::Cow::Borrowed(t)))
        .collect();
    let mut i = 1;
    while i < tokens.len() {
        let number_before = matches!(classify(&tokens[i - 1].1), CellText::Number(_))
            && tokens[i - 1].1.ends_with(|c: char| c.is_ascii_digit())
            && text[..tokens[i - 1].0].ends_with("  ");
        if number_before && UNITS.contains(&tokens[i].1.as_ref()) {
            let unit = tokens.remove(i).1;
            tokens[i - 1].1.to_mut().push_str(&unit);
        } else {
            i += 1;
        }
    }
    let is_value = |t: &str| {
        matches!(
            classify(t),
            CellText::Number(_) | CellText::EmptyMark | CellText::Junk
        )
    };
    let mut first_value = tokens.len();
    while first_value > 0 && is_value(&tokens[first_value - 1].1) {
        first_value -= 1;
    }
    // A page laid out in columns parts its cells by runs of spaces; a number one space after the
    // Chinese before it is a word of that cell ("位：万元，保留 4" of a header wrapped over three
    // lines), as pdftotext spaces a digit from the Chinese it was set beside.
    if first_value > 0 && first_value < tokens.len() {
        let (offset, _) = tokens[first_value];
        let before = &text[..offset];
        let one_space = before.ends_with(' ') && !before[..before.len() - 1].ends_with(is_space);
        let after_chinese = before.trim_end().chars().last().is_some_and(is_cjk_char);
        let in_columns = before.trim_end().contains("  ");
        if one_space && after_chinese && in_columns && first_value + 1 == tokens.len() {
            first_value = tokens.len();
        }
    }
    // "(四) 无" is the start of "(四) 无法提供" broken over lines, not numbering and a "无" cell.
    if first_value > 0
        && first_value < tokens.len()
        && classify(&tokens[first_value - 1].1) == CellText::Numbering
        && tokens[first_value].1.chars().any(is_cjk_char)
    {
        first_value += 1;
    }
    let mut raws = Vec::new();
    if first_value > 0 {
        let end = tokens
            .get(first_value)
            .map_or(text.len(), |(offset, _)| *offset);
        let mut label = Raw::new(&text[..end], no);
        label.splittable = true;
        raws.push(label);
    }
    raws.extend(tokens[first_value..].iter().map(|(offset, t)| {
        let (offset, t) = (*offset, t.as_ref());
        let mut raw = Raw::new(t, no);
        let start = indent + text[..offset].chars().count();
        raw.middle = Some(2 * start + t.chars().count());
        raw
    }));
    Some((raws, Layout::Words))
}

fn is_cjk_char(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9fff | 0xf900..=0xfaff)
}

/// The pieces of a label cell that may hold several labels: by whitespace, and by the "·" and
/// "›" that join a group to its label in exports ("行政诉讼·未经复议直接起诉·结果维持").
pub fn pieces(raw: &Raw) -> Vec<Raw> {
    raw.text
        .split(|c: char| is_space(c) || c == '·' || c == '›')
        .filter(|p| !p.is_empty())
        .map(|p| Raw::new(p, raw.line))
        .collect()
}

/// Whether two labels written in adjacent cells may be one label split over two lines.
pub fn joined(a: &str, b: &str) -> String {
    let mut out = fold(a);
    out.push_str(&fold(b));
    out
}
