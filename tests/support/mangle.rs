//! Exports mangled the ways published text comes, for the import property tests: page numbers
//! inside tables, a row's values touching its label or each other, labels broken over two lines,
//! a block of rows printed as their values then their labels, a row missing a cell, a table
//! split into many. Each is made from the text export, in one of the layouts reports are read
//! in: tab-separated, space-separated as pdftotext prints, or Markdown pipe tables.
// Each test that includes this uses part of it.
#![allow(dead_code)]

/// A small deterministic generator for mangling, seeded by proptest.
pub struct Dice(pub u64);

impl Dice {
    pub fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// How the cells of a line are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Tabs between cells: the text export, a copy from a web page.
    Tabs,
    /// One space between cells, nothing for an empty one: pdftotext's default mode.
    Spaces,
    /// Markdown pipe tables: converters and OCR.
    Pipes,
    /// Bars with spaces and no outer bars, "行政许可 | 1286": a page's table copied as text by a
    /// wiki, a crawler or a reader's own hand.
    Bars,
}

/// Which manglings to use, beyond the ones every text has (page numbers, split labels, labels
/// after their numbers, a row's values touching its label).
#[derive(Clone, Copy, Debug, Default)]
pub struct Extra {
    /// A row missing one of its cells.
    pub drop_cell: bool,
    /// Some of a row's values touching each other, the others apart ("2100003 24").
    pub glue_some: bool,
    /// A table broken into small tables (a blank line, a placeholder header, a `|---|` rule).
    pub split_tables: bool,
}

fn is_number(c: &str) -> bool {
    c.is_empty() || c.parse::<f64>().is_ok()
}

/// The label and the values of a line of the text export (or, in `Style::Pipes`, the Markdown
/// export) that is a table row. A line of values alone (table 四's one row) has an empty label.
pub fn row_of(line: &str, style: Style) -> Option<(String, Vec<&str>)> {
    let cells: Vec<&str> = if style == Style::Pipes {
        let inner = line.strip_prefix("| ")?.strip_suffix(" |")?;
        inner.split(" | ").collect()
    } else {
        line.split('\t').collect()
    };
    let Some(at) = cells.iter().rposition(|c| !is_number(c)) else {
        // Values only: a row with no label, when there are several.
        let values = cells.iter().filter(|c| !c.is_empty()).count();
        return (cells.len() >= 2 && values >= 2).then(|| (String::new(), cells));
    };
    if cells.len() < 2 || !cells[at + 1..].iter().all(|c| is_number(c)) || at + 1 == cells.len() {
        return None;
    }
    let label = cells[..=at]
        .iter()
        .filter(|c| !c.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    Some((label, cells[at + 1..].to_vec()))
}

/// A line of the export that is not a row, in `style`.
fn other_line(line: &str, style: Style) -> String {
    match style {
        Style::Spaces => {
            let cells: Vec<&str> = line.split('\t').filter(|c| !c.is_empty()).collect();
            cells.join(" ")
        }
        Style::Tabs | Style::Pipes => line.to_string(),
        Style::Bars => line.replace('\t', " | "),
    }
}

/// A row in `style`; a value `""` is an empty cell.
fn row_line(label: &str, values: &[&str], style: Style) -> String {
    match style {
        Style::Tabs if label.is_empty() => values.join("\t"),
        Style::Tabs => format!("{label}\t{}", values.join("\t")),
        Style::Spaces => {
            let mut cells: Vec<&str> = vec![label];
            cells.extend(values.iter().filter(|v| !v.is_empty()));
            cells.retain(|c| !c.is_empty());
            cells.join(" ")
        }
        Style::Pipes if label.is_empty() => format!("| {} |", values.join(" | ")),
        Style::Pipes => format!("| {label} | {} |", values.join(" | ")),
        Style::Bars if label.is_empty() => values.join(" | "),
        Style::Bars => format!("{label} | {}", values.join(" | ")),
    }
}

/// Where to cut a label of `n` characters in two, a few characters from its end.
fn cut_at(label: &str, from_end: usize) -> usize {
    let n = label.chars().count();
    label.char_indices().nth(n - from_end).map_or(0, |(i, _)| i)
}

/// `values` with some neighbours touching: runs of them joined, the runs apart.
fn glue_some(values: &[&str], dice: &mut Dice) -> String {
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 && dice.next(3) == 0 {
            out.push(' ');
        }
        out.push_str(v);
    }
    out
}

/// The export `text` (the Markdown export for `Style::Pipes`, else the text export), in `style`,
/// mangled at random from `seed`.
pub fn mangle(text: &str, seed: u64, style: Style, extra: Extra) -> String {
    let mut dice = Dice(seed | 1);
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut page = 1;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if dice.next(12) == 0 {
            match (style, dice.next(3)) {
                // A page break a converter leaves between two pieces of one table.
                (Style::Pipes, _) => out.push(format!("\n— {page} —\n")),
                (_, 0) => out.push(format!("\u{c}- {page} -")),
                (_, 1) => out.push(format!("第{page}页 共9页")),
                _ => out.push(format!("— {page} —")),
            }
            page += 1;
        }
        let Some((label, values)) = row_of(line, style) else {
            out.push(other_line(line, style));
            continue;
        };
        let full = values.iter().all(|v| !v.is_empty());
        let integers = full && values.iter().all(|v| !v.contains('.'));
        let n = label.chars().count();
        let bars = matches!(style, Style::Pipes | Style::Bars);
        if extra.split_tables && style == Style::Pipes && dice.next(8) == 0 {
            // The rest of the table under a header of its own: placeholders, or a rule alone.
            let k = values.len() + usize::from(!label.is_empty());
            if dice.next(2) == 0 {
                let names: Vec<String> = (1..=k).map(|i| format!("数据{i}")).collect();
                out.push(format!("\n| {} |", names.join(" | ")));
            }
            out.push(format!("|{}", "---|".repeat(k)));
        }
        match dice.next(8) {
            // Label and values touching; in a pipe table a converter keeps its cells apart.
            0 if integers && !bars && !label.is_empty() => {
                out.push(format!("{label}{}", values.concat()));
            }
            1 if integers && !bars && extra.glue_some => {
                out.push(format!("{label}{}", glue_some(&values, &mut dice)));
            }
            // The label over two lines, the values after its second half.
            2 if n >= 8 => {
                let cut = cut_at(&label, 2 + dice.next(3));
                match style {
                    Style::Pipes => {
                        // Loose lines above the row, or the label over two cells.
                        if dice.next(2) == 0 {
                            out.push(label[..cut].to_string());
                            out.push(label[cut..].to_string());
                            out.push(format!("| | {} |", values.join(" | ")));
                        } else {
                            let halves = format!("{} | {}", &label[..cut], &label[cut..]);
                            out.push(row_line(&halves, &values, style));
                        }
                    }
                    _ => {
                        out.push(label[..cut].to_string());
                        out.push(row_line(&label[cut..], &values, style));
                    }
                }
            }
            // A block of rows printed as their values, then their labels. (A row with no value
            // at all would print an empty line: the row would be lost to any reader, so it is not
            // moved.)
            3 if values.iter().any(|v| !v.is_empty()) && !bars && n > 0 => {
                let mut block = vec![(label, values)];
                let more = dice.next(3);
                while block.len() <= more
                    && let Some(next) = lines.get(i).and_then(|l| row_of(l, style))
                    && next.1.iter().any(|v| !v.is_empty())
                    && !next.0.is_empty()
                {
                    block.push(next);
                    i += 1;
                }
                for (_, values) in &block {
                    out.push(row_line("", values, style));
                }
                for (label, _) in block {
                    out.push(label);
                }
            }
            // A row missing a cell: a converter or a site leaving one out.
            4 if extra.drop_cell && full && values.len() >= 2 => {
                let mut values = values;
                values.remove(dice.next(values.len()));
                out.push(row_line(&label, &values, style));
            }
            // The export's own line keeps a tab grid's blank cells where they were.
            _ if style == Style::Tabs => out.push(line.to_string()),
            _ => out.push(row_line(&label, &values, style)),
        }
    }
    out.join("\n")
}
