//! Units, formatting and display bands for every metric.
//!
//! Graph mixes units freely: durations in ISO 8601 seconds, loss as a 0..1 ratio, frame loss as
//! 0..100 percent, bandwidth in bits per second. Everything the screen shows goes through here,
//! so a number always carries its unit, a missing value says "not reported" and an unreadable one
//! says why. The bands colour a value; they never change a verdict (that is `verdict`).

use crate::model::{Millis, Reading};

/// Where a value sits against its published lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Good,
    Warning,
    Poor,
}

impl Band {
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Good => "good",
            Band::Warning => "warning",
            Band::Poor => "poor",
        }
    }
}

/// A value ready for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// "66.1 ms", "not reported", "placeholder", …
    pub text: String,
    pub state: ShownState,
    pub band: Option<Band>,
    /// A conversion note or the reason a value is unusable, for a tooltip and a footnote.
    pub note: Option<String>,
}

/// Whether a shown value is a real value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownState {
    Value,
    NotReported,
    Invalid,
}

impl Shown {
    pub fn value(text: String, band: Option<Band>) -> Self {
        Shown {
            text,
            state: ShownState::Value,
            band,
            note: None,
        }
    }

    pub fn not_reported() -> Self {
        Shown {
            text: "not reported".to_owned(),
            state: ShownState::NotReported,
            band: None,
            note: None,
        }
    }

    /// An explained non-value, such as a sentinel link speed.
    pub fn unusable(text: &str, note: String) -> Self {
        Shown {
            text: text.to_owned(),
            state: ShownState::Invalid,
            band: None,
            note: Some(note),
        }
    }

    /// True when there is a number (or text) to show.
    pub fn is_value(&self) -> bool {
        self.state == ShownState::Value
    }
}

/// Shows a reading with a formatter and an optional band.
pub fn show<T>(
    reading: &Reading<T>,
    format: impl Fn(&T) -> String,
    band: impl Fn(&T) -> Option<Band>,
) -> Shown {
    match reading {
        Reading::Missing => Shown::not_reported(),
        Reading::Present(v) => Shown::value(format(v), band(v)),
        Reading::Noted(v, note) => Shown {
            note: Some(note.describe().to_owned()),
            ..Shown::value(format(v), band(v))
        },
        Reading::Invalid(bad) => {
            let text = match bad.why {
                crate::model::Why::Placeholder => "placeholder",
                _ => "invalid",
            };
            Shown::unusable(text, bad.to_string())
        }
    }
}

/// Trims a fixed-point number's trailing zeros: `66.10` → `66.1`, `19.00` → `19`.
fn trim(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// Milliseconds with at most one decimal (two below 10 ms): `66.1 ms`, `3 ms`, `0.25 ms`.
pub fn format_ms(ms: f64) -> String {
    let digits = if ms.abs() < 10.0 { 2 } else { 1 };
    format!("{} ms", trim(format!("{ms:.digits$}")))
}

/// A 0..1 ratio as percent with two decimals: `0.0247` → `2.47 %`.
pub fn format_ratio_percent(ratio: f64) -> String {
    format_percent(ratio * 100.0)
}

/// A 0..100 value as percent with two decimals.
pub fn format_percent(percent: f64) -> String {
    format!("{percent:.2} %")
}

/// Frames per second with one decimal.
pub fn format_fps(fps: f64) -> String {
    format!("{fps:.1} fps")
}

/// Bits per second as Mb/s (two decimals) or Gb/s, or kb/s below 1 Mb/s.
pub fn format_bits_per_second(bps: f64) -> String {
    if bps >= 1e9 {
        format!("{} Gb/s", trim(format!("{:.2}", bps / 1e9)))
    } else if bps >= 1e6 {
        format!("{:.2} Mb/s", bps / 1e6)
    } else {
        format!("{} kb/s", trim(format!("{:.1}", bps / 1e3)))
    }
}

/// A whole count with thousands separators: `13872` → `13,872`.
pub fn format_count(n: f64) -> String {
    let digits = format!("{}", n.round().abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// A plain decimal with up to `digits` decimals, trailing zeros trimmed.
pub fn format_decimal(v: f64, digits: usize) -> String {
    trim(format!("{v:.digits$}"))
}

/// "1 failed session", "2 failed sessions".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A call or segment length: `4 min 37.6 s`, `1 h 2 min 5 s`, `0 s`.
pub fn format_length(ms: f64) -> String {
    let total_s = ms / 1000.0;
    let hours = (total_s / 3600.0).floor();
    let minutes = ((total_s - hours * 3600.0) / 60.0).floor();
    let seconds = total_s - hours * 3600.0 - minutes * 60.0;
    let seconds_text = format!("{} s", trim(format!("{seconds:.1}")));
    match (hours > 0.0, minutes > 0.0) {
        (true, _) => format!("{hours} h {minutes} min {seconds_text}"),
        (false, true) => format!("{minutes} min {seconds_text}"),
        (false, false) => seconds_text,
    }
}

// Bands, from quality-rules.md's display table.

pub fn band_audio_jitter(ms: &Millis) -> Option<Band> {
    Some(if ms.0 > 30.0 { Band::Poor } else { Band::Good })
}

pub fn band_round_trip(ms: &Millis) -> Option<Band> {
    Some(if ms.0 > 500.0 {
        Band::Poor
    } else if ms.0 > 100.0 {
        Band::Warning
    } else {
        Band::Good
    })
}

pub fn band_packet_loss(ratio: &f64) -> Option<Band> {
    Some(if *ratio > 0.10 {
        Band::Poor
    } else if *ratio > 0.01 {
        Band::Warning
    } else {
        Band::Good
    })
}

pub fn band_concealed(ratio: &f64) -> Option<Band> {
    Some(if *ratio > 0.07 {
        Band::Poor
    } else {
        Band::Good
    })
}

pub fn band_degradation(nmos: &f64) -> Option<Band> {
    Some(if *nmos > 1.0 {
        Band::Poor
    } else if *nmos >= 0.5 {
        Band::Warning
    } else {
        Band::Good
    })
}

pub fn band_frame_loss(percent: &f64) -> Option<Band> {
    Some(if *percent > 50.0 {
        Band::Poor
    } else {
        Band::Good
    })
}

pub fn band_video_frame_rate(fps: &f64) -> Option<Band> {
    Some(if *fps < 7.0 { Band::Poor } else { Band::Good })
}

pub fn band_vbss_frame_rate(fps: &f64) -> Option<Band> {
    Some(if *fps < 1.0 { Band::Poor } else { Band::Good })
}

pub fn band_post_fec(ratio: &f64) -> Option<Band> {
    Some(if *ratio > 0.15 {
        Band::Poor
    } else {
        Band::Good
    })
}

pub fn band_device_ratio(ratio: &f64) -> Option<Band> {
    Some(if *ratio >= 0.005 {
        Band::Poor
    } else {
        Band::Good
    })
}

pub fn no_band<T>(_: &T) -> Option<Band> {
    None
}

/// `linkSpeed`: 2³²−1 is a sentinel for "unknown", and 0 means not measured.
pub fn show_link_speed(reading: &Reading<f64>) -> Shown {
    match reading.value() {
        Some(4_294_967_295.0) => Shown::unusable(
            "unknown",
            "4294967295 (2³²−1) is what adapters report when they do not know their speed"
                .to_owned(),
        ),
        Some(0.0) => Shown::unusable("not measured", "reported as 0".to_owned()),
        _ => show(reading, |v| format_bits_per_second(*v), no_band),
    }
}

/// MAC addresses that operating systems report instead of the real one.
pub fn show_mac(reading: &Reading<String>) -> Shown {
    match reading.value() {
        Some(mac) if is_placeholder_mac(mac) => Shown::unusable(
            "hidden",
            format!("{mac} is a placeholder the operating system reports for privacy"),
        ),
        _ => show_text(reading),
    }
}

fn is_placeholder_mac(mac: &str) -> bool {
    let hex: String = mac.chars().filter(char::is_ascii_hexdigit).collect();
    hex.is_empty() || hex.chars().all(|c| c == '0') || hex.eq_ignore_ascii_case("020000000000")
}

/// Text as it came; empty text counts as not reported, and documentation templates such as
/// "Ip Address value" are flagged.
pub fn show_text(reading: &Reading<String>) -> Shown {
    match reading.value() {
        Some(t) if t.trim().is_empty() => Shown::not_reported(),
        Some(t) if looks_like_doc_text(t) => Shown {
            note: Some("documentation placeholder text, not data".to_owned()),
            ..Shown::value(t.clone(), None)
        },
        _ => show(reading, String::clone, no_band),
    }
}

/// An enum value verbatim, marked when it is outside the documented members.
pub fn show_enum<E: crate::model::GraphEnum>(reading: &Reading<E>) -> Shown {
    match reading.value() {
        Some(e) if !e.recognised() => Shown {
            note: Some("not a documented value; shown as given".to_owned()),
            ..Shown::value(e.wire().to_owned(), None)
        },
        _ => show(reading, |e| e.wire().to_owned(), no_band),
    }
}

/// Graph's documentation fills text properties with "<Property Name> value".
pub fn looks_like_doc_text(text: &str) -> bool {
    let Some(stem) = text.strip_suffix(" value") else {
        return false;
    };
    !stem.is_empty()
        && stem
            .split(' ')
            .all(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_carry_their_units() {
        assert_eq!(format_ms(66.1), "66.1 ms");
        assert_eq!(format_ms(19.0), "19 ms");
        assert_eq!(format_ms(214.5), "214.5 ms");
        assert_eq!(format_ms(0.25), "0.25 ms");
        assert_eq!(format_ratio_percent(0.02473118), "2.47 %");
        assert_eq!(format_ratio_percent(0.0), "0.00 %");
        assert_eq!(format_ratio_percent(0.00523), "0.52 %");
        assert_eq!(format_percent(4.36), "4.36 %");
        assert_eq!(format_fps(29.64), "29.6 fps");
        assert_eq!(format_bits_per_second(8_716_532.0), "8.72 Mb/s");
        assert_eq!(format_bits_per_second(10_000_000_000.0), "10 Gb/s");
        assert_eq!(format_bits_per_second(64_000.0), "64 kb/s");
        assert_eq!(format_count(13872.0), "13,872");
        assert_eq!(format_count(500.0), "500");
    }

    #[test]
    fn lengths_read_like_a_person_says_them() {
        assert_eq!(format_length(277_557.0), "4 min 37.6 s");
        assert_eq!(format_length(0.0), "0 s");
        assert_eq!(format_length(3_725_000.0), "1 h 2 min 5 s");
        assert_eq!(format_length(2_500.0), "2.5 s");
    }

    #[test]
    fn bands_sit_on_the_published_lines() {
        assert_eq!(band_audio_jitter(&Millis(30.0)), Some(Band::Good));
        assert_eq!(band_audio_jitter(&Millis(30.1)), Some(Band::Poor));
        assert_eq!(band_round_trip(&Millis(100.0)), Some(Band::Good));
        assert_eq!(band_round_trip(&Millis(100.5)), Some(Band::Warning));
        assert_eq!(band_round_trip(&Millis(500.0)), Some(Band::Warning));
        assert_eq!(band_round_trip(&Millis(500.1)), Some(Band::Poor));
        assert_eq!(band_packet_loss(&0.01), Some(Band::Good));
        assert_eq!(band_packet_loss(&0.0247), Some(Band::Warning));
        assert_eq!(band_packet_loss(&0.1), Some(Band::Warning));
        assert_eq!(band_packet_loss(&0.1001), Some(Band::Poor));
        assert_eq!(band_concealed(&0.07), Some(Band::Good));
        assert_eq!(band_concealed(&0.0710345), Some(Band::Poor));
        assert_eq!(band_degradation(&0.49), Some(Band::Good));
        assert_eq!(band_degradation(&0.93), Some(Band::Warning));
        assert_eq!(band_degradation(&1.0), Some(Band::Warning));
        assert_eq!(band_degradation(&1.48), Some(Band::Poor));
        assert_eq!(band_device_ratio(&0.0049), Some(Band::Good));
        assert_eq!(band_device_ratio(&0.005), Some(Band::Poor));
        assert_eq!(band_vbss_frame_rate(&1.0), Some(Band::Good));
        assert_eq!(band_video_frame_rate(&6.99), Some(Band::Poor));
        assert_eq!(band_post_fec(&0.15), Some(Band::Good));
        assert_eq!(band_frame_loss(&50.0), Some(Band::Good));
    }

    #[test]
    fn sentinels_and_placeholders_are_not_shown_as_numbers() {
        let sentinel = show_link_speed(&Reading::Present(4_294_967_295.0));
        assert_eq!(sentinel.text, "unknown");
        assert!(!sentinel.is_value());
        assert_eq!(
            show_link_speed(&Reading::Present(866_700_000.0)).text,
            "866.70 Mb/s"
        );
        assert!(!show_mac(&Reading::Present("02:00:00:00:00:00".into())).is_value());
        assert!(!show_mac(&Reading::Present("00-00-00-00-00-00-00-00".into())).is_value());
        assert!(show_mac(&Reading::Present("3c:22:fb:10:00:01".into())).is_value());
        assert!(looks_like_doc_text("Ip Address value"));
        assert!(!looks_like_doc_text("Example: media path lost value"));
        assert_eq!(show_text(&Reading::Missing).text, "not reported");
        assert_eq!(
            show_text(&Reading::Present(String::new())).text,
            "not reported"
        );
    }
}
