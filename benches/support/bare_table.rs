//! The yardstick for the editor's first frame: a bare ratatui program that draws one table as
//! large as section 三's (25 rows of a label and seven numbers under a two-line header, in a
//! bordered block) with ratatui's own `init` (raw mode, alternate screen, the stock crossterm
//! backend), then waits for a key. It reads no file and checks nothing: what is left of the
//! editor's first frame beyond it is the editor's own work.
//!
//! The terminal benchmark runs it by starting itself again with [`ARG`], so that it is built with
//! the same compiler and profile as the benchmark, and started the same way as the editor.

use ratatui::crossterm::event::{self, Event};
use ratatui::layout::Constraint;
use ratatui::widgets::{Block, Row, Table};

/// The argument that makes the benchmark binary this program instead.
pub const ARG: &str = "--bare-ratatui-table";

pub fn run() {
    let mut terminal = ratatui::init();
    let labels = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
    ];
    let rows: Vec<Row> = (0..25)
        .map(|r| {
            let mut cells = vec![labels[r % labels.len()].to_string()];
            cells.extend((0..7).map(|c| ((r * 7 + c) % 23).to_string()));
            Row::new(cells)
        })
        .collect();
    let header = Row::new([
        "",
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ])
    .height(2);
    let widths = [Constraint::Length(24)]
        .into_iter()
        .chain([Constraint::Length(6); 7]);
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title("三、收到和处理政府信息公开申请情况"));
    let drawn = terminal.draw(|frame| frame.render_widget(&table, frame.area()));
    while drawn.is_ok() {
        match event::read() {
            Ok(Event::Key(_)) | Err(_) => break,
            Ok(_) => {}
        }
    }
    ratatui::restore();
}
