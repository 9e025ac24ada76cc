//! Keys as text: `j`, `<C-s>`, `<S-Tab>`, `gg`. The keymap table, the help screen and the tests
//! all speak this notation.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

/// A key press with the modifiers that matter for matching (Shift is folded into characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        // Terminals report `A` as Char('A') with or without Shift: matching must not care.
        let mods = match code {
            KeyCode::Char(_) | KeyCode::BackTab => mods - KeyModifiers::SHIFT,
            _ => mods,
        };
        Key {
            code,
            mods: mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT),
        }
    }

    pub fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    pub fn to_event(self) -> KeyEvent {
        KeyEvent {
            code: self.code,
            modifiers: self.mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    /// The character this key types, if it is a plain one.
    pub fn typed_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BS", KeyCode::Backspace),
    ("Del", KeyCode::Delete),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Space", KeyCode::Char(' ')),
    ("lt", KeyCode::Char('<')),
];

fn parse_named(name: &str) -> Option<Key> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = name;
    loop {
        if let Some(r) = rest.strip_prefix("C-") {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("S-") {
            mods |= KeyModifiers::SHIFT;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("A-") {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else {
            break;
        }
    }
    if rest == "Tab" && mods.contains(KeyModifiers::SHIFT) {
        return Some(Key::new(KeyCode::BackTab, mods));
    }
    if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == rest) {
        return Some(Key::new(*code, mods));
    }
    if let Some(n) = rest.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
        return Some(Key::new(KeyCode::F(n), mods));
    }
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(Key::new(KeyCode::Char(c), mods)),
        _ => None,
    }
}

/// Parses a key sequence: plain characters, and `<…>` for named or modified keys.
pub fn parse(text: &str) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>').filter(|&e| e > 1)
        {
            let name = &rest[1..end];
            let key = parse_named(name).ok_or_else(|| format!("unknown key <{name}>"))?;
            keys.push(key);
            rest = &rest[end + 1..];
            continue;
        }
        keys.push(Key::char(c));
        rest = &rest[c.len_utf8()..];
    }
    Ok(keys)
}

/// A key as the help screen shows it: `Ctrl-S`, `Shift-Tab`, `←`, `g g`.
pub fn display(text: &str) -> String {
    let Ok(keys) = parse(text) else {
        return text.to_string();
    };
    keys.iter()
        .map(|k| display_key(*k))
        .collect::<Vec<_>>()
        .join(" ")
}

fn display_key(key: Key) -> String {
    let mut out = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if key.mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    if key.mods.contains(KeyModifiers::SHIFT) && key.code != KeyCode::BackTab {
        out.push_str("Shift-");
    }
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if key.mods.contains(KeyModifiers::CONTROL) => {
            c.to_ascii_uppercase().to_string()
        }
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    out.push_str(&name);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_named_and_modified_keys() {
        assert_eq!(parse("gg").unwrap(), vec![Key::char('g'), Key::char('g')]);
        assert_eq!(
            parse("<C-s>").unwrap(),
            vec![Key::new(KeyCode::Char('s'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            parse("<S-Tab>").unwrap(),
            vec![Key::new(KeyCode::BackTab, KeyModifiers::NONE)]
        );
        assert_eq!(
            parse("12<Enter>").unwrap(),
            vec![
                Key::char('1'),
                Key::char('2'),
                Key::new(KeyCode::Enter, KeyModifiers::NONE)
            ]
        );
        assert_eq!(parse("<C-PageDown>").unwrap()[0].code, KeyCode::PageDown);
        assert_eq!(parse("<F1>").unwrap()[0].code, KeyCode::F(1));
        assert_eq!(parse("<lt>").unwrap(), vec![Key::char('<')]);
        assert_eq!(parse("<").unwrap(), vec![Key::char('<')]);
        assert!(parse("<Nope>").is_err());
    }

    #[test]
    fn shift_is_folded_into_characters() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&event), Key::char('G'));
    }

    #[test]
    fn keys_display_for_people() {
        assert_eq!(display("<C-s>"), "Ctrl-S");
        assert_eq!(display("gg"), "g g");
        assert_eq!(display("<S-Tab>"), "Shift-Tab");
        assert_eq!(display("<C-PageDown>"), "Ctrl-PgDn");
    }
}
