//! Finding which heading, table, row or column a piece of text names, driven by the template's
//! own labels plus the wordings listed in `template/variants.toml`. A new template (the 2019
//! format, a user's own) is matched by its labels without any code of its own.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use super::normalize::{LabelKey, distance_within, label_key};
use crate::template::Template;

/// What a label names in a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    Section(usize),
    Caption(usize),
    Corner(usize),
    ColumnGroup(usize, usize),
    Column(usize, usize),
    RowGroup(usize, usize),
    Row(usize, usize),
}

impl Place {
    /// The table a place belongs to, if any.
    pub fn table(self) -> Option<usize> {
        match self {
            Place::Section(_) => None,
            Place::Caption(t)
            | Place::Corner(t)
            | Place::ColumnGroup(t, _)
            | Place::Column(t, _)
            | Place::RowGroup(t, _)
            | Place::Row(t, _) => Some(t),
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    place: Place,
    number: Option<u32>,
}

#[derive(Deserialize)]
struct DataFile {
    #[serde(default)]
    variants: Vec<Variant>,
    #[serde(default)]
    formats: Vec<Format>,
}

#[derive(Deserialize)]
struct Variant {
    label: String,
    also: Vec<String>,
}

/// A report format told apart by labels only it has.
#[derive(Clone, Debug, Deserialize)]
pub struct Format {
    pub template: String,
    pub basis: String,
    pub markers: Vec<String>,
}

struct Data {
    variants: Vec<(LabelKey, Vec<String>)>,
    formats: Vec<Format>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let file: DataFile = toml_edit::de::from_str(crate::template::LABEL_VARIANTS)
            .expect("template/variants.toml is checked by tests");
        Data {
            variants: file
                .variants
                .into_iter()
                .map(|v| (label_key(&v.label), v.also))
                .collect(),
            formats: file.formats,
        }
    })
}

/// The formats known by their markers, whether or not their template is available.
pub fn formats() -> &'static [Format] {
    &data().formats
}

/// Every label of one template, ready for lookups.
pub struct LabelIndex {
    by_key: HashMap<String, Vec<Entry>>,
    by_core: HashMap<String, Vec<Entry>>,
    all: Vec<(Vec<char>, Entry)>,
    /// Every wording's whole key, for telling a piece of a label (a PDF's broken header) from
    /// text that names nothing.
    keys: Vec<(String, Entry)>,
    /// The same wordings as characters, those of two or more, for cutting labels printed
    /// together ([`LabelIndex::segment`]).
    key_chars: Vec<(Vec<char>, Entry)>,
    longest: usize,
    /// The keys of the texts looked up in this import: a cell is looked up as a row, a prefix,
    /// a piece and a close wording, and a line as a heading and a marker, each needing its key.
    keys_of: RefCell<HashMap<Box<str>, Rc<LabelKey>, BuildHasherDefault<Fnv>>>,
}

/// Texts remembered at most, so a huge input does not grow the memory of its keys.
const MAX_REMEMBERED_KEYS: usize = 4096;

/// FNV-1a: the texts hashed are short and not chosen against us (the input is bounded, and
/// only the time of one import is at stake), and it costs far less than SipHash on them.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

impl LabelIndex {
    /// The index of a template, built once per template for the life of the thread (a batch of
    /// imports, the editor) since building it costs more than reading a report.
    pub fn cached(template: &Arc<Template>) -> Rc<LabelIndex> {
        thread_local! {
            static CACHE: RefCell<Vec<(Arc<Template>, Rc<LabelIndex>)>> = const { RefCell::new(Vec::new()) };
        }
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some((_, index)) = cache.iter().find(|(t, _)| Arc::ptr_eq(t, template)) {
                return index.clone();
            }
            let index = Rc::new(LabelIndex::new(template));
            // Holding the template keeps its address from being reused by another one.
            cache.push((template.clone(), index.clone()));
            if cache.len() > 8 {
                cache.remove(0);
            }
            index
        })
    }

    pub fn new(template: &Template) -> LabelIndex {
        let mut index = LabelIndex {
            by_key: HashMap::new(),
            by_core: HashMap::new(),
            all: Vec::new(),
            keys: Vec::new(),
            key_chars: Vec::new(),
            longest: 0,
            keys_of: RefCell::default(),
        };
        for (s, section) in template.sections.iter().enumerate() {
            index.add(&section.title.zh, Place::Section(s));
        }
        for (t, table) in template.tables.iter().enumerate() {
            index.add(&table.caption.zh, Place::Caption(t));
            index.add(&table.corner.zh, Place::Corner(t));
            for (g, group) in table.column_groups.iter().enumerate() {
                index.add(&group.label.zh, Place::ColumnGroup(t, g));
            }
            for (c, column) in table.columns.iter().enumerate() {
                index.add(&column.label.zh, Place::Column(t, c));
            }
            for (g, group) in table.row_groups.iter().enumerate() {
                index.add(&group.label.zh, Place::RowGroup(t, g));
            }
            for (r, row) in table.rows.iter().enumerate() {
                index.add(&row.label.zh, Place::Row(t, r));
            }
        }
        index
    }

    /// The key of `text`, worked out once per import.
    pub fn key(&self, text: &str) -> Rc<LabelKey> {
        if let Some(key) = self.keys_of.borrow().get(text) {
            return key.clone();
        }
        let key = Rc::new(label_key(text));
        let mut keys = self.keys_of.borrow_mut();
        if keys.len() >= MAX_REMEMBERED_KEYS {
            keys.clear();
        }
        keys.insert(text.into(), key.clone());
        key
    }

    /// Forgets the keys of the texts of the last import.
    pub fn forget_texts(&self) {
        self.keys_of.borrow_mut().clear();
    }

    fn add(&mut self, label: &str, place: Place) {
        let key = label_key(label);
        if key.key.is_empty() {
            return;
        }
        let mut wordings = vec![key.clone()];
        for (variant_of, also) in &data().variants {
            if variant_of.key == key.key && variant_of.number == key.number {
                wordings.extend(also.iter().map(|a| label_key(a)));
            }
        }
        for w in wordings {
            let entry = Entry {
                place,
                number: w.number.or(key.number),
            };
            self.longest = self.longest.max(w.key.chars().count());
            self.by_key.entry(w.key.clone()).or_default().push(entry);
            self.keys.push((w.key.clone(), entry));
            if w.key.chars().count() >= 2 {
                self.key_chars.push((w.key.chars().collect(), entry));
            }
            if !w.core.is_empty() {
                self.by_core.entry(w.core.clone()).or_default().push(entry);
                self.all.push((w.core.chars().collect(), entry));
            }
        }
    }

    /// The places `text` may name (the label or a listed variant, give or take width, spacing,
    /// punctuation and notes), best first, among those `allowed` keeps. Numbering has to agree
    /// when both sides have one; a label without numbering prefers places without one.
    pub fn lookup(&self, text: &str, allowed: impl Fn(Place) -> bool) -> Option<Vec<Place>> {
        let key = self.key(text);
        if key.key.is_empty() || key.key.chars().count() > self.longest * 2 + 8 {
            return None;
        }
        let pick = |entries: Option<&Vec<Entry>>| -> Vec<Place> {
            let Some(entries) = entries else {
                return Vec::new();
            };
            let mut agreeing: Vec<(u8, Place)> = entries
                .iter()
                .filter(|e| allowed(e.place))
                .filter_map(|e| match (key.number, e.number) {
                    (Some(a), Some(b)) if a == b => Some((0, e.place)),
                    (Some(_), Some(_)) => None,
                    (None, None) => Some((0, e.place)),
                    _ => Some((1, e.place)),
                })
                .collect();
            agreeing.sort_by_key(|(rank, _)| *rank);
            let best = agreeing.first().map(|(rank, _)| *rank);
            let mut places: Vec<Place> = agreeing
                .into_iter()
                .filter(|(rank, _)| Some(*rank) == best)
                .map(|(_, p)| p)
                .collect();
            places.dedup();
            places
        };
        // Tried in turn, each only when the one before named nothing: this runs for every cell.
        [
            (&self.by_key, &key.key),
            (&self.by_core, &key.core),
            (&self.by_core, &key.key),
        ]
        .into_iter()
        .map(|(map, k)| pick(map.get(k)))
        .find(|found| !found.is_empty())
    }

    /// The one label `text` is the start of, when a line ended inside it ("1.申请人无正当理由逾期
    /// 不补正、行" before "政机关不再处理…"): at least four characters of it, numbering agreeing.
    pub fn lookup_prefix(&self, text: &str, allowed: impl Fn(Place) -> bool) -> Option<Place> {
        self.lookup_piece(text, allowed, |wording, piece, _| {
            wording.starts_with(piece)
        })
    }

    /// The one row label `text` is the end or another part of, when a line broke inside it and
    /// its first half was lost ("反复申请" of "4.无正当理由大量反复申请"): at least four
    /// characters, numbering agreeing, and no other row's label holding them. What was left of
    /// a label is that label, not one that merely looks like it ("2.重复申请").
    pub fn lookup_part(&self, text: &str, allowed: impl Fn(Place) -> bool) -> Option<Place> {
        self.lookup_piece(text, allowed, |wording, piece, place| {
            matches!(place, Place::Row(..)) && wording.contains(piece)
        })
    }

    /// The one place whose wording `holds` the piece `text` is (at least four characters of
    /// it, numbering agreeing); `None` when no place or several do.
    fn lookup_piece(
        &self,
        text: &str,
        allowed: impl Fn(Place) -> bool,
        holds: impl Fn(&str, &str, Place) -> bool,
    ) -> Option<Place> {
        let key = self.key(text);
        if key.key.chars().count() < 4 {
            return None;
        }
        let mut found: Option<Place> = None;
        for (wording, entry) in &self.keys {
            if !allowed(entry.place) || !holds(wording, key.key.as_str(), entry.place) {
                continue;
            }
            if let (Some(a), Some(b)) = (key.number, entry.number)
                && a != b
            {
                continue;
            }
            if found.is_some_and(|p| p != entry.place) {
                return None;
            }
            found = Some(entry.place);
        }
        found
    }

    /// Whether `text` is a piece of a label `allowed` keeps, or numbering alone: what a PDF leaves
    /// of a header or a label broken over lines ("商业企", "(三) 不", "维持 纠正 结果").
    pub fn is_fragment(&self, text: &str, allowed: impl Fn(Place) -> bool) -> bool {
        text.split(|c: char| super::normalize::is_space(c))
            .filter(|piece| !piece.is_empty())
            .all(|piece| {
                let key = &self.key(piece).key;
                key.is_empty()
                    || self
                        .keys
                        .iter()
                        .any(|(wording, e)| allowed(e.place) && wording.contains(key.as_str()))
            })
    }

    /// Labels printed together with nothing between them ("信息内容本年制发件数本年废止件数"):
    /// the pieces, when the whole text is made of two or more labels `allowed` keeps.
    pub fn segment(&self, text: &str, allowed: impl Fn(Place) -> bool) -> Option<Vec<String>> {
        let chars: Vec<char> = super::normalize::line_key(text).chars().collect();
        if chars.len() < 4 || chars.len() > 400 {
            return None;
        }
        let words: Vec<&[char]> = self
            .key_chars
            .iter()
            .filter(|(_, e)| allowed(e.place))
            .map(|(k, _)| k.as_slice())
            .collect();
        // Fewest pieces to reach each position, and the piece that reached it.
        let mut best: Vec<Option<(usize, usize)>> = vec![None; chars.len() + 1];
        best[0] = Some((0, 0));
        for i in 0..chars.len() {
            let Some((count, _)) = best[i] else { continue };
            for w in &words {
                let end = i + w.len();
                if end <= chars.len()
                    && chars[i] == w[0]
                    && chars[i..end] == w[..]
                    && best[end].is_none_or(|(c, _)| c > count + 1)
                {
                    best[end] = Some((count + 1, i));
                }
            }
        }
        let (count, _) = best[chars.len()]?;
        if count < 2 {
            return None;
        }
        let mut pieces = Vec::new();
        let mut at = chars.len();
        while at > 0 {
            let (_, from) = best[at]?;
            pieces.push(chars[from..at].iter().collect());
            at = from;
        }
        pieces.reverse();
        Some(pieces)
    }

    /// A label close in wording to `text` (one or two characters differ), when exactly one is.
    pub fn lookup_close(&self, text: &str, allowed: impl Fn(Place) -> bool) -> Option<Place> {
        let key = self.key(text);
        let core: Vec<char> = key.core.chars().collect();
        if core.len() < 4 || core.len() > self.longest + 4 {
            return None;
        }
        let limit = match core.len() {
            0..=7 => 1,
            8..=15 => 2,
            _ => 3,
        };
        // With numbering agreeing, one more difference is allowed to a label that stands out:
        // every other label at least two further away ("2.其他法律行政止公开").
        let numbered = key.number.is_some();
        let reach = limit + usize::from(numbered);
        let mut best: Option<(usize, Place)> = None;
        let mut second = usize::MAX;
        let mut tied = false;
        for (candidate, entry) in &self.all {
            if !allowed(entry.place) {
                continue;
            }
            if let (Some(a), Some(b)) = (key.number, entry.number)
                && a != b
            {
                continue;
            }
            let Some(d) = distance_within(&core, candidate, reach + 1) else {
                continue;
            };
            match best {
                Some((_, bp)) if bp == entry.place => {
                    best = best.map(|(bd, p)| (bd.min(d), p));
                }
                Some((bd, _)) if d == bd => tied = true,
                Some((bd, _)) if d > bd => second = second.min(d),
                _ => {
                    if let Some((bd, _)) = best {
                        second = second.min(bd);
                    }
                    best = Some((d, entry.place));
                    tied = false;
                }
            }
        }
        let (d, place) = best.filter(|_| !tied)?;
        (d <= limit || (d <= reach && second >= d + 2)).then_some(place)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Registry;

    #[test]
    fn the_data_file_reads() {
        assert!(formats().iter().any(|f| f.template == "gov-2019"));
        assert!(!data().variants.is_empty());
    }

    #[test]
    fn labels_are_found_in_their_variants() {
        let t = Registry::default().get("gov-2021").unwrap();
        let index = LabelIndex::new(&t);
        let requests = t.table_by_id(2, "applications").unwrap();
        let row = |text: &str| index.lookup(text, |p| matches!(p, Place::Row(..)));
        // The wording of a widely copied published report, beside the form's own.
        for withheld in ["2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开"]
        {
            assert_eq!(row(withheld), Some(vec![Place::Row(requests, 5)]));
        }
        for mass in ["4.无正当理由大量反复申请", "4.无正当理由由大量反复申请"]
        {
            assert_eq!(row(mass), Some(vec![Place::Row(requests, 18)]));
        }
        assert_eq!(row("（二）部分公开"), Some(vec![Place::Row(requests, 3)]));
        let documents = t.table_by_id(1, "documents").unwrap();
        assert_eq!(row("规范性文件"), Some(vec![Place::Row(documents, 1)]));
        let any = |text: &str| index.lookup(text, |_| true);
        assert_eq!(
            any("现行有效件数（历史累计）"),
            Some(vec![Place::Column(documents, 2)])
        );
        assert_eq!(any("3.其他"), Some(vec![Place::Row(requests, 22)]));
        assert_eq!(any("其他"), Some(vec![Place::Column(requests, 5)]));
        assert_eq!(
            any("二、主动公开政府信息情况"),
            Some(vec![Place::Section(1)])
        );
        assert_eq!(
            index.lookup_close("1.本机关不掌握相关的政府信息", |_| true),
            Some(Place::Row(requests, 12))
        );
    }

    #[test]
    fn what_is_left_of_a_wrapped_label_names_the_one_row_that_holds_it() {
        let t = Registry::default().get("gov-2021").unwrap();
        let index = LabelIndex::new(&t);
        let requests = t.table_by_id(2, "applications").unwrap();
        let part = |text: &str| index.lookup_part(text, |_| true);
        // The end of 4.无正当理由由大量反复申请 (and of the form's 无正当理由大量反复申请), not the
        // look-alike 2.重复申请.
        assert_eq!(part("反复申请"), Some(Place::Row(requests, 18)));
        assert_eq!(part("大量反复申请"), Some(Place::Row(requests, 18)));
        assert_eq!(part("4.反复申请"), Some(Place::Row(requests, 18)));
        assert_eq!(part("2.反复申请"), None, "numbering disagrees");
        // Held by several rows' labels, or too short to tell: nothing.
        assert_eq!(part("政府信息"), None);
        assert_eq!(part("申请"), None);
    }
}
