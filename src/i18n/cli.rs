//! Messages of the subcommands that are not help texts: what a command could not do.

use std::io;
use std::path::Path;

use super::Lang;
use crate::visible::visible;

/// A path as it is shown in a message: control characters made visible.
fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// The file or list cannot be read; `why` is the system's reason.
pub fn cannot_read(path: &Path, why: &io::Error, lang: Lang) -> String {
    let (path, why) = (shown(path), crate::read::io_text(why, lang));
    match lang {
        Lang::Zh => format!("无法读取 {path}：{why}"),
        Lang::En => format!("cannot read {path}: {why}"),
    }
}

/// The input cannot be read; `why` is already in `lang`.
pub fn cannot_read_because(path: &Path, why: &str, lang: Lang) -> String {
    let path = shown(path);
    match lang {
        Lang::Zh => format!("无法读取 {path}：{why}"),
        Lang::En => format!("cannot read {path}: {why}"),
    }
}

/// Writing failed: a full disk, a folder without permission (its own wording).
pub fn cannot_write(path: &Path, why: &io::Error, lang: Lang) -> String {
    let (path, why) = (shown(path), crate::store::atomic::error_text(why, lang));
    match lang {
        Lang::Zh => format!("无法写入 {path}：{why}"),
        Lang::En => format!("cannot write {path}: {why}"),
    }
}

pub fn template_file_missing(value: &str, lang: Lang) -> String {
    let value = visible(value);
    match lang {
        Lang::Zh => format!("找不到模板文件 {value}"),
        Lang::En => format!("template file {value} not found"),
    }
}

/// An id that names no template; `file_too` when a template file would do as well.
pub fn unknown_template(id: &str, known: &[String], file_too: bool, lang: Lang) -> String {
    let id = visible(id);
    match (lang, file_too) {
        (Lang::Zh, true) => format!(
            "未知模板 {id:?}：应为 {} 之一，或模板文件",
            known.join("、")
        ),
        (Lang::Zh, false) => format!("未知模板 {id:?}：应为 {} 之一", known.join("、")),
        (Lang::En, true) => format!(
            "unknown template {id:?}: expected one of {} or a template file",
            known.join(", ")
        ),
        (Lang::En, false) => format!(
            "unknown template {id:?}: expected one of {}",
            known.join(", ")
        ),
    }
}

/// A template of the config's folders cannot be used; `why` is the template's own error.
pub fn bad_template_in_folder(why: &str, lang: Lang) -> String {
    let why = visible(why);
    match lang {
        Lang::Zh => format!("模板文件夹中的模板无法使用：{why}"),
        Lang::En => format!("a template of the template folders cannot be used: {why}"),
    }
}

/// `-o` names the file being read.
pub fn output_is_input(output: &Path, lang: Lang) -> String {
    let out = shown(output);
    match lang {
        Lang::Zh => format!("{out} 是输入文件本身：写到那里会替换掉要读的报告；请换一个输出文件"),
        Lang::En => format!(
            "{out} is the input file: writing there would replace the report being read; choose another output file"
        ),
    }
}

/// `-o` names a file that exists, without `--force`.
pub fn output_exists(output: &Path, lang: Lang) -> String {
    let out = shown(output);
    match lang {
        Lang::Zh => format!("{out} 已存在，未写入；要覆盖它请加 --force"),
        Lang::En => {
            format!("{out} already exists and was not written; add --force to overwrite it")
        }
    }
}

/// `nianbao new` on a file that is already there.
pub fn already_exists(file: &Path, lang: Lang) -> String {
    let file = shown(file);
    match lang {
        Lang::Zh => format!("{file} 已存在；请用 `nianbao {file}` 打开它"),
        Lang::En => format!("{file} already exists; open it with `nianbao {file}`"),
    }
}

/// `nianbao new --year` given a year no report can be for.
pub fn not_a_report_year(year: i32, lang: Lang) -> String {
    let (first, last) = (*crate::report::YEARS.start(), *crate::report::YEARS.end());
    match lang {
        Lang::Zh => format!("{year} 不是报告年度：应为 {first} 至 {last} 之间的年份"),
        Lang::En => format!("{year} is not a report's year: a year from {first} to {last}"),
    }
}

pub fn created(file: &Path, lang: Lang) -> String {
    let file = shown(file);
    match lang {
        Lang::Zh => format!("已创建 {file}"),
        Lang::En => format!("created {file}"),
    }
}

/// `sum -o` names an existing total of another template or year.
pub fn total_of_other_kind(path: &Path, theirs: &str, ours: &str, lang: Lang) -> String {
    let path = shown(path);
    match lang {
        Lang::Zh => format!("{path} 是{theirs}的报告，而输入是{ours}的报告：不覆盖它"),
        Lang::En => {
            format!("{path} is a report of {theirs}, the inputs are {ours}: not overwriting it")
        }
    }
}

/// A summary line of `templates show` for a template of one's own.
pub fn table_summary(rows: usize, columns: usize, rules: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{rows} 行 × {columns} 列，{rules} 条规则"),
        Lang::En => format!("{rows} rows × {columns} columns, {rules} rules"),
    }
}

/// `export` or `review --export` of a binary format (docx, xlsx) with no `-o`, standard output
/// being a terminal.
pub fn binary_to_terminal(format: &str, lang: Lang) -> String {
    // Said "ex-el-es-ex": an xlsx, a docx.
    let a = if format.starts_with('x') { "an" } else { "a" };
    match lang {
        Lang::Zh => {
            format!("{format} 是二进制文件，不能显示在终端上：请用 -o 文件名 写入文件，或接到管道")
        }
        Lang::En => format!(
            "{a} {format} file is binary and cannot be shown on a terminal: write it with -o FILE, or to a pipe"
        ),
    }
}

pub fn exported_although_broken(file: &Path, errors: usize, lang: Lang) -> String {
    let file = shown(file);
    match lang {
        Lang::Zh => {
            format!("{file} 有 {errors} 处不符合规则（用 nianbao check {file} 查看），已按原样导出")
        }
        Lang::En => format!(
            "{file} breaks rules in {} (see nianbao check {file}); exported as it is",
            super::en_count(errors, "place", "places")
        ),
    }
}

/// `check` given the same file twice (`name` as shown): its results are printed once.
pub fn checked_once(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：重复给出，只检查一次"),
        Lang::En => format!("{name} is given twice: it is checked once"),
    }
}

/// `review` given the same file twice (`name` as shown): it has one row in the queue and table.
pub fn listed_once(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：重复给出，只列一次"),
        Lang::En => format!("{name} is given twice: it is listed once"),
    }
}

/// `check`'s line for a file that could be read.
/// After a published report's counts: what it was imported from ("a Word document").
pub fn imported_from(format: &str, lang: Lang) -> String {
    match lang {
        // A Latin word (Word, PDF, Excel) stands a space apart from the characters before it.
        Lang::Zh if format.starts_with(|c: char| c.is_ascii()) => format!("（由 {format}导入）"),
        Lang::Zh => format!("（由{format}导入）"),
        Lang::En => format!(" (imported from {format})"),
    }
}

pub fn check_counts(errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh if errors == 0 && warnings == 0 => "通过".to_string(),
        Lang::Zh => format!("{errors} 个错误，{warnings} 个警告"),
        Lang::En if errors == 0 && warnings == 0 => "ok".to_string(),
        Lang::En => format!(
            "{}, {}",
            super::en_count(errors, "error", "errors"),
            super::en_count(warnings, "warning", "warnings")
        ),
    }
}

/// `check`'s summary after several files: files, ok, with errors, with warnings only, unreadable.
pub fn check_tally([files, ok, errors, warnings, unreadable]: [usize; 5], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{files} 个文件：{ok} 个通过，{errors} 个有错误，{warnings} 个仅有警告，{unreadable} 个无法读取"
        ),
        Lang::En => format!(
            "{}: {ok} ok, {errors} with errors, {warnings} with warnings only, {unreadable} unreadable",
            super::en_count(files, "file", "files")
        ),
    }
}

/// After `check`'s summary: `count` files are of another year than `usual`, the year of most
/// files; `files` lists them ([`file_of_year`]).
pub fn other_years(count: usize, usual: i32, files: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("其中 {count} 个文件的年度不是多数文件的 {usual} 年：{files}"),
        Lang::En => format!(
            "{} not of {usual}, the year of most: {files}",
            super::en_count(count, "file is", "files are")
        ),
    }
}

/// After the summary of `check`: bodies of which more than one report was checked (a copy saved
/// twice, "某局 (1).toml", or two versions), `agencies` each with its count.
pub fn same_agencies(count: usize, agencies: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("其中 {count} 个机关各有不止一份报告：{agencies}"),
        Lang::En => format!(
            "{} more than one report: {agencies}",
            super::en_count(count, "agency has", "agencies have")
        ),
    }
}

/// An agency of [`same_agencies`] with how many reports it has.
pub fn agency_reports(agency: &str, reports: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{agency}（{reports} 份）"),
        Lang::En => format!("{agency} ({reports})"),
    }
}

/// A file of [`other_years`] with its year (`shown` as shown).
pub fn file_of_year(shown: &str, year: i32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{shown}（{year}）"),
        Lang::En => format!("{shown} ({year})"),
    }
}

/// After the files [`other_years`] names, when `more` are left out.
pub fn files_more(more: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("等（另有 {more} 个）"),
        Lang::En => format!(", and {more} more"),
    }
}

/// Between the files of a list on one line.
pub fn list_separator(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}

/// The items named of a longer list on one line, and how many `more` were left out.
pub fn named_list(named: impl IntoIterator<Item = String>, more: usize, lang: Lang) -> String {
    let mut list = named
        .into_iter()
        .collect::<Vec<_>>()
        .join(list_separator(lang));
    if more > 0 {
        list.push_str(&files_more(more, lang));
    }
    list
}

/// The count of reports read so far that a long batch shows on a terminal.
pub fn reports_read(done: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已读取 {done} 份报告"),
        Lang::En => format!("{} read", super::en_count(done, "report", "reports")),
    }
}

/// `import` wrote a report with anomalies; `check` is the report to check.
pub fn imported_with_anomalies(count: usize, check: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("已导入，有 {count} 处异常；请核对，并用 `nianbao check {check}` 检查勾稽关系")
        }
        Lang::En => format!(
            "imported with {}; review them, and run `nianbao check {check}` for the rules",
            super::en_count(count, "anomaly", "anomalies")
        ),
    }
}

/// `diff`'s first line: whether `old` and `new` differ, and in how many places.
pub fn differences(old: &str, new: &str, count: usize, lang: Lang) -> String {
    match (count, lang) {
        (0, Lang::Zh) => format!("{old} 与 {new} 相同"),
        (0, Lang::En) => format!("{old} and {new} are the same"),
        (_, Lang::Zh) => format!("{old} → {new}：{count} 处不同"),
        (1, Lang::En) => format!("{old} → {new}: 1 difference"),
        (_, Lang::En) => format!("{old} → {new}: {count} differences"),
    }
}

messages! {
    /// Where `import -` reads from, as its messages name it.
    standard_input => "标准输入", "standard input";
    /// The levels of what `import` lists: a note, or an anomaly to check.
    level_note => "说明", "note";
    level_anomaly => "异常", "anomaly";
    /// `review --export -o` wrote the table of `path`; `counts` tells the reports' states.
    /// A folder or file named for the review queue that is not there (a mistyped folder).
    nothing_there(path: &str) =>
        "{path}：没有这个文件夹或文件",
        "{path}: no such folder or file";
    wrote_table(path: &str, counts: &str) => "已写入 {path}：{counts}", "wrote {path}: {counts}";
    /// The spreadsheet writer failed.
    cannot_make_xlsx(e: &str) => "无法生成 xlsx：{e}", "cannot make the xlsx: {e}";
    /// Between a table's name and its size in `templates show`.
    colon => "：", ": ";
    // `diff`'s words for what is not there.
    diff_empty => "（空）", "(empty)";
    diff_none => "（无）", "(none)";
    not_in_old_format => "（旧格式无此项）", "(not in the old format)";
    not_in_new_format => "（新格式无此项）", "(not in the new format)";
    section_not_in_new_format => "（新格式无此节）", "(not in the new format)";
    // `diff`'s names of the top-level fields (JSON keeps their keys).
    field_template => "模板", "template";
    field_agency => "机关名称", "agency";
    field_year => "年度", "year";
    field_title => "标题", "title";
    field_previous => "上年报告", "previous";
}

pub fn more_not_listed(more: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("……另有 {more} 条未列出"),
        Lang::En => format!("… and {more} more"),
    }
}

/// `nianbao help NAME` with a NAME that is no command.
pub fn unknown_command(name: &str, lang: Lang) -> String {
    let name = visible(name);
    match lang {
        Lang::Zh => format!("未知的命令 “{name}”；全部命令见 nianbao --help"),
        Lang::En => format!("unknown command '{name}'; see nianbao --help for them all"),
    }
}

/// `word` was given where a command or a file goes; it is no file and reads like `command`.
pub fn mistyped_command(word: &str, command: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "没有 “{word}” 这个命令，是不是 {command}？（要新建名为 {word} 的报告，请写 {word}.toml）"
        ),
        Lang::En => format!(
            "there is no command \"{word}\": did you mean {command}? (to make a new report of that name, write {word}.toml)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_in_both_languages() {
        crate::i18n::purity::check(super::ALL);
    }

    #[test]
    fn the_count_of_reports_read_agrees_with_its_number() {
        assert_eq!(reports_read(1, Lang::En), "1 report read");
        assert_eq!(reports_read(600, Lang::En), "600 reports read");
        assert_eq!(reports_read(1, Lang::Zh), "已读取 1 份报告");
    }
}
