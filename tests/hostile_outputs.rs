//! No output of any command passes a report's hostile content through: escape sequences (ESC,
//! OSC 52 clipboard writes, BEL, BS, CR, C1, DEL), bidi overrides, markup (`<script>`,
//! `onerror=`, Markdown links) and spreadsheet formulas arrive as each format's own escape.

mod common;
mod ooxml;

use std::path::Path;

use common::{edited, nianbao_in, sample_text, samples, write};

/// Everything a tester put into a report at once, as TOML basic-string escapes.
const HOSTILE_TOML: &str = r#"\u001b]52;c;aGk=\u0007 \u001b[31m红\b\r \u009b31m \u007f \u202e翻转\u202c <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) =HYPERLINK(\"http://evil\",\"x\")"#;

/// The same, as the characters the report holds.
const HOSTILE: &str = "\u{1b}]52;c;aGk=\u{7} \u{1b}[31m红\u{8}\r \u{9b}31m \u{7f} \u{202e}翻转\u{202c} <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) =HYPERLINK(\"http://evil\",\"x\")";

/// A label that starts as a formula, for the CSV.
const FORMULA_TOML: &str = r#"=HYPERLINK(\"http://evil\",\"x\")\u001b[31m\u202e"#;

fn hostile_gov_report(dir: &Path) -> String {
    let text = edited(
        "shiyan-2024.toml",
        &[
            (
                "agency = \"示例市自然资源和规划局\"",
                &format!("agency = \"{FORMULA_TOML}{HOSTILE_TOML}\""),
            ),
            (
                "title = \"示例市自然资源和规划局2024年政府信息公开工作年度报告\"",
                &format!("title = \"{HOSTILE_TOML}2024年政府信息公开工作年度报告\""),
            ),
            (
                "[problems]\ntext = '''\n",
                &format!("[problems]\ntext = \"\"\"\n{HOSTILE_TOML}\n"),
            ),
            (
                "改进措施\n\n一是加强业务培训，规范答复文书；二是丰富图表、视频等解读形式，提升公开实效。\n'''",
                "改进措施\n\n一是加强业务培训，规范答复文书；二是丰富图表、视频等解读形式，提升公开实效。\n\"\"\"",
            ),
        ],
    );
    write(dir, "hostile.toml", &text)
}

/// A template of one's own whose labels are hostile, and a report in it with a hostile text.
fn hostile_template(dir: &Path) -> (String, String) {
    let mut template = sample_text("anquan-template.toml");
    for (from, to) in [
        (
            "label = \"道路运输\"",
            format!("label = \"{FORMULA_TOML}\""),
        ),
        (
            "label = \"事故起数\"",
            format!("label = \"{HOSTILE_TOML}\""),
        ),
        (
            "caption = \"按行业分类的生产安全事故\"",
            format!("caption = \"{HOSTILE_TOML}\""),
        ),
        ("corner = \"行业\"", format!("corner = \"{HOSTILE_TOML}\"")),
        (
            "title = \"二、生产安全事故情况\"",
            format!("title = \"二、{HOSTILE_TOML}\""),
        ),
    ] {
        assert!(template.contains(from), "{from}");
        template = template.replacen(from, &to, 1);
    }
    let report = edited(
        "anquan-2024.toml",
        &[(
            "[summary]\ntext = '''\n2024年",
            &format!("[summary]\ntext = \"\"\"\n{HOSTILE_TOML}\n2024年"),
        )],
    )
    .replacen("2024年，全县共发生生产安全事故28起，死亡15人，受伤22人，直接经济损失859.48万元。事故起数、死亡人数同比分别下降12.5%和6.3%，未发生较大及以上生产安全事故。\n'''", "2024年，全县共发生生产安全事故28起，死亡15人，受伤22人，直接经济损失859.48万元。事故起数、死亡人数同比分别下降12.5%和6.3%，未发生较大及以上生产安全事故。\n\"\"\"", 1);
    (
        write(dir, "hostile-template.toml", &template),
        write(dir, "hostile-anquan.toml", &report),
    )
}

/// The characters that must never reach an output raw; `allowed` are the format's own.
fn raw_controls(output: &str, allowed: &[char]) -> Vec<char> {
    output
        .chars()
        .filter(|c| !allowed.contains(c) && nianbao::visible::is_unsafe(*c))
        .collect()
}

fn assert_safe(what: &str, output: &str, allowed: &[char]) {
    let raw = raw_controls(output, allowed);
    assert!(raw.is_empty(), "{what}: raw {raw:?} in {output}");
}

#[test]
fn every_export_format_escapes_hostile_content() {
    let dir = tempfile::tempdir().unwrap();
    let gov = hostile_gov_report(dir.path());
    let (template, own) = hostile_template(dir.path());
    for (report, template) in [(&gov, None), (&own, Some(template.as_str()))] {
        let export = |to: &str| {
            let mut args = vec!["export", report.as_str(), "--to", to];
            if let Some(t) = template {
                args.extend(["--template", t]);
            }
            let run = nianbao_in(dir.path(), &args);
            assert_eq!(run.code, 0, "{to}: {}", run.stderr);
            assert_safe(&format!("{to} errors"), &run.stderr, &['\n']);
            run.stdout
        };

        let json = export("json");
        assert_safe("json", &json, &['\n']);
        assert!(json.contains(r"\u001b]52;c;aGk=\u0007"), "{json}");
        assert!(json.contains(r"\u202e翻转\u202c"), "{json}");
        // Escaped, not changed: a script reads back exactly what the report holds.
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let texts: Vec<&str> = value["sections"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["text"].as_str())
            .collect();
        assert!(texts.iter().any(|t| t.contains(HOSTILE)), "{texts:?}");

        let html = export("html");
        assert_safe("html", &html, &['\n']);
        for markup in ["<script", "<img", "onerror=alert(1)>"] {
            assert!(!html.contains(markup), "html has {markup}");
        }
        assert!(html.contains("&#27;]52;c;aGk=&#7;"), "{html}");
        assert!(html.contains("&lt;script&gt;") && html.contains("&lt;U+202E&gt;翻转"));

        let md = export("md");
        assert_safe("md", &md, &['\n']);
        for markup in ["<script", "<img", "[x](", "\n="] {
            assert!(!md.contains(markup), "md has {markup:?}:\n{md}");
        }
        assert!(md.contains(r"^\[\]52;c;aGk=^G"), "{md}");
        assert!(md.contains("&lt;script&gt;") && md.contains("\\[x\\](javascript"));

        let txt = export("txt");
        assert_safe("txt", &txt, &['\n', '\t']);
        assert!(txt.contains("^[]52;c;aGk=^G ^[[31m红^H^M <U+009B>31m ^? <U+202E>翻转"));

        let csv = export("csv");
        assert_safe("csv", &csv.replace("\r\n", "\n"), &['\n', '\u{feff}']);
        for line in csv.lines().skip(1) {
            for field in line.split(',') {
                let field = field.trim_start_matches('"').trim_start();
                assert!(
                    !field.starts_with(['=', '+', '@']),
                    "formula {field:?} in {line}"
                );
            }
        }
        assert!(csv.contains("'=HYPERLINK"), "{csv}");

        // Word and Excel files: every part of the package, labels, captions and headings of the
        // template of one's own included.
        for to in ["docx", "xlsx"] {
            let out = format!("hostile.{to}");
            let mut args = vec!["export", report.as_str(), "--to", to, "-o", &out, "--force"];
            if let Some(t) = template {
                args.extend(["--template", t]);
            }
            let run = nianbao_in(dir.path(), &args);
            assert_eq!(run.code, 0, "{to}: {}", run.stderr);
            let package = std::fs::read(dir.path().join(&out)).unwrap();
            let mut shown = String::new();
            for name in ooxml::part_names(&package) {
                let xml = ooxml::part(&package, &name);
                assert_safe(&format!("{to} {name}"), &xml, &['\n', '\r']);
                let tree = ooxml::parse(&xml);
                assert!(tree.all("script").is_empty() && tree.all("img").is_empty());
                assert!(tree.all("f").is_empty(), "no formula in {to} {name}");
                shown.push_str(&tree.text());
            }
            assert!(shown.contains("^[]52;c;aGk=^G"), "{to}: {shown}");
            assert!(shown.contains("<U+202E>翻转"), "{to}: {shown}");
            assert!(shown.contains("<script>alert(1)</script>"), "{to}: {shown}");
        }
    }
}

#[test]
fn every_command_shows_hostile_content_instead_of_sending_it() {
    let dir = tempfile::tempdir().unwrap();
    let gov = hostile_gov_report(dir.path());
    let (template, own) = hostile_template(dir.path());
    let sample = samples().join("shiyan-2024.toml");
    let sample = sample.to_str().unwrap();
    let published = write(
        dir.path(),
        "published.txt",
        &nianbao_in(dir.path(), &["export", &gov, "--to", "txt"]).stdout,
    );
    let page = write(
        dir.path(),
        "published.html",
        &nianbao_in(dir.path(), &["export", &gov, "--to", "html"]).stdout,
    );
    // A published text holding the raw characters, as a crawler might have saved it.
    let raw = write(
        dir.path(),
        "raw.txt",
        &format!(
            "{HOSTILE}2024年政府信息公开工作年度报告\n一、总体情况\n{HOSTILE}\n二、主动公开政府信息情况\n"
        ),
    );
    let hostile_agency = format!("{HOSTILE}局");
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", &gov],
        vec!["check", &gov, "--format", "json"],
        vec!["check", &own, "--template", &template],
        vec!["check", &own, "--template", &template, "--format", "json"],
        vec!["diff", sample, &gov],
        vec!["diff", sample, &gov, "--format", "json"],
        vec!["diff", &own, &own, "--template", &template],
        vec!["import", &published],
        vec!["import", &page],
        vec!["import", &raw],
        vec!["sum", &gov, "-o", "total.toml", "--agency", &hostile_agency],
        vec!["templates", "--template", &template],
        vec![
            "templates",
            "show",
            "anquan-nianbao",
            "--template",
            &template,
        ],
        vec!["new", "new.toml", "--agency", &hostile_agency],
    ];
    for args in runs {
        for lang in ["en", "zh"] {
            let mut args = args.clone();
            args.extend(["--lang", lang]);
            let run = nianbao_in(dir.path(), &args);
            assert_safe(&format!("{args:?} output"), &run.stdout, &['\n', '\t']);
            assert_safe(&format!("{args:?} errors"), &run.stderr, &['\n']);
            // The reports written are safe to `cat` too: TOML's escapes instead of the characters.
            for written in ["total.toml", "new.toml"] {
                let path = dir.path().join(written);
                if let Ok(text) = std::fs::read_to_string(&path) {
                    assert_safe(written, &text, &['\n']);
                    std::fs::remove_file(path).unwrap();
                }
            }
        }
    }
}

/// `-o` naming a pipe (or a device such as /dev/null) writes into it, as a shell's `>` does,
/// without `--force`: an atomic save renamed a new file over it, and run as root replaced
/// /dev/null itself with a regular file.
#[test]
fn an_output_that_is_a_pipe_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let sample = samples().join("shiyan-2024.toml").display().to_string();
    for args in [
        vec!["export", &sample, "--to", "txt", "-o", "out.pipe"],
        vec!["sum", &sample, "-o", "out.pipe"],
    ] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        let run = nianbao_in(dir.path(), &args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let got = String::from_utf8(reader.join().unwrap()).unwrap();
        assert!(got.contains("政府信息公开工作年度报告"), "{args:?}: {got}");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "{args:?}: the pipe is still a pipe");
    }
}
