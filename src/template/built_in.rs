//! The templates compiled into the binary. Each is kept twice: the TOML a person wrote, which
//! `templates show` prints and the tests read, and the same data as compact JSON, which is what a
//! start reads. Parsing the 26 KB of TOML was most of what the editor did before its first frame
//! (about 1 ms, and the TOML parser's buffers were most of its heap); serde_json reads the same
//! data into the same serde types in a fraction of that, without a document tree. The JSON is
//! made from the TOML by a test (`the_json_of_every_built_in_template_is_current` in this
//! module's tests), which fails when the two differ and rewrites the JSON when
//! `NIANBAO_WRITE_TEMPLATES` is set.

use super::{Template, schema};

pub struct BuiltIn {
    pub id: &'static str,
    /// The template file as written.
    pub source: &'static str,
    /// The same file as JSON, generated from `source`.
    pub json: &'static str,
    /// The JSON file's name beside this one, for the test that rewrites it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub json_file: &'static str,
}

pub const BUILT_IN: &[BuiltIn] = &[
    BuiltIn {
        id: "gov-2021",
        source: include_str!("gov-2021.toml"),
        json: include_str!("gov-2021.json"),
        json_file: "gov-2021.json",
    },
    BuiltIn {
        id: "gov-2019",
        source: include_str!("gov-2019.toml"),
        json: include_str!("gov-2019.json"),
        json_file: "gov-2019.json",
    },
];

impl BuiltIn {
    /// The template, read from its JSON and checked as a user's file is.
    pub fn compile(&self) -> Template {
        let origin = format!("built-in template {}", self.id);
        let file: schema::TemplateFile =
            serde_json::from_str(self.json).expect("built-in templates are checked by tests");
        Template::compile(file, &origin).expect("built-in templates are checked by tests")
    }

    /// The JSON the TOML source reads as, which `json` must be.
    #[cfg(test)]
    pub fn json_from_source(&self) -> String {
        let value: serde_json::Value =
            toml_edit::de::from_str(self.source).expect("built-in templates are valid TOML");
        serde_json::to_string(&value).expect("a JSON value always writes") + "\n"
    }
}
