//! `nianbao import`: a published report — text copied from a web page or a PDF, or a saved HTML
//! page — back into a report, with every anomaly said and its input line named.
//!
//! The input is decoded ([`decode`]), turned into lines ([`lines`], [`html`]), its format told
//! ([`detect`]), its headings and title found ([`sections`]), and each table section read
//! ([`tables`], [`cells`]) with labels matched through the template ([`labels`], [`normalize`]).
//! Nothing is invented: a cell that cannot be read stays empty and is reported.

pub mod anomaly;
pub mod cells;
pub mod decode;
pub mod detect;
pub mod embedded;
pub mod files;
pub mod html;
pub mod labels;
pub mod lines;
pub mod literal;
pub mod markdown;
pub mod normalize;
pub mod pages;
pub mod pdf_text;
mod preamble;
pub mod sections;
pub mod tables;
pub mod traditional;

use std::sync::Arc;

pub use anomaly::{Anomaly, Kind, Level};
use files::FileKind;
use labels::LabelIndex;
use lines::Line;

use crate::report::Report;
use crate::template::{Registry, Template};

/// Inputs beyond this are not a report: refuse them instead of working on them.
pub const MAX_INPUT_BYTES: usize = 32 << 20;

/// A report read from a published one, and what could not be taken over as it was.
#[derive(Debug)]
pub struct Imported {
    pub report: Report,
    pub anomalies: Vec<Anomaly>,
}

impl Imported {
    /// Anomalies proper, leaving out notes.
    pub fn anomaly_count(&self) -> usize {
        self.anomalies
            .iter()
            .filter(|a| a.level() == Level::Anomaly)
            .count()
    }
}

/// An input no report can be made of.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the input is {0} bytes; a report is far smaller (at most {MAX_INPUT_BYTES})")]
    TooLarge(usize),
    #[error(
        "the input is in the format of {basis} (template {template}), and no {template} template is available; give one with --template PATH"
    )]
    NoTemplate { template: String, basis: String },
    #[error("no report found in the input: none of the headings or tables of {0} is in it")]
    NotAReport(String),
    #[error(
        "the input is a PDF, and reading one needs poppler's pdftotext, which is not installed (apt-get install poppler-utils, dnf install poppler-utils, brew install poppler)"
    )]
    NoPdftotext,
    /// A PDF whose pages hold no text: pictures of pages, a scan.
    #[error(
        "the PDF holds no text, only pictures of its pages (a scan, most likely): run it through OCR first (for example ocrmypdf), then import the result"
    )]
    PdfWithoutText,
    /// A format that holds a report but is not read: what it is, and what to save it as.
    #[error("{}", .0.text(crate::i18n::Lang::En))]
    Unsupported(files::Unsupported),
    /// A Word document, a workbook or a PDF that cannot be read: what failed, and the reader's
    /// own reason.
    #[error("{}", .0.text(.1, crate::i18n::Lang::En))]
    File(crate::i18n::files::FileFailure, String),
}

impl ImportError {
    /// The message in the user's language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::En {
            return self.to_string();
        }
        match self {
            ImportError::TooLarge(n) => {
                format!("输入有 {n} 字节，远超一份报告的大小（上限 {MAX_INPUT_BYTES}）")
            }
            ImportError::NoTemplate { template, basis } => format!(
                "输入为 {basis} 格式（模板 {template}），但没有该模板；请用 --template PATH 指定"
            ),
            ImportError::NotAReport(name) => {
                format!("输入中没有报告：找不到{name}的任何标题或表格")
            }
            ImportError::NoPdftotext => "输入是 PDF 文件，读取需要 poppler 的 pdftotext，但未安装（apt-get install poppler-utils、dnf install poppler-utils 或 brew install poppler）".to_string(),
            ImportError::PdfWithoutText => "PDF 中没有文字，只有页面的图像（多半是扫描件）：请先做文字识别（例如 ocrmypdf），再导入识别的结果".to_string(),
            ImportError::Unsupported(format) => format.text(lang),
            ImportError::File(failure, why) => failure.text(why, lang),
        }
    }
}

/// Reads a published report: text, an HTML page, a PDF, a Word document or a workbook, told by
/// its content. `chosen` is the template to use; without it the format is detected and its
/// template taken from `registry`.
pub fn import(
    bytes: &[u8],
    registry: &mut Registry,
    chosen: Option<Arc<Template>>,
) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    match files::kind(bytes) {
        FileKind::Text => import_text(bytes, registry, chosen),
        FileKind::Pdf => import_pdf(bytes, registry, chosen),
        kind => {
            let (lines, anomalies) = files::file_lines(bytes, kind)?;
            // A document's first paragraph is its title when no line reads like one, as a
            // page's <title> is.
            let first = lines
                .iter()
                .find(|l| l.cells.is_none() && !l.is_blank())
                .map(|l| l.text.trim().to_string());
            import_lines(lines, false, first, anomalies, registry, chosen)
        }
    }
}

/// A PDF read in both of pdftotext's orders; the one that places more cells is kept (of two as
/// good, the layout order, whose lines keep a row together).
fn import_pdf(
    bytes: &[u8],
    registry: &mut Registry,
    chosen: Option<Arc<Template>>,
) -> Result<Imported, ImportError> {
    import_pdf_texts(files::pdf_texts(bytes)?, registry, chosen)
}

/// A PDF from the texts pdftotext gave of it (tests give those of a committed PDF, so they need
/// no poppler).
pub fn import_pdf_texts(
    texts: Vec<files::PdfText>,
    registry: &mut Registry,
    chosen: Option<Arc<Template>>,
) -> Result<Imported, ImportError> {
    if texts
        .iter()
        .all(|t| t.text.iter().all(u8::is_ascii_whitespace))
    {
        return Err(ImportError::PdfWithoutText);
    }
    let mut best: Option<(usize, &'static str, Imported)> = None;
    let mut first_error = None;
    for text in texts {
        match import_text(&text.text, registry, chosen.clone()) {
            Ok(imported) => {
                let filled = imported.report.tables.iter().flatten().flatten().count();
                if best.as_ref().is_none_or(|(n, _, _)| filled > *n) {
                    best = Some((filled, text.mode, imported));
                }
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    let Some((_, mode, mut imported)) = best else {
        return Err(first_error.unwrap_or_else(|| ImportError::NotAReport("PDF".into())));
    };
    // The texts as paragraphs, not as the page set them.
    let report = &mut imported.report;
    for text in &mut report.texts {
        *text = pdf_text::paragraphs(text);
    }
    report.title = pdf_text::without_layout_spaces(&report.title);
    imported
        .anomalies
        .insert(0, Anomaly::new(None, Kind::FromPdf { mode: mode.into() }));
    Ok(imported)
}

fn import_text(
    bytes: &[u8],
    registry: &mut Registry,
    chosen: Option<Arc<Template>>,
) -> Result<Imported, ImportError> {
    let mut anomalies = Vec::new();
    let decoded = decode::decode(bytes);
    if let Some(name) = decoded.encoding {
        anomalies.push(Anomaly::new(
            None,
            Kind::Encoding {
                name: name.to_string(),
            },
        ));
    }
    for &line in &decoded.replaced_lines {
        anomalies.push(Anomaly::new(Some(line), Kind::BadBytes));
    }
    let is_html = decode::looks_like_html(&decoded.text) && !embedded::embeds_tables(&decoded.text);
    let (lines, page_title) = if is_html {
        let page = html::page_lines(&decoded.text);
        anomalies.extend(page.anomalies);
        (page.lines, page.title)
    } else {
        let mut lines = lines::text_lines(&decoded.text);
        if embedded::looks_like_markdown(&lines) {
            anomalies.extend(embedded::read_table_blocks(&mut lines));
            embedded::drop_comments(&mut lines);
        }
        anomalies.extend(pages::remove_furniture(&mut lines));
        (lines, None)
    };
    import_lines(lines, !is_html, page_title, anomalies, registry, chosen)
}

/// Reads the report in `lines`: `copied_text` says they are copied text rather than a page's or
/// a file's paragraphs and rows.
fn import_lines(
    mut lines: Vec<Line>,
    copied_text: bool,
    page_title: Option<String>,
    mut anomalies: Vec<Anomaly>,
    registry: &mut Registry,
    chosen: Option<Arc<Template>>,
) -> Result<Imported, ImportError> {
    let template = match chosen {
        Some(t) => t,
        None => {
            let year_hint = lines
                .iter()
                .take(40)
                .filter(|l| l.cells.is_none())
                .find_map(|l| sections::agency_and_year(l.text.trim(), "").1);
            let (format, _) = detect::detect(&lines, year_hint)
                .ok_or_else(|| ImportError::NotAReport("any known format".into()))?;
            registry
                .get(&format.template)
                .ok_or_else(|| ImportError::NoTemplate {
                    template: format.template.clone(),
                    basis: format.basis.clone(),
                })?
        }
    };
    let index = LabelIndex::cached(&template);
    index.forget_texts();
    // Markdown has escapes of its own, not the text export's mark.
    let markdown = copied_text
        && markdown::is_markdown(&lines, |t| {
            sections::heading_of(t, &index, &template, |_| true).is_some()
        });
    if markdown {
        markdown::mark_escaped_lines(&mut lines);
        markdown::plain_table_rows(&mut lines);
    } else if copied_text {
        literal::unmark(&mut lines, &index, &template);
    } else {
        sections::lone_first_cells_as_text(&mut lines, &index);
    }
    sections::split_heading_and_caption(&mut lines, &index, &template);
    // A document's first paragraph stands in for a title only when it is no heading or label
    // (a sheet holding table 三 alone starts with the section's heading).
    let page_title = page_title.filter(|t| {
        sections::heading_of(t, &index, &template, |_| true).is_none()
            && index.lookup(t, |_| true).is_none()
    });
    let mut report = Report::new(template.clone());
    read_report(
        &mut report,
        &index,
        &lines,
        copied_text,
        page_title.as_deref(),
        &mut anomalies,
    )?;
    if markdown {
        for text in &mut report.texts {
            *text = markdown::plain_text(text);
        }
        report.title = markdown::plain_text(&report.title);
    }
    anomalies.sort_by_key(|a| a.line.unwrap_or(0));
    Ok(Imported { report, anomalies })
}

/// Whether a page line lies in the element that holds the report's headings (the article, not
/// the menus and footers around it).
fn in_article(line: &Line, root: &[u32]) -> bool {
    line.is_blank() || line.path.starts_with(root)
}

fn common_prefix(paths: &[&[u32]]) -> Vec<u32> {
    let Some(first) = paths.first() else {
        return Vec::new();
    };
    let mut len = first.len();
    for p in &paths[1..] {
        len = len.min(
            p.iter()
                .zip(first.iter())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    first[..len].to_vec()
}

/// Text without its spaces, to compare lines a layout spaced differently.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A section's text: its lines as they are, without the blank lines around them.
fn text_of(lines: &[&Line]) -> String {
    let start = lines
        .iter()
        .position(|l| !l.is_blank())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_blank())
        .map_or(start, |e| e + 1);
    lines[start..end.max(start)]
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines left out, said once with the first of them.
fn skipped(lines: &[&Line]) -> Option<Anomaly> {
    let first = lines.first()?;
    Some(Anomaly::new(
        Some(first.no),
        Kind::Skipped {
            lines: lines.len(),
            first: first.text.chars().take(40).collect(),
        },
    ))
}

fn read_report(
    report: &mut Report,
    index: &LabelIndex,
    lines: &[Line],
    copied_text: bool,
    page_title: Option<&str>,
    anomalies: &mut Vec<Anomaly>,
) -> Result<(), ImportError> {
    let template = report.template.clone();
    let found = sections::headings(lines, index, &template);
    let heading_lines: Vec<usize> = found.iter().flatten().copied().collect();
    let first_heading = heading_lines.first().copied().unwrap_or(lines.len());
    let root = if copied_text {
        Vec::new()
    } else {
        let paths: Vec<&[u32]> = heading_lines
            .iter()
            .map(|&i| lines[i].path.as_slice())
            .collect();
        common_prefix(&paths)
    };
    let left_out = preamble::read_preamble(
        report,
        &lines[..first_heading],
        copied_text,
        page_title,
        anomalies,
    );
    preamble::year_from_the_text(report, lines, anomalies);
    let mut touching = false;
    let mut rows_found = 0;
    // A page fragment, or a report whose first headings are missing, may hold the tables of
    // those sections before the first heading found: they are read there, by their labels.
    let preamble_tables =
        preamble::preamble_tables(report, index, &found, &left_out, anomalies, &mut touching);
    let left_out = match &preamble_tables {
        Some(read) => {
            rows_found += read.rows_found;
            let after: Vec<&Line> = left_out[read.lines.end() + 1..]
                .iter()
                .copied()
                .filter(|l| !l.is_blank())
                .collect();
            anomalies.extend(skipped(&after));
            left_out[..*read.lines.start()].to_vec()
        }
        None => left_out,
    };
    // A report without the first heading starts its first section right after its title.
    let first_text_missing =
        found.first() == Some(&None) && template.sections.first().is_some_and(|s| s.is_text());
    let mut headless: Vec<usize> = Vec::new();
    if first_text_missing && left_out.iter().any(|l| !l.is_blank()) && !heading_lines.is_empty() {
        report.texts[0] = text_of(&left_out);
        headless.push(0);
    } else {
        let text: Vec<&Line> = left_out.into_iter().filter(|l| !l.is_blank()).collect();
        anomalies.extend(skipped(&text));
    }
    // Each section runs from its heading to the next heading found.
    let mut bounds: Vec<(usize, usize, usize)> = Vec::new();
    for (s, start) in found.iter().enumerate() {
        let Some(start) = *start else {
            anomalies.push(Anomaly::new(
                None,
                Kind::MissingSection {
                    section: template.sections[s].title.zh.clone(),
                },
            ));
            continue;
        };
        let end = heading_lines
            .iter()
            .copied()
            .find(|&h| h > start)
            .unwrap_or(lines.len());
        bounds.push((s, start + 1, end));
    }
    // A sheet repeats the report's title above each table, as a PDF's running head does over
    // each page: it is the title, already read, not a line of the section it stands in.
    let title_key = squeezed(&report.title);
    let repeated_title = |l: &Line| {
        l.cells.is_none() && !l.literal && !title_key.is_empty() && {
            let text = sections::markup_trimmed(&l.text);
            squeezed(text) == title_key
        }
    };
    // So does it the section's heading: a section's heading again inside it is that heading.
    let repeated_heading = |l: &Line, s: usize| {
        l.cells.is_none()
            && !l.literal
            && sections::heading_of(&l.text, index, &template, |x| x == s).is_some()
    };
    let mut outside: Vec<&Line> = Vec::new();
    for &(s, start, end) in &bounds {
        let region: Vec<&Line> = lines[start..end]
            .iter()
            .filter(|l| !repeated_title(l) && !repeated_heading(l, s))
            .filter(|l| {
                let inside = in_article(l, &root);
                if !inside && !l.is_blank() {
                    outside.push(l);
                }
                inside
            })
            .collect();
        let section = &template.sections[s];
        if section.is_text() {
            report.texts[s] = text_of(&region);
            continue;
        }
        let tables: Vec<usize> = section.tables.clone().collect();
        let ends_input = end == lines.len();
        let read = tables::read(
            report,
            index,
            tables,
            &region,
            ends_input,
            anomalies,
            &mut touching,
        );
        rows_found += read.rows_found;
        report.texts[s] = text_of(&region[..read.first_table_line]);
        // Text after the tables, when the next section's heading is missing, is that section's.
        let next = s + 1;
        let tail = &region[(read.last_table_line + 1).min(region.len())..];
        if read.rows_found > 0
            && found.get(next) == Some(&None)
            && template.sections.get(next).is_some_and(|x| x.is_text())
            && tail.iter().any(|l| !l.is_blank())
        {
            let tail_lines: Vec<usize> = tail.iter().map(|l| l.no).collect();
            anomalies.retain(|a| {
                !(matches!(
                    a.kind,
                    Kind::UnknownLabel { .. } | Kind::ValuesWithoutRow { .. }
                ) && a.line.is_some_and(|n| tail_lines.contains(&n)))
            });
            report.texts[next] = text_of(tail);
            headless.push(next);
        }
    }
    // A section whose text or tables were found without its heading is said in a note, not as
    // missing.
    let headless_tables = preamble_tables.map(|p| p.sections).unwrap_or_default();
    for (&s, tables) in headless
        .iter()
        .map(|s| (s, false))
        .chain(headless_tables.iter().map(|s| (s, true)))
    {
        let section = template.sections[s].title.zh.clone();
        anomalies
            .retain(|a| !matches!(&a.kind, Kind::MissingSection { section: m } if *m == section));
        anomalies.push(Anomaly::new(
            None,
            if tables {
                Kind::TablesWithoutHeading { section }
            } else {
                Kind::TextWithoutHeading { section }
            },
        ));
    }
    anomalies.extend(skipped(&outside));
    if bounds.is_empty() {
        // No heading at all: the tables may still be there, pasted on their own.
        let tables: Vec<usize> = (0..template.tables.len()).collect();
        let all: Vec<&Line> = lines.iter().collect();
        let read = tables::read(report, index, tables, &all, true, anomalies, &mut touching);
        rows_found += read.rows_found;
        anomalies.retain(|a| !matches!(a.kind, Kind::Skipped { .. }));
    }
    // A report is known by a row of its tables or by its headings; one heading-like line in a
    // mass of anything else (a megabyte of noise) is not a report.
    if rows_found == 0 && heading_lines.len() < 2 {
        return Err(ImportError::NotAReport(template.name.zh.clone()));
    }
    Ok(())
}
