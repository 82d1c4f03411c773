//! Merging pages into one document, by splicing JSON text.
//!
//! The first page decides the shape: a call record's `sessions` array or a collection's `value`
//! array grows with the `value` of every later page. Members are kept as raw JSON text in their
//! order, so nothing is renamed, reordered or renumbered (serde_json's `Value` would sort keys
//! and round big numbers); only the growing array and the next link are rewritten. The result is
//! re-indented so that the text area shows something a person can read.
//!
//! FIXME: a `segments@odata.nextLink` inside a session is not followed. Graph documents no page
//! size for segments and none has been seen in practice; it matters once a session has more
//! segments than one page holds.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::FetchError;

/// Pages merged so far.
#[derive(Debug, Clone)]
pub struct Merged {
    shape: Shape,
    /// The first page's members in their order, each as raw JSON text.
    members: Vec<(String, String)>,
    /// The entries of the growing array, each as raw JSON text.
    items: Vec<String>,
    /// The link to the page after the last one added.
    next_link: Option<String>,
}

/// How the first page pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A call record: `sessions`, continued by `sessions@odata.nextLink`.
    Record,
    /// A collection: `value`, continued by `@odata.nextLink`.
    Collection,
    /// Anything else: one page, nothing to follow.
    Single,
}

impl Shape {
    fn keys(self) -> Option<(&'static str, &'static str)> {
        match self {
            Shape::Record => Some(("sessions", "sessions@odata.nextLink")),
            Shape::Collection => Some(("value", "@odata.nextLink")),
            Shape::Single => None,
        }
    }
}

const NEXT_LINK: &str = "@odata.nextLink";

impl Merged {
    /// Starts from the first page.
    pub fn first(url: &str, body: &str) -> Result<Merged, FetchError> {
        let body = without_bom(body);
        let Some(members) = members(url, body)? else {
            return Ok(Merged::single(body));
        };
        let array = |key: &str| {
            members
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .and_then(|(_, raw)| items(raw))
        };
        let (shape, items) = if let Some(items) = array("value") {
            (Shape::Collection, items)
        } else if let Some(items) = array("sessions") {
            (Shape::Record, items)
        } else {
            return Ok(Merged::single(body));
        };
        let next_link = shape
            .keys()
            .and_then(|(_, link_key)| link_in(&members, link_key));
        Ok(Merged {
            shape,
            members,
            items,
            next_link,
        })
    }

    fn single(body: &str) -> Merged {
        Merged {
            shape: Shape::Single,
            members: Vec::new(),
            items: vec![body.to_owned()],
            next_link: None,
        }
    }

    /// Adds a later page: a collection whose `value` continues the array.
    pub fn add(&mut self, url: &str, body: &str) -> Result<(), FetchError> {
        let unexpected = || FetchError::UnexpectedPage {
            url: url.to_owned(),
        };
        let members = members(url, without_bom(body))?.ok_or_else(unexpected)?;
        let items = members
            .iter()
            .rev()
            .find(|(k, _)| k == "value")
            .and_then(|(_, raw)| items(raw))
            .ok_or_else(unexpected)?;
        self.items.extend(items);
        self.next_link = link_in(&members, NEXT_LINK);
        Ok(())
    }

    /// The page after the last one added, as the server wrote it.
    pub fn next_link(&self) -> Option<&str> {
        self.next_link.as_deref()
    }

    /// The merged document. With `keep_link`, the link to the next page stays in it (where the
    /// first page had it), so the viewer says that more exist; otherwise links are removed.
    pub fn into_text(self, keep_link: bool) -> String {
        let Some((array_key, link_key)) = self.shape.keys() else {
            return pretty(&self.items.concat());
        };
        let array = format!("[{}]", self.items.join(","));
        let link = self
            .next_link
            .filter(|_| keep_link)
            .map(|l| serde_json::Value::String(l).to_string());

        // Duplicate keys are possible; the last one is what the viewer reads, so the array
        // takes the place of the last and earlier ones are dropped.
        let last_array = self.members.iter().rposition(|(k, _)| k == array_key);
        let mut written_link = false;
        let mut parts = Vec::with_capacity(self.members.len() + 1);
        for (i, (key, raw)) in self.members.iter().enumerate() {
            let value = if key == array_key {
                if Some(i) != last_array {
                    continue;
                }
                &array
            } else if key == link_key {
                match (&link, written_link) {
                    (Some(link), false) => {
                        written_link = true;
                        link
                    }
                    _ => continue,
                }
            } else {
                raw
            };
            parts.push(format!(
                "{}:{value}",
                serde_json::Value::String(key.clone())
            ));
        }
        if let (Some(link), false) = (&link, written_link) {
            parts.push(format!(
                "{}:{link}",
                serde_json::Value::String(link_key.to_owned())
            ));
        }
        pretty(&format!("{{{}}}", parts.join(",")))
    }
}

fn without_bom(body: &str) -> &str {
    body.strip_prefix('\u{feff}').unwrap_or(body)
}

/// The top-level members of an object in their order; `None` when the JSON is not an object.
fn members(url: &str, body: &str) -> Result<Option<Vec<(String, String)>>, FetchError> {
    let not_json = |e: serde_json::Error| FetchError::NotJson {
        url: url.to_owned(),
        detail: e.to_string(),
    };
    let top: &RawValue = serde_json::from_str(body).map_err(not_json)?;
    if !top.get().starts_with('{') {
        return Ok(None);
    }
    let Members(members) = serde_json::from_str(top.get()).map_err(not_json)?;
    Ok(Some(
        members
            .into_iter()
            .map(|(k, raw)| (k, raw.get().to_owned()))
            .collect(),
    ))
}

/// The entries of a JSON array as raw text; `None` when it is not an array.
fn items(raw: &str) -> Option<Vec<String>> {
    let entries: Vec<&RawValue> = serde_json::from_str(raw).ok()?;
    Some(entries.into_iter().map(|e| e.get().to_owned()).collect())
}

/// A next link, when the member is a non-empty string.
fn link_in(members: &[(String, String)], key: &str) -> Option<String> {
    let (_, raw) = members.iter().rev().find(|(k, _)| k == key)?;
    serde_json::from_str::<String>(raw)
        .ok()
        .filter(|l| !l.trim().is_empty())
}

/// An object's members in document order, duplicates included.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for InOrder<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'a RawValue>()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(InOrder(std::marker::PhantomData))
    }
}

/// Re-indents well-formed JSON with two spaces, leaving strings and numbers exactly as written.
/// Empty objects and arrays stay on one line.
pub fn pretty(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = Vec::with_capacity(json.len() + json.len() / 2);
    let mut depth = 0usize;
    let mut i = 0;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        match b {
            b'"' => {
                // Copy the string through its closing quote; a backslash escapes the next byte.
                let start = i - 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.extend_from_slice(&bytes[start..i]);
            }
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                let next = bytes[i..].iter().position(|c| !c.is_ascii_whitespace());
                if next.is_some_and(|n| bytes[i + n] == close) {
                    out.extend_from_slice(&[b, close]);
                    i += next.unwrap_or(0) + 1;
                } else {
                    depth += 1;
                    out.push(b);
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b',');
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => out.push(b),
        }
    }
    // Only ASCII was added between whole copied runs, so the text is still UTF-8.
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "http://127.0.0.1:1/page";

    #[test]
    fn pretty_reindents_without_touching_strings_or_numbers() {
        let cases = [
            ("{}", "{}"),
            ("[ ]", "[]"),
            (r#"{"a":1}"#, "{\n  \"a\": 1\n}"),
            (r#"{"a":[],"b":{ }}"#, "{\n  \"a\": [],\n  \"b\": {}\n}"),
            (
                r#"{"s":"x, {y}: [z] \"q\" \\","n":4294967295,"f":1.50e-3}"#,
                "{\n  \"s\": \"x, {y}: [z] \\\"q\\\" \\\\\",\n  \"n\": 4294967295,\n  \"f\": 1.50e-3\n}",
            ),
            ("[1,[2,3]]", "[\n  1,\n  [\n    2,\n    3\n  ]\n]"),
            (r#"{"ü":"😀 \u00e9"}"#, "{\n  \"ü\": \"😀 \\u00e9\"\n}"),
            ("\"just a string\"", "\"just a string\""),
        ];
        for (input, expected) in cases {
            assert_eq!(pretty(input), expected, "pretty({input:?})");
        }
    }

    #[test]
    fn a_record_with_session_pages_becomes_one_record() {
        let first = r#"{"@odata.context":"ctx","id":"r1","sessions@odata.nextLink":"http://h/p2","sessions":[{"id":"s1"}],"version":2}"#;
        let mut merged = Merged::first(URL, first).unwrap();
        assert_eq!(merged.next_link(), Some("http://h/p2"));
        merged
            .add(
                URL,
                r#"{"value":[{"id":"s2"},{"id":"s3"}],"@odata.nextLink":"http://h/p3"}"#,
            )
            .unwrap();
        assert_eq!(merged.next_link(), Some("http://h/p3"));
        merged.add(URL, r#"{"value":[{"id":"s4"}]}"#).unwrap();
        assert_eq!(merged.next_link(), None);
        assert_eq!(
            merged.into_text(false),
            pretty(
                r#"{"@odata.context":"ctx","id":"r1","sessions":[{"id":"s1"},{"id":"s2"},{"id":"s3"},{"id":"s4"}],"version":2}"#
            ),
        );
    }

    #[test]
    fn key_order_is_kept() {
        let first = r#"{"z":1,"sessions":[],"a":2,"m":{"y":1,"b":2}}"#;
        let text = Merged::first(URL, first).unwrap().into_text(false);
        let keys: Vec<&str> = text.lines().filter_map(|l| l.split('"').nth(1)).collect();
        assert_eq!(keys, ["z", "sessions", "a", "m", "y", "b"]);
    }

    #[test]
    fn a_collection_grows_its_value_and_keeps_the_last_link_when_asked() {
        let first = r#"{"@odata.context":"ctx","value":[1],"@odata.nextLink":"http://h/p2"}"#;
        let mut merged = Merged::first(URL, first).unwrap();
        merged
            .add(URL, r#"{"@odata.nextLink":"http://h/p3","value":[2,3]}"#)
            .unwrap();
        assert_eq!(
            merged.clone().into_text(true),
            pretty(r#"{"@odata.context":"ctx","value":[1,2,3],"@odata.nextLink":"http://h/p3"}"#),
            "stopped early: the link to the page not fetched stays where the first page had it"
        );
        assert_eq!(
            merged.into_text(false),
            pretty(r#"{"@odata.context":"ctx","value":[1,2,3]}"#)
        );
    }

    #[test]
    fn what_does_not_page_is_passed_through() {
        let cases = [
            r#"{"id":"r1","type":"peerToPeer"}"#,
            r#"{"error":{"code":"NotFound"}}"#,
            r#"{"sessions":null,"sessions@odata.nextLink":"http://h/p2"}"#,
            r#"[{"id":"s1"}]"#,
        ];
        for body in cases {
            let merged = Merged::first(URL, body).unwrap();
            assert_eq!(merged.next_link(), None, "{body}");
            assert_eq!(merged.into_text(true), pretty(body), "{body}");
        }
    }

    #[test]
    fn a_later_page_that_is_not_a_collection_is_refused() {
        let mut merged = Merged::first(URL, r#"{"value":[],"@odata.nextLink":"x"}"#).unwrap();
        for body in [r#"{"id":"s1"}"#, r#"{"value":null}"#, "[1,2]"] {
            assert_eq!(
                merged.add("http://h/p2", body),
                Err(FetchError::UnexpectedPage {
                    url: "http://h/p2".into()
                }),
                "{body}"
            );
        }
    }

    #[test]
    fn text_that_is_not_json_names_the_url_and_where_it_breaks() {
        let error = Merged::first(URL, "<!DOCTYPE html><html>").unwrap_err();
        assert_eq!(
            error.to_string(),
            "http://127.0.0.1:1/page answered with something that is not JSON (expected value \
             at line 1 column 1). Hint: the URL should return a call record, a sessions page or \
             a segments page"
        );
    }

    #[test]
    fn regression_duplicate_keys_and_a_byte_order_mark() {
        // The viewer reads the last of duplicate keys, so the merge grows the last `sessions`.
        let first = "\u{feff}{\"sessions\":[0],\"sessions\":[1],\"sessions@odata.nextLink\":\"http://h/p2\"}";
        let mut merged = Merged::first(URL, first).unwrap();
        merged.add(URL, "\u{feff}{\"value\":[2]}").unwrap();
        assert_eq!(merged.into_text(false), pretty(r#"{"sessions":[1,2]}"#));
    }

    #[test]
    fn empty_or_null_links_mean_no_more_pages() {
        for link in [r#""""#, "null", r#""  ""#, "3"] {
            let body = format!(r#"{{"value":[],"@odata.nextLink":{link}}}"#);
            assert_eq!(
                Merged::first(URL, &body).unwrap().next_link(),
                None,
                "{link}"
            );
        }
    }
}
