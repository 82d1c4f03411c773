//! `Reading<T>`: one value read leniently from the input.
//!
//! Real exports are messy: numbers arrive as text, booleans as `"false"`, documentation templates
//! carry `"Single"` where a number belongs, and PowerShell writes `"System.Object[]"` where an
//! object was. Every property of the wire model is a `Reading`, so that one bad value becomes a
//! problem attached to that value instead of an error for the whole document. This module owns
//! the reading rules for scalars (numbers, flags, durations, dates, text); how a value is judged
//! is the analysis layer's business.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// One property as the input gave it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Reading<T> {
    /// Absent or `null`: the viewer says "not reported".
    #[default]
    Missing,
    /// A well-formed value of the documented JSON type.
    Present(T),
    /// A value that had to be converted (a number given as text, a .NET `TimeSpan`, …). The
    /// value is trustworthy; the note says what was converted so the UI can mention it.
    Noted(T, Note),
    /// Something that cannot be read as this property. Never shown as 0 or blank.
    Invalid(Invalid),
}

/// What was converted to read a [`Reading::Noted`] value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// `"0.0247"` where a JSON number belongs.
    NumberAsText,
    /// `"false"` where a JSON boolean belongs.
    FlagAsText,
    /// A JSON number or boolean where text belongs.
    TextFromScalar,
    /// A .NET `TimeSpan` string such as `00:00:00.0661000`.
    TimeSpanText,
    /// A .NET `TimeSpan` object with `Ticks` or `TotalMilliseconds`.
    TimeSpanObject,
    /// A .NET JSON date such as `\/Date(1710234845441)\/`.
    DotNetDate,
}

impl Note {
    /// A short phrase for the UI.
    pub fn describe(self) -> &'static str {
        match self {
            Note::NumberAsText => "number given as text",
            Note::FlagAsText => "true/false given as text",
            Note::TextFromScalar => "given as a number, not text",
            Note::TimeSpanText => "read from a .NET TimeSpan",
            Note::TimeSpanObject => "read from a .NET TimeSpan object",
            Note::DotNetDate => "read from a .NET /Date(ms)/ value",
        }
    }
}

/// Why a value could not be read, with a short preview of what was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub why: Why,
    /// What the input held, cut to a readable length (empty for objects and arrays).
    pub raw: String,
}

/// The kinds of unreadable values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// A documentation template value such as `"Single"`, `"String"` or `"Int64"`.
    Placeholder,
    /// `"NaN"`, `"INF"` or `"-INF"`.
    NotFinite,
    /// A negative duration, which Graph never reports.
    NegativeDuration,
    /// A duration in years, months or weeks: those are not fixed lengths of time.
    CalendarDuration,
    /// A date and time without `Z` or an offset: its moment is unknown.
    NoTimeZone,
    /// PowerShell's `ConvertTo-Json` stopped at its depth limit and wrote a type name or
    /// `@{…}` here instead of the object.
    PowerShellDepth,
    /// Text that does not parse as this property's type.
    Unparseable,
    /// A JSON value of the wrong kind (an object where a number belongs, …).
    WrongType(JsonKind),
}

/// The kinds of JSON values, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    Text,
    Number,
    Boolean,
    Object,
    Array,
}

impl JsonKind {
    fn article(self) -> &'static str {
        match self {
            JsonKind::Text => "text",
            JsonKind::Number => "a number",
            JsonKind::Boolean => "true/false",
            JsonKind::Object => "an object",
            JsonKind::Array => "a list",
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let raw = &self.raw;
        match self.why {
            Why::Placeholder => write!(f, "documentation placeholder \"{raw}\", not data"),
            Why::NotFinite => write!(f, "\"{raw}\" is not a measurement"),
            Why::NegativeDuration => write!(f, "negative duration \"{raw}\" is invalid"),
            Why::CalendarDuration => {
                write!(f, "\"{raw}\" is in years, months or weeks, not a length of time")
            }
            Why::NoTimeZone => write!(f, "\"{raw}\" has no time zone, so its moment is unknown"),
            Why::PowerShellDepth => write!(
                f,
                "\"{raw}\" is PowerShell's stand-in for data cut off by ConvertTo-Json's depth limit"
            ),
            Why::Unparseable => write!(f, "cannot read \"{raw}\""),
            Why::WrongType(kind) if raw.is_empty() => write!(f, "unexpected {}", kind.article()),
            Why::WrongType(kind) => write!(f, "unexpected {} \"{raw}\"", kind.article()),
        }
    }
}

impl Invalid {
    /// An invalid value with its preview cut to a readable length.
    pub fn new(why: Why, raw: &str) -> Self {
        Invalid {
            why,
            raw: preview(raw),
        }
    }

    fn wrong(kind: JsonKind, raw: &str) -> Self {
        Invalid::new(Why::WrongType(kind), raw)
    }
}

/// Cuts text to at most 60 characters so a huge bad value cannot flood the page.
pub fn preview(raw: &str) -> String {
    const LIMIT: usize = 60;
    match raw.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &raw[..cut]),
        None => raw.to_owned(),
    }
}

impl<T> Reading<T> {
    /// The value when it could be read, converted or not.
    pub fn value(&self) -> Option<&T> {
        match self {
            Reading::Present(v) | Reading::Noted(v, _) => Some(v),
            Reading::Missing | Reading::Invalid(_) => None,
        }
    }

    /// Absent or `null`.
    pub fn is_missing(&self) -> bool {
        matches!(self, Reading::Missing)
    }

    /// The problem with this value, if any.
    pub fn invalid(&self) -> Option<&Invalid> {
        match self {
            Reading::Invalid(bad) => Some(bad),
            _ => None,
        }
    }

    /// The conversion note, if any.
    pub fn note(&self) -> Option<Note> {
        match self {
            Reading::Noted(_, note) => Some(*note),
            _ => None,
        }
    }

    /// The value, consuming the reading.
    pub fn into_value(self) -> Option<T> {
        match self {
            Reading::Present(v) | Reading::Noted(v, _) => Some(v),
            Reading::Missing | Reading::Invalid(_) => None,
        }
    }

    /// Converts the value, keeping its note or problem.
    pub fn into_map<U>(self, f: impl FnOnce(T) -> U) -> Reading<U> {
        match self {
            Reading::Missing => Reading::Missing,
            Reading::Present(v) => Reading::Present(f(v)),
            Reading::Noted(v, note) => Reading::Noted(f(v), note),
            Reading::Invalid(bad) => Reading::Invalid(bad),
        }
    }

    /// Maps the value, keeping its note or problem.
    pub fn map<U>(&self, f: impl FnOnce(&T) -> U) -> Reading<U> {
        match self {
            Reading::Missing => Reading::Missing,
            Reading::Present(v) => Reading::Present(f(v)),
            Reading::Noted(v, note) => Reading::Noted(f(v), *note),
            Reading::Invalid(bad) => Reading::Invalid(bad.clone()),
        }
    }
}

/// How a type is read from each kind of JSON value. Every method has a default that reports
/// the value as the wrong kind, so a type only says what it accepts. None of them fails: the
/// worst outcome is [`Reading::Invalid`].
pub trait FromJson: Sized {
    fn from_text(text: &str) -> Reading<Self> {
        Reading::Invalid(Invalid::wrong(JsonKind::Text, text))
    }

    fn from_number(number: Number) -> Reading<Self> {
        Reading::Invalid(Invalid::wrong(JsonKind::Number, &number.to_string()))
    }

    fn from_flag(flag: bool) -> Reading<Self> {
        Reading::Invalid(Invalid::wrong(JsonKind::Boolean, &flag.to_string()))
    }

    /// Reads an object. Types that are not objects skip it and report it.
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Reading<Self>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Reading::Invalid(Invalid::wrong(JsonKind::Object, "")))
    }

    /// Reads an array. Types that are not lists skip it and report it.
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Reading<Self>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Reading::Invalid(Invalid::wrong(JsonKind::Array, "")))
    }
}

/// A JSON number as serde_json hands it over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Unsigned(n) => n as f64,
            Number::Signed(n) => n as f64,
            Number::Float(n) => n,
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Unsigned(n) => write!(f, "{n}"),
            Number::Signed(n) => write!(f, "{n}"),
            Number::Float(n) => write!(f, "{n}"),
        }
    }
}

impl<'de, T: FromJson> Deserialize<'de> for Reading<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ReadingVisitor(PhantomData))
    }
}

struct ReadingVisitor<T>(PhantomData<T>);

impl<'de, T: FromJson> Visitor<'de> for ReadingVisitor<T> {
    type Value = Reading<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Reading::Missing)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Reading::Missing)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(T::from_flag(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(T::from_number(Number::Unsigned(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(T::from_number(Number::Signed(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(T::from_number(Number::Float(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(T::from_text(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::from_map(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::from_seq(seq)
    }
}

/// A JSON list of `T`, element by element. Null elements are kept as [`Reading::Missing`] so
/// the UI can say how many were skipped.
pub type List<T> = Reading<Vec<Reading<T>>>;

impl<T: FromJson> FromJson for Vec<Reading<T>> {
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Reading<Self>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<Reading<T>>()? {
            items.push(item);
        }
        Ok(Reading::Present(items))
    }

    fn from_text(text: &str) -> Reading<Self> {
        Reading::Invalid(text_instead_of_structure(text))
    }
}

/// Reading of text where an object or list belongs. PowerShell's depth-cut stand-ins get their
/// own diagnosis because the fix (re-export with `-Depth`) is specific.
pub fn text_instead_of_structure(text: &str) -> Invalid {
    let t = text.trim();
    let is_powershell = t.starts_with("@{")
        || t.starts_with("System.")
        || t.starts_with("Microsoft.Graph.")
        || t.ends_with("[]") && !t.contains(' ');
    if is_powershell {
        Invalid::new(Why::PowerShellDepth, t)
    } else {
        Invalid::wrong(JsonKind::Text, t)
    }
}

/// Iterates over the readable items of a list, skipping null and unreadable entries.
pub fn items<T>(list: &List<T>) -> impl Iterator<Item = &T> {
    list.value()
        .into_iter()
        .flatten()
        .filter_map(Reading::value)
}

/// Documentation templates fill typed properties with the type's name.
const PLACEHOLDERS: &[&str] = &[
    "Single",
    "Double",
    "Float",
    "Int16",
    "Int32",
    "Int64",
    "Integer",
    "Decimal",
    "String",
    "Boolean",
    "Duration",
    "DateTimeOffset",
    "Guid",
];

/// True for the literal type names that documentation templates use as values.
pub fn is_placeholder(text: &str) -> bool {
    PLACEHOLDERS.contains(&text.trim())
}

// Plain numbers (`Float`, `Int32`, `Int64` in Graph's metadata).
impl FromJson for f64 {
    fn from_number(number: Number) -> Reading<Self> {
        Reading::Present(number.as_f64())
    }

    fn from_text(text: &str) -> Reading<Self> {
        let t = text.trim();
        if is_placeholder(t) {
            return Reading::Invalid(Invalid::new(Why::Placeholder, t));
        }
        if is_non_finite_word(t) {
            return Reading::Invalid(Invalid::new(Why::NotFinite, t));
        }
        match parse_plain_decimal(t) {
            Some(v) => Reading::Noted(v, Note::NumberAsText),
            None => Reading::Invalid(Invalid::new(Why::Unparseable, t)),
        }
    }
}

fn is_non_finite_word(t: &str) -> bool {
    let lower = t.trim_start_matches(['-', '+']).to_ascii_lowercase();
    matches!(lower.as_str(), "nan" | "inf" | "infinity")
}

/// Parses `"0.0247"`, `"-3"` or `"1e-2"`, and nothing else: Rust's own float parser also takes
/// `"inf"` and `"NaN"`, which are not measurements.
pub fn parse_plain_decimal(t: &str) -> Option<f64> {
    let plain = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && t.bytes().any(|b| b.is_ascii_digit());
    if !plain {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

// Booleans (`isTest`, `wasMediaBypassed`, …).
impl FromJson for bool {
    fn from_flag(flag: bool) -> Reading<Self> {
        Reading::Present(flag)
    }

    fn from_text(text: &str) -> Reading<Self> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("true") {
            Reading::Noted(true, Note::FlagAsText)
        } else if t.eq_ignore_ascii_case("false") {
            Reading::Noted(false, Note::FlagAsText)
        } else if is_placeholder(t) {
            Reading::Invalid(Invalid::new(Why::Placeholder, t))
        } else {
            Reading::Invalid(Invalid::new(Why::Unparseable, t))
        }
    }
}

// Free text (ids, names, addresses). Numbers are accepted as text because ids such as
// `streamId` are sometimes written unquoted by scripts.
impl FromJson for String {
    fn from_text(text: &str) -> Reading<Self> {
        Reading::Present(text.to_owned())
    }

    fn from_number(number: Number) -> Reading<Self> {
        Reading::Noted(number.to_string(), Note::TextFromScalar)
    }

    fn from_flag(flag: bool) -> Reading<Self> {
        Reading::Noted(flag.to_string(), Note::TextFromScalar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: FromJson>(json: &str) -> Reading<T> {
        serde_json::from_str(json).expect("a Reading accepts any well-formed JSON value")
    }

    #[test]
    fn numbers_are_read_from_json_numbers_and_plain_decimal_text() {
        let cases: &[(&str, Reading<f64>)] = &[
            ("0.0247", Reading::Present(0.0247)),
            ("13872", Reading::Present(13872.0)),
            ("-21", Reading::Present(-21.0)),
            ("\"0.0247\"", Reading::Noted(0.0247, Note::NumberAsText)),
            ("\"1e-2\"", Reading::Noted(0.01, Note::NumberAsText)),
            ("null", Reading::Missing),
        ];
        for (json, expected) in cases {
            assert_eq!(&read::<f64>(json), expected, "reading {json}");
        }
    }

    #[test]
    fn unreadable_numbers_are_invalid_with_the_reason() {
        let cases: &[(&str, Why)] = &[
            ("\"Single\"", Why::Placeholder),
            ("\"Double\"", Why::Placeholder),
            ("\"NaN\"", Why::NotFinite),
            ("\"INF\"", Why::NotFinite),
            ("\"-INF\"", Why::NotFinite),
            ("\"infinity\"", Why::NotFinite),
            ("\"12 ms\"", Why::Unparseable),
            ("\"\"", Why::Unparseable),
            ("true", Why::WrongType(JsonKind::Boolean)),
            ("{\"a\": 1}", Why::WrongType(JsonKind::Object)),
            ("[1, 2]", Why::WrongType(JsonKind::Array)),
        ];
        for (json, why) in cases {
            let got = read::<f64>(json);
            assert_eq!(
                got.invalid().map(|i| i.why),
                Some(*why),
                "reading {json} gave {got:?}"
            );
        }
    }

    #[test]
    fn flags_given_as_text_are_never_truthy_by_accident() {
        assert_eq!(
            read::<bool>("\"false\""),
            Reading::Noted(false, Note::FlagAsText)
        );
        assert_eq!(
            read::<bool>("\"TRUE\""),
            Reading::Noted(true, Note::FlagAsText)
        );
        assert_eq!(read::<bool>("false"), Reading::Present(false));
        assert!(
            read::<bool>("\"no\"").invalid().is_some(),
            "\"no\" is not a flag"
        );
        assert!(read::<bool>("1").invalid().is_some(), "1 is not a flag");
    }

    #[test]
    fn lists_keep_null_elements_and_report_text_in_place_of_a_list() {
        let list: List<f64> = read("[1, null, \"x\"]");
        let items = list.value().expect("a list");
        assert_eq!(items.len(), 3);
        assert!(items[1].is_missing());
        assert!(items[2].invalid().is_some());

        let cut: List<f64> = read("\"System.Object[]\"");
        assert_eq!(cut.invalid().map(|i| i.why), Some(Why::PowerShellDepth));
    }

    #[test]
    fn previews_are_cut_on_a_character_boundary() {
        let long = "é".repeat(100);
        let cut = preview(&long);
        assert_eq!(cut.chars().count(), 61, "60 characters plus the ellipsis");
    }
}
