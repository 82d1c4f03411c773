//! The ticket summary on the samples, on hostile names, and on calls with nothing to report.

use std::path::PathBuf;

use super::*;
use crate::analysis::analyse;
use crate::load::{load, Outcome};

fn report_of(json: &str) -> Report {
    match load(json) {
        Outcome::Document(doc) => analyse(*doc),
        other => panic!("the input should load as call-record data, got {other:?}"),
    }
}

/// The shared samples, as `tests/samples.rs` finds them.
fn sample(name: &str) -> Report {
    let dir = match std::env::var_os("CALLSCOPE_SAMPLES") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples"),
    };
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    report_of(&text)
}

/// The table's lines: header, delimiter and rows.
fn table(markdown: &str) -> Vec<&str> {
    markdown.lines().filter(|l| l.starts_with('|')).collect()
}

/// Cell separators in a table line: pipes not escaped by a backslash.
fn columns(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

#[test]
fn escaping_makes_input_text_inert() {
    let cases = [
        ("Dana Whitfield", "Dana Whitfield"),
        ("Kiosk 3 (ACS)", "Kiosk 3 (ACS)"),
        ("a|b", "a\\|b"),
        ("*bold* _em_ `code`", "\\*bold\\* \\_em\\_ \\`code\\`"),
        ("[x](http://e)", "\\[x\\]\\(http://e)"),
        ("<b>tag</b>", "\\<b\\>tag\\</b\\>"),
        ("two\r\nlines\n\nhere", "two lines here"),
        ("tab\there", "tab here"),
        ("back\\slash", "back\\\\slash"),
        ("&lt; ~x~ $y$ {z}", "\\&lt; \\~x\\~ \\$y\\$ \\{z\\}"),
    ];
    for (input, want) in cases {
        assert_eq!(escape(input), want, "escaping {input:?}");
    }
}

#[test]
fn s01_names_the_call_the_people_and_the_poor_streams_reason() {
    let md = summary_markdown(&sample("01-full-expand-p2p-audio.json"));
    assert!(
        md.starts_with("## Call record c0ffee01-5a1e-4e57-9a11-0000000000a1\n"),
        "the heading names the call: {md}"
    );
    assert!(
        md.contains("- **Call:** peerToPeer; modalities: audio"),
        "{md}"
    );
    assert!(
        md.contains("(4 min 37.6 s)"),
        "the length is worded as on screen: {md}"
    );
    assert!(
        md.contains("2024-03-12 09:14:05.441 UTC"),
        "the start is in UTC: {md}"
    );
    assert!(md.contains("- **Organizer:** Dana Whitfield"), "{md}");
    assert!(
        md.contains("Dana Whitfield, Ravi Okonkwo"),
        "participants come from the sessions when the record lists none: {md}"
    );
    assert!(
        md.contains("- **Streams:** 1 poor · 0 unclassified · 1 good"),
        "{md}"
    );

    let rows = table(&md);
    assert_eq!(
        rows.len(),
        3,
        "header, delimiter and the one poor stream: {rows:?}"
    );
    assert_eq!(
        rows[2],
        "| Ravi Okonkwo → Dana Whitfield | audio | poor: jitter 66.1 ms is above 30 ms \
         | 66.1 ms | 2.47 % | 71 ms |",
        "the poor stream's row carries the reason and the units"
    );
    assert!(
        md.contains("1. **Poor audio received by Dana Whitfield**: jitter 66.1 ms is above 30 ms"),
        "the findings name the poor stream: {md}"
    );
    assert!(
        md.trim_end()
            .ends_with("thresholds from CQD and Call Analytics._"),
        "{md}"
    );
}

#[test]
fn s07_names_the_failed_sessions_and_lists_unclassified_after_poor() {
    let md = summary_markdown(&sample("07-failed-call-failureinfo.json"));
    assert!(
        md.contains("failed mid-call"),
        "the mid-call failure is named: {md}"
    );
    assert!(
        md.contains("failed at call setup"),
        "the setup failure is named: {md}"
    );
    assert!(
        md.contains("Example: media path lost"),
        "the reason is verbatim: {md}"
    );
    assert!(md.contains("- **Failures:** 2 failed sessions"), "{md}");

    let rows = table(&md);
    let verdicts: Vec<&str> = rows[2..]
        .iter()
        .map(|r| r.split(" | ").nth(2).unwrap_or_default())
        .collect();
    let first_unclassified = verdicts.iter().position(|v| v.starts_with("unclassified"));
    let last_poor = verdicts.iter().rposition(|v| v.starts_with("poor"));
    assert!(
        last_poor.is_some(),
        "the poor streams are listed: {verdicts:?}"
    );
    if let (Some(u), Some(p)) = (first_unclassified, last_poor) {
        assert!(
            p < u,
            "poor streams come before unclassified ones: {verdicts:?}"
        );
    }
    assert!(
        rows.len() - 2 <= WORST_STREAMS_SHOWN,
        "at most five streams: {rows:?}"
    );
}

#[test]
fn hostile_names_cannot_break_the_table_or_inject_markup() {
    let json = r#"{"id": "call|*_[x](http://e)", "sessions": [{"id": "s", "segments": [{"id": "g",
      "caller": {"associatedIdentity": {"displayName": "Eve | * _ [x](http://e) <b>bold</b>\nsecond line"}},
      "callee": {"associatedIdentity": {"displayName": "`Mallory`"}},
      "media": [{"label": "main-audio", "streams": [
        {"streamDirection": "callerToCallee", "packetUtilization": 900, "averageJitter": "PT0.05S",
         "averagePacketLossRate": 0.2, "averageRoundTripTime": "PT0.6S"}]}]}]}]}"#;
    let md = summary_markdown(&report_of(json));

    let rows = table(&md);
    assert_eq!(rows.len(), 3, "one poor stream: {md}");
    let header = columns(rows[0]);
    for row in &rows {
        assert_eq!(
            columns(row),
            header,
            "every row has the header's columns: {row}"
        );
    }
    assert!(!md.contains("<b>"), "no raw tag: {md}");
    assert!(!md.contains("]("), "no link syntax: {md}");
    assert!(
        !md.contains("\nsecond line"),
        "a newline in a name does not end the line: {md}"
    );
    assert!(
        md.contains("Eve \\| \\* \\_ \\[x\\]\\(http://e) \\<b\\>bold"),
        "{md}"
    );
    assert!(
        !md.contains("<") || md.matches('<').count() == md.matches("\\<").count(),
        "{md}"
    );
}

#[test]
fn a_call_without_findings_still_gives_a_valid_summary() {
    let json = r#"{"id": "s", "segments": [{"media": [{"label": "main-audio",
      "callerNetwork": {"connectionType": "wired", "networkTransportProtocol": "udp"},
      "streams": [{"streamDirection": "callerToCallee", "packetUtilization": 9000,
        "averageJitter": "PT0.01S", "averagePacketLossRate": 0.001, "averageRoundTripTime": "PT0.05S"}]}]}]}"#;
    let md = summary_markdown(&report_of(json));
    assert!(md.starts_with("## Call record"), "{md}");
    assert!(md.contains("No findings"), "{md}");
    assert!(md.contains("No poor or unclassified streams."), "{md}");
    assert!(
        table(&md).is_empty(),
        "no table without poor or unclassified streams: {md}"
    );
    assert!(
        md.contains("- **Streams:** 0 poor · 0 unclassified · 1 good"),
        "{md}"
    );
}

#[test]
fn long_lists_are_cut_with_a_count() {
    let stream = r#"{"streamDirection": "callerToCallee", "packetUtilization": 900,
      "averageJitter": "PT0.05S", "averagePacketLossRate": 0, "averageRoundTripTime": "PT0.05S"}"#;
    let segments: Vec<String> = (0..12)
        .map(|i| {
            format!(
                r#"{{"id": "g{i}", "startDateTime": "2024-01-01T09:{i:02}:00Z",
                  "media": [{{"label": "main-audio", "streams": [{stream}]}}]}}"#
            )
        })
        .collect();
    let json = format!(r#"{{"id": "s", "segments": [{}]}}"#, segments.join(","));
    let md = summary_markdown(&report_of(&json));
    assert!(md.contains("\n10. "), "ten findings are listed: {md}");
    assert!(!md.contains("\n11. "), "no more than ten: {md}");
    assert!(md.contains("and 2 more findings."), "{md}");
    assert_eq!(
        table(&md).len(),
        2 + WORST_STREAMS_SHOWN,
        "five streams: {md}"
    );
    assert!(
        md.contains("and 7 more poor or unclassified streams."),
        "{md}"
    );
}
