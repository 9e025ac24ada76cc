//! Where `export -o` and `import -o` write, and what happens when standard output closes early.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{nianbao_in, sample_text, samples, write};

#[test]
fn export_and_import_never_write_over_their_input() {
    let dir = tempfile::tempdir().unwrap();
    let report = write(dir.path(), "r.toml", &sample_text("shiyan-2024.toml"));
    let before = std::fs::read(&report).unwrap();
    for force in [false, true] {
        let mut args = vec!["export", &report, "--to", "html", "-o", &report];
        if force {
            args.push("--force");
        }
        let run = nianbao_in(dir.path(), &args);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("is the input file"), "{}", run.stderr);
        assert_eq!(std::fs::read(&report).unwrap(), before);
    }
    let text = nianbao_in(dir.path(), &["export", &report, "--to", "txt"]).stdout;
    let published = write(dir.path(), "published.txt", &text);
    let run = nianbao_in(
        dir.path(),
        &["import", &published, "-o", &published, "--force"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&published).unwrap(), text);
    // Through a symlink it is the same file.
    std::os::unix::fs::symlink(&report, dir.path().join("link.toml")).unwrap();
    let run = nianbao_in(
        dir.path(),
        &["export", &report, "--to", "md", "-o", "link.toml"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read(&report).unwrap(), before);
}

/// `-o -` is standard output, as scripts write it, not a file named `-`.
#[test]
fn a_dash_as_the_output_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let report = write(dir.path(), "r.toml", &sample_text("shiyan-2024.toml"));
    let text = nianbao_in(dir.path(), &["export", &report, "--to", "txt"]).stdout;
    let run = nianbao_in(dir.path(), &["export", &report, "--to", "txt", "-o", "-"]);
    assert_eq!((run.code, &run.stdout), (0, &text), "{}", run.stderr);
    let published = write(dir.path(), "published.txt", &text);
    let run = nianbao_in(dir.path(), &["import", &published, "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("agency = "), "{}", run.stdout);
    let run = nianbao_in(
        dir.path(),
        &["review", &report, "--export", "csv", "-o", "-"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("r.toml"), "{}", run.stdout);
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn an_existing_output_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let report = samples().join("shiyan-2024.toml");
    let report = report.to_str().unwrap();
    let existing = write(dir.path(), "out.html", "mine");
    let run = nianbao_in(
        dir.path(),
        &["export", report, "--to", "html", "-o", &existing],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already exists") && run.stderr.contains("--force"));
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "mine");
    let run = nianbao_in(
        dir.path(),
        &["export", report, "--to", "html", "-o", &existing, "--force"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(&existing)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );

    // import: an existing report is replaced only with --force.
    let old = write(dir.path(), "old.toml", &sample_text("shiyan-2024.toml"));
    let published = nianbao_in(dir.path(), &["export", report, "--to", "txt"]).stdout;
    let input = write(dir.path(), "in.txt", &published);
    let run = nianbao_in(dir.path(), &["import", &input, "-o", &old]);
    assert_eq!(run.code, 2);
    assert_eq!(
        std::fs::read_to_string(&old).unwrap(),
        sample_text("shiyan-2024.toml")
    );
    let run = nianbao_in(dir.path(), &["import", &input, "-o", &old, "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_refusal_is_said_in_chinese_too() {
    let dir = tempfile::tempdir().unwrap();
    let report = write(dir.path(), "r.toml", &sample_text("shiyan-2024.toml"));
    let existing = write(dir.path(), "out.csv", "mine");
    let run = nianbao_in(
        dir.path(),
        &[
            "export", &report, "--to", "csv", "-o", &existing, "--lang", "zh",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("已存在，未写入；要覆盖它请加 --force"),
        "{}",
        run.stderr
    );
    let run = nianbao_in(
        dir.path(),
        &[
            "export", &report, "--to", "csv", "-o", &report, "--lang", "zh",
        ],
    );
    assert!(run.stderr.contains("是输入文件本身"), "{}", run.stderr);
}

/// Runs `nianbao ARGS`, reads one byte of its output and closes the pipe, as `| head -c1` does.
fn read_one_byte_then_close(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_closed_standard_output_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Far more output than a pipe holds, so the command is still writing when the pipe closes.
    let big = common::edited(
        "shiyan-2024.toml",
        &[(
            "本机关2024年未收取信息处理费。",
            &"本机关未收取信息处理费。".repeat(3_000),
        )],
    );
    let big = write(dir.path(), "big.toml", &big);
    let small = samples().join("shiyan-2024.toml");
    let small = small.to_str().unwrap();
    let published = write(
        dir.path(),
        "big.txt",
        &nianbao_in(dir.path(), &["export", &big, "--to", "txt"]).stdout,
    );
    // Eighty files, not one named eighty times: a file given twice is checked once.
    let broken = common::sample_text("broken-2024.toml");
    let copies: Vec<String> = (0..80)
        .map(|i| write(dir.path(), &format!("broken-{i:02}.toml"), &broken))
        .collect();
    let many: Vec<&str> = copies.iter().map(String::as_str).collect();
    // (A CSV holds no texts: it stays smaller than a pipe.)
    let mut runs: Vec<Vec<&str>> = ["json", "html", "txt", "md"]
        .iter()
        .map(|f| vec!["export", big.as_str(), "--to", f])
        .collect();
    runs.push([&["check"][..], &many].concat());
    runs.push([&["check", "--format", "json"][..], &many].concat());
    runs.push(vec!["diff", small, &big]);
    runs.push(vec!["diff", small, &big, "--format", "json"]);
    runs.push(vec!["import", &published]);
    for args in runs {
        let whole = nianbao_in(dir.path(), &args).stdout.len();
        assert!(
            whole > 100_000,
            "{args:?} prints {whole} bytes, less than a 64 KiB pipe holds"
        );
        let (code, stderr) = read_one_byte_then_close(dir.path(), &args);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert_ne!(code, Some(2), "{args:?}");
    }
}

/// The CSV starts with a byte-order mark, for Excel on Chinese Windows, in a file as on standard
/// output; `--no-bom` leaves it out and changes nothing else.
#[test]
fn csv_has_a_byte_order_mark_unless_told_not_to() {
    let dir = tempfile::tempdir().unwrap();
    let sample = samples().join("shiyan-2024.toml");
    let sample = sample.to_str().unwrap();
    let with = nianbao_in(dir.path(), &["export", sample, "--to", "csv"]);
    assert_eq!(with.code, 0, "{}", with.stderr);
    assert!(with.stdout.starts_with("\u{feff}agency,year,"));
    let without = nianbao_in(dir.path(), &["export", sample, "--to", "csv", "--no-bom"]);
    assert_eq!(without.code, 0, "{}", without.stderr);
    assert_eq!(
        without.stdout,
        with.stdout.strip_prefix('\u{feff}').unwrap()
    );
    let run = nianbao_in(
        dir.path(),
        &[
            "export",
            sample,
            "--to",
            "csv",
            "--no-bom",
            "-o",
            "plain.csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read(dir.path().join("plain.csv")).unwrap();
    assert!(written.starts_with(b"agency,year,"), "{:?}", &written[..8]);
    let run = nianbao_in(
        dir.path(),
        &["export", sample, "--to", "csv", "-o", "bom.csv"],
    );
    let written = std::fs::read(dir.path().join("bom.csv")).unwrap();
    assert_eq!(run.code, 0);
    assert!(written.starts_with(b"\xef\xbb\xbfagency,"));
}

/// A full disk under a redirected standard output is said in the user's language, not in the
/// system's English.
#[test]
fn a_full_disk_under_standard_output_is_said_in_chinese() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sample = samples().join("shiyan-2024.toml");
    for (locale, says) in [
        ("zh_CN.UTF-8", "nianbao: 磁盘已满"),
        ("en_US.UTF-8", "nianbao: No space left on device"),
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let run = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["export", sample.to_str().unwrap(), "--to", "txt"])
            .current_dir(dir.path())
            .env("LANG", locale)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdin(Stdio::null())
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        assert!(stderr.starts_with(says), "{locale}: {stderr}");
    }
}
