//! What `nianbao check` is given to check: a folder with no report is said to be empty and is no
//! success, text files a folder holds are said to be left out, a report saved as `.TOML` is found, and a list of files written by Windows Notepad
//! (a byte-order mark, spaces around names, a name twice) names the files it means, each once.

mod common;

use common::{nianbao_in, nianbao_zh, sample_text, write};

#[test]
fn a_folder_without_reports_is_said_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("empty")).unwrap();
    write(&d.join("empty"), "readme.txt", "no report here");
    for (run, said) in [
        (
            nianbao_zh(d, &["check", "empty"]),
            "empty：文件夹中没有找到报告（没有 *.toml 文件，也没有已发布的报告）",
        ),
        (
            nianbao_in(d, &["check", "empty"]),
            "empty: no report found in the folder (no *.toml file, no published report)",
        ),
    ] {
        assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
        assert_eq!(run.stdout.trim_end(), said, "{}", run.stderr);
    }
    // With a report in it, only the report is named; the text file is said to be left out, on
    // standard error, so that a report sent as copied text is not missed without a word.
    write(&d.join("empty"), "a.toml", &sample_text("shiyan-2020.toml"));
    let run = nianbao_in(d, &["check", "empty"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "empty/a.toml: ok\n"));
    assert!(
        run.stderr.contains("empty: text files not read (1;") && run.stderr.contains("readme.txt"),
        "{}",
        run.stderr
    );
    let zh = nianbao_zh(d, &["check", "empty"]);
    assert!(
        zh.stderr.contains("empty：1 个文字文件没有读取"),
        "{}",
        zh.stderr
    );
    // One made into a report file beside it is read as that.
    write(
        &d.join("empty"),
        "readme.toml",
        &sample_text("shiyan-2020.toml"),
    );
    let run = nianbao_in(d, &["check", "empty"]);
    assert_eq!(run.stderr, "");
}

#[test]
fn an_upper_case_extension_is_a_report_too() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("desk")).unwrap();
    write(
        &d.join("desk"),
        "BROKEN.TOML",
        &sample_text("broken-2024.toml"),
    );
    for run in [
        nianbao_in(d, &["check", "desk"]),
        nianbao_zh(d, &["check", "desk"]),
    ] {
        assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
        assert!(run.stdout.starts_with("desk/BROKEN.TOML"), "{}", run.stdout);
    }
}

#[test]
fn a_list_from_notepad_names_its_files_once_each() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.toml", &sample_text("shiyan-2020.toml"));
    write(d, "b.toml", &sample_text("shiyan-2020.toml"));
    write(d, "list.txt", "\u{feff}a.toml\r\n  b.toml  \r\na.toml\r\n");
    for (run, twice) in [
        (
            nianbao_in(d, &["check", "--files-from", "list.txt"]),
            "a.toml is given twice: it is checked once",
        ),
        (
            nianbao_zh(d, &["check", "--files-from", "list.txt"]),
            "a.toml：重复给出，只检查一次",
        ),
    ] {
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let heads: Vec<&str> = run.stdout.lines().collect();
        // The two files, the summary, and the body both are reports of (copies of one sample).
        assert_eq!(heads.len(), 4, "{heads:?}");
        assert!(heads[0].starts_with("a.toml"), "{heads:?}");
        assert!(heads[1].starts_with("b.toml"), "{heads:?}");
        assert!(heads[2].starts_with("2 "), "{heads:?}");
        assert_eq!(run.stderr.trim_end(), twice);
    }
}
