//! Inputs as people really have them: bare arrays, byte-order marks, PowerShell exports, SDK
//! dumps with PascalCase keys and .NET values, dates without zones, and documents that are not
//! call records. Each is read correctly, read with a note, or refused by name; never misread.

use callscope::analysis::{analyse, Report, VerdictWord};
use callscope::load::{decode, load, Encoding, NotCallRecord, Outcome, Shape};
use callscope::model::{Note, Why};

fn report(text: &str) -> Report {
    match load(text) {
        Outcome::Document(doc) => analyse(*doc),
        other => panic!("should load as call-record data, got {other:?}"),
    }
}

const AUDIO_STREAM: &str = r#"{"streamId": "9", "streamDirection": "calleeToCaller", "packetUtilization": 13655,
  "averageJitter": "PT0.0661S", "averagePacketLossRate": 0.0247, "averageRoundTripTime": "PT0.071S"}"#;

fn segment(id: &str, start: &str) -> String {
    format!(
        r#"{{"id": "{id}", "startDateTime": "{start}", "endDateTime": "2024-03-12T10:00:00Z",
            "media": [{{"label": "main-audio", "streams": [{AUDIO_STREAM}]}}]}}"#
    )
}

#[test]
fn a_bare_array_of_segments_is_a_segments_page() {
    let text = format!(
        "[{}, {}]",
        segment("b", "2024-03-12T09:30:00Z"),
        segment("a", "2024-03-12T09:00:00Z")
    );
    let r = report(&text);
    assert_eq!(r.shape, Shape::SegmentsPage);
    let ids: Vec<&str> = r.sessions[0]
        .segments
        .iter()
        .map(|s| s.segment.id.value().unwrap().as_str())
        .collect();
    assert_eq!(ids, ["a", "b"], "cards are in time order");
}

#[test]
fn a_bare_array_of_sessions_is_a_sessions_page() {
    let text = format!(
        r#"[{{"id": "s1", "segments": [{}]}}, null]"#,
        segment("g", "2024-03-12T09:00:00Z")
    );
    let r = report(&text);
    assert_eq!(r.shape, Shape::SessionsPage);
    assert_eq!(r.sessions.len(), 1);
    assert_eq!(r.null_sessions, 1);
    assert_eq!(r.totals.rollup.poor, 1, "the 66.1 ms stream is poor");
}

#[test]
fn a_byte_order_mark_is_ignored_in_text_and_named_in_bytes() {
    let text = format!("\u{feff}[{}]", segment("a", "2024-03-12T09:00:00Z"));
    assert_eq!(report(&text).totals.streams, 1);
    let (decoded, encoding) = decode(text.as_bytes().to_vec()).expect("UTF-8 with BOM decodes");
    assert_eq!(encoding, Encoding::Utf8WithBom);
    assert!(decoded.starts_with('['));
}

#[test]
fn windows_powershell_utf16_files_decode_to_the_same_report() {
    let text = format!("[{}]", segment("a", "2024-03-12T09:00:00Z"));
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (decoded, encoding) = decode(bytes).expect("UTF-16 LE decodes");
    assert_eq!(encoding, Encoding::Utf16Le);
    assert_eq!(decoded, text);
}

#[test]
fn powershell_depth_cut_renders_what_is_real_and_says_so() {
    // ConvertTo-Json's default depth of 2 writes deeper objects as type names or @{…} text.
    let text = r#"{
      "id": "c0ffee-ps", "type": "groupCall", "version": 1,
      "organizer_v2": "@{id=d7a11e00; identity=}",
      "sessions": [
        {"id": "s1", "startDateTime": "2024-03-12T09:00:00Z", "endDateTime": "2024-03-12T09:10:00Z",
         "caller": "@{userAgent=; identity=}", "segments": "System.Object[]"}
      ]
    }"#;
    let r = report(text);
    assert_eq!(r.shape, Shape::CallRecord);
    assert_eq!(r.sessions.len(), 1, "the session that is real is shown");
    assert_eq!(r.count_invalid(Why::PowerShellDepth), 3);
    assert_eq!(r.first_invalid(Why::PowerShellDepth), Some("organizer_v2"));
    assert_eq!(r.sessions[0].caller.name, "caller not reported");
}

#[test]
fn sdk_dumps_with_pascal_case_timespans_and_dotnet_dates_are_read_with_notes() {
    let text = r#"{
      "Id": "c0ffee-sdk", "Type": "peerToPeer",
      "StartDateTime": "\/Date(1710234845441)\/", "EndDateTime": "\/Date(1710235122998)\/",
      "Sessions": [{"Id": "s1", "Segments": [{"Id": "g1", "Media": [{"Label": "main-audio", "Streams": [{
        "StreamDirection": "calleeToCaller", "PacketUtilization": 13655,
        "AverageJitter": "00:00:00.0661000", "AveragePacketLossRate": "0.0247",
        "AverageRoundTripTime": {"Ticks": 710000, "Days": 0, "TotalMilliseconds": 71.0}
      }]}]}]}]
    }"#;
    let r = report(text);
    assert_eq!(r.shape, Shape::CallRecord);
    assert!(r.log.case_folded > 0, "PascalCase keys are noticed");
    let notes: Vec<Note> = r.log.notes.iter().map(|(n, _)| *n).collect();
    for note in [
        Note::DotNetDate,
        Note::TimeSpanText,
        Note::TimeSpanObject,
        Note::NumberAsText,
    ] {
        assert!(notes.contains(&note), "{note:?} is noted, got {notes:?}");
    }
    let stream = &r.sessions[0].segments[0].media[0].streams[0];
    assert_eq!(
        stream.verdict.explain(),
        "poor: jitter 66.1 ms is above 30 ms"
    );
    assert_eq!(
        r.time.start.expect("start").display_utc(),
        "2024-03-12 09:14:05.441 UTC"
    );
}

#[test]
fn dates_without_a_zone_are_flagged_not_read_as_local_time() {
    let text = r#"{"id": "s1", "startDateTime": "2024-03-12T09:00:00", "endDateTime": "2024-03-12T09:10:00Z", "segments": []}"#;
    let r = report(text);
    assert!(r.sessions[0].time.start.is_none(), "no moment is invented");
    assert_eq!(r.count_invalid(Why::NoTimeZone), 1);
}

#[test]
fn durations_in_months_are_not_minutes() {
    let stream = AUDIO_STREAM.replace("PT0.0661S", "P1M");
    let text = format!(r#"[{{"media": [{{"label": "main-audio", "streams": [{stream}]}}]}}]"#);
    let r = report(&text);
    let s = &r.sessions[0].segments[0].media[0].streams[0];
    assert_eq!(
        s.verdict.word(),
        VerdictWord::Unclassified,
        "jitter is unreadable, not 1 minute"
    );
    assert_eq!(r.count_invalid(Why::CalendarDuration), 1);
}

#[test]
fn other_graph_answers_are_named() {
    let cases: &[(&str, &str)] = &[
        (
            r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords", "value": [{"id": "r1", "type": "groupCall"}]}"#,
            "records",
        ),
        (
            r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": [{"displayName": "x"}]}"#,
            "users",
        ),
        (
            r#"{"value": [{"changeType": "created", "resource": "communications/callRecords/r9"}]}"#,
            "notification",
        ),
        ("42", "scalar"),
        ("[1, 2, [3]]", "junk list"),
        ("   ", "empty"),
    ];
    for (json, what) in cases {
        let got = match load(json) {
            Outcome::NotCallRecord(n) => n,
            other => panic!("{what}: expected not-a-call-record, got {other:?}"),
        };
        let ok = match (*what, &got) {
            ("records", NotCallRecord::CallRecordList(ids)) => ids == &["r1".to_owned()],
            ("users", NotCallRecord::OtherResource(Some(r))) => r == "users",
            ("notification", NotCallRecord::Notification(n)) => n[0].id == "r9",
            ("junk list", NotCallRecord::OtherResource(None)) => true,
            ("scalar", NotCallRecord::NotAnObject) | ("empty", NotCallRecord::Empty) => true,
            _ => false,
        };
        assert!(ok, "{what}: got {got:?}");
    }
}

#[test]
fn a_page_with_a_next_link_is_one_page_of_more() {
    let text = format!(
        r#"{{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('r1')/sessions", "@odata.nextLink": "https://graph.microsoft.com/v1.0/next", "value": [{{"id": "s1", "segments": [{}]}}]}}"#,
        segment("g", "2024-03-12T09:00:00Z")
    );
    let r = report(&text);
    assert_eq!(
        r.next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/next")
    );
    assert_eq!(r.totals.sessions, 1);
}

#[test]
fn deep_nesting_and_huge_numbers_are_explained() {
    let deep = format!("{}{}", "{\"value\": [".repeat(5000), "]}".repeat(5000));
    for text in [deep, r#"{"version": 1e999}"#.to_owned()] {
        match load(&text) {
            Outcome::Unreadable(e) => assert!(e.is_limit, "{e:?}"),
            other => panic!("expected a limit error, got {other:?}"),
        }
    }
}
