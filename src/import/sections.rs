//! Finding the six headings, the title before them, and the agency and year in the title.

use super::labels::{LabelIndex, Place};
use super::lines::Line;
use super::normalize::{fold, label_key, split_numbering};
use crate::template::Template;

/// Longer lines are paragraphs, not headings or titles.
const MAX_HEADING_CHARS: usize = 60;
const MAX_TITLE_CHARS: usize = 100;

/// A line without the Markdown around a heading or a title ("## 一、总体情况", "**一、…**").
pub fn markup_trimmed(text: &str) -> &str {
    text.trim()
        .trim_start_matches(['#', '*', '>', ' '])
        // A crawler closes a line's only cell with a bar ("…年度报告 |").
        .trim_end_matches(['*', '#', ' ', '|', '｜'])
        .trim()
}

/// The line index of each section's heading, in template order, `None` where it was not found.
pub fn headings(lines: &[Line], index: &LabelIndex, template: &Template) -> Vec<Option<usize>> {
    let mut found = vec![None; template.sections.len()];
    let mut after: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        // A line of a text marked as such by the text export is never a heading.
        if line.cells.is_some() || line.literal {
            continue;
        }
        let later = |s: usize| after.is_none_or(|a| s > a);
        if let Some(s) = heading_of(&line.text, index, template, later) {
            found[s] = Some(i);
            after = Some(s);
        }
    }
    found
}

/// The section whose heading a line is, among the sections `allowed` keeps.
pub fn heading_of(
    line: &str,
    index: &LabelIndex,
    template: &Template,
    allowed: impl Fn(usize) -> bool,
) -> Option<usize> {
    let text = markup_trimmed(line);
    // A line with cells in it is a table row, never a heading; so is one holding values
    // ("三、本年度办理结果 (一) 予以公开 21 3 0 …"), told before the costlier lookups.
    if text.is_empty() || text.contains(['\t', '|']) || text.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    let numbers = text
        .split_whitespace()
        .filter(|w| w.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        .take(2)
        .count();
    if numbers == 2 {
        return None;
    }
    let allowed = |p: Place| matches!(p, Place::Section(s) if allowed(s));
    let key = index.key(text);
    // "（二）主动公开…" inside a text is a sub-heading, never one of the six.
    if key.style == Some('(') {
        return None;
    }
    // A report may number its sections its own way ("一、主动公开政府信息情况" when it has no
    // 总体情况, two sections numbered 五): the wording decides, the number does not.
    let renumbered = || {
        let folded = fold(text);
        let (_, _, rest) = super::normalize::split_numbering(&folded);
        index.lookup(rest, allowed).and_then(|p| p.first().copied())
    };
    let section = match index.lookup(text, allowed) {
        Some(places) => places.first().copied(),
        None if key.number.is_some() => {
            renumbered().or_else(|| close_with_own_number(index, template, text, allowed))
        }
        None => None,
    };
    let Some(Place::Section(s)) = section else {
        return None;
    };
    Some(s)
}

/// A grid row holding only its first cell is a heading, a caption or a paragraph standing among
/// the tables, as the same line of copied text is, unless that cell names a row or a column: a
/// row whose values are all empty, or a header. A sheet laid out as one long page (text saved
/// from an export, opened in Excel) holds its section headings and its texts so, between its
/// tables, and a heading read as a table's row would end its section nowhere.
pub fn lone_first_cells_as_text(lines: &mut [Line], index: &LabelIndex) {
    for line in lines.iter_mut() {
        let Some(cells) = &line.cells else {
            continue;
        };
        let lone = cells.len() > 1
            && !cells[0].text.is_empty()
            && cells[1..].iter().all(|c| c.text.is_empty());
        if !lone || names_a_row_or_column(&cells[0].text, index) {
            continue;
        }
        line.text = cells[0].text.clone();
        line.cells = None;
    }
}

/// Whether `text` is (or is close to) the label of a table's row, row group or column, rather
/// than a heading, a caption or words of a text.
pub fn names_a_row_or_column(text: &str, index: &LabelIndex) -> bool {
    let in_a_table = |p: Place| !matches!(p, Place::Section(_) | Place::Caption(_));
    index.lookup(text, in_a_table).is_some() || index.lookup_close(text, in_a_table).is_some()
}

/// The places a line is tried as a heading and a caption at.
const MAX_CUTS: usize = 4;

/// Splits a line holding a section's heading and the caption of one of its tables
/// ("二、主动公开政府信息情况　第二十条第（一）项", as a sheet's heading cell or a page's heading
/// line may hold them) into the two lines they are, both keeping the input line's number.
pub fn split_heading_and_caption(lines: &mut Vec<Line>, index: &LabelIndex, template: &Template) {
    let mut at = 0;
    while at < lines.len() {
        let line = &lines[at];
        at += 1;
        if line.cells.is_some() || line.literal || line.text.chars().count() > 2 * MAX_HEADING_CHARS
        {
            continue;
        }
        let text = markup_trimmed(&line.text);
        // A line of values (digits) is a table's row, not a heading; the cheap tests first.
        if !text.contains(char::is_whitespace)
            || text.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            || index.key(text).number.is_none()
        {
            continue;
        }
        let Some((heading, caption)) = heading_and_caption(text, index, template) else {
            continue;
        };
        let (heading, caption) = (heading.to_string(), caption.to_string());
        let no = lines[at - 1].no;
        lines[at - 1].text = heading;
        lines.insert(
            at,
            Line {
                no,
                text: caption,
                ..Line::default()
            },
        );
        at += 1;
    }
}

/// The heading and the caption a line holds, parted by a run of spaces.
fn heading_and_caption<'a>(
    text: &'a str,
    index: &LabelIndex,
    template: &Template,
) -> Option<(&'a str, &'a str)> {
    if heading_of(text, index, template, |_| true).is_some() {
        return None;
    }
    // Where a run of spaces starts; a heading and a caption hold few.
    let cuts = text
        .char_indices()
        .filter(|&(i, c)| c.is_whitespace() && !text[..i].ends_with(char::is_whitespace))
        .map(|(i, _)| i)
        .take(MAX_CUTS);
    for cut in cuts {
        let (heading, caption) = (text[..cut].trim(), text[cut..].trim());
        if heading.is_empty() || caption.is_empty() {
            continue;
        }
        let Some(s) = heading_of(heading, index, template, |_| true) else {
            continue;
        };
        let of_section =
            |p: Place| matches!(p, Place::Caption(t) if template.tables[t].section == s);
        if index.lookup(caption, of_section).is_some() {
            return Some((heading, caption));
        }
    }
    None
}

/// A heading written a little differently, which must then carry the section's own number.
fn close_with_own_number(
    index: &LabelIndex,
    template: &Template,
    text: &str,
    allowed: impl Fn(Place) -> bool,
) -> Option<Place> {
    let place = index.lookup_close(text, allowed)?;
    let Place::Section(s) = place else {
        return None;
    };
    let own = label_key(&template.sections[s].title.zh).number;
    let number = index.key(text).number;
    (own.is_none() || number == own).then_some(place)
}

/// The title, agency and year a report's first lines give.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub title_line: Option<usize>,
    /// Every line the title was read from (a long one wraps over two).
    pub title_lines: Vec<usize>,
    pub agency: String,
    pub year: Option<i32>,
}

/// The non-blank line just before `line` among `lines`, with only blank lines between them.
fn line_before<'a>(lines: &'a [Line], line: &Line) -> Option<&'a Line> {
    let at = lines.iter().position(|l| std::ptr::eq(l, line))?;
    lines[..at].iter().rev().find(|l| !l.is_blank())
}

/// Words a crawled page's links and trail start with ("上一篇：某局2023年…年度报告"): a line
/// that names another report, never this one's title.
const NAVIGATION: &[&str] = &[
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "上篇",
    "下篇",
    "相关",
    "推荐",
    "当前位置",
    "您的位置",
    "你的位置",
    "您现在的位置",
    "首页",
];

fn is_navigation(text: &str) -> bool {
    let t = fold(text);
    let t = t.trim_start();
    NAVIGATION.iter().any(|w| t.starts_with(w))
}

/// A line that is a whole report title: it names the report (政府信息公开工作年度报告) and is
/// not a heading of something else about it ("2023年度报告回顾：").
fn is_whole_title(text: &str, report_name: &str) -> bool {
    let t = fold(text);
    let t = t.trim();
    t.contains(&fold(report_name)) && !t.ends_with([':', '：'])
}

fn is_title_like(text: &str) -> bool {
    let t = fold(text);
    let t = t.trim_end_matches(|c: char| !c.is_alphanumeric());
    t.ends_with("报告") || t.contains("年度报告") || t.contains("工作报告")
}

/// Words a sentence of the report's text starts with ("本年度报告根据《条例》…编制"), in either
/// script, never its title.
const SENTENCE_STARTS: &[&str] = &[
    "根据",
    "根據",
    "按照",
    "依据",
    "依據",
    "依照",
    "本年度",
    "本报告",
    "本報告",
    "本年报",
    "本年報",
];

/// A line that cannot be the title: a sentence (its punctuation, or its first words), cells, or
/// unless it names a report, a numbered heading or row ("一、總體情況", "四、结转下年度继续办理 0
/// 0 0 0 0 0 0") or a table's row ending in its values.
fn is_no_title(text: &str) -> bool {
    let folded = fold(text);
    let t = markup_trimmed(folded.trim());
    let names_a_report = t.contains("报告") || t.contains("報告");
    t.contains([',', '。', ';', '\t', '|'])
        || SENTENCE_STARTS.iter().any(|w| t.starts_with(w))
        || (!names_a_report
            && (split_numbering(t).0.is_some() || t.ends_with(|c: char| c.is_ascii_digit())))
}

/// The title among the lines before the first heading: the first that reads like one, or for
/// copied text the first line at all. `page_title` is a page's `<title>`, the last resort.
pub fn meta(
    preamble: &[Line],
    copied_text: bool,
    page_title: Option<&str>,
    template: &Template,
) -> Meta {
    let short = |l: &&Line| {
        l.cells.is_none()
            && !l.text.trim().is_empty()
            && l.text.trim().chars().count() <= MAX_TITLE_CHARS
            && !is_no_title(&l.text)
    };
    let candidates = || {
        preamble
            .iter()
            .filter(short)
            .filter(|l| !is_navigation(&l.text))
    };
    // The whole title nearest the body: a page's links and a block about another year come
    // before it; then the first line that reads like a title; for copied text the first line.
    let title_line = candidates()
        .rfind(|l| is_whole_title(&l.text, &template.name.zh))
        .or_else(|| candidates().find(|l| is_title_like(&l.text)))
        .or_else(|| {
            copied_text
                .then(|| {
                    preamble
                        .iter()
                        .find(|l| !l.text.trim().is_empty() && !is_navigation(&l.text))
                })
                .flatten()
                .filter(|l| short(l))
        });
    let mut title_lines = Vec::new();
    let (title, line) = match title_line {
        Some(l) => {
            let mut title = markup_trimmed(&l.text).to_string();
            // A long title wraps in a PDF: "某局2024年政府信息公开" over "工作年度报告"; a
            // document sets it as the agency over the rest ("某局" / "2024年…年度报告").
            let without_agency = agency_and_year(&title, &template.name.zh).0.is_empty();
            if (copied_text || without_agency)
                && let Some(before) = line_before(preamble, l)
                && short(&before)
                && !is_title_like(&before.text)
                // `short` has left out sentences, cells and numbered lines already.
                && !before.text.contains('：')
                // A table's row with spaces ("规章 9 9 9") is no part of a title.
                && !fold(&before.text).trim_end().ends_with(|c: char| c.is_ascii_digit())
                && before.text.trim().chars().count() + title.chars().count() <= MAX_TITLE_CHARS
            {
                title = format!("{}{title}", markup_trimmed(&before.text));
                title_lines.push(before.no);
            }
            title_lines.push(l.no);
            (title, title_lines.first().copied())
        }
        None => match page_title {
            // Pages title themselves "Report title_Site name".
            Some(t) => (
                t.split(['_', '|'])
                    .next()
                    .unwrap_or(t)
                    .split(" - ")
                    .next()
                    .unwrap_or(t)
                    .trim()
                    .to_string(),
                None,
            ),
            None => (String::new(), None),
        },
    };
    // A title given by the page or the document is its line too, where one of the lines is it.
    if title_lines.is_empty()
        && let Some(l) = preamble
            .iter()
            .find(|l| l.cells.is_none() && !title.is_empty() && markup_trimmed(&l.text) == title)
    {
        title_lines.push(l.no);
    }
    let line = line.or(title_lines.first().copied());
    let (mut agency, year) = agency_and_year(&title, &template.name.zh);
    if agency.is_empty()
        && let Some(at) = line
    {
        agency = body_near_title(preamble, at).unwrap_or_default();
    }
    Meta {
        title,
        title_line: line,
        title_lines,
        agency,
        year,
    }
}

/// "卫辉市政务和大数据管理局2021年政府信息公开工作年度报告" → (卫辉市政务和大数据管理局, 2021);
/// "2021年某局政府信息公开工作年度报告" → (某局, 2021).
/// A body's name standing alone on a line near a title that names none ("关于2021年度政府信息
/// 公开工作的年度报告", then "盐边县新九镇人民政府" under it): the nearest of the few lines around
/// the title that is short, has no digit or stop, and ends as bodies' names end.
fn body_near_title(preamble: &[Line], title_line: usize) -> Option<String> {
    const ENDINGS: [&str; 12] = [
        "人民政府",
        "政府",
        "局",
        "委员会",
        "办公室",
        "中心",
        "镇",
        "乡",
        "街道办事处",
        "管委会",
        "厅",
        "院",
    ];
    let at = preamble.iter().position(|l| l.no == title_line)?;
    let near = |l: &&Line| {
        let text = l.text.trim();
        l.cells.is_none()
            && (2..=30).contains(&text.chars().count())
            && !text
                .chars()
                .any(|c| c.is_ascii_digit() || "，。：:；;、".contains(c))
            && ENDINGS.iter().any(|e| text.ends_with(e))
    };
    let after = preamble[at + 1..].iter().filter(|l| !l.is_blank()).take(3);
    let before = preamble[..at]
        .iter()
        .rev()
        .filter(|l| !l.is_blank())
        .take(1);
    after
        .chain(before)
        .find(near)
        .map(|l| l.text.trim().to_string())
}

/// Where `needle` starts in `hay`, in characters.
fn find_chars(hay: &[char], needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().collect();
    hay.windows(needle.len())
        .position(|w| w == needle.as_slice())
}

/// The year a sentence gives the report it names ("现公布区统计局2023年政府信息公开工作年度报告",
/// "本报告为2023年度政府信息公开工作年度报告"): four digits and 年 or 年度 right before
/// 政府信息公开; `None` when no such words stand in `text`.
pub fn year_named_in(text: &str) -> Option<i32> {
    let folded: Vec<char> = fold(text).chars().filter(|c| !c.is_whitespace()).collect();
    let name: Vec<char> = "政府信息公开工作年度报告".chars().collect();
    let mut from = 0;
    while let Some(at) = folded[from..]
        .windows(name.len())
        .position(|w| w == name.as_slice())
        .map(|i| from + i)
    {
        from = at + 1;
        let mut end = at;
        if end > 0 && folded[end - 1] == '度' {
            end -= 1;
        }
        if end < 5 || folded[end - 1] != '年' {
            continue;
        }
        let digits: String = folded[end - 5..end - 1].iter().collect();
        let before_digit = end > 5 && folded[end - 6].is_ascii_digit();
        if let Ok(year) = digits.parse::<i32>()
            && !before_digit
            && (1990..=2100).contains(&year)
        {
            return Some(year);
        }
    }
    None
}

pub fn agency_and_year(title: &str, report_name: &str) -> (String, Option<i32>) {
    // Same length as `folded` (fold drops only invisible characters), so indexes agree; the
    // agency keeps the title's own characters.
    let original: Vec<char> = title
        .chars()
        .filter(|c| !super::normalize::is_invisible(*c))
        .collect();
    let folded: Vec<char> = original
        .iter()
        .map(|c| super::normalize::fold_char(*c))
        .collect();
    let mut year = None;
    let mut agency = None;
    for i in 0..folded.len().saturating_sub(4) {
        let digits: String = folded[i..i + 4].iter().collect();
        let before_ok = i == 0 || !folded[i - 1].is_ascii_digit();
        let mut j = i + 4;
        while j < folded.len() && folded[j] == ' ' {
            j += 1;
        }
        if before_ok
            && digits.chars().all(|c| c.is_ascii_digit())
            && folded.get(j) == Some(&'年')
            && let Ok(y) = digits.parse::<i32>()
            && (1990..=2100).contains(&y)
        {
            year = Some(y);
            // The agency is what stands before the year, without the report's name when the
            // year is set inside it ("…委员会政府信息公开工作2020年度报告"); or, with nothing
            // before the year, what follows it up to the name.
            let (start, end) = if original[..i].iter().all(|c| c.is_whitespace()) {
                let mut start = j + 1;
                while start < folded.len() && (folded[start] == '度' || folded[start] == ' ') {
                    start += 1;
                }
                (start, folded.len())
            } else {
                (0, i)
            };
            let names = ["政府信息公开", report_name, "年度报告"];
            let cut = names
                .iter()
                .filter(|m| !m.is_empty())
                .filter_map(|m| find_chars(&folded[start..end], m))
                .min()
                .map_or(end, |at| start + at);
            let name: String = original[start..cut].iter().collect();
            // "关于2021年度政府信息公开工作的年度报告": 关于 (about) is no body.
            let name = name.trim();
            agency = Some(name.strip_prefix("关于").unwrap_or(name).trim().to_string());
            break;
        }
    }
    let agency = agency.unwrap_or_else(|| {
        title
            .strip_suffix(report_name)
            .unwrap_or(title)
            .trim()
            .to_string()
    });
    (agency, year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_a_heading_or_a_row_is_no_title() {
        for line in [
            "四、结转下年度继续办理 0 0 0 0 0 0 0",
            "一、總體情況",
            "本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求编制，全文",
            "根據市政務服務和大數據管理局轉發的《通知》有關要求",
            "规章\t9\t9\t9",
        ] {
            assert!(is_no_title(line), "{line}");
        }
        for line in [
            "卫辉市政务和大数据管理局2021年政府信息公开工作年度报告",
            "天津東疆保稅港區管理委員會政府信息公開工作2020年度報告 |",
            "卫辉市政务和大数据管理局",
        ] {
            assert!(!is_no_title(line), "{line}");
        }
    }

    #[test]
    fn the_year_a_sentence_names_the_report_with() {
        for (text, year) in [
            (
                "根据《条例》规定,现公布区统计局2023年政府信息公开工作年度报告。",
                Some(2023),
            ),
            ("本报告为2022年度政府信息公开工作年度报告", Some(2022)),
            ("现将 2021 年政府信息公开工作年度报告公布如下", Some(2021)),
            ("现公布本局政府信息公开工作年度报告", None),
            ("12023年政府信息公开工作年度报告", None),
        ] {
            assert_eq!(year_named_in(text), year, "{text}");
        }
    }

    #[test]
    fn agency_and_year_from_titles() {
        let name = "政府信息公开工作年度报告";
        assert_eq!(
            agency_and_year(
                "卫辉市政务和大数据管理局2021年政府信息公开工作年度报告",
                name
            ),
            ("卫辉市政务和大数据管理局".to_string(), Some(2021))
        );
        assert_eq!(
            agency_and_year("2022年度某县人民政府政府信息公开工作年度报告", name),
            ("某县人民政府".to_string(), Some(2022))
        );
        assert_eq!(
            agency_and_year("某镇 ２０２３ 年政府信息公开工作年度报告", name),
            ("某镇".to_string(), Some(2023))
        );
        assert_eq!(agency_and_year("某局", name), ("某局".to_string(), None));
        // 关于 (about) before the year is no body.
        assert_eq!(
            agency_and_year("关于2021年度政府信息公开工作的年度报告", name),
            (String::new(), Some(2021))
        );
        assert_eq!(
            agency_and_year("\u{200b}某\u{feff}局2021年政府信息公开工作年度报告", name),
            ("某局".to_string(), Some(2021))
        );
        assert_eq!(agency_and_year("", name), (String::new(), None));
        // The year inside the report's name, and the title in traditional characters.
        assert_eq!(
            agency_and_year("某某管理委员会政府信息公开工作2020年度报告", name),
            ("某某管理委员会".to_string(), Some(2020))
        );
        assert_eq!(
            agency_and_year(
                "天津東疆保稅港區管理委員會政府信息公開工作2020年度報告",
                name
            ),
            ("天津東疆保稅港區管理委員會".to_string(), Some(2020))
        );
        assert_eq!(
            agency_and_year("2022年度某縣人民政府政府信息公開工作年度報告", name),
            ("某縣人民政府".to_string(), Some(2022))
        );
    }
}
