//! Every command's failures in the user's language: under LANG=zh_CN.UTF-8 no English sentence,
//! under en_US no Chinese prose (the template's official labels and the report's own words, which
//! are Chinese in every language, excepted).

use std::path::Path;

#[path = "support/language.rs"]
mod language;
use language::{chinese_prose, english_sentence, run_in_locale};

const GOV_2021: &str = include_str!("../src/template/gov-2021.toml");
const GOV_2019: &str = include_str!("../src/template/gov-2019.toml");

/// What a failing command printed, both streams, and how it ended.
struct Run {
    args: String,
    code: Option<i32>,
    output: String,
}

fn run(dir: &Path, locale: &str, args: &[&str]) -> Run {
    let out = run_in_locale(dir, locale, args);
    Run {
        args: args.join(" "),
        code: out.status.code(),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A folder with every kind of bad input.
fn bad_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = sample("shiyan-2024.toml");
    let write = |name: &str, text: &str| std::fs::write(d.join(name), text).unwrap();
    let variant = |name: &str, from: &str, to: &str| {
        assert!(good.contains(from), "{from}");
        write(name, &good.replacen(from, to, 1));
    };
    write("good.toml", &good);
    write("last-year.toml", &sample("shiyan-2023.toml"));
    std::fs::write(
        d.join("not-utf8.toml"),
        b"template = \"gov-2021\"\nagency = \"\xff\xfe\"\n",
    )
    .unwrap();
    write("no-value.toml", "template = \n");
    write("unclosed.toml", "template = \"gov-2021\"\n[active\n");
    write("no-template.toml", "agency = \"x\"\n");
    variant("duplicate.toml", "agency = ", "agency = \"x\"\nagency = ");
    variant(
        "other-template.toml",
        "template = \"gov-2021\"",
        "template = \"gov-1999\"",
    );
    variant("negative.toml", "fees = [18.8710]", "fees = [-1]");
    variant("fraction.toml", "fees = [18.8710]", "fees = [18.87101]");
    variant("not-a-number.toml", "fees = [18.8710]", "fees = [\"十八\"]");
    variant(
        "row-count.toml",
        "[4, 1, 0, 0, 0, 0, 5]",
        "[4, 1, 0, 0, 0, 5]",
    );
    variant("unknown-row.toml", "penalty ", "penalti ");
    variant(
        "unknown-key.toml",
        "template = \"gov-2021\"",
        "template = \"gov-2021\"\ncolour = 1",
    );
    variant("bad-year.toml", "year = 2024", "year = \"2024年\"");
    write("notes.txt", "这不是年报。\nnothing here either\n");
    std::fs::create_dir(d.join("config")).unwrap();
    dir
}

/// Every failure path of every command, each with its arguments.
const FAILURES: &[&[&str]] = &[
    &["check", "missing.toml"],
    &["check", "not-utf8.toml"],
    &["check", "no-value.toml"],
    &["check", "unclosed.toml"],
    &["check", "no-template.toml"],
    &["check", "duplicate.toml"],
    &["check", "other-template.toml"],
    &["check", "negative.toml"],
    &["check", "fraction.toml"],
    &["check", "not-a-number.toml"],
    &["check", "row-count.toml"],
    &["check", "unknown-row.toml"],
    &["check", "unknown-key.toml"],
    &["check", "bad-year.toml"],
    &["check", "good.toml", "--prev", "missing.toml"],
    &["check", "--files-from", "missing-list.txt"],
    &["check"],
    &["check", "--format", "yaml", "good.toml"],
    &["check", "--bogus", "good.toml"],
    &[
        "check",
        "good.toml",
        "--prev",
        "last-year.toml",
        "--no-prev",
    ],
    &["new", "good.toml"],
    &["new", "x.toml", "--template", "gov-1999"],
    &["new", "x.toml", "--template", "mine.toml"],
    &["new", "x.toml", "--year", "二〇二四"],
    &["new", "no-such-folder/x.toml"],
    &["new"],
    &["import", "missing.txt"],
    &["import", "notes.txt"],
    &["import", "good.toml", "-o", "good.toml"],
    &["import", "notes.txt", "-o", "last-year.toml"],
    &["diff", "missing.toml", "good.toml"],
    &["diff", "good.toml", "negative.toml"],
    &["diff", "good.toml"],
    &["sum", "good.toml"],
    &["sum", "good.toml", "last-year.toml", "-o", "total.toml"],
    &["sum", "missing.toml", "-o", "total.toml"],
    &["sum", "good.toml", "-o", "last-year.toml"],
    &["export", "missing.toml", "--to", "json"],
    &["export", "good.toml", "--to", "pdf"],
    &[
        "export",
        "good.toml",
        "--to",
        "json",
        "-o",
        "last-year.toml",
    ],
    &["export", "negative.toml", "--to", "html"],
    &["review", "missing-folder/"],
    &["review", "good.toml", "--export", "pdf"],
    &[
        "review",
        "good.toml",
        "--export",
        "csv",
        "-o",
        "last-year.toml",
    ],
    &["review", "good.toml", "--output", "x.csv"],
    &["review", "."],
    &["templates", "show", "gov-1999"],
    &["templates", "list"],
    &["completions", "tcsh"],
    &["--lang", "fr", "check", "good.toml"],
    &["--template", "gov-1999", "check", "good.toml"],
    // The editor, started without a terminal.
    &["good.toml"],
];

fn every_failure(locale: &str) -> Vec<Run> {
    let dir = bad_inputs();
    FAILURES
        .iter()
        .map(|args| {
            let r = run(dir.path(), locale, args);
            assert_ne!(
                r.code,
                Some(0),
                "`nianbao {}` should fail: {}",
                r.args,
                r.output
            );
            assert!(!r.output.contains("panicked"), "{}", r.output);
            assert!(
                !r.output.trim().is_empty(),
                "`nianbao {}` said nothing",
                r.args
            );
            r
        })
        .collect()
}

#[test]
fn under_a_chinese_locale_no_failure_says_an_english_sentence() {
    let mut wrong = Vec::new();
    for r in every_failure("zh_CN.UTF-8") {
        if let Some(sentence) = english_sentence(&r.output) {
            wrong.push(format!(
                "`nianbao {}`: English {sentence}\n{}",
                r.args, r.output
            ));
        } else if !r
            .output
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        {
            wrong.push(format!(
                "`nianbao {}`: no Chinese at all\n{}",
                r.args, r.output
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// The official labels of a template, and its other names, without its rules' Chinese messages
/// (which have English ones of their own).
fn labels(template: &str) -> String {
    template
        .lines()
        .filter(|l| !l.trim_start().starts_with("message ="))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn under_an_english_locale_no_failure_says_chinese_prose() {
    let allowed = format!(
        "{}{}{}{}这不是年报二〇二四十八",
        labels(GOV_2021),
        labels(GOV_2019),
        sample("shiyan-2024.toml"),
        sample("shiyan-2023.toml")
    );
    let mut wrong = Vec::new();
    for r in every_failure("en_US.UTF-8") {
        if let Some(prose) = chinese_prose(&r.output, &allowed) {
            wrong.push(format!(
                "`nianbao {}`: Chinese {prose}\n{}",
                r.args, r.output
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn a_bad_config_names_its_line_and_key_in_the_users_language() {
    let dir = bad_inputs();
    let config = dir.path().join("config/nianbao");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "lang = \"zh\"\ntemplat = \"gov-2019\"\n",
    )
    .unwrap();
    let zh = run(dir.path(), "zh_CN.UTF-8", &["check", "good.toml"]);
    assert_eq!(zh.code, Some(2));
    assert!(
        zh.output
            .contains("config.toml:2：配置文件中未知的键 `templat`"),
        "{}",
        zh.output
    );
    let en = run(
        dir.path(),
        "en_US.UTF-8",
        &["--lang", "en", "check", "good.toml"],
    );
    assert!(
        en.output.contains("config.toml:2: unknown key `templat`"),
        "{}",
        en.output
    );
}

/// An ASCII colon that ends a place or a label in Chinese text (`三 › 自然人: …`, `a.toml: 通过`),
/// where Chinese writes `：`. The program's name before a message (`nianbao: `) is the convention
/// of every command line tool, and `line:column` is a place's own notation: neither is one.
fn ascii_colon_after_a_place(text: &str) -> Option<String> {
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for line in text.lines() {
        let body = line.strip_prefix("nianbao: ").unwrap_or(line);
        let chars: Vec<char> = body.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let ends_a_label = i > 0 && !chars[i - 1].is_whitespace();
            let next = chars.get(i + 1).copied();
            if c == ':' && ends_a_label && next.is_none_or(|n| n == ' ' || han(n)) {
                return Some(line.to_string());
            }
        }
    }
    None
}

#[test]
fn under_a_chinese_locale_a_place_is_followed_by_a_full_width_colon() {
    let dir = bad_inputs();
    let d = dir.path();
    std::fs::write(d.join("broken.toml"), sample("broken-2024.toml")).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let published = format!("{root}/tests/fixtures/import/format-2019-beiping-2020.txt");
    // What succeeds or finds problems says places too: findings, differences, anomalies.
    let said: &[&[&str]] = &[
        &["check", "broken.toml", "good.toml"],
        &["diff", "last-year.toml", "good.toml"],
        &["import", &published],
    ];
    let mut runs: Vec<Run> = said
        .iter()
        .map(|args| run(d, "zh_CN.UTF-8", args))
        .collect();
    runs.extend(every_failure("zh_CN.UTF-8"));
    let wrong: Vec<String> = runs
        .iter()
        .filter_map(|r| {
            let line = ascii_colon_after_a_place(&r.output)?;
            Some(format!("`nianbao {}`: {line}", r.args))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // English keeps `: `.
    let en = run(d, "en_US.UTF-8", &["--lang", "en", "check", "broken.toml"]);
    assert!(en.output.contains("broken.toml: 7 errors"), "{}", en.output);
    assert!(en.output.contains(" × Total: Total must"), "{}", en.output);
}
