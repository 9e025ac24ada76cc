//! Reading an Office Open XML file back (a docx or an xlsx is a zip of XML parts), to check what
//! Word, WPS, LibreOffice or Excel will find in it.

#![allow(dead_code)]

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// One XML element, with its attributes by qualified name and its children in order.
#[derive(Debug, Default)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    El(El),
    Text(String),
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements called `name`.
    pub fn kids<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    pub fn kid(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// Every element called `name` below this one, in document order.
    pub fn all<'a>(&'a self, name: &str) -> Vec<&'a El> {
        let mut found = Vec::new();
        for e in self.elements() {
            if e.name == name {
                found.push(e);
            }
            found.extend(e.all(name));
        }
        found
    }

    /// The text of a Word element: its `w:t` runs, a `w:br` as a line break.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) if self.name == "w:t" || self.name == "t" => out.push_str(t),
                Node::Text(_) => {}
                Node::El(e) if e.name == "w:br" => out.push('\n'),
                Node::El(e) => out.push_str(&e.text()),
            }
        }
        out
    }

    /// The value of the property child `name` (`<w:jc w:val="right"/>` → "right").
    pub fn val(&self, path: &[&str]) -> Option<&str> {
        let mut e = self;
        for name in path {
            e = e.kid(name)?;
        }
        e.attr("w:val")
    }
}

/// Parses a part into its tree; panics on malformed XML, which no Office program would open.
pub fn parse(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(Node::El(el));
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(Node::El(el));
            }
            Event::Text(t) => {
                let text = t.xml10_content().into_owned();
                stack.last_mut().unwrap().children.push(Node::Text(text));
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().expect("a valid reference") {
                    Some(c) => c.to_string(),
                    None => match r.xml10_content().as_ref() {
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "amp" => "&".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("entity &{other}; is not XML's"),
                    },
                };
                stack.last_mut().unwrap().children.push(Node::Text(c));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "every element closed");
    let root = stack.pop().unwrap();
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
        .expect("a root element")
}

fn element(e: &quick_xml::events::BytesStart) -> El {
    El {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("a valid attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("a valid value")
                        .into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
    }
}

/// The names of the parts of a package.
pub fn part_names(package: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(Cursor::new(package)).expect("a zip");
    zip.file_names()
        .map(|n| n.expect("a part name").into_owned())
        .collect()
}

/// One part of a package, as text.
pub fn part(package: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(package)).expect("a zip");
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("a UTF-8 part");
    text
}
