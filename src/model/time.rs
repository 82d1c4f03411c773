//! Durations and moments as Graph writes them, and the exporters' variants of both.
//!
//! Graph writes `Edm.Duration` as ISO 8601 (`PT0.0661S` is 66.1 ms, `PT1M6.1S` is 66.1 s) and
//! `DateTimeOffset` as RFC 3339 with up to seven fraction digits; `iso` parses both grammars. The
//! rules that are ours sit here: calendar units and negative values are not durations, a time
//! without a zone is not a moment, and .NET's `TimeSpan` and `/Date(ms)/` forms are read with a
//! note rather than guessed.

use serde::de::{IgnoredAny, MapAccess};

use super::iso::{self, DurationError, Moment, TimestampError};
use super::reading::{is_placeholder, FromJson, Invalid, Note, Number, Reading, Why};

/// A length of time in milliseconds, never negative.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Millis(pub f64);

/// A moment in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant(pub Moment);

impl Instant {
    /// Milliseconds from `self` to `later`; negative when `later` is earlier.
    pub fn millis_until(self, later: Instant) -> f64 {
        let seconds = (later.0.seconds - self.0.seconds) as f64;
        let nanos = f64::from(later.0.nanos) - f64::from(self.0.nanos);
        seconds * 1000.0 + nanos / 1_000_000.0
    }

    /// `2024-03-12 09:14:05.441 UTC`, rounded to the millisecond: what a person compares.
    pub fn display_utc(self) -> String {
        let (y, mo, d, h, mi, s, ms) = self.0.parts();
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{ms:03} UTC")
    }

    /// `09:14:05.441`, for places where the date is already on screen.
    pub fn display_time(self) -> String {
        let (.., h, mi, s, ms) = self.0.parts();
        format!("{h:02}:{mi:02}:{s:02}.{ms:03}")
    }

    /// RFC 3339 in UTC with milliseconds, for the CSV.
    pub fn rfc3339(self) -> String {
        let (y, mo, d, h, mi, s, ms) = self.0.parts();
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
    }
}

impl FromJson for Millis {
    fn from_text(text: &str) -> Reading<Self> {
        let t = text.trim();
        if is_placeholder(t) {
            return Reading::Invalid(Invalid::new(Why::Placeholder, t));
        }
        if t.starts_with(['P', 'p', '-', '+']) {
            return parse_iso_duration(t);
        }
        match parse_timespan(t) {
            Some(ms) if ms < 0.0 => Reading::Invalid(Invalid::new(Why::NegativeDuration, t)),
            Some(ms) => Reading::Noted(Millis(ms), Note::TimeSpanText),
            None => Reading::Invalid(Invalid::new(Why::Unparseable, t)),
        }
    }

    /// `{"Ticks": 661000, "TotalMilliseconds": 66.1, …}` as PowerShell writes a `TimeSpan`.
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Reading<Self>, A::Error> {
        let mut ticks = None;
        let mut total_ms = None;
        while let Some(key) = map.next_key::<String>()? {
            if key.eq_ignore_ascii_case("TotalMilliseconds") {
                total_ms = map.next_value::<Reading<f64>>()?.value().copied();
            } else if key.eq_ignore_ascii_case("Ticks") {
                ticks = map.next_value::<Reading<f64>>()?.value().copied();
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }

        // A tick is 100 ns; TotalMilliseconds is a rounded copy of the same value.
        match ticks.map(|t| t / 10_000.0).or(total_ms) {
            Some(ms) if ms >= 0.0 => Ok(Reading::Noted(Millis(ms), Note::TimeSpanObject)),
            Some(ms) => Ok(Reading::Invalid(Invalid::new(
                Why::NegativeDuration,
                &ms.to_string(),
            ))),
            None => Ok(Reading::Invalid(Invalid::new(
                Why::WrongType(super::reading::JsonKind::Object),
                "",
            ))),
        }
    }

    fn from_number(number: Number) -> Reading<Self> {
        // A bare number has no unit: seconds and milliseconds both occur in exports, so it is
        // reported rather than guessed.
        Reading::Invalid(Invalid::new(
            Why::WrongType(super::reading::JsonKind::Number),
            &number.to_string(),
        ))
    }
}

fn parse_iso_duration(t: &str) -> Reading<Millis> {
    match iso::parse_duration(t) {
        Ok(ms) => Reading::Present(Millis(ms)),
        Err(DurationError::Calendar) => Reading::Invalid(Invalid::new(Why::CalendarDuration, t)),
        Err(DurationError::Negative) => Reading::Invalid(Invalid::new(Why::NegativeDuration, t)),
        Err(DurationError::Syntax) => Reading::Invalid(Invalid::new(Why::Unparseable, t)),
    }
}

/// Reads .NET `TimeSpan` text, `[-][d.]hh:mm:ss[.fffffff]`, into milliseconds.
fn parse_timespan(t: &str) -> Option<f64> {
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, t),
    };
    let mut parts = body.split(':');
    let (first, minutes, seconds) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (days, hours) = match first.split_once('.') {
        Some((d, h)) => (digits(d)?, digits(h)?),
        None => (0.0, digits(first)?),
    };
    let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
    let (minutes, whole) = (digits(minutes)?, digits(whole)?);
    if minutes >= 60.0 || whole >= 60.0 || hours >= 24.0 && days > 0.0 {
        return None;
    }
    // The fraction is read as the decimal it is: dividing its digits by 10^len gave NaN
    // (infinity over infinity) for a fraction of 309 digits or more.
    let fraction = if fraction.is_empty() {
        0.0
    } else if fraction.bytes().all(|b| b.is_ascii_digit()) {
        format!("0.{fraction}").parse().ok()?
    } else {
        return None;
    };
    let seconds = days * 86_400.0 + hours * 3_600.0 + minutes * 60.0 + whole + fraction;

    // Hundreds of digits in the hours or days overflow to infinity, which is not a duration.
    Some(sign * seconds * 1_000.0).filter(|ms| ms.is_finite())
}

fn digits(s: &str) -> Option<f64> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

impl FromJson for Instant {
    fn from_text(text: &str) -> Reading<Self> {
        let t = text.trim();
        if is_placeholder(t) {
            return Reading::Invalid(Invalid::new(Why::Placeholder, t));
        }
        match iso::parse_timestamp(t) {
            Ok(moment) => return Reading::Present(Instant(moment)),
            Err(TimestampError::NoZone) => {
                return Reading::Invalid(Invalid::new(Why::NoTimeZone, t));
            }
            Err(TimestampError::Syntax) => {}
        }
        match parse_dotnet_date(t) {
            Some(moment) => Reading::Noted(Instant(moment), Note::DotNetDate),
            None => Reading::Invalid(Invalid::new(Why::Unparseable, t)),
        }
    }
}

/// Reads `/Date(1710234845441)/` or `/Date(1710234845441+0100)/`. The offset only says which
/// zone the writer was in; the milliseconds are already UTC.
fn parse_dotnet_date(t: &str) -> Option<Moment> {
    let inner = t.strip_prefix("/Date(")?.strip_suffix(")/")?;
    // The first character may be the number's own sign, so the offset's sign is looked for
    // after it. `get` rather than indexing: `/Date()/` has no first character, and a non-ASCII
    // one ends before byte 1; neither starts a number.
    let digits_end = inner
        .get(1..)?
        .find(['+', '-'])
        .map_or(inner.len(), |i| i + 1);
    let ms: i64 = inner[..digits_end].parse().ok()?;
    // The range of dates a person could mean; beyond it the arithmetic would overflow.
    // `unsigned_abs`: `abs` itself overflows on `i64::MIN`.
    (ms.unsigned_abs() < 253_402_300_800_000).then(|| Moment::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duration(json: &str) -> Reading<Millis> {
        serde_json::from_str(json).expect("a duration reading never fails on valid JSON")
    }

    fn ms(json: &str) -> f64 {
        duration(json)
            .value()
            .unwrap_or_else(|| panic!("{json} should read"))
            .0
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn iso_durations_become_milliseconds() {
        let cases: &[(&str, f64)] = &[
            ("\"PT0.0661S\"", 66.1),
            ("\"PT0.019S\"", 19.0),
            ("\"PT1M6.1S\"", 66_100.0),
            ("\"PT1H\"", 3_600_000.0),
            ("\"P1DT2S\"", 86_402_000.0),
            ("\"PT0S\"", 0.0),
            ("\"PT0,5S\"", 500.0),
            ("\"PT1M6.1191588S\"", 66_119.158_8),
        ];
        for (json, expected) in cases {
            assert!(
                close(ms(json), *expected),
                "{json} is {expected} ms, got {}",
                ms(json)
            );
        }
    }

    #[test]
    fn negative_and_calendar_durations_are_invalid() {
        let cases: &[(&str, Why)] = &[
            ("\"-PT1M28.6559915S\"", Why::NegativeDuration),
            ("\"P1M\"", Why::CalendarDuration),
            ("\"P1Y\"", Why::CalendarDuration),
            ("\"P2W\"", Why::CalendarDuration),
            ("\"Duration\"", Why::Placeholder),
            ("\"soon\"", Why::Unparseable),
            (
                "0.066",
                Why::WrongType(super::super::reading::JsonKind::Number),
            ),
        ];
        for (json, why) in cases {
            assert_eq!(
                duration(json).invalid().map(|i| i.why),
                Some(*why),
                "{json}"
            );
        }
    }

    #[test]
    fn month_and_minute_are_not_confused() {
        assert!(close(ms("\"PT1M\""), 60_000.0), "PT1M is one minute");
        assert!(
            duration("\"P1M\"").invalid().is_some(),
            "P1M is one month, not a duration"
        );
    }

    #[test]
    fn dotnet_timespans_are_read_with_a_note() {
        let text = duration("\"00:00:00.0661000\"");
        assert_eq!(text.note(), Some(Note::TimeSpanText));
        assert!(close(text.value().expect("read").0, 66.1));
        assert!(close(ms("\"1.02:03:04.5\""), 93_784_500.0));

        let object = duration(r#"{"Ticks": 661000, "Days": 0, "TotalMilliseconds": 66.1}"#);
        assert_eq!(object.note(), Some(Note::TimeSpanObject));
        assert!(close(object.value().expect("read").0, 66.1));
    }

    fn instant(json: &str) -> Reading<Instant> {
        serde_json::from_str(json).expect("an instant reading never fails on valid JSON")
    }

    #[test]
    fn timestamps_keep_every_precision_and_offset() {
        let seven = instant("\"2024-05-18T12:29:12.0605236+00:00\"");
        let five = instant("\"2024-05-18T12:29:12.06052Z\"");
        let none = instant("\"2024-05-18T12:29:12Z\"");
        assert_eq!(
            seven.value().expect("7 digits").display_utc(),
            "2024-05-18 12:29:12.061 UTC"
        );
        assert_eq!(
            five.value().expect("5 digits").display_time(),
            "12:29:12.061"
        );
        assert_eq!(
            none.value().expect("0 digits").display_time(),
            "12:29:12.000"
        );

        let offset = instant("\"2017-01-01T00:03:15.6077862+03:00\"");
        assert_eq!(
            offset.value().expect("offset").display_utc(),
            "2016-12-31 21:03:15.608 UTC"
        );
    }

    #[test]
    fn a_time_without_zone_is_not_read_as_local_time() {
        let got = instant("\"2024-05-18T12:29:12.06\"");
        assert_eq!(got.invalid().map(|i| i.why), Some(Why::NoTimeZone));
    }

    #[test]
    fn dotnet_dates_are_utc_milliseconds() {
        let got = instant(r#""\/Date(1710234845441)\/""#);
        assert_eq!(got.note(), Some(Note::DotNetDate));
        assert_eq!(
            got.value().expect("read").display_utc(),
            "2024-03-12 09:14:05.441 UTC"
        );
        let offset = instant(r#""\/Date(1710234845441+0100)\/""#);
        assert_eq!(
            offset.value().expect("read").display_utc(),
            "2024-03-12 09:14:05.441 UTC"
        );
    }
}
