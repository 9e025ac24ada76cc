#![allow(dead_code)]

//! A drawn screen as plain text, for snapshots.

use ratatui::buffer::Buffer;

/// The screen as a terminal shows it, as plain lines: a wide character once, its right half not
/// repeated. Whatever was drawn in a cell a wide character hides is listed after the screen, as
/// ratatui's TestBackend does: a terminal would not show it (a dialog's border over 三).
pub fn text(buffer: &Buffer) -> String {
    let mut out = String::new();
    let mut hidden = Vec::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                if symbol != " " {
                    hidden.push(format!("({x}, {y}) {symbol:?}"));
                }
                continue;
            }
            skip = nianbao::visible::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if !hidden.is_empty() {
        out.push_str(&format!(
            "hidden by wide characters: {}\n",
            hidden.join(", ")
        ));
    }
    out
}
