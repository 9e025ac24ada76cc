//! The shortest escape sequences for what the backend needs: moving the cursor and changing the
//! pen. Each has several spellings whose lengths depend on where the cursor is and what the pen
//! was; a redraw is mostly these, so every byte saved here is saved many times over.

use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};

/// The attributes the terminal draws with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

pub const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// A count parameter: left out when it is 1, the default.
fn count(n: u16) -> String {
    if n == 1 { String::new() } else { n.to_string() }
}

/// Moving along the row from column `from` to `to`: relative, or a carriage return to the first.
fn horizontal(from: u16, to: u16) -> String {
    match to.cmp(&from) {
        std::cmp::Ordering::Equal => String::new(),
        _ if to == 0 => "\r".into(),
        std::cmp::Ordering::Greater => format!("\x1b[{}C", count(to - from)),
        std::cmp::Ordering::Less => format!("\x1b[{}D", count(from - to)),
    }
}

fn vertical(from: u16, to: u16) -> String {
    match to.cmp(&from) {
        std::cmp::Ordering::Equal => String::new(),
        std::cmp::Ordering::Greater => format!("\x1b[{}B", count(to - from)),
        std::cmp::Ordering::Less => format!("\x1b[{}A", count(from - to)),
    }
}

/// Moving along the row from column `from` to `to`, horizontal tabs included when `tabs` (the
/// terminal's tab stops, in order) make it shorter: a tab is one byte to the next stop.
fn along(from: u16, to: u16, tabs: &[u16]) -> String {
    let plain = horizontal(from, to);
    if to <= from {
        return plain;
    }
    let passed: Vec<u16> = tabs
        .iter()
        .copied()
        .filter(|&t| t > from && t <= to)
        .collect();
    match passed.last() {
        Some(&last) => {
            let tabbed = "\t".repeat(passed.len()) + &horizontal(last, to);
            if tabbed.len() < plain.len() {
                tabbed
            } else {
                plain
            }
        }
        None => plain,
    }
}

/// Where the cursor may go and how: the rows the terminal scrolls (top and bottom, `None`: the
/// whole screen) and its tab stops.
#[derive(Clone, Copy, Debug, Default)]
pub struct Moves<'a> {
    pub region: Option<(u16, u16)>,
    pub tabs: &'a [u16],
}

/// The shortest way to move the cursor from `from` (`None`: unknown) to `to`. Moving up or down
/// relatively stops at a margin of the scrolling region, and terminals disagree about a cursor
/// outside it (pyte keeps it between the margins from wherever it starts, xterm only from
/// inside): such moves are made relatively only between rows of the region.
pub fn cursor_move(from: Option<Position>, to: Position, moves: Moves) -> String {
    let tabs = moves.tabs;
    let mut candidates = vec![match (to.x, to.y) {
        (0, 0) => "\x1b[H".to_string(),
        (0, y) => format!("\x1b[{}H", y + 1),
        (x, y) => format!("\x1b[{};{}H", y + 1, x + 1),
    }];
    // The row's first column, then along it.
    if to.x > 0 {
        let row = if to.y == 0 {
            "\x1b[H".to_string()
        } else {
            format!("\x1b[{}H", to.y + 1)
        };
        candidates.push(row + &along(0, to.x, tabs));
    }
    if let Some(at) = from {
        if at == to {
            return String::new();
        }
        let inside = |y: u16| {
            moves
                .region
                .is_none_or(|(top, bottom)| (top..=bottom).contains(&y))
        };
        if at.y == to.y {
            candidates.push(along(at.x, to.x, tabs));
            candidates.push("\r".to_string() + &along(0, to.x, tabs));
        } else if inside(at.y) && inside(to.y) {
            candidates.push(vertical(at.y, to.y) + &along(at.x, to.x, tabs));
            if to.y == at.y + 1 {
                candidates.push("\r\n".to_string() + &along(0, to.x, tabs));
            }
        }
    }
    candidates
        .into_iter()
        .min_by_key(|c| c.len())
        .unwrap_or_default()
}

const FLAGS: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// Attributes turned off together by one code: bold and dim by 22, both blinks by 25.
const OFF: [(Modifier, &str); 7] = [
    (Modifier::BOLD.union(Modifier::DIM), "22"),
    (Modifier::ITALIC, "23"),
    (Modifier::UNDERLINED, "24"),
    (Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK), "25"),
    (Modifier::REVERSED, "27"),
    (Modifier::HIDDEN, "28"),
    (Modifier::CROSSED_OUT, "29"),
];

/// The codes that take a pen that is `base` to `to`, turning nothing off.
fn additions(base: Pen, to: Pen, codes: &mut Vec<String>) {
    for (flag, code) in FLAGS {
        if to.modifier.contains(flag) && !base.modifier.contains(flag) {
            codes.push(code.into());
        }
    }
    if to.fg != base.fg {
        codes.push(color_code(to.fg, false));
    }
    if to.bg != base.bg {
        codes.push(color_code(to.bg, true));
    }
}

/// The shortest SGR sequence that changes the pen from `from` (`None`: unknown) to `to`: from
/// a reset, or turning off only what must go, whichever is shorter.
pub fn pen_change(from: Option<Pen>, to: Pen) -> String {
    if from == Some(to) {
        return String::new();
    }
    // A missing parameter is 0: "\x1b[m" resets, "\x1b[;1m" resets and sets bold.
    let mut reset = vec![String::new()];
    additions(PLAIN, to, &mut reset);
    let mut best = reset.join(";");
    if let Some(from) = from {
        let mut codes = Vec::new();
        let mut base = from;
        for (flags, code) in OFF {
            if base.modifier.intersects(flags) && !to.modifier.contains(base.modifier & flags) {
                codes.push(code.to_string());
                base.modifier -= flags;
            }
        }
        additions(base, to, &mut codes);
        let incremental = codes.join(";");
        if incremental.len() < best.len() {
            best = incremental;
        }
    }
    format!("\x1b[{best}m")
}

pub fn color_code(color: Color, background: bool) -> String {
    let base = if background { 40 } else { 30 };
    let named = |n: u8| (base + n).to_string();
    let bright = |n: u8| (base + 60 + n).to_string();
    match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: u16, y: u16) -> Option<Position> {
        Some(Position { x, y })
    }

    #[test]
    fn the_shortest_cursor_move() {
        let to = |x, y| Position { x, y };
        assert_eq!(cursor_move(None, to(0, 0), Moves::default()), "\x1b[H");
        assert_eq!(cursor_move(None, to(0, 6), Moves::default()), "\x1b[7H");
        assert_eq!(
            cursor_move(None, to(16, 21), Moves::default()),
            "\x1b[22;17H"
        );
        assert_eq!(
            cursor_move(at(3, 2), to(4, 2), Moves::default()),
            "\x1b[C",
            "a count of 1 is left out"
        );
        assert_eq!(cursor_move(at(3, 2), to(9, 2), Moves::default()), "\x1b[6C");
        assert_eq!(cursor_move(at(30, 2), to(0, 2), Moves::default()), "\r");
        assert_eq!(cursor_move(at(30, 2), to(0, 3), Moves::default()), "\r\n");
        assert_eq!(
            cursor_move(at(20, 21), to(17, 22), Moves::default()),
            "\x1b[B\x1b[3D"
        );
        assert_eq!(
            cursor_move(at(20, 21), to(6, 22), Moves::default()),
            "\r\n\x1b[6C"
        );
        assert_eq!(
            cursor_move(at(70, 5), to(6, 22), Moves::default()),
            "\x1b[23;7H"
        );
        assert_eq!(cursor_move(at(6, 22), to(6, 22), Moves::default()), "");
        // With rows 6..=21 scrolling, only moves between them are relative.
        let region = Moves {
            region: Some((6, 21)),
            tabs: &[],
        };
        assert_eq!(cursor_move(at(20, 8), to(20, 9), region), "\x1b[B");
        assert_eq!(cursor_move(at(20, 21), to(20, 22), region), "\x1b[23;21H");
        assert_eq!(cursor_move(at(0, 22), to(0, 23), region), "\x1b[24H");
        assert_eq!(cursor_move(at(3, 22), to(9, 22), region), "\x1b[6C");
    }

    #[test]
    fn tabs_are_one_byte_moves_to_their_stops() {
        let to = |x, y| Position { x, y };
        let tabs = Moves {
            region: None,
            tabs: &[16, 44, 50],
        };
        assert_eq!(cursor_move(at(40, 3), to(50, 3), tabs), "\t\t");
        assert_eq!(cursor_move(at(40, 3), to(51, 3), tabs), "\x1b[11C", "a tie");
        assert_eq!(cursor_move(at(60, 3), to(16, 4), tabs), "\r\n\t");
        assert_eq!(cursor_move(None, to(16, 21), tabs), "\x1b[22H\t");
        assert_eq!(cursor_move(at(40, 3), to(42, 3), tabs), "\x1b[2C");
        assert_eq!(cursor_move(at(50, 3), to(44, 3), tabs), "\r\t\t");
    }

    #[test]
    fn the_shortest_pen_change() {
        let pen = |fg, modifier| Pen {
            fg,
            bg: Color::Reset,
            modifier,
        };
        let cyan = pen(Color::Cyan, Modifier::empty());
        let reversed_cyan = pen(Color::Cyan, Modifier::REVERSED);
        assert_eq!(pen_change(None, cyan), "\x1b[;36m");
        assert_eq!(pen_change(Some(PLAIN), cyan), "\x1b[36m");
        assert_eq!(pen_change(Some(reversed_cyan), cyan), "\x1b[27m");
        // Bold off (22) and green is longer than a reset and green.
        let bold = pen(Color::Reset, Modifier::BOLD);
        assert_eq!(
            pen_change(Some(bold), pen(Color::Green, Modifier::empty())),
            "\x1b[;32m"
        );
        // 22 turns dim off too: it comes back.
        let both = pen(Color::Red, Modifier::BOLD | Modifier::DIM);
        let dim = pen(Color::Red, Modifier::DIM);
        assert_eq!(pen_change(Some(both), dim), "\x1b[22;2m");
        assert_eq!(pen_change(Some(cyan), cyan), "");
    }
}
