//! The keys the terminal benchmark presses: a walk over every cell of sections 二, 三 and 四, and
//! a value typed after it. Shared with `examples/walk_bytes.rs`, which replays them in process.

/// One key of the walk, with where it was pressed, for naming the costly ones.
pub struct Step {
    pub section: &'static str,
    pub key: &'static str,
    pub at: String,
    /// The grid scrolled (the terminal moved lines): a new row came in.
    pub scrolled: bool,
}

pub fn key_bytes(key: &str) -> &'static [u8] {
    match key {
        "j" => b"j",
        "k" => b"k",
        "h" => b"h",
        "l" => b"l",
        "]" => b"]",
        _ => unreachable!("no such key in the walk: {key}"),
    }
}

/// Every cell of a `rows`×`columns` grid once, down one column and up the next, then back along
/// the last row: both directions on both axes.
fn serpentine(section: &'static str, rows: usize, columns: usize) -> Vec<Step> {
    let mut steps = Vec::new();
    let step = |key, r: usize, c: usize| Step {
        section,
        key,
        at: format!("r{r}c{c}"),
        scrolled: false,
    };
    let mut row = 0;
    for column in 0..columns {
        let down = column % 2 == 0;
        for _ in 1..rows {
            steps.push(step(if down { "j" } else { "k" }, row, column));
            row = if down { row + 1 } else { row - 1 };
        }
        if column + 1 < columns {
            steps.push(step("l", row, column));
        }
    }
    for column in (1..columns).rev() {
        steps.push(step("h", row, column));
    }
    steps
}

/// The walk over the sample: section 二 (four small tables: six rows, three columns in the
/// first), 三 (25 rows × 7 columns), 四 (one row × 15 columns).
pub fn walk() -> Vec<(Step, bool)> {
    let mut steps: Vec<(Step, bool)> = Vec::new();
    let section = |name| Step {
        section: name,
        key: "]",
        at: String::new(),
        scrolled: false,
    };
    steps.push((section("二"), false));
    // Down through the four tables of 二 and back up, then along the first table's row.
    for (i, key) in ["j"; 5].iter().chain(["k"; 5].iter()).enumerate() {
        let at = format!("line{}", if i < 5 { i } else { 10 - i });
        steps.push((
            Step {
                section: "二",
                key,
                at,
                scrolled: false,
            },
            true,
        ));
    }
    for (i, key) in ["l", "l", "h", "h"].into_iter().enumerate() {
        let c = [0, 1, 2, 1][i];
        steps.push((
            Step {
                section: "二",
                key,
                at: format!("r0c{c}"),
                scrolled: false,
            },
            true,
        ));
    }
    steps.push((section("三"), false));
    steps.extend(serpentine("三", 25, 7).into_iter().map(|s| (s, true)));
    steps.push((section("四"), false));
    steps.extend(serpentine("四", 1, 15).into_iter().map(|s| (s, true)));
    steps
}

/// The keys typed after the walk: back to 三 (the cursor is in 四), to its first cell, a value
/// and Enter.
pub const TYPING: [(&str, &[u8]); 5] = [
    ("[", b"["),
    ("gg", b"gg"),
    ("1", b"1"),
    ("2", b"2"),
    ("Enter", b"\r"),
];
