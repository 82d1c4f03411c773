//! ISO 8601 durations and RFC 3339 timestamps, the two grammars Graph writes time in.
//!
//! Hand-written on purpose: the subset Graph uses is small and fully specified (durations of
//! days, hours, minutes and fractional seconds; UTC timestamps with up to seven fraction digits
//! and an offset), while a general date-time library added about 110 KB to the WebAssembly
//! build, a third of the size budget. The rules that matter to a reader of call records are
//! explicit here: years, months and weeks are not lengths of time, a negative duration is not
//! a measurement, and a time without a zone is not a moment.

/// Why a duration was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationError {
    /// Not ISO 8601 duration syntax.
    Syntax,
    /// Years, months or weeks: not fixed lengths of time.
    Calendar,
    /// A leading minus: Graph never reports negative durations.
    Negative,
}

/// Reads `PT0.0661S`, `PT1M6.1S`, `P1DT2H`, `PT0,5S` into milliseconds.
pub fn parse_duration(text: &str) -> Result<f64, DurationError> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let rest = rest.strip_prefix(['P', 'p']).ok_or(DurationError::Syntax)?;
    let (date_part, time_part) = match rest.find(['T', 't']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };

    let mut ms = 0.0;
    let mut calendar = false;
    let mut any = false;
    for (value, unit) in components(date_part)? {
        any = true;
        match unit.to_ascii_uppercase() {
            b'Y' | b'M' | b'W' => calendar |= value != 0.0,
            b'D' => ms += value * 86_400_000.0,
            _ => return Err(DurationError::Syntax),
        }
    }
    if let Some(time_part) = time_part {
        let parts = components(time_part)?;
        if parts.is_empty() {
            return Err(DurationError::Syntax);
        }
        for (value, unit) in parts {
            any = true;
            ms += value
                * match unit.to_ascii_uppercase() {
                    b'H' => 3_600_000.0,
                    b'M' => 60_000.0,
                    b'S' => 1_000.0,
                    _ => return Err(DurationError::Syntax),
                };
        }
    }

    if !any || !ms.is_finite() {
        Err(DurationError::Syntax)
    } else if calendar {
        Err(DurationError::Calendar)
    } else if negative && ms != 0.0 {
        Err(DurationError::Negative)
    } else {
        Ok(ms)
    }
}

/// Splits `1DT…`-free text such as `1H2M3.5S` into (number, unit letter) pairs, in order, each
/// unit once. A fraction (`.` or `,`) is allowed only on the last component.
fn components(text: &str) -> Result<Vec<(f64, u8)>, DurationError> {
    let mut out: Vec<(f64, u8)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .ok_or(DurationError::Syntax)?;
        let (number, unit) = (&rest[..end], rest.as_bytes()[end]);
        if number.is_empty() || !unit.is_ascii_alphabetic() {
            return Err(DurationError::Syntax);
        }
        if out.iter().any(|(_, u)| u.eq_ignore_ascii_case(&unit)) {
            return Err(DurationError::Syntax);
        }
        if out.last().is_some_and(|(v, _)| v.fract() != 0.0) {
            return Err(DurationError::Syntax);
        }
        let value: f64 = number
            .replace(',', ".")
            .parse()
            .map_err(|_| DurationError::Syntax)?;
        out.push((value, unit));
        rest = &rest[end + 1..];
    }
    Ok(out)
}

/// A moment: seconds since 1970-01-01T00:00:00Z and nanoseconds within the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    pub seconds: i64,
    pub nanos: u32,
}

/// What a timestamp lacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampError {
    Syntax,
    /// A valid date and time without `Z` or an offset.
    NoZone,
}

/// Reads RFC 3339 (`2024-05-18T12:29:12.0605236+00:00`, `…Z`, any number of fraction digits).
pub fn parse_timestamp(text: &str) -> Result<Moment, TimestampError> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Result<i64, TimestampError> {
        let digits = b.get(from..from + len).ok_or(TimestampError::Syntax)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return Err(TimestampError::Syntax);
        }
        Ok(digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));

    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if !at(4, b"-") || !at(7, b"-") || !(1..=12).contains(&month) {
        return Err(TimestampError::Syntax);
    }
    if !(1..=days_in_month(year, month)).contains(&day) {
        return Err(TimestampError::Syntax);
    }
    if !at(10, b"Tt ") {
        return Err(if b.len() == 10 {
            TimestampError::NoZone
        } else {
            TimestampError::Syntax
        });
    }
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !at(13, b":") || !at(16, b":") || hour > 23 || minute > 59 || second > 60 {
        return Err(TimestampError::Syntax);
    }

    // Fraction: any number of digits; nanosecond precision is kept.
    let mut i = 19;
    let mut nanos: u32 = 0;
    if at(i, b".,") {
        let start = i + 1;
        let len = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 {
            return Err(TimestampError::Syntax);
        }
        for (k, d) in b[start..start + len.min(9)].iter().enumerate() {
            nanos += u32::from(d - b'0') * 10u32.pow(8 - k as u32);
        }
        i = start + len;
    }

    let offset_seconds = match b.get(i) {
        None => return Err(TimestampError::NoZone),
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) => {
            let hours = num(i + 1, 2)?;
            let minutes = match b.len() - i {
                3 => 0,
                5 => num(i + 3, 2)?,
                6 if b[i + 3] == b':' => num(i + 4, 2)?,
                _ => return Err(TimestampError::Syntax),
            };
            if hours > 23 || minutes > 59 {
                return Err(TimestampError::Syntax);
            }
            let s = hours * 3600 + minutes * 60;
            if *sign == b'-' {
                -s
            } else {
                s
            }
        }
        _ => return Err(TimestampError::Syntax),
    };

    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_seconds;
    Ok(Moment { seconds, nanos })
}

/// Reads an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110's IMF-fixdate), as servers
/// send in `Retry-After`.
pub fn parse_http_date(text: &str) -> Option<Moment> {
    let parts: Vec<&str> = text.split_ascii_whitespace().collect();
    let [_weekday, day, month, year, time, "GMT"] = parts[..] else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as i64 + 1;
    let stamp = format!("{year:0>4}-{month:02}-{day:0>2}T{time}Z");
    parse_timestamp(&stamp).ok()
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl Moment {
    /// Milliseconds since the epoch, as a float (sub-millisecond precision kept).
    pub fn as_millis_f64(self) -> f64 {
        self.seconds as f64 * 1000.0 + f64::from(self.nanos) / 1_000_000.0
    }

    /// The moment of a count of milliseconds since the epoch.
    pub fn from_millis(ms: i64) -> Self {
        Moment {
            seconds: ms.div_euclid(1000),
            nanos: (ms.rem_euclid(1000) * 1_000_000) as u32,
        }
    }

    /// Date and time rounded to the millisecond: (year, month, day, hour, minute, second, ms).
    pub fn parts(self) -> (i64, i64, i64, i64, i64, i64, i64) {
        let total_ms = self.seconds * 1000 + i64::from((self.nanos + 500_000) / 1_000_000);
        let (secs, ms) = (total_ms.div_euclid(1000), total_ms.rem_euclid(1000));
        let (days, of_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        (
            year,
            month,
            day,
            of_day / 3600,
            of_day / 60 % 60,
            of_day % 60,
            ms,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let ok: &[(&str, f64)] = &[
            ("PT0.0661S", 66.1),
            ("PT1M6.1S", 66_100.0),
            ("PT1M", 60_000.0),
            ("P1DT2S", 86_402_000.0),
            ("PT0,5S", 500.0),
            ("pt2s", 2_000.0),
            ("PT1.5H", 5_400_000.0),
            ("PT0S", 0.0),
            ("-PT0S", 0.0),
            ("P0M1D", 86_400_000.0),
        ];
        for (text, ms) in ok {
            let got = parse_duration(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert!((got - ms).abs() < 1e-6, "{text} is {ms} ms, got {got}");
        }
        let bad: &[(&str, DurationError)] = &[
            ("P1M", DurationError::Calendar),
            ("P1Y", DurationError::Calendar),
            ("P2W", DurationError::Calendar),
            ("-PT1S", DurationError::Negative),
            ("PT", DurationError::Syntax),
            ("P", DurationError::Syntax),
            ("PT1.5M2S", DurationError::Syntax),
            ("PT1S1S", DurationError::Syntax),
            ("PT1X", DurationError::Syntax),
            ("T1S", DurationError::Syntax),
            ("PT.S", DurationError::Syntax),
            ("PT1e5S", DurationError::Syntax),
            ("", DurationError::Syntax),
        ];
        for (text, err) in bad {
            assert_eq!(parse_duration(text), Err(*err), "{text}");
        }
    }

    #[test]
    fn timestamps() {
        let a = parse_timestamp("2024-05-18T12:29:12.0605236+00:00").expect("7 digits");
        let b = parse_timestamp("2024-05-18T12:29:12.0605236Z").expect("Z");
        assert_eq!(a, b);
        assert_eq!(a.nanos, 60_523_600);
        let offset = parse_timestamp("2017-01-01T00:03:15.6077862+03:00").expect("offset");
        assert_eq!(offset.parts(), (2016, 12, 31, 21, 3, 15, 608));
        assert_eq!(
            parse_timestamp("2024-03-12T09:14:05Z")
                .expect("none")
                .parts(),
            (2024, 3, 12, 9, 14, 5, 0)
        );
        assert_eq!(
            parse_timestamp("2024-05-18T12:29:12.06"),
            Err(TimestampError::NoZone)
        );
        assert_eq!(parse_timestamp("2024-05-18"), Err(TimestampError::NoZone));
        for bad in [
            "2024-02-30T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "24-05-18T12:29:12Z",
            "2024-05-18T25:00:00Z",
            "2024-05-18T12:29:12+0",
            "2024-05-18T12:29:12.Z",
            "soon",
            "2024-05-18T12:29:12Zx",
        ] {
            assert_eq!(parse_timestamp(bad), Err(TimestampError::Syntax), "{bad}");
        }
        assert!(
            parse_timestamp("2024-02-29T00:00:00Z").is_ok(),
            "a leap day"
        );
    }

    #[test]
    fn http_dates() {
        let got = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("an IMF-fixdate");
        assert_eq!(got.parts(), (1994, 11, 6, 8, 49, 37, 0));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 CET"), None);
        assert_eq!(parse_http_date("120"), None);
    }

    #[test]
    fn civil_days_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_794, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2024, 3, 12), 19_794);
    }

    #[test]
    fn rounding_to_the_millisecond_carries_into_the_second() {
        let m = Moment {
            seconds: 59,
            nanos: 999_600_000,
        };
        assert_eq!(m.parts(), (1970, 1, 1, 0, 1, 0, 0));
    }
}
