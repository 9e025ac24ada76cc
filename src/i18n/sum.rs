//! What `nianbao sum` says about its inputs and its total. `name` is an input as shown (control
//! characters made visible by the caller).

use super::Lang;

/// The comment lines that mark a file as a total `nianbao sum` wrote, so that summing into it
/// again replaces its numbers and keeps its texts. In both languages at once: the file is the
/// same whoever ran `sum`, and whoever reads it later should understand it.
pub const MARK: [&str; 2] = [
    "# nianbao sum：本文件是各报告数字的合计；再次用 nianbao sum -o 写入本文件时只替换数字，文字保留（删去这两行，它就成为普通报告）",
    "# nianbao sum: a total of reports' numbers; nianbao sum -o into this file again replaces only its numbers and keeps its texts (delete these two lines to make it an ordinary report)",
];

/// `-o` names an existing file that is not a total `sum` wrote (it lacks the mark).
pub fn not_a_total(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{path} 已存在，且不是 nianbao sum 写出的合计（开头没有“# nianbao sum：”注释），未写入任何内容；要用合计覆盖它请加 --force"
        ),
        Lang::En => format!(
            "{path} already exists and is not a total written by nianbao sum (no \"# nianbao sum:\" comment at its top), so nothing was written; add --force to write the total over it"
        ),
    }
}

pub fn input_has_errors(name: &str, errors: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：{errors} 个错误"),
        Lang::En => format!("{name}: {}", super::en_count(errors, "error", "errors")),
    }
}

pub fn input_is_output(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：这是输出文件，把它计入自身会重复计算"),
        Lang::En => {
            format!("{name} is the output file: summing it into itself would count it twice")
        }
    }
}

pub fn given_twice(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：重复给出，只计一次"),
        Lang::En => format!("{name} is given twice: it is counted once"),
    }
}

/// `name` is of the same agency as `first`, an input before it: a copy saved twice
/// ("某局 (1).toml") counts one body twice.
pub fn same_agency(name: &str, agency: &str, first: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{name}：机关“{agency}”的报告已由 {first} 计入，两份都计入了合计；若是同一份报告的副本，请去掉一份后重新汇总"
        ),
        Lang::En => format!(
            "{name}: a report of \"{agency}\" was already added from {first}, and both are in the total; if it is a copy of the same report, leave one out and sum again"
        ),
    }
}

/// More inputs than were named are of an agency an earlier input was of.
pub fn more_of_same_agency(more: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("另有 {more} 份报告的机关与前面的报告相同，也都计入了合计"),
        Lang::En => format!(
            "{} of an agency an earlier input was of, also in the total",
            super::en_count(more, "more report is", "more reports are")
        ),
    }
}

/// Adding the input would take the total of `place` (a cell in words) beyond what a cell holds.
pub fn total_too_large(name: &str, place: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：计入它之后，{place} 的合计将超出上限"),
        Lang::En => format!("{name}: adding it, the total of {place} would be too large"),
    }
}

pub fn nothing_to_add(lang: Lang) -> String {
    lang.pick("没有可汇总的报告", "no report to add up").into()
}

pub fn bad_inputs_nothing_written(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("{count} 份输入无法汇总（见上），未写入任何内容；加 --skip-bad 可只汇总其余的")
        }
        Lang::En => format!(
            "{count} {} cannot be added (listed above), so nothing was written; with --skip-bad the others are summed",
            if count == 1 { "input" } else { "inputs" }
        ),
    }
}

pub fn summed(count: usize, target: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已汇总 {count} 份报告 → {target}"),
        Lang::En => format!(
            "summed {} into {target}",
            super::en_count(count, "report", "reports")
        ),
    }
}

pub fn left_out(skipped: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("nianbao: 未计入 {skipped} 份输入（见上）"),
        Lang::En => format!(
            "nianbao: {} left out (listed above)",
            if skipped == 1 {
                "1 input was".to_string()
            } else {
                format!("{skipped} inputs were")
            }
        ),
    }
}

pub fn added_although_broken(broken: usize, count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "nianbao: {count} 份报告中有 {broken} 份不符合规则，已按原样计入总数；请用 nianbao check 逐份核对"
        ),
        Lang::En if broken == 1 => format!(
            "nianbao: 1 of {} breaks rules and was added as it is; see nianbao check",
            super::en_count(count, "report", "reports")
        ),
        Lang::En => format!(
            "nianbao: {broken} of {count} reports break rules and were added as they are; see nianbao check"
        ),
    }
}

/// An input of another template or year (`theirs`) than the total's (`ours`, which `n` of the
/// `all` inputs are).
pub fn of_another_kind(
    name: &str,
    theirs: &str,
    ours: &str,
    (n, all): (usize, usize),
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(
            "{name}：是 {theirs}的报告，而汇总的是 {ours}的报告（可读的 {all} 份输入中有 {n} 份是）：只有同一模板、同一年度的报告才能相加"
        ),
        Lang::En => format!(
            "{name}: is {theirs}, while the total is {ours}, as {n} of the {all} readable inputs {}: only reports of the same template and year add up",
            if n == 1 { "is" } else { "are" }
        ),
    }
}

pub fn more_of_another_kind(more: usize, theirs: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("……另有 {more} 份 {theirs}的报告"),
        Lang::En => format!(
            "… and {} of {theirs}",
            super::en_count(more, "more report", "more reports")
        ),
    }
}

/// A template and year in words: `gov-2021 模板 2024 年`.
pub fn kind(template: &str, year: Option<i32>, lang: Lang) -> String {
    match (lang, year) {
        (Lang::Zh, Some(y)) => format!("{template} 模板 {y} 年"),
        (Lang::Zh, None) => format!("{template} 模板、无年份"),
        (Lang::En, Some(y)) => format!("template {template} for {y}"),
        (Lang::En, None) => format!("template {template} with no year"),
    }
}
