//! The user's config file: where it is looked for, what each key does, what wins over it, and
//! that a bad one stops the command with its line.

use std::path::Path;
use std::process::Command;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// nianbao in `dir` with `HOME` there and, when given, `XDG_CONFIG_HOME`.
fn nianbao(dir: &Path, xdg: Option<&Path>, locale: &str, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    command
        .args(args)
        .current_dir(dir)
        .env("LANG", locale)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("HOME", dir);
    match xdg {
        Some(x) => command.env("XDG_CONFIG_HOME", x),
        None => command.env_remove("XDG_CONFIG_HOME"),
    };
    let out = command.output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn sample(name: &str) -> String {
    format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A home folder with the config text in `~/.config/nianbao/config.toml`.
fn home_with(config: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".config/nianbao");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), config).unwrap();
    home
}

#[test]
fn the_config_s_language_wins_over_the_locale_and_lang_wins_over_it() {
    let home = home_with("lang = \"en\"\n");
    let h = home.path();
    let run = nianbao(h, None, "zh_CN.UTF-8", &["check", "missing.toml"]);
    assert!(
        run.stdout.contains("missing.toml: cannot read"),
        "{}",
        run.stdout
    );
    let run = nianbao(
        h,
        None,
        "zh_CN.UTF-8",
        &["--lang", "zh", "check", "missing.toml"],
    );
    assert!(
        run.stdout.contains("missing.toml：无法读取"),
        "{}",
        run.stdout
    );
    // The help too is in the config's language.
    let run = nianbao(h, None, "zh_CN.UTF-8", &["check", "--help"]);
    assert!(
        run.stdout.contains("Usage: nianbao check"),
        "{}",
        run.stdout
    );
}

#[test]
fn xdg_config_home_is_looked_in_before_home() {
    let home = home_with("lang = \"en\"\n");
    let xdg = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(xdg.path().join("nianbao")).unwrap();
    std::fs::write(xdg.path().join("nianbao/config.toml"), "lang = \"zh\"\n").unwrap();
    let run = nianbao(
        home.path(),
        Some(xdg.path()),
        "en_US.UTF-8",
        &["check", "missing.toml"],
    );
    assert!(run.stdout.contains("无法读取"), "{}", run.stdout);
    // An empty XDG_CONFIG_HOME (and a relative one) is not a place: HOME's is used.
    let run = nianbao(
        home.path(),
        Some(Path::new("")),
        "zh_CN.UTF-8",
        &["check", "missing.toml"],
    );
    assert!(run.stdout.contains("cannot read"), "{}", run.stdout);
}

#[test]
fn the_config_s_template_makes_new_reports_and_template_wins_over_it() {
    let home = home_with("template = \"gov-2019\"\n");
    let h = home.path();
    let run = nianbao(h, None, "zh_CN.UTF-8", &["new", "a.toml", "--year", "2020"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(h.join("a.toml")).unwrap();
    assert!(text.contains("template = \"gov-2019\""), "{text}");
    let run = nianbao(
        h,
        None,
        "zh_CN.UTF-8",
        &["new", "b.toml", "--template", "gov-2021"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(h.join("b.toml")).unwrap();
    assert!(text.contains("template = \"gov-2021\""), "{text}");
    // A template id the config names that does not exist is an error when it is needed.
    let home = home_with("template = \"gov-1999\"\n");
    let run = nianbao(home.path(), None, "zh_CN.UTF-8", &["new", "c.toml"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("未知模板 \"gov-1999\""),
        "{}",
        run.stderr
    );
}

#[test]
fn templates_of_one_s_own_folders_are_known_by_their_id() {
    let home = home_with("template_dirs = [\"~/模板\"]\n");
    let h = home.path();
    std::fs::create_dir(h.join("模板")).unwrap();
    std::fs::copy(sample("anquan-template.toml"), h.join("模板/anquan.toml")).unwrap();
    let run = nianbao(h, None, "zh_CN.UTF-8", &["templates"]);
    assert!(run.stdout.contains("anquan-nianbao\t"), "{}", run.stdout);
    // A report of that template checks without --template.
    let run = nianbao(
        h,
        None,
        "zh_CN.UTF-8",
        &["check", &sample("anquan-2024.toml")],
    );
    assert_ne!(run.code, Some(2), "{}{}", run.stdout, run.stderr);
    let run = nianbao(
        h,
        None,
        "zh_CN.UTF-8",
        &["new", "d.toml", "--template", "anquan-nianbao"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // Without the config the same report names an unknown template.
    let bare = tempfile::tempdir().unwrap();
    let run = nianbao(
        bare.path(),
        None,
        "zh_CN.UTF-8",
        &["check", &sample("anquan-2024.toml")],
    );
    assert_eq!(run.code, Some(2));
    assert!(run.stdout.contains("template_dirs"), "{}", run.stdout);
}

#[test]
fn a_broken_template_in_a_folder_stops_the_command() {
    let home = home_with("template_dirs = [\"templates\"]\n");
    let dir = home.path().join(".config/nianbao/templates");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("broken.toml"), "id = \n").unwrap();
    let run = nianbao(home.path(), None, "zh_CN.UTF-8", &["templates"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("模板文件夹中的模板无法使用"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("broken.toml"), "{}", run.stderr);
}

#[test]
fn a_bad_config_is_an_error_naming_its_line_in_every_command() {
    let cases = [
        (
            "lang = \"fr\"\n",
            1,
            "`lang` 应为 \"zh\" 或 \"en\"，而不是 \"fr\"",
        ),
        ("\n\ntemplate_dirs = [\"/no/such/folder\"]\n", 3, "不存在"),
        (
            "lang = \"zh\"\ntemplat = \"gov-2019\"\n",
            2,
            "未知的键 `templat`",
        ),
        ("template = 2021\n", 1, "`template` 应为"),
        ("lang = \"zh\n", 1, "不是有效的 TOML"),
    ];
    for (config, line, what) in cases {
        let home = home_with(config);
        for args in [&["check", "x.toml"][..], &["templates"], &["x.toml"]] {
            let run = nianbao(home.path(), None, "zh_CN.UTF-8", args);
            assert_eq!(run.code, Some(2), "{config:?} {args:?}");
            let place = format!("config.toml:{line}：");
            assert!(
                run.stderr.contains(&place) && run.stderr.contains(what),
                "{config:?}: {}",
                run.stderr
            );
        }
    }
    // In English with --lang, which a broken config cannot take away.
    let home = home_with("lang = \"fr\"\n");
    let run = nianbao(
        home.path(),
        None,
        "zh_CN.UTF-8",
        &["--lang", "en", "templates"],
    );
    assert!(
        run.stderr
            .contains("`lang` must be \"zh\" or \"en\", not \"fr\""),
        "{}",
        run.stderr
    );
}
