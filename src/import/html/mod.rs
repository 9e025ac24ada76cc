//! A saved HTML page as lines: paragraphs become lines, table rows become rows of cells laid out
//! on the table's grid with `rowspan` and `colspan` honoured, as a browser would draw them.
//!
//! html5gum does the tokenizing (entities, comments, scripts, broken markup, all per the WHATWG
//! spec); the small tree kept here is only what finding tables and the article needs.

mod hidden;
mod table;
mod tags;
mod walker;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::anomaly::Anomaly;
use super::lines::Line;
use walker::Walker;

/// A page as lines, the text of its `<title>`, and notes on what of its text was left out.
pub struct Page {
    pub lines: Vec<Line>,
    pub title: Option<String>,
    pub anomalies: Vec<Anomaly>,
}

/// The lines of an HTML page.
pub fn page_lines(html: &str) -> Page {
    let mut walker = Walker::new(html);
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => walker.start_tag(&tag),
            Token::EndTag(tag) => walker.end_tag(&tag.name.to_ascii_lowercase()),
            Token::String(text) => walker.text(&text.value, text.span.start),
            _ => {}
        }
    }
    walker.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(page: &Page) -> Vec<Vec<String>> {
        page.lines
            .iter()
            .filter_map(|l| l.cells.as_ref())
            .map(|cells| cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn spans_are_laid_out_on_the_grid() {
        let html = "<table>\n<tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>(一) 予以公开</td><td>1</td></tr>\n\
                    <tr><td>(三) 不予公开</td><td>1.属于国家秘密</td><td>2</td></tr>\n\
                    <tr><td colspan=3>(七) 总计</td><td>3</td></tr></table>";
        let page = page_lines(html);
        assert_eq!(
            rows(&page),
            [
                vec!["三、本年度办理结果", "(一) 予以公开", "1"],
                vec!["(三) 不予公开", "1.属于国家秘密", "2"],
                vec!["(七) 总计", "3"],
            ]
        );
        let lines: Vec<usize> = page
            .lines
            .iter()
            .filter(|l| l.cells.is_some())
            .map(|l| l.no)
            .collect();
        assert_eq!(lines, [2, 3, 4]);
    }

    #[test]
    fn paragraphs_entities_scripts_and_word_markup() {
        let html = "<html><head><title>某局 2021年 报告</title><style>p{}</style><script>var a='<p>x</p>';</script></head>\
                    <body><p>一、总体情况</p><p>&nbsp;&nbsp;第一段&lt;文字&gt;<br>第二行</p>\
                    <table><tr><td><p class=MsoNormal><span>商业</span></p><p>企业</p></td><td>&nbsp;</td></tr></table></body></html>";
        let page = page_lines(html);
        assert_eq!(page.title.as_deref(), Some("某局 2021年 报告"));
        let texts: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、总体情况",
                "",
                "第一段<文字>",
                "第二行",
                "",
                "商业 企业\t",
                ""
            ]
        );
    }

    #[test]
    fn a_layout_table_is_page_text() {
        let html = "<table><tr><td><p>一、总体情况</p><p>正文</p>\
                    <table><tr><td>规章</td><td>0</td></tr></table><p>五、存在的主要问题及改进情况</p></td></tr></table>";
        let page = page_lines(html);
        let texts: Vec<&str> = page
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            texts,
            [
                "一、总体情况",
                "正文",
                "规章\t0",
                "五、存在的主要问题及改进情况"
            ]
        );
    }

    #[test]
    fn deep_nesting_keeps_paths_and_tables_bounded() {
        // 1.6 MB of nested tables once cost gigabytes: each line copied a path as deep as the
        // nesting. Paths now stop growing, so the cost is linear in the page.
        let depth = 100_000;
        let html = format!(
            "{}<p>一、总体情况</p>{}",
            "<table><tr><td><div>".repeat(depth),
            "</div></td></tr></table>".repeat(depth)
        );
        let page = page_lines(&html);
        let longest = page.lines.iter().map(|l| l.path.len()).max().unwrap_or(0);
        let total: usize = page.lines.iter().map(|l| l.path.len()).sum();
        assert!(longest <= 64, "a path of {longest}");
        assert!(total <= 64 * page.lines.len());
        assert!(page.lines.iter().any(|l| l.text == "一、总体情况"));
    }
}
