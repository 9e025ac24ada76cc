//! A reader for report files as nianbao writes them and people hand-edit them: bare keys, table
//! headers, one-line arrays of numbers and plain strings, multi-line literal texts. It reads
//! such a file several times faster than the general TOML parser, which is most of what `check`,
//! `sum` and `review` spend on a file. Anything it does not know for certain (an escape, a date,
//! a key twice, a value a cell cannot hold…) makes it give up, and the general parser reads the
//! file, with its errors' places; so what it returns is always what that parser's reading gives.

use super::load::normalize_text;
use crate::report::Report;
use crate::template::Registry;
use crate::value::{CellKind, MAX_UNITS};

/// A value as written.
enum Raw<'a> {
    /// A string's contents (no escapes in it).
    Str(&'a str),
    /// An integer or a decimal number, as its literal text.
    Number(&'a str),
    Array(Vec<Raw<'a>>),
}

/// The report in `text` (its byte-order mark already taken off), or `None` when the general
/// parser must read it.
pub fn read(text: &str, registry: &mut Registry) -> Option<Report> {
    let (entries, headers) = entries(text)?;
    let template_id = entries
        .iter()
        .find_map(|(path, value)| match (path.as_slice(), value) {
            (["template"], Raw::Str(id)) => Some(*id),
            _ => None,
        })?;
    let template = registry.get(template_id)?;
    // A header names a section, or a table of one (and, deeper, a group of its rows); the general
    // reader refuses any other, even with nothing under it.
    for header in &headers {
        let section = template.section_by_id(header[0])?;
        if let Some(table) = header.get(1) {
            template.table_by_id(section, table)?;
        }
    }
    let mut report = Report::new(template.clone());
    for (path, value) in &entries {
        match (path.as_slice(), value) {
            (["template"], _) => {}
            (["agency"], Raw::Str(s)) => report.agency = s.to_string(),
            (["title"], Raw::Str(s)) => report.title = s.to_string(),
            (["previous"], Raw::Str(s)) => report.previous = Some(s.to_string()),
            (["year"], Raw::Number(n)) => {
                let year: i64 = n.parse().ok()?;
                if !(1900..=2200).contains(&year) {
                    return None;
                }
                report.year = Some(year as i32);
            }
            ([section, "text"], Raw::Str(s)) => {
                let section = template.section_by_id(section)?;
                report.texts[section] = normalize_text(s);
            }
            ([section, table, row @ ..], Raw::Array(values)) if !row.is_empty() => {
                let section = template.section_by_id(section)?;
                let t = template.table_by_id(section, table)?;
                let table = &template.tables[t];
                let r = table.rows.iter().position(|x| is_dotted(&x.id, row))?;
                if values.len() != table.columns.len() {
                    return None;
                }
                for (c, value) in values.iter().enumerate() {
                    let cell = cell(value, table.columns[c].kind)?;
                    report.tables[t][table.cell_index(r, c)] = cell;
                }
            }
            _ => return None,
        }
    }
    Some(report)
}

/// Whether `id` is `parts` joined by dots (`handled.granted`), without making the string.
fn is_dotted(id: &str, parts: &[&str]) -> bool {
    let mut rest = id;
    for (i, part) in parts.iter().enumerate() {
        let Some(after) = rest.strip_prefix(part) else {
            return false;
        };
        rest = match after.strip_prefix('.') {
            Some(next) if i + 1 < parts.len() => next,
            _ if i + 1 == parts.len() => after,
            _ => return false,
        };
    }
    rest.is_empty()
}

/// A cell's value as the general reader takes it; `None` for anything it would refuse.
fn cell(value: &Raw<'_>, kind: CellKind) -> Option<Option<i64>> {
    match value {
        Raw::Str(s) if s.trim().is_empty() => Some(None),
        Raw::Number(n) if !n.contains('.') => {
            let i: i64 = n.parse().ok()?;
            if (0..=MAX_UNITS).contains(&i) && kind != CellKind::Money {
                return Some(Some(i));
            }
            kind.parse(&i.to_string()).ok().map(Some)
        }
        Raw::Number(n) => kind.parse(n).ok().map(Some),
        _ => None,
    }
}

/// The deepest key a report has (`requests.applications.handled.withheld.state_secret`) is five
/// parts; the general parser refuses keys nested very deep, so this reader leaves them to it.
const MAX_KEY_PARTS: usize = 8;

/// Every value with its full key path, in file order, and the table headers, when the whole file
/// is in the layout read here and defines no key or table twice.
type Entries<'a> = (Vec<(Vec<&'a str>, Raw<'a>)>, Vec<Vec<&'a str>>);

fn entries(text: &str) -> Option<Entries<'_>> {
    // Control characters other than tabs and line ends are refused by TOML everywhere (those of
    // U+0080 to U+009F, which it allows, are left to it too).
    let bytes = text.as_bytes();
    let control = |(i, &b): (usize, &u8)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
    };
    if bytes.iter().enumerate().any(control) {
        return None;
    }
    let mut entries: Vec<(Vec<&str>, Raw<'_>)> = Vec::new();
    let mut headers: Vec<Vec<&str>> = Vec::new();
    let mut table: Vec<&str> = Vec::new();
    let mut defined_by_key: Vec<usize> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, after) = split_line(rest)?;
        rest = after;
        // Blanks after a value are left to it: after a text's opening quotes they are its own.
        let line = line.trim_start_matches([' ', '\t']);
        if line.trim_end_matches([' ', '\t']).is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            let (inside, tail) = header.split_once(']')?;
            if inside.starts_with('[') || !is_end(tail) {
                return None;
            }
            table = key_path(inside)?;
            if table.len() > MAX_KEY_PARTS {
                return None;
            }
            headers.push(table.clone());
            continue;
        }
        let (key, value_text) = line.split_once('=')?;
        let key = key_path(key)?;
        let (value, tail, remaining) = value(value_text.trim_start_matches([' ', '\t']), rest)?;
        if !is_end(tail) {
            return None;
        }
        rest = remaining;
        if table.len() + key.len() > MAX_KEY_PARTS {
            return None;
        }
        let mut path = Vec::with_capacity(table.len() + key.len());
        path.extend_from_slice(&table);
        path.extend_from_slice(&key);
        entries.push((path, value));
        defined_by_key.push(table.len());
    }
    defines_each_once(&entries, &defined_by_key, &headers).then_some((entries, headers))
}

/// What a file defines, by its path.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Defined {
    /// A table a dotted key defines (`handled.granted = …` defines `handled`): many keys may.
    Dotted,
    Header,
    Key,
}

/// Whether nothing is defined twice: no key twice, no header twice or over a table a dotted key
/// defined, no key or header inside a value. Otherwise the file is an error of TOML, which the
/// general parser says with its places. `dotted_from[i]` is where entry i's own key begins in
/// its path (after its header's).
fn defines_each_once(
    entries: &[(Vec<&str>, Raw<'_>)],
    dotted_from: &[usize],
    headers: &[Vec<&str>],
) -> bool {
    let mut defined: Vec<(&[&str], Defined)> = Vec::new();
    for ((path, _), &from) in entries.iter().zip(dotted_from) {
        defined.push((path, Defined::Key));
        for end in from + 1..path.len() {
            // Rows of a group stand together (`handled.granted`, `handled.partial`): the table
            // they define once is enough, and the sort has less to do.
            let table = &path[..end];
            if !defined
                .iter()
                .rev()
                .take(8)
                .any(|&(p, kind)| kind == Defined::Dotted && p == table)
            {
                defined.push((table, Defined::Dotted));
            }
        }
    }
    defined.extend(headers.iter().map(|h| (h.as_slice(), Defined::Header)));
    defined.sort_unstable();
    // Whatever lies inside a path comes right after it in this order.
    defined.windows(2).all(|pair| {
        let ((a, a_kind), (b, b_kind)) = (pair[0], pair[1]);
        if a == b {
            a_kind == Defined::Dotted && b_kind == Defined::Dotted
        } else {
            !(a_kind == Defined::Key && b.starts_with(a))
        }
    })
}

/// The first line of `text` without its line end, and what follows; a lone carriage return is
/// not a line end TOML allows.
fn split_line(text: &str) -> Option<(&str, &str)> {
    let (line, after) = match text.split_once('\n') {
        Some((line, after)) => (line.strip_suffix('\r').unwrap_or(line), after),
        // The last line, without a line end: a carriage return there ends nothing.
        None => (text, ""),
    };
    (!line.contains('\r')).then_some((line, after))
}

/// Whether what follows a value or a header is only blanks and a comment.
fn is_end(tail: &str) -> bool {
    let tail = tail.trim_start_matches([' ', '\t']);
    tail.is_empty() || tail.starts_with('#')
}

/// A key of bare parts joined by dots, no blanks between them (`handled.granted`).
fn key_path(key: &str) -> Option<Vec<&str>> {
    let key = key.trim_matches([' ', '\t']);
    let parts: Vec<&str> = key.split('.').collect();
    let bare = |p: &&str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    parts.iter().all(bare).then_some(parts)
}

/// The value at the start of `text` (the rest of its line), what follows it on the line, and the
/// file after the value's last line (`rest`, the lines after this one, unless a multi-line text
/// ran over them).
fn value<'a>(text: &'a str, rest: &'a str) -> Option<(Raw<'a>, &'a str, &'a str)> {
    if let Some(after) = text.strip_prefix("'''") {
        return multi_line(after, rest);
    }
    let (raw, tail) = scalar_or_array(text)?;
    Some((raw, tail, rest))
}

/// A multi-line literal text opened on this line (`after` is the line after `'''`), which may end
/// on it or on a later line of `rest`.
fn multi_line<'a>(after: &'a str, rest: &'a str) -> Option<(Raw<'a>, &'a str, &'a str)> {
    if let Some((inside, tail)) = after.split_once("'''") {
        if tail.starts_with('\'') {
            return None;
        }
        return Some((Raw::Str(inside), tail, rest));
    }
    if !after.is_empty() {
        // Anything on the opening line, blanks too, is part of the text: the general parser
        // reads that.
        return None;
    }
    // The line end right after the opening quotes is not part of the text.
    let end = rest.find("'''")?;
    let inside = &rest[..end];
    let (tail, after) = split_line(&rest[end + 3..])?;
    let lone_return = inside
        .bytes()
        .enumerate()
        .any(|(i, b)| b == b'\r' && inside.as_bytes().get(i + 1) != Some(&b'\n'));
    if tail.starts_with('\'') || lone_return {
        return None;
    }
    Some((Raw::Str(inside), tail, after))
}

/// A plain string, a number or a one-line array of them, and what follows it.
fn scalar_or_array(text: &str) -> Option<(Raw<'_>, &str)> {
    if let Some(inside) = text.strip_prefix('[') {
        let mut values = Vec::new();
        let mut rest = inside.trim_start_matches([' ', '\t']);
        if let Some(tail) = rest.strip_prefix(']') {
            return Some((Raw::Array(values), tail));
        }
        loop {
            let (value, after) = scalar(rest)?;
            values.push(value);
            let after = after.trim_start_matches([' ', '\t']);
            if let Some(tail) = after.strip_prefix(']') {
                return Some((Raw::Array(values), tail));
            }
            rest = after.strip_prefix(',')?.trim_start_matches([' ', '\t']);
        }
    }
    scalar(text)
}

/// A string without escapes, or a number: an integer without leading zeros, or one with a
/// decimal part.
fn scalar(text: &str) -> Option<(Raw<'_>, &str)> {
    for quote in ['"', '\''] {
        if let Some(inside) = text.strip_prefix(quote) {
            let end = inside.find(quote)?;
            let s = &inside[..end];
            let doubled = inside[end + 1..].starts_with(quote);
            if s.contains('\\') || (s.is_empty() && doubled) {
                return None;
            }
            return Some((Raw::Str(s), &inside[end + 1..]));
        }
    }
    let len = text
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b'-' || b == b'.'))
        .unwrap_or(text.len());
    let number = &text[..len];
    let digits = number.strip_prefix('-').unwrap_or(number);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole)
        || (whole.len() > 1 && whole.starts_with('0'))
        || fraction.is_some_and(|f| !all_digits(f))
    {
        return None;
    }
    Some((Raw::Number(number), &text[len..]))
}

#[cfg(test)]
#[path = "fast_tests.rs"]
mod tests;
