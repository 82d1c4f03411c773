//! What the fuzz targets run: one input through the whole loading path, as the app does it.
//!
//! `load` → `analyse` → `streams_csv`, then everything the summary, the cards and the CSV ask of
//! the report (names, failures, verdict texts, units, device problems). Reaching the end without a
//! panic is the main check; on top of that, a few invariants from ARCHITECTURE.md are asserted
//! because breaking them is as wrong as a crash: the CSV has one well-formed row per stream, and
//! no number in it is `NaN` or infinite ("missing is never zero", and never `NaN` either).
//!
//! The targets themselves only choose the text; see `fuzz_targets/`.

use callscope::analysis::units::{
    format_bits_per_second, format_count, format_decimal, format_fps, format_length, format_ms,
    format_percent, format_ratio_percent, show, show_enum, show_link_speed, show_mac, show_text,
};
use callscope::analysis::{analyse, Report};
use callscope::export::{streams_csv, HEADER};
use callscope::load::{load, NotCallRecord, Outcome, SyntaxError};
use callscope::model::{Millis, Reading};

/// Runs one input through loading, analysis, the CSV and the report's display helpers.
pub fn exercise(text: &str) {
    match load(text) {
        Outcome::Document(document) => {
            let _ = document.shape.describe();
            let report = analyse(*document);
            check_report(&report);
        }
        Outcome::NotCallRecord(other) => describe_other(&other),
        Outcome::Unreadable(error) => check_syntax_error(&error),
    }
}

/// Raw bytes as the text area would get them: the bytes themselves when they are UTF-8, else
/// their lossy decoding (a file read as text replaces bad bytes the same way).
pub fn exercise_bytes(data: &[u8]) {
    match std::str::from_utf8(data) {
        Ok(text) => exercise(text),
        Err(_) => exercise(&String::from_utf8_lossy(data)),
    }
}

/// Skeletons that put the fuzzer's bytes deep inside a call record, so that mutations land in
/// the properties that carry values (stream metrics, devices, endpoints, failure info) instead
/// of being spent on rediscovering the nesting. The first input byte picks one.
const SKELETONS: &[(&str, &str)] = &[
    // A whole stream object, and a stream's properties inside an audio media.
    (
        r##"{"sessions":[{"segments":[{"media":[{"streams":["##,
        r##"]}]}]}]}"##,
    ),
    (
        r##"{"sessions":[{"segments":[{"media":[{"label":"main-audio","streams":[{"streamDirection":"callerToCallee","packetUtilization":900,"##,
        r##"}]}]}]}]}"##,
    ),
    // A video and a screen-sharing stream, received by a participant and by a service.
    (
        r##"{"sessions":[{"segments":[{"caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint"},"callee":{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint"},"media":[{"label":"main-video","streams":[{"streamDirection":"calleeToCaller","packetUtilization":900,"##,
        r##"}]}]}]}]}"##,
    ),
    (
        r##"{"sessions":[{"segments":[{"media":[{"label":"applicationsharing-video","streams":[{"streamDirection":"callerToCallee","##,
        r##"}]}]}]}]}"##,
    ),
    // A media's properties (devices, networks, label).
    (r##"{"sessions":[{"segments":[{"media":[{"##, r##"}]}]}]}"##),
    // A segment's properties (endpoints, failure info, times) and a whole segment.
    (
        r##"{"id":"c","type":"peerToPeer","sessions":[{"id":"s","segments":[{"##,
        r##"}]}]}"##,
    ),
    (
        r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('c')/sessions('s')/segments","value":["##,
        r##"]}"##,
    ),
    // A session's properties, and a call record's.
    (r##"{"sessions":[{"##, r##"}]}"##),
    (
        r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords(sessions(segments()))/$entity","##,
        r##"}"##,
    ),
];

/// Wraps the fuzzer's bytes (after the first, which picks the skeleton) in a call record.
pub fn wrap(data: &[u8]) -> String {
    let Some((&pick, rest)) = data.split_first() else {
        return String::new();
    };
    let (open, close) = SKELETONS[usize::from(pick) % SKELETONS.len()];
    let inner = String::from_utf8_lossy(rest);
    let mut text = String::with_capacity(open.len() + inner.len() + close.len());
    text.push_str(open);
    text.push_str(&inner);
    text.push_str(close);
    text
}

fn describe_other(other: &NotCallRecord) {
    match other {
        NotCallRecord::GraphError(error) => {
            let _ = format!("{error:?}");
        }
        NotCallRecord::Notification(records) => {
            for record in records {
                assert!(
                    !record.id.is_empty(),
                    "a notified call record has an id: {records:?}"
                );
            }
        }
        NotCallRecord::CallRecordList(_)
        | NotCallRecord::OtherResource(_)
        | NotCallRecord::NotAnObject
        | NotCallRecord::Empty => {}
    }
}

fn check_syntax_error(error: &SyntaxError) {
    let _ = error.to_string();
    if let Some(truncation) = error.truncation {
        let _ = truncation.to_string();
    }
    assert!(
        error.line >= 1 && error.column >= 1,
        "positions are 1-based: {error:?}"
    );
    assert!(
        error.caret <= error.excerpt.chars().count(),
        "the caret points into the excerpt or just past it: {error:?}"
    );
}

fn check_report(report: &Report) {
    // The summary.
    let _ = report.looks_like_doc_example();
    let _ = report.placeholder_count();
    let _ = report.negative_duration_count();
    let _ = report.call_id();
    let _ = report.totals.rollup.describe();
    if let Some(ms) = report.time.length_ms {
        let _ = format_length(ms);
        let _ = format_decimal(ms / 1000.0, 3);
    }
    if let Some(start) = report.time.start {
        let _ = start.display_utc();
    }
    let listed = report.device_problems().count();
    assert_eq!(
        listed, report.totals.device_problems,
        "device_problems() lists every problem the totals count"
    );
    for (_, _, problem) in report.device_problems() {
        let _ = problem.describe();
    }

    // The cards.
    for session in &report.sessions {
        let _ = (&session.caller.name, &session.callee.name);
        let _ = session.failure.headline();
        if let Some(ms) = session.time.length_ms {
            let _ = format_length(ms);
        }
        for segment in &session.segments {
            let _ = segment.failure.headline();
            let _ = segment.rollup.describe();
            if let Some(ms) = segment.gap_before_ms {
                let _ = format_length(ms.abs());
            }
            if let Some(ms) = segment.time.length_ms {
                let _ = format_length(ms);
            }
            for media in &segment.media {
                let _ = media.kind.describe();
                if let Some(network) = media.media.caller_network.value() {
                    let _ = show_link_speed(&network.link_speed);
                    let _ = show_mac(&network.mac_address);
                    let _ = show_text(&network.ip_address);
                    let _ = show_enum(&network.connection_type);
                }
                for stream in &media.streams {
                    let _ = stream.verdict.explain();
                    let _ = stream.verdict.word().label();
                    show_stream(&stream.stream);
                }
            }
        }
    }

    check_csv(report);
}

/// Formats a stream's metrics the way the stream table does.
fn show_stream(s: &callscope::model::MediaStream) {
    let ms = |r: &Reading<Millis>| {
        if let Some(m) = r.value() {
            assert!(
                m.0.is_finite() && m.0 >= 0.0,
                "a duration reads as a finite, non-negative number of milliseconds, got {r:?}"
            );
        }
        show(r, |m| format_ms(m.0), |_| None)
    };
    let _ = ms(&s.average_jitter);
    let _ = ms(&s.max_jitter);
    let _ = ms(&s.average_round_trip_time);
    let _ = ms(&s.max_round_trip_time);
    let _ = ms(&s.average_audio_network_jitter);
    let _ = ms(&s.average_freeze_duration);
    let _ = show(
        &s.average_packet_loss_rate,
        |v| format_ratio_percent(*v),
        |_| None,
    );
    let _ = show(&s.packet_utilization, |v| format_count(*v), |_| None);
    let _ = show(
        &s.average_bandwidth_estimate,
        |v| format_bits_per_second(*v),
        |_| None,
    );
    let _ = show(&s.average_video_frame_rate, |v| format_fps(*v), |_| None);
    let _ = show(
        &s.average_video_frame_loss_percentage,
        |v| format_percent(*v),
        |_| None,
    );
    let _ = show(&s.start, |t| t.display_utc(), |_| None);
    let _ = show(&s.end, |t| t.rfc3339(), |_| None);
}

/// The CSV reads back as one row of `HEADER.len()` fields per stream, and its number columns
/// hold finite numbers or nothing.
fn check_csv(report: &Report) {
    let csv_text = streams_csv(report);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let header = reader.headers().expect("the CSV has a header").clone();
    assert_eq!(header.len(), HEADER.len(), "the header is the contract");

    let mut rows = 0;
    for row in reader.records() {
        let row = row.unwrap_or_else(|e| panic!("the CSV reads back: {e}\n{csv_text}"));
        assert_eq!(
            row.len(),
            HEADER.len(),
            "every row has every column: {row:?}"
        );
        // The number columns: empty when the input had nothing readable, else a finite number.
        for (name, field) in HEADER.iter().zip(row.iter()) {
            if is_number_column(name) {
                assert!(
                    field.is_empty() || field.parse::<f64>().is_ok_and(f64::is_finite),
                    "column {name} holds {field:?}: a missing or unreadable value must be empty"
                );
            }
        }
        rows += 1;
    }
    assert_eq!(
        rows, report.totals.streams,
        "the CSV has one row per stream"
    );
}

/// The CSV's metric columns, which name their unit; ids, names, codecs and flags are text.
fn is_number_column(name: &str) -> bool {
    const UNITS: &[&str] = &["_ms", "_ratio", "_percent", "_bps", "_fps", "_nmos"];
    name == "packet_utilization" || UNITS.iter().any(|unit| name.ends_with(unit))
}
