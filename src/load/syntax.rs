//! Syntax errors, explained: where the JSON breaks, what is around it, and whether it looks cut
//! off (the commonest cause: a copy from a terminal or a ticket that stopped early).

use std::fmt;

use thiserror::Error;

/// Input that is not well-formed JSON.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("not valid JSON: {message} at line {line}, column {column}")]
pub struct SyntaxError {
    /// serde_json's description without its position suffix, e.g. "EOF while parsing a string".
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of that line around the column (at most about 80 characters).
    pub excerpt: String,
    /// Where the caret goes under `excerpt`, in characters.
    pub caret: usize,
    /// Present when the input ends before the JSON does.
    pub truncation: Option<Truncation>,
    /// True when the JSON is well-formed but beyond what can be read (nesting depth, a number
    /// too large for a double).
    pub is_limit: bool,
}

/// What is still open where a cut-off input ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truncation {
    pub open_objects: usize,
    pub open_lists: usize,
    pub in_string: bool,
    /// Length of the input in bytes.
    pub bytes: usize,
}

impl fmt::Display for Truncation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        write!(
            f,
            "The input looks truncated: it ends after {} bytes{} with {} and {} still open. \
             Copy or export the whole response again.",
            self.bytes,
            if self.in_string {
                " inside a string"
            } else {
                ""
            },
            plural(self.open_objects, "object", "objects"),
            plural(self.open_lists, "list", "lists"),
        )
    }
}

impl SyntaxError {
    /// Builds the explanation for a serde_json error on `text`.
    pub fn new(text: &str, error: &serde_json::Error) -> Self {
        let full = error.to_string();
        let raw = match full.rfind(" at line ") {
            Some(cut) => full[..cut].to_owned(),
            None => full,
        };

        // serde_json's two limits get messages a person can act on.
        let (message, is_limit) = if raw.starts_with("recursion limit exceeded") {
            (
                "the JSON is nested more than 128 levels deep, deeper than any call record".into(),
                true,
            )
        } else if raw.starts_with("number out of range") {
            (
                "a number is too large to represent (beyond ±1.8 × 10^308)".into(),
                true,
            )
        } else {
            (raw, false)
        };
        let line = error.line().max(1);
        let line_text = text.lines().nth(line - 1).unwrap_or("");

        // serde_json counts columns in bytes; the excerpt is cut on character boundaries.
        let byte_col = error.column().saturating_sub(1).min(line_text.len());
        let byte_col = (0..=byte_col)
            .rev()
            .find(|i| line_text.is_char_boundary(*i))
            .unwrap_or(0);
        let column = line_text[..byte_col].chars().count() + 1;
        let (excerpt, caret) = excerpt_around(line_text, column - 1);

        let truncation = (error.classify() == serde_json::error::Category::Eof)
            .then(|| open_structures(text))
            .filter(|t| t.open_objects + t.open_lists > 0 || t.in_string);
        SyntaxError {
            message,
            line,
            column,
            excerpt,
            caret,
            truncation,
            is_limit,
        }
    }
}

/// How deeply objects and lists may nest. A call record nests about 12 levels (record,
/// sessions, session, segments, segment, media, network, trace route, hop); the reading code
/// recurses once per level with large frames, so much deeper input would exhaust the
/// WebAssembly stack before serde_json's own limit of 128 applies.
pub const MAX_DEPTH: usize = 32;

/// Finds the first bracket that opens a level deeper than [`MAX_DEPTH`], without parsing.
pub fn check_depth(text: &str) -> Option<SyntaxError> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while let Some(found) = memchr::memchr3(b'"', b'{', b'[', &bytes[i..]).map(|j| i + j) {
        // Closing brackets between two hits lower the depth.
        depth = depth.saturating_sub(count_closers(&bytes[i..found]));
        match bytes[found] {
            b'"' => i = skip_string(bytes, found + 1),
            _ => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(limit_error(text, found));
                }
                i = found + 1;
            }
        }
        if i >= bytes.len() {
            break;
        }
    }
    None
}

fn count_closers(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| matches!(b, b'}' | b']')).count()
}

/// The index just after the string that starts at `start` (just after its opening quote).
fn skip_string(bytes: &[u8], mut start: usize) -> usize {
    while let Some(j) = memchr::memchr2(b'"', b'\\', &bytes[start.min(bytes.len())..]) {
        let at = start + j;
        if bytes[at] == b'"' {
            return at + 1;
        }
        start = at + 2;
    }
    bytes.len()
}

fn limit_error(text: &str, offset: usize) -> SyntaxError {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_text = text[line_start..].lines().next().unwrap_or("");
    let column = text[line_start..offset].chars().count() + 1;
    let (excerpt, caret) = excerpt_around(line_text, column - 1);
    SyntaxError {
        message: format!(
            "objects and lists are nested more than {MAX_DEPTH} levels deep, far deeper than any call record"
        ),
        line,
        column,
        excerpt,
        caret,
        truncation: None,
        is_limit: true,
    }
}

/// Cuts a line to about 80 characters around `col` (0-based, in characters).
fn excerpt_around(line: &str, col: usize) -> (String, usize) {
    const BEFORE: usize = 50;
    const AFTER: usize = 30;
    let chars: Vec<char> = line.chars().collect();
    let start = col.saturating_sub(BEFORE);
    let end = (col + AFTER).min(chars.len());
    let mut excerpt: String = chars[start.min(end)..end].iter().collect();
    let mut caret = col - start;
    if start > 0 {
        excerpt.insert(0, '…');
        caret += 1;
    }
    if end < chars.len() {
        excerpt.push('…');
    }
    (excerpt, caret)
}

/// Counts the objects and lists left open at the end of `text`.
fn open_structures(text: &str) -> Truncation {
    let (mut stack, mut in_string, mut escaped) = (Vec::new(), false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => stack.push(b),
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    let open_objects = stack.iter().filter(|b| **b == b'{').count();
    Truncation {
        open_objects,
        open_lists: stack.len() - open_objects,
        in_string,
        bytes: text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_for(text: &str) -> SyntaxError {
        let e = serde_json::from_str::<serde_json::Value>(text).expect_err("invalid JSON");
        SyntaxError::new(text, &e)
    }

    #[test]
    fn truncated_input_names_what_is_open() {
        let got = error_for("{\n  \"value\": [\n    {\"id\": \"abc");
        let t = got.truncation.expect("a cut-off input is recognised");
        assert_eq!((t.open_objects, t.open_lists, t.in_string), (2, 1, true));
        assert_eq!(got.line, 3);
    }

    #[test]
    fn a_stray_character_is_located_with_its_surroundings() {
        let got = error_for("{\"a\": 1,\n \"b\": x}");
        assert_eq!((got.line, got.column), (2, 7));
        assert_eq!(got.excerpt, " \"b\": x}");
        assert_eq!(got.excerpt.chars().nth(got.caret), Some('x'));
        assert!(
            got.truncation.is_none(),
            "a wrong character is not a truncation"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let got = error_for("{\"名前\": x}");
        assert_eq!(got.column, 8);
        assert_eq!(got.excerpt.chars().nth(got.caret), Some('x'));
    }

    #[test]
    fn nesting_is_checked_before_parsing() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(check_depth(&ok).is_none(), "{MAX_DEPTH} levels are allowed");
        let deep = format!(
            "{{\"a\": \"[[[{{\\\"\", \"b\":\n {}{}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        let got = check_depth(&deep).expect("one level too deep");
        assert_eq!(
            (got.line, got.column),
            (2, MAX_DEPTH + 1),
            "brackets in strings do not count"
        );
        assert!(got.is_limit);
        let siblings = "[[1],[2],[3]]".repeat(1000);
        assert!(
            check_depth(&format!("[{siblings}]")).is_none(),
            "closing brackets lower the depth"
        );
    }

    #[test]
    fn limits_are_explained_not_called_syntax_errors() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let got = error_for(&deep);
        assert!(
            got.is_limit && got.message.contains("128 levels"),
            "{got:?}"
        );
        let huge = error_for("{\"averageJitter\": 1e400}");
        assert!(
            huge.is_limit && huge.message.contains("too large"),
            "{huge:?}"
        );
        assert_eq!(huge.line, 1);
    }

    #[test]
    fn long_lines_are_cut_around_the_error() {
        let text = format!("{{\"a\": \"{}\", x}}", "y".repeat(500));
        let got = error_for(&text);
        assert!(
            got.excerpt.chars().count() <= 83,
            "excerpt is short: {}",
            got.excerpt
        );
        assert_eq!(got.excerpt.chars().nth(got.caret), Some('x'));
    }
}
