//! The raw JSON of any object, exactly as the input had it.
//!
//! The model keeps unknown properties, but only the input text shows everything: key order,
//! duplicate keys, number spellings. Rather than keep a copy of every object while reading (which
//! would cost time and memory on every load), the text of one object is found on demand by
//! walking the input along its path, skipping everything else without parsing it.

use std::ops::Range;

/// One step of a path: an object key (matched ignoring ASCII case, like the model) or a list
/// index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

/// The byte range of the value at `path` in `text`, or `None` when the path does not lead to a
/// value (the input is not the shape the path assumes).
pub fn locate(text: &str, path: &[Step]) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    if bytes.get(at) == Some(&0xEF) {
        at = skip_ws(bytes, at + 3);
    }
    for step in path {
        at = match step {
            Step::Key(key) => find_key(bytes, at, key)?,
            Step::Index(i) => find_index(bytes, at, *i)?,
        };
    }
    Some(at..value_end(bytes, at)?)
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The index just after the string whose opening quote is at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        let j = memchr::memchr2(b'"', b'\\', bytes.get(i..)?)? + i;
        if bytes[j] == b'"' {
            return Some(j + 1);
        }
        i = j + 2;
    }
}

/// The index just after the value that starts at `start`.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    match bytes.get(start)? {
        b'"' => string_end(bytes, start),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = start;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let len = bytes[start..]
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                .unwrap_or(bytes.len() - start);
            Some(start + len)
        }
    }
}

/// The start of the value of `key` in the object at `at`; the last one when a key repeats,
/// as `JSON.parse` and the model keep the last.
fn find_key(bytes: &[u8], at: usize, key: &str) -> Option<usize> {
    if bytes.get(at)? != &b'{' {
        return None;
    }
    let mut found = None;
    let mut i = skip_ws(bytes, at + 1);
    while bytes.get(i)? == &b'"' {
        let key_end = string_end(bytes, i)?;
        let name = &bytes[i + 1..key_end - 1];
        let colon = skip_ws(bytes, key_end);
        let value = skip_ws(bytes, colon + 1);
        if name.eq_ignore_ascii_case(key.as_bytes()) {
            found = Some(value);
        }
        i = skip_ws(bytes, value_end(bytes, value)?);
        if bytes.get(i)? == &b',' {
            i = skip_ws(bytes, i + 1);
        }
    }
    found
}

/// The start of element `index` of the list at `at`.
fn find_index(bytes: &[u8], at: usize, index: usize) -> Option<usize> {
    if bytes.get(at)? != &b'[' {
        return None;
    }
    let mut i = skip_ws(bytes, at + 1);
    for _ in 0..index {
        i = skip_ws(bytes, value_end(bytes, i)?);
        if bytes.get(i)? != &b',' {
            return None;
        }
        i = skip_ws(bytes, i + 1);
    }
    (bytes.get(i)? != &b']').then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#" {
      "id": "r",
      "Sessions": [
        {"id": "s0", "note": "has } and ] and \" inside"},
        {"id": "s1", "segments": [{"id": "g0", "media": [1, {"x": [2, 3]}], "extra": {"k": true}}]}
      ],
      "dup": 1, "dup": {"second": true}
    }"#;

    fn at(path: &[Step]) -> Option<&'static str> {
        locate(TEXT, path).map(|r| &TEXT[r])
    }

    #[test]
    fn finds_objects_by_path_exactly_as_written() {
        use Step::*;
        assert_eq!(
            at(&[Key("sessions"), Index(0)]),
            Some(r#"{"id": "s0", "note": "has } and ] and \" inside"}"#)
        );
        assert_eq!(
            at(&[
                Key("sessions"),
                Index(1),
                Key("segments"),
                Index(0),
                Key("extra")
            ]),
            Some(r#"{"k": true}"#)
        );
        assert_eq!(
            at(&[
                Key("sessions"),
                Index(1),
                Key("segments"),
                Index(0),
                Key("media"),
                Index(1)
            ]),
            Some(r#"{"x": [2, 3]}"#)
        );
        assert_eq!(at(&[Key("id")]), Some(r#""r""#));
        assert_eq!(
            at(&[Key("dup")]),
            Some(r#"{"second": true}"#),
            "the last of a repeated key"
        );
        assert!(at(&[]).is_some_and(|all| all.starts_with('{') && all.ends_with('}')));
    }

    #[test]
    fn wrong_paths_find_nothing() {
        use Step::*;
        assert_eq!(at(&[Key("sessions"), Index(2)]), None);
        assert_eq!(at(&[Key("nope")]), None);
        assert_eq!(at(&[Key("id"), Index(0)]), None);
        assert_eq!(
            locate("[1, 2", &[Index(5)]),
            None,
            "a cut-off list ends the walk"
        );
    }
}
