//! The rules of `quality-rules.md`, case by case, at their boundaries.

use super::*;
use crate::model::{Media, Reading};

fn stream(json: &str) -> MediaStream {
    let r: Reading<MediaStream> = serde_json::from_str(json).expect("stream JSON");
    r.into_value().expect("an object")
}

fn media(json: &str) -> Media {
    let r: Reading<Media> = serde_json::from_str(json).expect("media JSON");
    r.into_value().expect("an object")
}

/// A good audio stream with one property replaced.
fn audio(packets: &str, extra: &str) -> MediaStream {
    let base = r#""averageJitter": "PT0.010S", "averagePacketLossRate": 0.001, "averageRoundTripTime": "PT0.050S""#;
    let json = if extra.is_empty() {
        format!("{{\"packetUtilization\": {packets}, {base}}}")
    } else {
        // Later keys win, as in JSON.parse.
        format!("{{\"packetUtilization\": {packets}, {base}, {extra}}}")
    };
    stream(&json)
}

fn words(verdict: &Verdict) -> (VerdictWord, Vec<&'static str>) {
    (
        verdict.word(),
        verdict.poor_due_to().iter().map(|r| r.as_str()).collect(),
    )
}

#[test]
fn audio_rules_at_their_boundaries() {
    use VerdictWord::*;
    let cases: &[(&str, &str, VerdictWord, &[&str])] = &[
        // The packet gate: exactly 500 is not enough.
        ("500", "", Unclassified, &[]),
        ("501", "", Good, &[]),
        ("null", "", Unclassified, &[]),
        ("\"Int64\"", "", Unclassified, &[]),
        ("0", r#""averageJitter": "PT0.9S""#, Unclassified, &[]),
        // Jitter: 30 ms is the line, above it is poor.
        ("501", r#""averageJitter": "PT0.030S""#, Good, &[]),
        ("501", r#""averageJitter": "PT0.0301S""#, Poor, &["jitter"]),
        // Loss: 0.1 is the line.
        ("501", r#""averagePacketLossRate": 0.1"#, Good, &[]),
        (
            "501",
            r#""averagePacketLossRate": 0.1001"#,
            Poor,
            &["packet-loss"],
        ),
        (
            "501",
            r#""averagePacketLossRate": "0.2""#,
            Poor,
            &["packet-loss"],
        ),
        // Round trip: 500 ms is the line.
        ("501", r#""averageRoundTripTime": "PT0.5S""#, Good, &[]),
        (
            "501",
            r#""averageRoundTripTime": "PT0.5001S""#,
            Poor,
            &["round-trip"],
        ),
        // Every crossed line is a reason, sorted.
        (
            "9000",
            r#""averageJitter": "PT0.05S", "averagePacketLossRate": 0.2, "averageRoundTripTime": "PT0.6S""#,
            Poor,
            &["jitter", "packet-loss", "round-trip"],
        ),
        // A crossed line makes it poor even with another metric missing.
        (
            "501",
            r#""averageJitter": "PT0.05S", "averageRoundTripTime": null"#,
            Poor,
            &["jitter"],
        ),
        // Nothing crossed but a metric missing or unreadable: unclassified.
        ("501", r#""averageRoundTripTime": null"#, Unclassified, &[]),
        (
            "501",
            r#""averagePacketLossRate": "NaN""#,
            Unclassified,
            &[],
        ),
        ("501", r#""averageJitter": "-PT0.01S""#, Unclassified, &[]),
    ];
    for (packets, extra, word, reasons) in cases {
        let got = judge(StreamKind::Audio, &audio(packets, extra), true);
        assert_eq!(
            words(&got),
            (*word, reasons.to_vec()),
            "packets {packets}, {extra}: {got:?}"
        );
    }
}

#[test]
fn unclassified_audio_says_why() {
    let gated = judge(StreamKind::Audio, &audio("500", ""), true);
    assert_eq!(
        gated,
        Verdict::Unclassified("only 500 packets; needs more than 500".into())
    );
    let none = judge(StreamKind::Audio, &audio("null", ""), true);
    assert_eq!(
        none,
        Verdict::Unclassified("packet count not reported".into())
    );
    let missing = judge(
        StreamKind::Audio,
        &audio(
            "600",
            r#""averageJitter": null, "averageRoundTripTime": null"#,
        ),
        true,
    );
    assert_eq!(
        missing,
        Verdict::Unclassified("missing: round trip, jitter".into())
    );
}

#[test]
fn video_rules_take_the_first_metric_present() {
    use VerdictWord::*;
    let cases: &[(&str, VerdictWord, &[&str])] = &[
        (
            r#""packetUtilization": 500, "averageVideoFrameLossPercentage": 90"#,
            Unclassified,
            &[],
        ),
        (
            r#""packetUtilization": 501, "averageVideoFrameLossPercentage": 50"#,
            Good,
            &[],
        ),
        (
            r#""packetUtilization": 501, "averageVideoFrameLossPercentage": 50.01"#,
            Poor,
            &["frame-loss"],
        ),
        // Frame loss present and fine: frame rate is not looked at.
        (
            r#""packetUtilization": 501, "averageVideoFrameLossPercentage": 1, "averageVideoFrameRate": 2"#,
            Good,
            &[],
        ),
        (
            r#""packetUtilization": 501, "averageVideoFrameRate": 7"#,
            Good,
            &[],
        ),
        (
            r#""packetUtilization": 501, "averageVideoFrameRate": 6.99"#,
            Poor,
            &["frame-rate"],
        ),
        (
            r#""packetUtilization": 501, "averageVideoFrameRate": 30, "postForwardErrorCorrectionPacketLossRate": 0.9"#,
            Good,
            &[],
        ),
        (
            r#""packetUtilization": 501, "postForwardErrorCorrectionPacketLossRate": 0.15"#,
            Good,
            &[],
        ),
        (
            r#""packetUtilization": 501, "postForwardErrorCorrectionPacketLossRate": 0.1501"#,
            Poor,
            &["post-fec-loss"],
        ),
        (
            r#""packetUtilization": 501, "averageVideoFrameRate": "Single""#,
            Unclassified,
            &[],
        ),
        (r#""packetUtilization": 501"#, Unclassified, &[]),
    ];
    for (json, word, reasons) in cases {
        let got = judge(StreamKind::Video, &stream(&format!("{{{json}}}")), true);
        assert_eq!(words(&got), (*word, reasons.to_vec()), "{json}: {got:?}");
    }
}

#[test]
fn screen_sharing_rules_depend_on_direction_and_codec() {
    use VerdictWord::*;
    // (stream, inbound, expected)
    let cases: &[(&str, bool, VerdictWord, &[&str])] = &[
        // No packet gate.
        (
            r#""packetUtilization": 3, "averageVideoFrameLossPercentage": 50.5"#,
            true,
            Poor,
            &["frame-loss"],
        ),
        (r#""averageVideoFrameLossPercentage": 50"#, true, Good, &[]),
        (r#""averageVideoFrameRate": 0.2"#, true, Unclassified, &[]),
        // Outbound: frame rate below 1 fps.
        (r#""averageVideoFrameRate": 1"#, false, Good, &[]),
        (
            r#""averageVideoFrameRate": 0.99"#,
            false,
            Poor,
            &["frame-rate"],
        ),
        (
            r#""averageVideoFrameLossPercentage": 99"#,
            false,
            Unclassified,
            &[],
        ),
        // H.264S uses the frame-rate rule in either direction.
        (
            r#""videoCodec": "h264s", "averageVideoFrameRate": 0.5, "averageVideoFrameLossPercentage": 1"#,
            true,
            Poor,
            &["frame-rate"],
        ),
        (
            r#""videoCodec": "H264S", "averageVideoFrameRate": 1.5"#,
            true,
            Good,
            &[],
        ),
    ];
    for (json, inbound, word, reasons) in cases {
        let got = judge(StreamKind::Vbss, &stream(&format!("{{{json}}}")), *inbound);
        assert_eq!(
            words(&got),
            (*word, reasons.to_vec()),
            "{json} inbound={inbound}: {got:?}"
        );
    }
}

#[test]
fn inbound_means_a_client_receives_it() {
    use EndpointKind::*;
    let c2c = StreamDirection::CallerToCallee;
    let back = StreamDirection::CalleeToCaller;
    assert!(
        !vbss_is_inbound(Some(&c2c), Participant, Service),
        "client → service is outbound"
    );
    assert!(
        vbss_is_inbound(Some(&back), Participant, Service),
        "service → client is inbound"
    );
    assert!(
        vbss_is_inbound(Some(&c2c), Participant, Unknown),
        "an unknown receiver counts as inbound"
    );
    assert!(
        vbss_is_inbound(None, Service, Service),
        "an unknown direction counts as inbound"
    );
}

#[test]
fn data_and_unknown_media_are_not_assessed() {
    let s = stream(r#"{"packetUtilization": 9000}"#);
    assert_eq!(
        judge(StreamKind::Data, &s, true).word(),
        VerdictWord::NotAssessed
    );
    assert_eq!(
        judge(StreamKind::Unknown, &s, true).word(),
        VerdictWord::NotAssessed
    );
}

#[test]
fn media_kind_by_label_then_codec() {
    let cases: &[(&str, StreamKind)] = &[
        (r#"{"label": "main-audio"}"#, StreamKind::Audio),
        (r#"{"label": "MAIN-AUDIO"}"#, StreamKind::Audio),
        (r#"{"label": "spatial-audio-example"}"#, StreamKind::Audio),
        (r#"{"label": "main-video"}"#, StreamKind::Video),
        (r#"{"label": "applicationsharing-video"}"#, StreamKind::Vbss),
        (r#"{"label": "screen-share"}"#, StreamKind::Vbss),
        (r#"{"label": "vbss"}"#, StreamKind::Vbss),
        (r#"{"label": "data"}"#, StreamKind::Data),
        (
            r#"{"label": "Label value", "streams": [{"audioCodec": "opus"}]}"#,
            StreamKind::Audio,
        ),
        (
            r#"{"streams": [{"audioCodec": "unknown", "videoCodec": "h264s"}]}"#,
            StreamKind::Vbss,
        ),
        (
            r#"{"streams": [{"audioCodec": "invalid", "videoCodec": "av1"}]}"#,
            StreamKind::Video,
        ),
        (
            r#"{"streams": [{"audioCodec": "unknown", "videoCodec": "unknown"}]}"#,
            StreamKind::Unknown,
        ),
        (r#"{"label": null}"#, StreamKind::Unknown),
    ];
    for (json, kind) in cases {
        assert_eq!(media_kind(&media(json)), *kind, "{json}");
    }
}

#[test]
fn roll_up_order_is_poor_good_unclassified_not_assessed() {
    let mut r = Rollup::default();
    assert_eq!(r.worst(), None);
    r.add(VerdictWord::NotAssessed);
    assert_eq!(r.worst(), Some(VerdictWord::NotAssessed));
    r.add(VerdictWord::Unclassified);
    assert_eq!(r.worst(), Some(VerdictWord::Unclassified));
    r.add(VerdictWord::Good);
    assert_eq!(r.worst(), Some(VerdictWord::Good));
    r.add(VerdictWord::Poor);
    assert_eq!(r.worst(), Some(VerdictWord::Poor));
    assert_eq!(r.describe(), "1 of 4 streams poor");
}

#[test]
fn verdict_words_icons_and_labels_are_distinct() {
    let words: Vec<&str> = VerdictWord::ALL.iter().map(|w| w.as_str()).collect();
    assert_eq!(words, ["poor", "good", "unclassified", "not-assessed"]);
    let icons: std::collections::HashSet<&str> =
        VerdictWord::ALL.iter().map(|w| w.icon()).collect();
    assert_eq!(
        icons.len(),
        4,
        "every verdict has its own icon, so colour is never the only cue"
    );
}

#[test]
fn poor_verdicts_explain_themselves_in_plain_words() {
    let got = judge(
        StreamKind::Audio,
        &audio("13655", r#""averageJitter": "PT0.0661S""#),
        true,
    );
    assert_eq!(got.explain(), "poor: jitter 66.1 ms is above 30 ms");
}
