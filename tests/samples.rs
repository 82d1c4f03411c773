//! Every sample in `shared/samples/` against what `EXPECTED.md` says a correct viewer shows,
//! checked at the level of the report the screen is drawn from.

use std::path::PathBuf;

use callscope::analysis::units::format_length;
use callscope::analysis::{analyse, Failure, Report, StreamKind, VerdictWord};
use callscope::load::{load, NotCallRecord, Outcome, Shape};

fn sample_dir() -> PathBuf {
    match std::env::var_os("CALLSCOPE_SAMPLES") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples"),
    }
}

fn read(name: &str) -> String {
    let path = sample_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn report(name: &str) -> Report {
    match load(&read(name)) {
        Outcome::Document(doc) => analyse(*doc),
        other => panic!("{name} should load as call-record data, got {other:?}"),
    }
}

fn not_call_record(name: &str) -> NotCallRecord {
    match load(&read(name)) {
        Outcome::NotCallRecord(what) => what,
        other => panic!("{name} is not call-record data, got {other:?}"),
    }
}

#[test]
fn s01_full_p2p_audio_has_one_poor_stream_due_to_jitter() {
    let r = report("01-full-expand-p2p-audio.json");
    assert_eq!(r.shape, Shape::CallRecord);
    assert_eq!(
        format_length(r.time.length_ms.expect("a length")),
        "4 min 37.6 s"
    );
    assert_eq!(
        (
            r.totals.sessions,
            r.totals.segments,
            r.totals.media,
            r.totals.streams
        ),
        (1, 1, 1, 2)
    );

    let segment = &r.sessions[0].segments[0];
    assert_eq!(segment.caller.name, "Dana Whitfield");
    assert_eq!(segment.callee.name, "Ravi Okonkwo");
    let streams = &segment.media[0].streams;
    assert_eq!(streams[0].direction, "Dana Whitfield → Ravi Okonkwo");
    assert_eq!(streams[0].verdict.word(), VerdictWord::Good);
    assert_eq!(streams[1].direction, "Ravi Okonkwo → Dana Whitfield");
    assert_eq!(streams[1].verdict.word(), VerdictWord::Poor);
    assert_eq!(
        streams[1].verdict.explain(),
        "poor: jitter 66.1 ms is above 30 ms"
    );
    assert_eq!(r.totals.rollup.poor, 1, "exactly one poor stream");
    assert_eq!(r.sessions[0].rollup.describe(), "1 of 2 streams poor");
}

#[test]
fn s02_bare_segments_collection_takes_ids_from_the_context() {
    let r = report("02-bare-segments-collection.json");
    assert_eq!(r.shape, Shape::SegmentsPage);
    assert_eq!(
        r.context.call_id.as_deref(),
        Some("c0ffee02-5a1e-4e57-9a11-0000000000b2")
    );
    assert_eq!(
        r.context.session_id.as_deref(),
        Some("5e5510e2-0002-4b00-9000-0000000000b2")
    );
    assert_eq!(
        r.totals.sessions, 0,
        "a stand-in session is not counted as a session"
    );
    let segments = &r.sessions[0].segments;
    assert_eq!(segments.len(), 2);
    assert_eq!(
        format_length(segments[0].time.length_ms.expect("length")),
        "21 min 44.4 s"
    );
    assert_eq!(
        format_length(segments[1].time.length_ms.expect("length")),
        "15 min 20.1 s"
    );
    assert_eq!(segments[0].caller.name, "Mia Halvorsen");
    assert_eq!(segments[0].callee.name, "Conferencing server");
    let gap = segments[1]
        .gap_before_ms
        .expect("a gap between the segments");
    assert!(
        (gap - 2475.0).abs() < 0.01,
        "segment 2 starts 2.475 s after segment 1 ends, got {gap}"
    );
    assert_eq!(format_length(gap), "2.5 s");
}

#[test]
fn s03_sessions_page_is_one_page_of_more() {
    let r = report("03-sessions-page-with-nextlink.json");
    assert_eq!(r.shape, Shape::SessionsPage);
    assert_eq!(r.sessions.len(), 3);
    assert!(
        r.next_link.is_some(),
        "the next link is kept so the page can say more exist"
    );
    let lengths: Vec<String> = r
        .sessions
        .iter()
        .map(|s| format_length(s.time.length_ms.expect("length")))
        .collect();
    assert_eq!(lengths, ["33 min 28.4 s", "27 min 17.9 s", "0 s"]);
    assert_eq!(r.sessions[0].caller.name, "Dana Whitfield");
    assert!(r.sessions[2].segments.is_empty());
    let start = r.sessions[0].time.start.expect("start").display_utc();
    assert_eq!(start, "2024-05-18 12:29:12.061 UTC");
}

#[test]
fn s05_pstn_caller_is_a_phone_number() {
    let r = report("05-pstn-direct-routing-segments.json");
    let session = &r.sessions[0];
    assert_eq!(session.caller.name, "+14255550123");
    assert_eq!(session.callee.name, "Tomasz Brennan");
    assert_eq!(
        format_length(r.time.length_ms.expect("length")),
        "3 min 39 s"
    );
    let names: Vec<(&str, &str)> = session
        .segments
        .iter()
        .map(|s| (s.caller.name.as_str(), s.callee.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("PSTN gateway (SBC)", "Media processor"),
            ("Media processor", "Tomasz Brennan")
        ]
    );
}

#[test]
fn s07_failures_two_failed_one_indeterminate_one_ok() {
    let r = report("07-failed-call-failureinfo.json");
    let failures: Vec<Option<String>> = r.sessions.iter().map(|s| s.failure.headline()).collect();
    assert_eq!(
        failures,
        [
            Some("failed mid-call".to_owned()),
            Some("failed at call setup".to_owned()),
            None,
            Some("failure info present, stage unknown, no reason".to_owned()),
        ]
    );
    assert_eq!(r.totals.failed_sessions, 2);
    assert_eq!(r.sessions[3].failure, Failure::WithoutDetail);
    assert_eq!(
        r.sessions[3].segments[0].failure,
        Failure::None,
        "the mismatch stays visible"
    );
    assert!(r.sessions[0].rollup.failed && !r.sessions[2].rollup.failed);
    match &r.sessions[0].failure {
        Failure::Failed {
            reason: Some(reason),
            ..
        } => assert!(reason.starts_with("Example: media path lost")),
        other => panic!("session 1 keeps its reason verbatim, got {other:?}"),
    }
}

#[test]
fn s08_media_kinds_and_inferred_endpoints() {
    let r = report("08-video-screenshare-no-odata-type.json");
    let segment = &r.sessions[0].segments[0];
    let kinds: Vec<StreamKind> = segment.media.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [
            StreamKind::Audio,
            StreamKind::Video,
            StreamKind::Vbss,
            StreamKind::Data
        ]
    );
    assert_eq!(
        segment.caller.kind,
        callscope::analysis::EndpointKind::Participant
    );
    assert_eq!(
        segment.callee.kind,
        callscope::analysis::EndpointKind::Service
    );
    assert_eq!(
        format_length(r.time.length_ms.expect("length")),
        "29 min 55.7 s"
    );
    let sharing = &segment.media[2].streams;
    assert_eq!(
        sharing[0].verdict.word(),
        VerdictWord::Good,
        "sent sharing at 7.9 fps is good"
    );
    assert_eq!(
        sharing[1].verdict.word(),
        VerdictWord::Unclassified,
        "received side has no data"
    );
    assert!(segment.media[3]
        .streams
        .iter()
        .all(|s| s.verdict.word() == VerdictWord::NotAssessed));
}

#[test]
fn s10_nulls_everywhere_renders_what_is_there() {
    let r = report("10-nulls-everywhere.json");
    assert_eq!(r.sessions.len(), 3);
    assert_eq!(
        r.null_sessions, 1,
        "one null session entry is skipped and counted"
    );
    assert!(r.time.length_ms.is_none(), "no end time: length unknown");
    let first = &r.sessions[0];
    assert_eq!(first.caller.name, "caller not reported");
    assert_eq!(first.callee.name, "unknown endpoint");
    let media = &first
        .segments
        .iter()
        .find(|s| {
            s.segment
                .id
                .value()
                .is_some_and(|id| id.starts_with("5e9e0001"))
        })
        .expect("segment 1")
        .media;
    assert_eq!(media.len(), 2, "the null media entry is skipped");
    assert_eq!(
        media[0].streams.len(),
        1,
        "the null stream entry is skipped"
    );
    assert!(media[1].streams_missing);
    assert!(r.sessions[1].segments_missing);
}

#[test]
fn s11_unknown_enums_are_kept_verbatim() {
    let r = report("11-unknown-enums-new-fields.json");
    let session = &r.sessions[0];
    match &session.failure {
        Failure::Failed { stage, .. } => assert_eq!(stage.as_deref(), Some("postCallExample")),
        other => panic!("an unknown stage with a reason is a failure, got {other:?}"),
    }
    assert_eq!(session.callee.name, "Kiosk 3 (ACS)");
    let streams = &session.segments[0].media[0].streams;
    assert_eq!(
        streams[0].direction,
        "unknown direction \"bidirectionalExample\""
    );
    assert_eq!(session.segments[0].media[0].kind, StreamKind::Audio);
    assert!(r
        .record
        .as_ref()
        .is_some_and(|rec| rec.extra.get("callRecordTier").is_some()));
}

#[test]
fn s13_empty_page_is_not_an_error() {
    let r = report("13-empty-value.json");
    assert_eq!(r.shape, Shape::SessionsPage);
    assert!(r.sessions.is_empty());
    assert_eq!(
        r.context.call_id.as_deref(),
        Some("c0ffee13-5a1e-4e57-9a11-000000000113")
    );
    assert!(r.next_link.is_none());
}

#[test]
fn s14_record_without_sessions_asks_for_expand() {
    let r = report("14-callrecord-not-expanded.json");
    assert_eq!(r.shape, Shape::CallRecordWithoutSessions);
    assert!(r.sessions_missing);
    assert!(r.is_beta);
    assert_eq!(r.time.length_ms, Some(0.0));
}

#[test]
fn s15_truncated_json_is_located_and_diagnosed() {
    match load(&read("15-truncated-json.json")) {
        Outcome::Unreadable(e) => {
            assert_eq!(e.line, 298);
            let t = e.truncation.expect("recognised as truncated");
            assert_eq!((t.open_objects, t.open_lists, t.in_string), (5, 4, true));
        }
        other => panic!("a truncated file is unreadable, got {other:?}"),
    }
}

#[test]
fn s16_a_user_is_not_a_call_record() {
    match not_call_record("16-not-callrecord-user.json") {
        NotCallRecord::OtherResource(Some(what)) => assert_eq!(what, "users/$entity"),
        other => panic!("got {other:?}"),
    }
}

#[test]
fn s17_graph_error_is_shown_as_an_error() {
    match not_call_record("17-graph-error-body.json") {
        NotCallRecord::GraphError(e) => {
            assert_eq!(e.code.value().map(String::as_str), Some("NotFound"));
            let inner = e.inner_error.value().expect("inner error");
            assert_eq!(
                inner.request_id.value().map(String::as_str),
                Some("a1b2c3d4-0000-4000-8000-00000000e017")
            );
        }
        other => panic!("got {other:?}"),
    }
}

#[test]
fn s18_notification_lists_the_records_it_names() {
    match not_call_record("18-webhook-notification.json") {
        NotCallRecord::Notification(records) => {
            let ids: Vec<(&str, Option<&str>)> = records
                .iter()
                .map(|r| (r.id.as_str(), r.change_type.as_deref()))
                .collect();
            assert_eq!(
                ids,
                [
                    ("c0ffee18-5a1e-4e57-9a11-000000000118", Some("created")),
                    ("c0ffee18-5a1e-4e57-9a11-000000000218", Some("updated")),
                ]
            );
        }
        other => panic!("got {other:?}"),
    }
}

#[test]
fn seed_doc_example_is_recognised_as_placeholders() {
    let r = report("seed-list-segments.json");
    assert_eq!(r.shape, Shape::SegmentsPage);
    assert!(
        r.looks_like_doc_example(),
        "placeholders, negative durations and reversed times"
    );
    assert!(r.totals.reversed_times >= 1);
    let stream = &r.sessions[0].segments[0].media[0].streams[0];
    assert_eq!(
        stream.verdict.word(),
        VerdictWord::NotAssessed,
        "\"Label value\" and no codec: kind unknown"
    );
}

#[test]
fn raw_view_finds_every_stream_as_written() {
    let names = [
        "01-full-expand-p2p-audio.json",
        "02-bare-segments-collection.json",
        "03-sessions-page-with-nextlink.json",
        "05-pstn-direct-routing-segments.json",
        "07-failed-call-failureinfo.json",
        "08-video-screenshare-no-odata-type.json",
        "10-nulls-everywhere.json",
        "11-unknown-enums-new-fields.json",
        "seed-list-segments.json",
    ];
    for name in names {
        let r = report(name);
        let mut streams = 0;
        for (si, session) in r.sessions.iter().enumerate() {
            for (gi, segment) in session.segments.iter().enumerate() {
                let raw = r
                    .raw(&r.segment_path(si, gi).expect("a path"))
                    .expect("segment text");
                let parsed: serde_json::Value = serde_json::from_str(raw).expect("a whole object");
                assert_eq!(
                    parsed["id"].as_str(),
                    segment.segment.id.value().map(String::as_str),
                    "{name}"
                );
                for (mi, media) in segment.media.iter().enumerate() {
                    for (ti, stream) in media.streams.iter().enumerate() {
                        let path = r.stream_path(si, gi, mi, ti).expect("a path");
                        let raw = r
                            .raw(&path)
                            .unwrap_or_else(|| panic!("{name}: stream at {path:?}"));
                        let parsed: serde_json::Value = serde_json::from_str(raw).expect("whole");
                        assert_eq!(
                            parsed["streamId"].as_str(),
                            stream.stream.stream_id.value().map(String::as_str),
                            "{name}: the raw text is the stream's own"
                        );
                        streams += 1;
                    }
                }
            }
        }
        assert_eq!(
            streams, r.totals.streams,
            "{name}: every stream has its raw text"
        );
    }
    let r = report("11-unknown-enums-new-fields.json");
    let raw = r
        .raw(&r.stream_path(0, 0, 0, 0).expect("path"))
        .expect("text");
    assert!(
        raw.contains("spatialRenderingRatioExample"),
        "unknown properties are in the raw view"
    );
}
