//! What import says of what it could not take over as it was: each kind of anomaly and note
//! worded in both languages.

use crate::i18n::Lang;
use crate::import::anomaly::{Anomaly, Kind, SHOWN};

fn list(items: &[String], lang: Lang) -> String {
    list_more(items, 0, lang)
}

/// `items`, and `more` not listed; Chinese lists with the enumeration comma `、`.
fn list_more(items: &[String], more: usize, lang: Lang) -> String {
    let shown: Vec<&str> = items.iter().take(SHOWN).map(String::as_str).collect();
    let more = items.len() - shown.len() + more;
    let mut out = shown.join(lang.pick("、", ", "));
    if more > 0 {
        out.push_str(&match lang {
            Lang::Zh => format!("（另有 {more} 项）"),
            Lang::En => format!(" (+{more})"),
        });
    }
    out
}

/// A unit as Chinese writes it (元, 亿元), glossed for an English sentence.
fn unit_name(written: &str) -> String {
    use crate::money::MoneyUnit;
    [
        MoneyUnit::Yuan,
        MoneyUnit::Qianyuan,
        MoneyUnit::Wanyuan,
        MoneyUnit::Yiyuan,
    ]
    .into_iter()
    .find(|u| u.written() == written)
    .map_or_else(|| written.to_string(), |u| u.name(Lang::En))
}

impl Anomaly {
    /// The message, without the line.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match &self.kind {
            Kind::Encoding { name } => {
                if zh {
                    format!("输入不是 UTF-8，已按 {name} 解码")
                } else {
                    format!("the input is not UTF-8; decoded as {name}")
                }
            }
            Kind::BadBytes => lang
                .pick(
                    "无法解码的字节已替换为 U+FFFD",
                    "bytes that cannot be decoded were replaced by U+FFFD",
                )
                .to_string(),
            Kind::NoteMark {
                row,
                cell,
                mark,
                lowered,
            } => {
                if zh {
                    let script = if *lowered { "下标" } else { "上标" };
                    format!("“{row}”行：“{cell}”后的{script}“{mark}”视为注释标记，未计入单元格")
                } else {
                    let script = if *lowered { "subscript" } else { "superscript" };
                    format!(
                        "row \"{row}\": the {script} \"{mark}\" after \"{cell}\" is taken for a note mark and left out of the cell"
                    )
                }
            }
            Kind::FormulaWithoutValue {
                sheet,
                cell,
                row,
                formula,
            } => {
                let row_zh = if row.is_empty() {
                    String::new()
                } else {
                    format!("（“{row}”行）")
                };
                let row_en = if row.is_empty() {
                    String::new()
                } else {
                    format!(" (row \"{row}\")")
                };
                if zh {
                    format!(
                        "工作表“{sheet}”单元格 {cell}{row_zh}：公式 ={formula} 没有保存计算结果，留空"
                    )
                } else {
                    format!(
                        "sheet \"{sheet}\", cell {cell}{row_en}: the formula ={formula} has no computed value in the file; left empty"
                    )
                }
            }
            Kind::NoTitle => lang
                .pick("未找到报告标题", "no title found before the first heading")
                .to_string(),
            Kind::NoYear => lang
                .pick("标题中没有年份", "the title names no year")
                .to_string(),
            Kind::YearFromText { year } => {
                if zh {
                    format!("标题中没有年份：报告年度 {year} 取自这一行")
                } else {
                    format!(
                        "the title names no year: the report's year, {year}, was taken from this line"
                    )
                }
            }
            Kind::MissingSection { section } => {
                if zh {
                    format!("未找到标题“{section}”")
                } else {
                    format!("heading \"{section}\" not found")
                }
            }
            Kind::MissingTable { table } => {
                if zh {
                    format!("未找到表格 {table}，其单元格留空")
                } else {
                    format!("table {table} not found; its cells are left empty")
                }
            }
            Kind::MissingRows { table, rows } => {
                if zh {
                    format!(
                        "表格 {table} 缺少 {} 行，留空：{}",
                        rows.len(),
                        list(rows, lang)
                    )
                } else {
                    format!(
                        "table {table} lacks {}, left empty: {}",
                        super::en_count(rows.len(), "row", "rows"),
                        list(rows, lang)
                    )
                }
            }
            Kind::CutOff { table, rows } => {
                if zh {
                    format!(
                        "表格 {table} 在此处中断（页面被截断？），其后 {} 行留空：{}",
                        rows.len(),
                        list(rows, lang)
                    )
                } else {
                    format!(
                        "table {table} is cut off here (a truncated page?); the {} after it {} left empty: {}",
                        super::en_count(rows.len(), "row", "rows"),
                        if rows.len() == 1 { "is" } else { "are" },
                        list(rows, lang)
                    )
                }
            }
            Kind::UnknownLabel { text } => {
                if zh {
                    format!("无法识别：“{text}”，未导入")
                } else {
                    format!("not recognised, not imported: \"{text}\"")
                }
            }
            Kind::CloseLabel { text, label } => {
                if zh {
                    format!("“{text}”按相近的“{label}”导入")
                } else {
                    format!("\"{text}\" taken as the similar \"{label}\"")
                }
            }
            Kind::PartOfLabel { text, label } => {
                if zh {
                    format!("“{text}”只是“{label}”的一部分（标签可能换行断开），按该行导入")
                } else {
                    format!(
                        "\"{text}\" is only part of \"{label}\" (the label may have been broken over lines); taken as that row"
                    )
                }
            }
            Kind::Transposed { table, rows } => {
                if zh {
                    format!(
                        "表格 {table} 的 {rows} 个行标签排在同一行，其下的数值行没有行标签：表格可能行列互换（列名在行首），请按原表方向（每行一个项目）整理后再导入"
                    )
                } else {
                    format!(
                        "{rows} row labels of table {table} stand on one line, and the lines of values under it have none: the table may be transposed (its columns as rows); turn it to the published form, one item a row, and import it again"
                    )
                }
            }
            Kind::ValuesWithoutRow { values } => {
                if zh {
                    format!("数值前没有行标签，未导入：{}", list(values, lang))
                } else {
                    format!(
                        "values with no row label, not imported: {}",
                        list(values, lang)
                    )
                }
            }
            Kind::RowWithoutValues { row } => {
                if zh {
                    format!("“{row}”行没有数值，留空")
                } else {
                    format!("row \"{row}\" has no values; left empty")
                }
            }
            Kind::ValuesOnGroup { group, values } => {
                if zh {
                    format!(
                        "“{group}”是分组标题，不含数值；其后的数值未导入：{}",
                        list(values, lang)
                    )
                } else {
                    format!(
                        "\"{group}\" heads a group of rows and holds no values; not imported: {}",
                        list(values, lang)
                    )
                }
            }
            Kind::TooManyValues {
                row,
                found,
                expected,
                extra,
            } => {
                if zh {
                    format!(
                        "“{row}”行有 {found} 个数值，但只有 {expected} 列；已导入前 {expected} 个，多出的未导入：{}",
                        list(extra, lang)
                    )
                } else {
                    format!(
                        "row \"{row}\" has {found} values for {expected} columns; the first {expected} were imported, not the rest: {}",
                        list(extra, lang)
                    )
                }
            }
            Kind::EmptyMarks {
                table,
                cells,
                marks,
                rows,
            } => {
                let quoted: Vec<String> = marks.iter().map(|m| format!("“{m}”")).collect();
                if zh {
                    format!(
                        "表格 {table} 有 {cells} 个单元格印作{}（无数值的记号），按空白导入，不是 0：{}",
                        quoted.join(""),
                        list(rows, lang)
                    )
                } else {
                    let (hold, were) = if *cells == 1 {
                        ("holds", "was")
                    } else {
                        ("hold", "were")
                    };
                    format!(
                        "{} of table {table} {hold} {}, a mark for no value, and {were} imported empty, not 0: {}",
                        super::en_count(*cells, "cell", "cells"),
                        quoted.join(", "),
                        list(rows, lang)
                    )
                }
            }
            Kind::PlacedByColumn { table, rows } => {
                if zh {
                    format!(
                        "表格 {table} 有 {} 行含空白单元格，按各数值在排版中所处的列导入：{}",
                        rows.len(),
                        list(rows, lang)
                    )
                } else {
                    format!(
                        "in table {table}, the values of {} with blank cells were placed by the column each stands under: {}",
                        super::en_count(rows.len(), "row", "rows"),
                        list(rows, lang)
                    )
                }
            }
            Kind::PartsMissing { table, columns } => {
                if zh {
                    format!(
                        "表格 {table} 分几部分印出，缺少其中 {} 列的部分，留空：{}",
                        columns.len(),
                        list(columns, lang)
                    )
                } else {
                    format!(
                        "table {table} is printed in parts, and the part of {} of its columns is missing; left empty: {}",
                        columns.len(),
                        list(columns, lang)
                    )
                }
            }
            Kind::CutInRow {
                row,
                found,
                expected,
            } => {
                let empty = expected.saturating_sub(*found);
                if zh {
                    format!(
                        "文字在“{row}”行中断：读到的 {found} 个数值已从左起依次导入，其余 {empty} 格留空"
                    )
                } else {
                    format!(
                        "the text ends inside row \"{row}\": the {found} values read are placed from the left, the other {empty} cells left empty"
                    )
                }
            }
            Kind::TooFewValues {
                row,
                found,
                expected,
            } => {
                if zh {
                    format!(
                        "“{row}”行只有 {found} 个数值，应有 {expected} 个；已从左起依次导入，其余留空，请核对"
                    )
                } else {
                    format!(
                        "row \"{row}\" has {found} values for {expected} columns; placed from the left, the rest left empty: check them"
                    )
                }
            }
            Kind::UncertainBlanks { row } => {
                if zh {
                    format!("“{row}”行的空白单元格位置无法确定，请核对")
                } else {
                    format!("row \"{row}\": where its blank cells belong is uncertain; check them")
                }
            }
            Kind::NotANumber {
                row,
                column,
                text,
                why,
            } => {
                let why = why.as_ref().map_or_else(
                    || lang.pick("不是数字", "not a number").into(),
                    |e| e.text(lang),
                );
                if zh {
                    format!("“{row}” × “{column}”：“{text}”不是有效数值（{why}），留空")
                } else {
                    format!(
                        "\"{row}\" × \"{column}\": \"{text}\" is not a valid value ({why}); left empty"
                    )
                }
            }
            Kind::DuplicateRow { row, first_line } => {
                if zh {
                    format!("“{row}”行重复出现（首次在第 {first_line} 行），本行未导入")
                } else {
                    format!(
                        "row \"{row}\" appears again (first at line {first_line}); this one was not imported"
                    )
                }
            }
            Kind::FromPdf { mode } => {
                let command = format!("pdftotext {mode} INPUT -").replace("  ", " ");
                if zh {
                    format!("PDF 文件经 pdftotext 读取，所列行号为 `{command}` 输出中的行号")
                } else {
                    format!("read from the PDF by pdftotext; line numbers are those of `{command}`")
                }
            }
            Kind::TextWithoutHeading { section } => {
                if zh {
                    format!("未找到标题“{section}”，按其位置取其正文")
                } else {
                    format!(
                        "heading \"{section}\" not found; its text was taken from where the section stands"
                    )
                }
            }
            Kind::TablesWithoutHeading { section } => {
                if zh {
                    format!("未找到标题“{section}”，其表格按行名在首个标题之前读取")
                } else {
                    format!(
                        "heading \"{section}\" not found; its table rows were read by their labels before the first heading"
                    )
                }
            }
            Kind::PageFurniture { lines, first } => {
                if zh {
                    format!("页码等 {lines} 行页面内容未导入，首行：“{first}”")
                } else {
                    format!(
                        "{} of page numbers and the like left out, the first: \"{first}\"",
                        super::en_count(*lines, "line", "lines")
                    )
                }
            }
            Kind::YuanConverted {
                row,
                column,
                text,
                unit,
                value,
            } => {
                if zh {
                    format!("“{row}” × “{column}”：“{text}”以{unit}为单位，已换算为 {value} 万元")
                } else {
                    format!(
                        "row \"{row}\", column \"{column}\": \"{text}\" is in {}; converted to {value} (10k yuan)",
                        unit_name(unit)
                    )
                }
            }
            Kind::HeaderUnitConverted {
                row,
                column,
                text,
                unit,
                value,
            } => {
                if zh {
                    format!(
                        "“{row}” × “{column}”：表头注明单位为{unit}，“{text}”已换算为 {value} 万元"
                    )
                } else {
                    format!(
                        "row \"{row}\", column \"{column}\": the header gives the unit as {}; \"{text}\" converted to {value} (10k yuan)",
                        unit_name(unit)
                    )
                }
            }
            Kind::NotWholeYuan {
                row,
                column,
                text,
                header_unit,
            } => match (zh, header_unit) {
                (true, None) => format!(
                    "“{row}” × “{column}”：“{text}”不是整元数；本列以万元保留 4 位小数（精确到 1 元），无法准确换算，留空"
                ),
                (true, Some(unit)) => format!(
                    "“{row}” × “{column}”：表头注明单位为{unit}，“{text}”{unit}不是整元数；本列以万元保留 4 位小数（精确到 1 元），无法准确换算，留空"
                ),
                (false, None) => format!(
                    "row \"{row}\", column \"{column}\": \"{text}\" is not a whole number of yuan; this column keeps 10k yuan to 4 decimal places (one yuan), so it cannot be converted exactly and is left empty"
                ),
                (false, Some(unit)) => format!(
                    "row \"{row}\", column \"{column}\": the header gives the unit as {}; \"{text}\" is not a whole number of yuan; this column keeps 10k yuan to 4 decimal places (one yuan), so it cannot be converted exactly and is left empty",
                    unit_name(unit)
                ),
            },
            Kind::PlacedByPosition { rows } => {
                if zh {
                    format!(
                        "{} 行的数值旁没有行标签，按其在表中的位置导入：{}",
                        rows.len(),
                        list(rows, lang)
                    )
                } else {
                    format!(
                        "the values of {} had no label beside them and were placed by their position in the table: {}",
                        super::en_count(rows.len(), "row", "rows"),
                        list(rows, lang)
                    )
                }
            }
            Kind::ValuesBeforeLabels { rows } => {
                if zh {
                    format!(
                        "{} 行的数值印在行标签之前（PDF 按列读出时换行的标签常如此），已按各行合计核对后归入：{}",
                        rows.len(),
                        list(rows, lang)
                    )
                } else {
                    format!(
                        "the values of {} were printed before their labels (as a PDF read by columns prints labels that wrap); placed where each row's total holds: {}",
                        super::en_count(rows.len(), "row", "rows"),
                        list(rows, lang)
                    )
                }
            }
            Kind::TouchingCut { row, text, values } => {
                if zh {
                    format!(
                        "“{row}”行的数值相连（“{text}”），按表内勾稽关系唯一可能的拆分导入：{values}"
                    )
                } else {
                    format!(
                        "row \"{row}\": its values touch (\"{text}\"); the one way the table's rules allow was taken: {values}"
                    )
                }
            }
            Kind::TouchingAmbiguous {
                row,
                text,
                ways,
                more,
            } => {
                let shown = if ways.is_empty() {
                    lang.pick("拆法过多，无法逐一核对", "too many to weigh")
                        .to_string()
                } else {
                    list_more(ways, *more, lang)
                };
                if zh {
                    format!(
                        "“{row}”行的数值相连（“{text}”），符合勾稽关系的拆法不止一种，留空：{shown}"
                    )
                } else {
                    format!(
                        "row \"{row}\": its values touch (\"{text}\") and the rules allow more than one way to cut them; left empty: {shown}"
                    )
                }
            }
            Kind::TouchingNoWay { row, text } => {
                if zh {
                    format!("“{row}”行的数值相连（“{text}”），没有符合勾稽关系的拆法，留空")
                } else {
                    format!(
                        "row \"{row}\": its values touch (\"{text}\") and no way to cut them keeps the table's rules; left empty"
                    )
                }
            }
            Kind::GapPlaced {
                row,
                text,
                values,
                empty,
            } => {
                if zh {
                    format!(
                        "“{row}”行少了单元格（读到“{text}”），按表内勾稽关系唯一可能的位置导入：{values}；留空的单元格：{}",
                        list(empty, lang)
                    )
                } else {
                    format!(
                        "row \"{row}\" is missing cells (read \"{text}\"); placed where the table's rules allow, the one place they do: {values}; left empty: {}",
                        list(empty, lang)
                    )
                }
            }
            Kind::GapAmbiguous {
                row,
                text,
                ways,
                more,
                placed,
            } => {
                let shown = if ways.is_empty() {
                    lang.pick("可能的位置过多，无法逐一核对", "too many to weigh")
                        .to_string()
                } else {
                    list_more(ways, *more, lang)
                };
                let taken = match (placed.is_empty(), zh) {
                    (true, true) => "整行留空".to_string(),
                    (true, false) => "the row was left empty".to_string(),
                    (false, true) => {
                        format!("只导入了各种位置下都相同的单元格：{}", list(placed, lang))
                    }
                    (false, false) => format!(
                        "only the cells every place gives the same value were imported: {}",
                        list(placed, lang)
                    ),
                };
                if zh {
                    format!(
                        "“{row}”行少了单元格（读到“{text}”），符合勾稽关系的位置不止一种（{shown}）；{taken}"
                    )
                } else {
                    format!(
                        "row \"{row}\" is missing cells (read \"{text}\") and the rules allow its values in more than one place ({shown}); {taken}"
                    )
                }
            }
            Kind::GapNoWay { row, text } => {
                if zh {
                    format!("“{row}”行少了单元格（读到“{text}”），没有符合勾稽关系的位置，留空")
                } else {
                    format!(
                        "row \"{row}\" is missing cells (read \"{text}\") and no place for its values keeps the table's rules; left empty"
                    )
                }
            }
            Kind::Skipped { lines, first } => {
                if zh {
                    format!("报告正文以外的 {lines} 行未导入，首行：“{first}”")
                } else {
                    let (lines, were) = match lines {
                        1 => ("1 line".to_string(), "was"),
                        n => (format!("{n} lines"), "were"),
                    };
                    format!("{lines} outside the report {were} left out, the first: \"{first}\"")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_list_takes_the_enumeration_comma() {
        let rows: Vec<String> = (1..=8).map(|i| format!("第{i}行")).collect();
        let anomaly = Anomaly {
            line: None,
            kind: Kind::MissingRows {
                table: "三".into(),
                rows,
            },
        };
        assert_eq!(
            anomaly.message(Lang::Zh),
            "表格 三 缺少 8 行，留空：第1行、第2行、第3行、第4行、第5行、第6行（另有 2 项）"
        );
        assert_eq!(
            anomaly.message(Lang::En),
            "table 三 lacks 8 rows, left empty: 第1行, 第2行, 第3行, 第4行, 第5行, 第6行 (+2)"
        );
    }

    /// One row is a row in English, not "1 rows".
    #[test]
    fn one_row_is_singular_in_english() {
        let rows = vec!["第1行".to_string()];
        let message = |kind| Anomaly { line: None, kind }.message(Lang::En);
        assert_eq!(
            message(Kind::MissingRows {
                table: "三".into(),
                rows: rows.clone(),
            }),
            "table 三 lacks 1 row, left empty: 第1行"
        );
        assert!(
            message(Kind::CutOff {
                table: "三".into(),
                rows: rows.clone(),
            })
            .contains("the 1 row after it is left empty"),
        );
        assert!(
            message(Kind::PlacedByPosition { rows: rows.clone() })
                .starts_with("the values of 1 row had no label beside them")
        );
        let marks = |cells| Kind::EmptyMarks {
            table: "二".into(),
            cells,
            marks: vec!["/".into(), "-".into()],
            rows: rows.clone(),
        };
        assert_eq!(
            message(marks(1)),
            "1 cell of table 二 holds “/”, “-”, a mark for no value, and was imported empty, not 0: 第1行"
        );
        assert!(message(marks(2)).starts_with("2 cells of table 二 hold “/”, “-”"));
        assert_eq!(
            Anomaly {
                line: None,
                kind: marks(2)
            }
            .message(Lang::Zh),
            "表格 二 有 2 个单元格印作“/”“-”（无数值的记号），按空白导入，不是 0：第1行"
        );
        assert_eq!(
            message(Kind::Skipped {
                lines: 1,
                first: "版权所有".into()
            }),
            "1 line outside the report was left out, the first: \"版权所有\""
        );
        assert!(
            message(Kind::PageFurniture {
                lines: 1,
                first: "— 9 —".into()
            })
            .starts_with("1 line of page numbers")
        );
        assert!(
            crate::i18n::cli::imported_with_anomalies(1, "r.toml", Lang::En)
                .starts_with("imported with 1 anomaly;")
        );
    }
}
