//! Rule expressions: `total = natural + commercial`, `new + carried = handled.total + carry_forward`,
//! `carried = prev(carry_forward)`, with `*` globs such as `handled.withheld.*`.

pub use crate::i18n::template::ExprProblem;
use crate::i18n::template::Problem;

/// One side of a rule is a signed sum of terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    pub lhs: Vec<Term>,
    pub rhs: Vec<Term>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub negative: bool,
    /// Refers to last year's report rather than this one.
    pub prev: bool,
    /// An id, or a glob over ids where `*` stands for any run of characters.
    pub pattern: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub what: ExprProblem,
}

impl ParseError {
    /// The problem, with its place counted from 1 as people count characters.
    pub fn problem(&self) -> Problem {
        Problem::Expr {
            at: self.offset + 1,
            what: self.what,
        }
    }
}

impl Term {
    pub fn is_glob(&self) -> bool {
        self.pattern.contains('*')
    }
}

/// Whether `id` matches `pattern`, where `*` matches any run of characters (dots included).
pub fn glob_matches(pattern: &str, id: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == id,
        Some((head, tail)) => {
            let Some(rest) = id.strip_prefix(head) else {
                return false;
            };
            if tail.is_empty() {
                return !rest.is_empty();
            }
            (1..=rest.len())
                .filter(|i| rest.is_char_boundary(*i))
                .any(|i| glob_matches(tail, &rest[i..]))
        }
    }
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn skip_space(&mut self) {
        while let Some(c) = self.src[self.pos..].chars().next() {
            if !c.is_whitespace() {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.src[self.pos..].chars().next()
    }

    fn error(&self, what: ExprProblem) -> ParseError {
        ParseError {
            offset: self.src[..self.pos].chars().count(),
            what,
        }
    }

    fn ident(&mut self) -> Result<&'a str, ParseError> {
        self.skip_space();
        let start = self.pos;
        let rest = &self.src[start..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '*' | '-')))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.error(ExprProblem::ExpectedId));
        }
        self.pos += len;
        Ok(&rest[..len])
    }

    fn term(&mut self, negative: bool) -> Result<Term, ParseError> {
        let word = self.ident()?;
        if word == "prev" && self.peek() == Some('(') {
            self.pos += 1;
            let inner = self.ident()?;
            if self.peek() != Some(')') {
                return Err(self.error(ExprProblem::ExpectedClose));
            }
            self.pos += 1;
            return Ok(Term {
                negative,
                prev: true,
                pattern: inner.to_string(),
            });
        }
        Ok(Term {
            negative,
            prev: false,
            pattern: word.to_string(),
        })
    }

    fn sum(&mut self) -> Result<Vec<Term>, ParseError> {
        let mut terms = vec![self.term(false)?];
        loop {
            match self.peek() {
                Some('+') => {
                    self.pos += 1;
                    terms.push(self.term(false)?);
                }
                Some('-') => {
                    self.pos += 1;
                    terms.push(self.term(true)?);
                }
                _ => return Ok(terms),
            }
        }
    }
}

/// Parses `sum = sum`.
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let mut p = Parser { src, pos: 0 };
    let lhs = p.sum()?;
    if p.peek() != Some('=') {
        return Err(p.error(ExprProblem::ExpectedOperator));
    }
    p.pos += 1;
    let rhs = p.sum()?;
    if p.peek().is_some() {
        return Err(p.error(ExprProblem::TrailingText));
    }
    Ok(Expr { lhs, rhs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sums_prev_and_globs() {
        let e = parse("in_force = prev(in_force) + issued - repealed").unwrap();
        assert_eq!(e.lhs.len(), 1);
        assert_eq!(
            e.rhs,
            vec![
                Term {
                    negative: false,
                    prev: true,
                    pattern: "in_force".into()
                },
                Term {
                    negative: false,
                    prev: false,
                    pattern: "issued".into()
                },
                Term {
                    negative: true,
                    prev: false,
                    pattern: "repealed".into()
                },
            ]
        );
        let e = parse("handled.total = handled.withheld.*").unwrap();
        assert!(e.rhs[0].is_glob());
    }

    #[test]
    fn reports_where_a_rule_is_malformed() {
        assert_eq!(parse("a + = b").unwrap_err().offset, 4);
        assert_eq!(
            parse("a b").unwrap_err().what,
            ExprProblem::ExpectedOperator
        );
        assert_eq!(
            parse("a = b c").unwrap_err().what,
            ExprProblem::TrailingText
        );
        assert_eq!(
            parse("a = prev(b").unwrap_err().what,
            ExprProblem::ExpectedClose
        );
    }

    #[test]
    fn globs_match_runs_of_characters() {
        assert!(glob_matches(
            "handled.withheld.*",
            "handled.withheld.state_secret"
        ));
        assert!(!glob_matches("handled.withheld.*", "handled.withheld"));
        assert!(!glob_matches("handled.withheld.*", "handled.total"));
        assert!(glob_matches("*.total", "review.total"));
        assert!(glob_matches("a*c", "abbc"));
        assert!(!glob_matches("a*c", "abbd"));
        assert!(glob_matches("exact", "exact"));
    }
}
