//! What a crawled or copied page carries around a report — the site's trail, links to the
//! reports before and after it, a block about another year — is never taken for the report's
//! title, agency or year.

use nianbao::export;
use nianbao::import::{self, Imported};
use nianbao::store::load_file;
use nianbao::template::Registry;

fn sample_as_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/shiyan-2024.toml");
    let (report, _) = load_file(path.as_ref(), &mut Registry::default()).unwrap();
    export::txt::render(&report)
}

fn import_text(text: &str) -> Imported {
    import::import(text.as_bytes(), &mut Registry::default(), None).unwrap()
}

fn assert_own_title(imported: &Imported, shape: &str) {
    let report = &imported.report;
    assert_eq!(report.year, Some(2024), "{shape}");
    assert_eq!(report.agency, "示例市自然资源和规划局", "{shape}");
    assert_eq!(
        report.title, "示例市自然资源和规划局2024年政府信息公开工作年度报告",
        "{shape}"
    );
}

#[test]
fn links_to_the_reports_before_and_after_are_not_the_title() {
    let page = format!(
        "当前位置：首页 > 政府信息公开 > 政府信息公开年报\n\
         上一篇：示例市自然资源和规划局2023年政府信息公开工作年度报告\n\
         下一篇：示例市水利局2024年政府信息公开工作年度报告\n\
         发布时间：2025-01-20\n\n{}",
        sample_as_text()
    );
    assert_own_title(&import_text(&page), "crawled page");
}

#[test]
fn a_block_about_another_year_before_the_report_is_not_the_title() {
    let page = format!(
        "2023年度报告回顾：\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
         规章\t9\t9\t9\n\n{}",
        sample_as_text()
    );
    assert_own_title(&import_text(&page), "another year's block");
}
