//! Inputs the fuzzer (`fuzz/`, see FUZZING.md) found to break the loading path, written out.
//!
//! Each test names what used to go wrong and runs the input the way the app does: `load`, then
//! `analyse`, then the stream CSV. A fixed input must load, keep the bad value as an invalid
//! reading where it stands, and leave `NaN` and infinity out of everything that is shown.

use callscope::analysis::{analyse, Report};
use callscope::export::streams_csv;
use callscope::load::{load, Outcome};
use callscope::model::{Note, Why};

fn report(json: &str) -> Report {
    match load(json) {
        Outcome::Document(document) => analyse(*document),
        other => panic!("the input is call-record data, got {other:?}"),
    }
}

/// The first stream's CSV row, split into fields (no field of these inputs holds a comma).
fn first_row(report: &Report) -> Vec<String> {
    let csv = streams_csv(report);
    let row = csv.lines().nth(1).expect("a CSV row for the stream");
    row.split(',').map(str::to_owned).collect()
}

fn assert_no_nan_or_infinity(csv: &str) {
    for field in csv.lines().skip(1).flat_map(|line| line.split(',')) {
        assert!(
            !matches!(field, "NaN" | "inf" | "-inf"),
            "a value that cannot be read is left empty, never written as {field}:\n{csv}"
        );
    }
}

#[test]
fn dotnet_date_with_a_non_ascii_first_character_panicked() {
    // Found by the `load` target: U+FFFD (a byte that was not UTF-8, decoded lossily) right after
    // `/Date(`. Slicing the text at byte 1 cut that character in half.
    let json = r#"{"id": "seg-net", "startDateTime": "\/Date(�710234905441)\/",
                   "endDateTime": "\/Date(é)\/", "media": []}"#;
    let r = report(json);
    let segment = &r.sessions[0].segments[0].segment;
    assert_eq!(
        segment.start.invalid().map(|i| i.why),
        Some(Why::Unparseable),
        "a /Date(…)/ whose number does not start with a digit or a sign is unreadable"
    );
    assert_eq!(segment.end.invalid().map(|i| i.why), Some(Why::Unparseable));
}

#[test]
fn empty_dotnet_date_panicked() {
    // `/Date()/` has nothing after the parenthesis, and byte 1 was past the end.
    let json = r#"{"id": "seg-empty", "startDateTime": "\/Date()\/", "media": []}"#;
    let r = report(json);
    assert_eq!(
        r.sessions[0].segments[0]
            .segment
            .start
            .invalid()
            .map(|i| i.why),
        Some(Why::Unparseable),
        "an empty /Date()/ is unreadable"
    );
}

#[test]
fn dotnet_date_of_the_smallest_i64_overflowed() {
    // Found by the `load` target in the fuzz stage of scripts/test.sh: the range check took
    // `ms.abs()`, which overflows on i64::MIN (a panic with overflow checks, a wrapped negative
    // number that passed the check without them).
    let json = r#"{"id": "set", "startDateTime": "\/Date(-9223372036854775808)\/", "media": []}"#;
    let r = report(json);
    assert_eq!(
        r.sessions[0].segments[0]
            .segment
            .start
            .invalid()
            .map(|i| i.why),
        Some(Why::Unparseable),
        "a /Date(…)/ outside the years 0 to 9999 is unreadable"
    );
}

#[test]
fn timespan_with_hundreds_of_fraction_digits_read_as_nan() {
    // `digits / 10^len` is infinity over infinity once the fraction has 309 digits or more: the
    // jitter read as NaN, the CSV said "NaN", and the jitter rule let the stream pass as good.
    let nines = "9".repeat(400);
    let json = format!(
        r#"{{"media": [{{"label": "main-audio", "streams": [{{"streamDirection": "callerToCallee",
            "packetUtilization": 900, "averageJitter": "00:00:00.{nines}"}}]}}]}}"#
    );
    let r = report(&json);
    let stream = &r.sessions[0].segments[0].media[0].streams[0];
    let jitter = &stream.stream.average_jitter;
    assert_eq!(
        jitter.note(),
        Some(Note::TimeSpanText),
        "a long but well-formed TimeSpan still reads: {jitter:?}"
    );
    assert_eq!(
        jitter.value().map(|ms| ms.0),
        Some(1000.0),
        "0.999… s rounds to one second"
    );
    assert_eq!(first_row(&r)[13], "1000", "avg_jitter_ms");
    assert_no_nan_or_infinity(&streams_csv(&r));
}

#[test]
fn timespan_with_hundreds_of_digits_in_the_hours_read_as_infinity() {
    // The hours overflowed to infinity: the CSV said "inf" and the verdict read "round trip
    // inf ms is above 500 ms".
    let nines = "9".repeat(400);
    let json = format!(
        r#"{{"media": [{{"label": "main-audio", "streams": [{{"streamDirection": "callerToCallee",
            "packetUtilization": 900, "averageRoundTripTime": "{nines}:00:00",
            "maxJitter": "0.{nines}:00:00"}}]}}]}}"#
    );
    let r = report(&json);
    let stream = &r.sessions[0].segments[0].media[0].streams[0].stream;
    assert_eq!(
        stream.average_round_trip_time.invalid().map(|i| i.why),
        Some(Why::Unparseable),
        "a duration too long for a number is unreadable"
    );
    assert_eq!(
        stream.max_jitter.invalid().map(|i| i.why),
        Some(Why::Unparseable)
    );
    let csv = streams_csv(&r);
    assert_no_nan_or_infinity(&csv);
    assert!(
        !csv.contains("inf ms"),
        "no verdict quotes an infinite value:\n{csv}"
    );
}
