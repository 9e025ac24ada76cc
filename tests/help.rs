//! `--help` of every command in the user's language, the shell completions and the man page.

use std::process::Command;

#[path = "support/language.rs"]
mod language;
use language::{chinese_prose, english_sentence};

const SUBCOMMANDS: &[&str] = &[
    "new",
    "check",
    "import",
    "diff",
    "sum",
    "export",
    "review",
    "templates",
    "completions",
    "man",
    "help",
];

fn nianbao(locale: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = language::run_in_locale(dir.path(), locale, args);
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The help of nianbao and of each command, `-h` and `--help`.
fn every_help(locale: &str) -> Vec<(String, String)> {
    let mut helps = Vec::new();
    for flag in ["-h", "--help"] {
        let (code, out, _) = nianbao(locale, &[flag]);
        assert_eq!(code, Some(0));
        helps.push((format!("nianbao {flag}"), out));
        for sub in SUBCOMMANDS.iter().chain(&["templates show"]) {
            let mut args: Vec<&str> = sub.split(' ').collect();
            args.push(flag);
            let (code, out, err) = nianbao(locale, &args);
            assert_eq!(code, Some(0), "{err}");
            helps.push((format!("nianbao {sub} {flag}"), out));
        }
    }
    // `nianbao help X` is X's full help.
    let (code, out, err) = nianbao(locale, &["help"]);
    assert_eq!(code, Some(0), "{err}");
    helps.push(("nianbao help".to_string(), out));
    for sub in SUBCOMMANDS.iter().chain(&["templates show"]) {
        let mut args = vec!["help"];
        args.extend(sub.split(' '));
        let (code, out, err) = nianbao(locale, &args);
        assert_eq!(code, Some(0), "{err}");
        let (_, own, _) = nianbao(locale, &[&args[1..], &["--help"]].concat());
        assert_eq!(out, own, "nianbao help {sub}");
        helps.push((format!("nianbao help {sub}"), out));
    }
    helps
}

/// What clap writes in English around the help texts, found in `help`: its headings, its
/// placeholders (`[OPTIONS]`, `<FILE>`, `[FILE|DIR]...`, the usage line included), its own
/// help flag, and an ASCII colon after Chinese.
fn clap_s_english(help: &str) -> Option<String> {
    for word in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Print help",
        "[OPTIONS]",
        "[COMMAND]",
    ] {
        if help.contains(word) {
            return Some(word.to_string());
        }
    }
    let han =
        |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{ff01}'..='\u{ff5e}').contains(&c);
    for line in help.lines() {
        let chars: Vec<char> = line.chars().collect();
        if chars.windows(2).any(|w| han(w[0]) && w[1] == ':') {
            return Some(format!("an ASCII colon after Chinese in {line:?}"));
        }
        // A placeholder: `<` or `[` and a capital letter.
        if let Some(at) = chars
            .windows(2)
            .position(|w| matches!(w[0], '<' | '[') && w[1].is_ascii_uppercase())
        {
            let rest: String = chars[at..].iter().collect();
            return Some(format!("a placeholder {rest:?} in {line:?}"));
        }
    }
    None
}

/// In the short help's sections each description starts in one column, measured as a terminal
/// shows it: a Chinese character is two columns wide.
fn misaligned(help: &str) -> Option<String> {
    use unicode_width::UnicodeWidthStr;
    for section in help.split("\n\n") {
        let columns: Vec<(usize, &str)> = section
            .lines()
            .filter(|l| l.starts_with("  ") && !l.trim_start().starts_with("nianbao"))
            .filter_map(|l| {
                let indent = l.len() - l.trim_start().len();
                let gap = indent + l[indent..].find("  ")?;
                let start = gap + (l[gap..].len() - l[gap..].trim_start().len());
                Some((UnicodeWidthStr::width(&l[..start]), l))
            })
            .collect();
        if let Some((_, line)) = columns.iter().find(|(c, _)| *c != columns[0].0) {
            return Some(format!(
                "{line:?} is not in the column of {:?}",
                columns[0].1
            ));
        }
    }
    None
}

#[test]
fn chinese_help_has_none_of_clap_s_english_and_lines_up() {
    for (what, help) in every_help("zh_CN.UTF-8") {
        if let Some(found) = clap_s_english(&help) {
            panic!("{what}: {found}\n{help}");
        }
        if what.ends_with("-h")
            && let Some(found) = misaligned(&help)
        {
            panic!("{what}: {found}\n{help}");
        }
    }
    // As clap's errors show it, too.
    let (_, _, err) = nianbao("zh_CN.UTF-8", &["new"]);
    assert!(err.contains("用法：nianbao new [选项] <文件>"), "{err}");
    assert!(clap_s_english(&err).is_none(), "{err}");
}

#[test]
fn the_checks_of_clap_s_english_catch_it() {
    assert!(clap_s_english("用法：nianbao [OPTIONS]").is_some());
    assert!(clap_s_english("参数:").is_some());
    assert!(clap_s_english("  [FILE|DIR]...  报告文件").is_some());
    assert!(clap_s_english("      --prev <LAST_YEAR.toml>  上年").is_some());
    assert!(clap_s_english("选项：\n      --lang <语言>  界面语言：zh 或 en").is_none());
    assert!(misaligned("选项：\n      --lang <语言>  界面\n      --read-only  只").is_some());
    assert!(misaligned("选项：\n      --lang <语言>  界面\n      --read-only    只").is_none());
}

#[test]
fn help_of_an_unknown_command_is_refused_in_chinese() {
    let (code, out, err) = nianbao("zh_CN.UTF-8", &["help", "frob"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(err.contains("未知的命令 “frob”"), "{err}");
    assert!(english_sentence(&err).is_none(), "{err}");
}

/// An example's command line, and the usage line, are code, not prose.
fn without_examples(help: &str) -> String {
    help.lines()
        .filter(|l| {
            let l = l.trim_start();
            !["nianbao ", "pdftotext ", "find ", "用法：", "Usage: "]
                .iter()
                .any(|c| l.starts_with(c))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn chinese_help_has_no_english_sentence_and_every_argument_described() {
    for (what, help) in every_help("zh_CN.UTF-8") {
        assert!(help.contains("用法："), "{what}: {help}");
        if let Some(sentence) = english_sentence(&without_examples(&help)) {
            panic!("{what}: English {sentence}\n{help}");
        }
        // An argument without a description shows as its name alone on its line.
        for line in help.lines().filter(|l| l.starts_with("  ")) {
            let line = line.trim();
            let bare = (line.starts_with('-') || line.starts_with('<') || line.starts_with('['))
                && !line.contains("  ");
            assert!(
                !bare || !what.ends_with(" -h"),
                "{what}: {line:?} has no description"
            );
        }
    }
}

#[test]
fn english_help_has_no_chinese_prose() {
    // Official names a user types or reads in the examples, Chinese in every language.
    let allowed = "政府信息公开工作年度报告某某市人民政府办公室某某县人民政府";
    for (what, help) in every_help("en_US.UTF-8") {
        assert!(help.contains("Usage: "), "{what}: {help}");
        if let Some(prose) = chinese_prose(&help, allowed) {
            panic!("{what}: Chinese {prose}\n{help}");
        }
    }
}

#[test]
fn full_help_has_examples_of_the_common_tasks() {
    for (sub, example) in [
        ("check", "nianbao check 2024.toml"),
        ("new", "nianbao new 2024.toml --agency"),
        ("import", "nianbao import 年报.pdf -o r.toml"),
        ("sum", "nianbao sum 各部门/ -o"),
        ("export", "nianbao export 2024.toml --to docx"),
    ] {
        let (_, zh, _) = nianbao("zh_CN.UTF-8", &[sub, "--help"]);
        assert!(zh.contains("示例：") && zh.contains(example), "{zh}");
        let (_, en, _) = nianbao("en_US.UTF-8", &[sub, "--help"]);
        assert!(en.contains("Examples:"), "{en}");
    }
    let (_, zh, _) = nianbao("en_US.UTF-8", &["--lang", "zh", "check", "--help"]);
    assert!(zh.contains("示例："), "--lang wins over the locale: {zh}");
}

#[test]
fn bash_completions_are_valid_bash_and_name_every_command() {
    let (code, script, err) = nianbao("zh_CN.UTF-8", &["completions", "bash"]);
    assert_eq!(code, Some(0), "{err}");
    for sub in SUBCOMMANDS {
        assert!(script.contains(sub), "{sub} missing");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nianbao.bash");
    std::fs::write(&file, &script).unwrap();
    let check = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Sourced, it registers the completion of nianbao.
    let sourced = Command::new("bash")
        .arg("-c")
        .arg(format!(". {} && complete -p nianbao", file.display()))
        .output()
        .unwrap();
    let registered = String::from_utf8_lossy(&sourced.stdout);
    assert!(registered.contains("nianbao"), "{registered}");
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, script, err) = nianbao("en_US.UTF-8", &["completions", shell]);
        assert_eq!(code, Some(0), "{shell}: {err}");
        assert!(script.contains("check"), "{shell}");
    }
    let zsh = nianbao("en_US.UTF-8", &["completions", "zsh"]).1;
    assert!(zsh.starts_with("#compdef nianbao"), "{zsh}");
}

/// Tab after `--to ` in fish or zsh lists the formats with what each is: in Chinese under a
/// Chinese locale, as the options themselves are.
#[test]
fn completions_describe_the_values_of_options_in_the_users_language() {
    for shell in ["fish", "zsh"] {
        let zh = nianbao("zh_CN.UTF-8", &["completions", shell]).1;
        let en = nianbao("en_US.UTF-8", &["completions", shell]).1;
        for (chinese, english) in [
            (
                "官方版式的 Word 文档（A4）",
                "A Word document in the official layout (A4)",
            ),
            ("每个问题一行", "a row per finding"),
            ("表头一行并冻结", "a header row, frozen"),
        ] {
            assert!(
                zh.contains(chinese) && !zh.contains(english),
                "{shell}: {chinese}"
            );
            assert!(
                en.contains(english) && !en.contains(chinese),
                "{shell}: {english}"
            );
        }
    }
}

#[test]
fn the_man_page_is_roff_and_names_every_command() {
    for (locale, heading) in [("zh_CN.UTF-8", ".SH 命令"), ("en_US.UTF-8", ".SH Commands")] {
        let (code, page, err) = nianbao(locale, &["man"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(page.contains("\n.TH nianbao 1"), "{page}");
        assert!(page.contains(heading), "{page}");
        for sub in SUBCOMMANDS {
            // In the list of commands, and a section of its own with its arguments.
            assert!(
                page.contains(&format!("\\fBnianbao {sub}\\fR")),
                "{sub}:\n{page}"
            );
            assert!(
                page.contains(&format!(".SH \"nianbao {sub}\"")),
                "{sub}:\n{page}"
            );
        }
        assert!(
            !page.contains("(1)\n"),
            "no pages that are not installed:\n{page}"
        );
        let check = &page[page.find(".SH \"nianbao check\"").unwrap()..];
        assert!(check.contains("\\fB\\-\\-files\\-from\\fR"), "{check}");
    }
}
