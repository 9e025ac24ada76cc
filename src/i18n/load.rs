//! Why a report file cannot be used: every problem `store::load` finds, in both languages.

use super::Lang;
use crate::value::ValueError;

messages! {
    /// The second line of a new report file, which says what the file is to the person who opens
    /// it in a text editor.
    file_header =>
        "# nianbao 年报文件（格式见 docs/FORMAT.md）。表格每行占一行；\"\" 表示空单元格。",
        "# A nianbao report (docs/FORMAT.md). One line per table row; \"\" is an empty cell.";
    /// Where a report file's year would stand, when it has none: a line that does not read until
    /// a year is written in it (a year of its own there was taken for the report's).
    year_not_filled =>
        "# year = ????  # 年度未填：写上四位年份，去掉行首的 #",
        "# year = ????  # no year yet: write its four digits and remove the # at the start";
    /// A report file in GBK, and how to convert it.
    not_utf8_gbk(from: &str, to: &str) =>
        "文件不是 UTF-8 文本，看起来是 GBK 编码；可以这样转换后再打开：iconv -f GBK -t UTF-8 {from} > {to}",
        "the file is not UTF-8 text; it looks like GBK, which converts with: iconv -f GBK -t UTF-8 {from} > {to}";
    /// A report file in some other encoding.
    not_utf8(from: &str, to: &str) =>
        "文件不是 UTF-8 文本，请先转换为 UTF-8；例如原为 GBK 编码时：iconv -f GBK -t UTF-8 {from} > {to}",
        "the file is not UTF-8 text; convert it to UTF-8 first, e.g. from GBK: iconv -f GBK -t UTF-8 {from} > {to}";
}

/// One problem of a report file. The place (line, column) is kept beside it by the loader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadMessage {
    /// Already in the user's language: made by a caller that knows it (a folder that cannot be
    /// listed, a list of files that cannot be read).
    Plain(String),
    /// The file cannot be read; the reason in both languages.
    CannotRead {
        zh: String,
        en: String,
    },
    /// A published report (a PDF, a Word document…) import could not read; its reason in
    /// both languages.
    NotImported {
        zh: String,
        en: String,
    },
    /// Not UTF-8: `from` is the file as a shell names it, `to` a name for its converted copy;
    /// `gbk` when the bytes read cleanly as GBK, the encoding Chinese Windows saves in.
    NotUtf8 {
        from: String,
        to: String,
        gbk: bool,
    },
    /// The TOML parser's own description, translated where it is one of the common ones.
    NotToml(String),
    /// A one-line string its line does not close: the parser notices it lines later.
    UnclosedString,
    /// Nothing but blanks and comments: not a report missing its template, a file never written.
    Empty,
    MissingTemplate {
        known: Vec<String>,
    },
    /// The assessment table `review --export xlsx` wrote, where a report was expected.
    IsAnAssessmentTable,
    /// A template file where a report was expected.
    IsATemplate {
        id: String,
    },
    UnknownTemplate {
        id: String,
        known: Vec<String>,
    },
    NotAString {
        key: String,
    },
    BadYear,
    UnknownKey {
        key: String,
        sections: Vec<String>,
    },
    SectionNotTable {
        section: String,
    },
    TextNotString {
        section: String,
    },
    UnknownSectionKey {
        key: String,
        section: String,
        tables: Vec<String>,
    },
    TableNotTable {
        table: String,
    },
    UnknownRow {
        row: String,
        table: String,
        rows: Vec<String>,
    },
    RowNotList {
        row: String,
    },
    WrongValueCount {
        row: String,
        found: usize,
        expected: usize,
        labels: Vec<String>,
    },
    /// A cell's value; `column` is 1-based, `label` the column's official label.
    Cell {
        row: String,
        column: usize,
        label: String,
        problem: CellProblem,
    },
}

/// What is wrong with one value of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellProblem {
    Value(ValueError),
    /// A string that is not a number: `"12a"`.
    Text(String),
    /// Neither a number nor a string: `true`, `[1]`.
    Other(String),
}

impl LoadMessage {
    pub fn text(&self, lang: Lang) -> String {
        use LoadMessage as M;
        let zh = lang == Lang::Zh;
        match self {
            M::Plain(text) => text.clone(),
            M::CannotRead { zh: z, en } => {
                if zh {
                    format!("无法读取：{z}")
                } else {
                    format!("cannot read: {en}")
                }
            }
            M::NotImported { zh: z, en } => {
                if zh {
                    format!("无法作为已发布的报告导入：{z}")
                } else {
                    format!("cannot be imported as a published report: {en}")
                }
            }
            M::NotUtf8 { from, to, gbk: true } => not_utf8_gbk(from, to, lang),
            M::NotUtf8 { from, to, gbk: false } => not_utf8(from, to, lang),
            M::NotToml(detail) => match lang {
                Lang::Zh => format!("不是有效的 TOML：{}", toml_zh(detail)),
                Lang::En => format!("not valid TOML: {detail}"),
            },
            M::UnclosedString => lang
                .pick(
                    "不是有效的 TOML：这里开始的字符串在本行没有结束（单行字符串不能换行；多行的文字写在 ''' 与 ''' 之间）",
                    "not valid TOML: the string that starts here does not end on its line (a one-line string cannot go over lines; write text of many lines between ''' and ''')",
                )
                .into(),
            M::Empty => lang
                .pick(
                    "文件是空的，其中没有报告（新报告用 nianbao new 文件 创建）",
                    "the file is empty: there is no report in it (make a new one with nianbao new FILE)",
                )
                .into(),
            M::MissingTemplate { known } => match lang {
                Lang::Zh => format!(
                    "文件开头缺少 `template = \"…\"`（已知模板：{}）",
                    known.join("、")
                ),
                Lang::En => format!(
                    "missing `template = \"…\"` at the top of the file (known templates: {})",
                    known.join(", ")
                ),
            },
            M::IsAnAssessmentTable => lang
                .pick(
                    "这是 nianbao review 导出的评议表，不是报告",
                    "this is an assessment table nianbao review wrote, not a report",
                )
                .to_string(),
            M::IsATemplate { id } => match lang {
                Lang::Zh => format!(
                    "这是模板文件（模板 {id:?}），不是报告：用 --template 此文件 载入，报告中写 template = {id:?}"
                ),
                Lang::En => format!(
                    "this is a template (id {id:?}), not a report: load it with --template THIS-FILE; a report names it with template = {id:?}"
                ),
            },
            M::UnknownTemplate { id, known } => match lang {
                Lang::Zh => format!(
                    "未知模板 {id:?}：应为 {} 之一（自己的模板可用 --template 路径 载入，或放在配置文件 template_dirs 的文件夹中）",
                    known.join("、")
                ),
                Lang::En => format!(
                    "unknown template {id:?}: expected one of {} (load your own with --template PATH, or put it in a folder of the config's template_dirs)",
                    known.join(", ")
                ),
            },
            M::NotAString { key } => match lang {
                Lang::Zh => format!("`{key}` 必须是加引号的字符串"),
                Lang::En => format!("`{key}` must be a string in quotes"),
            },
            M::BadYear => lang
                .pick(
                    "`year` 必须是年份，如 2024，不加引号",
                    "`year` must be a year such as 2024, without quotes",
                )
                .into(),
            M::UnknownKey { key, sections } => match lang {
                Lang::Zh => format!(
                    "未知的键 `{key}`：应为 template、agency、year、title、previous 或某一部分（{}）",
                    sections.join("、")
                ),
                Lang::En => format!(
                    "unknown key `{key}`: expected template, agency, year, title, previous or a section ({})",
                    sections.join(", ")
                ),
            },
            M::SectionNotTable { section } => match lang {
                Lang::Zh => format!("`{section}` 必须是表：写作 [{section}]"),
                Lang::En => format!("`{section}` must be a table: write it as [{section}]"),
            },
            M::TextNotString { section } => match lang {
                Lang::Zh => format!("`{section}.text` 必须是字符串"),
                Lang::En => format!("`{section}.text` must be a string"),
            },
            M::UnknownSectionKey {
                key,
                section,
                tables,
            } => match lang {
                Lang::Zh if tables.is_empty() => {
                    format!("[{section}] 中未知的键 `{key}`：应为 `text`")
                }
                Lang::Zh => format!(
                    "[{section}] 中未知的键 `{key}`：应为 `text` 或某个表（{}）",
                    tables.join("、")
                ),
                Lang::En if tables.is_empty() => {
                    format!("unknown key `{key}` in [{section}]: expected `text`")
                }
                Lang::En => format!(
                    "unknown key `{key}` in [{section}]: expected `text` or a table ({})",
                    tables.join(", ")
                ),
            },
            M::TableNotTable { table } => match lang {
                Lang::Zh => format!("`{table}` 必须是由行组成的表：写作 [{table}]"),
                Lang::En => format!("`{table}` must be a table of rows: write it as [{table}]"),
            },
            M::UnknownRow { row, table, rows } => match lang {
                Lang::Zh => format!(
                    "[{table}] 中未知的行 `{row}`：应为 {} 之一",
                    rows.join("、")
                ),
                Lang::En => format!(
                    "unknown row `{row}` in [{table}]: expected one of {}",
                    rows.join(", ")
                ),
            },
            M::RowNotList { row } => match lang {
                Lang::Zh => format!("行 `{row}` 必须是数值列表，如 [1, 0, \"\"]"),
                Lang::En => format!("row `{row}` must be a list of values like [1, 0, \"\"]"),
            },
            M::WrongValueCount {
                row,
                found,
                expected,
                labels,
            } => match lang {
                Lang::Zh => format!(
                    "行 `{row}` 有 {found} 个值，应为 {expected} 个（{}）",
                    labels.join(" | ")
                ),
                Lang::En => format!(
                    "row `{row}` has {found} values, expected {expected} ({})",
                    labels.join(" | ")
                ),
            },
            M::Cell {
                row,
                column,
                label,
                problem,
            } => match lang {
                Lang::Zh => format!(
                    "行 `{row}` 第 {column} 列（{label}）：{}",
                    problem.text(lang)
                ),
                Lang::En => format!(
                    "row `{row}`, column {column} ({label}): {}",
                    problem.text(lang)
                ),
            },
        }
    }
}

impl CellProblem {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (CellProblem::Value(e), _) => e.text(lang),
            (CellProblem::Text(t), Lang::Zh) => {
                format!("{t:?} 不是数字：请写数字，空单元格写 \"\"")
            }
            (CellProblem::Text(t), Lang::En) => {
                format!("{t:?} is not a number: write a number, or \"\" for an empty cell")
            }
            (CellProblem::Other(t), Lang::Zh) => format!("应为数字，空单元格写 \"\"，而不是 {t}"),
            (CellProblem::Other(t), Lang::En) => {
                format!("expected a number or \"\" for an empty cell, found {t}")
            }
        }
    }
}

/// The TOML parser's descriptions people meet when they edit a report by hand, in Chinese. The
/// parser words them in English; one it words otherwise is named by what is usually wrong, so a
/// Chinese reader never gets an English sentence.
const TOML_ZH: &[(&str, &str)] = &[
    ("duplicate key", "键重复"),
    ("unclosed array table", "[[表]] 缺少右括号"),
    ("unclosed inline table", "内联表缺少右花括号 }"),
    ("unclosed table", "表头缺少右括号 ]"),
    ("unclosed array", "列表缺少右括号 ]"),
    (
        "missing comma between array elements",
        "列表的元素之间缺少逗号",
    ),
    ("extra comma in array", "列表中多了逗号"),
    ("extra comma in inline table", "内联表中多了逗号"),
    ("missing value for key", "键缺少值"),
    ("key with no value", "键缺少值"),
    ("missing value", "缺少值"),
    ("invalid key", "键无效"),
    ("unquoted keys cannot be empty", "不加引号的键不能为空"),
    ("invalid basic string", "字符串无效（缺少结尾的引号？）"),
    (
        "invalid multi-line basic string",
        "多行字符串无效（缺少结尾的 \"\"\"？）",
    ),
    ("invalid literal string", "字符串无效（缺少结尾的单引号？）"),
    ("missing escaped value", "反斜杠后缺少转义字符"),
    ("invalid escape", "转义字符无效"),
    ("invalid table", "表无效"),
    ("invalid inline table element", "内联表的元素无效"),
    ("unquoted string", "字符串必须加引号"),
    (
        "unexpected content between comment and newline",
        "注释与换行之间有多余的内容",
    ),
    ("unexpected content", "有多余的内容"),
    ("unexpected key or value", "有多余的键或值"),
    ("string values must be quoted", "缺少值，或文字没有加引号"),
    ("unexpected leading zero", "数字不能以 0 开头"),
    ("invalid fraction", "小数点后缺少数字"),
    ("invalid boolean", "应为 true 或 false"),
    (
        "invalid multi-line literal string",
        "多行字符串无效（缺少结尾的 '''？）",
    ),
    ("invalid integer", "整数无效"),
    ("invalid float", "小数无效"),
    ("invalid number", "数字无效"),
    ("invalid string", "字符串无效"),
];

/// `detail` in Chinese: the first known description it begins with, or a general one.
pub(crate) fn toml_zh(detail: &str) -> String {
    let first_line = detail.lines().next().unwrap_or("").trim();
    let known = TOML_ZH
        .iter()
        .find(|(en, _)| first_line.starts_with(en))
        .map(|(_, zh)| *zh);
    let mut text = known.unwrap_or("语法错误").to_string();
    // A duplicate key names itself: `duplicate key `agency``; keep the name.
    if let Some(name) = first_line
        .strip_prefix("duplicate key `")
        .and_then(|r| r.split('`').next())
    {
        text = format!("键 `{name}` 重复");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_in_both_languages() {
        crate::i18n::purity::check(ALL);
    }

    /// The parser's own messages for what people get wrong by hand, each in Chinese.
    #[test]
    fn common_toml_mistakes_are_described_in_chinese() {
        for text in [
            "a = \n",
            "[a\n",
            "a = 1\na = 2\n",
            "a = \"x\n",
            "a = [1 2]\n",
            "a = 1 b = 2\n",
            "a = 01\n",
            "a = 1.\n",
            "a = tru\n",
            "a = [1,,2]\n",
            "= 1\n",
            "a = \"\\q\"\n",
            "a = \'\'\'x\n",
        ] {
            let e = toml_edit::Document::parse(text).unwrap_err();
            let zh = toml_zh(e.message());
            assert_ne!(zh, "语法错误", "{text:?}: {}", e.message());
        }
    }
}
