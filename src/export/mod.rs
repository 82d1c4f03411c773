//! The stream CSV: one row per stream in document order, every metric in a plain unit.
//!
//! The first nine columns are fixed by contract (ids, direction, kind, verdict, sorted "poor due
//! to" reasons); the metric columns name their unit (`_ms`, `_ratio`, `_percent`, `_bps`, `_fps`)
//! and hold plain numbers, empty when the input did not report a readable value. Quoting is left
//! to the `csv` crate, because names and reasons contain commas and quotes.

pub mod markdown;

use crate::analysis::{MediaReport, Report, SegmentReport, SessionReport, StreamReport};
use crate::model::{Millis, Reading};

/// The CSV header, in column order.
pub const HEADER: &[&str] = &[
    "call_id",
    "session_id",
    "segment_id",
    "media_label",
    "stream_id",
    "stream_direction",
    "kind",
    "verdict",
    "poor_due_to",
    "verdict_detail",
    "audio_codec",
    "video_codec",
    "packet_utilization",
    "avg_jitter_ms",
    "max_jitter_ms",
    "avg_audio_network_jitter_ms",
    "max_audio_network_jitter_ms",
    "avg_packet_loss_ratio",
    "max_packet_loss_ratio",
    "avg_concealed_samples_ratio",
    "max_concealed_samples_ratio",
    "avg_round_trip_ms",
    "max_round_trip_ms",
    "avg_audio_degradation_nmos",
    "avg_bandwidth_estimate_bps",
    "post_fec_packet_loss_ratio",
    "audio_fec_used",
    "avg_video_frame_loss_percent",
    "avg_video_frame_rate_fps",
    "avg_received_frame_rate_fps",
    "avg_video_packet_loss_ratio",
    "low_frame_rate_ratio",
    "low_video_processing_capability_ratio",
    "avg_freeze_duration_ms",
    "rms_freeze_duration_ms",
    "media_bypassed",
    "stream_start_utc",
    "stream_end_utc",
];

/// Writes the CSV for a whole report.
pub fn streams_csv(report: &Report) -> String {
    streams_csv_where(report, |_, _, _, _| true)
}

/// Writes the CSV for the streams a filter keeps.
pub fn streams_csv_where(
    report: &Report,
    keep: impl Fn(&SessionReport, &SegmentReport, &MediaReport, &StreamReport) -> bool,
) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail; an error here would be a bug in the csv crate.
    out.write_record(HEADER).expect("writing to memory");

    let call_id = report.call_id().unwrap_or_default().to_owned();
    for session in &report.sessions {
        let session_id = text(&session.session.id)
            .or_else(|| report.context.session_id.clone())
            .unwrap_or_default();

        // Cards are in time order; the CSV follows the input.
        let mut segments: Vec<&SegmentReport> = session.segments.iter().collect();
        segments.sort_by_key(|s| s.index);
        for segment in segments {
            for media in &segment.media {
                for stream in &media.streams {
                    if keep(session, segment, media, stream) {
                        let ids = [call_id.as_str(), session_id.as_str()];
                        out.write_record(row(ids, segment, media, stream))
                            .expect("memory");
                    }
                }
            }
        }
    }
    let bytes = out.into_inner().expect("flushing to memory");
    String::from_utf8(bytes).expect("the csv writer writes the UTF-8 it is given")
}

fn row(
    [call_id, session_id]: [&str; 2],
    segment: &SegmentReport,
    media: &MediaReport,
    stream: &StreamReport,
) -> Vec<String> {
    let s = &stream.stream;
    let reasons: Vec<&str> = stream
        .verdict
        .poor_due_to()
        .iter()
        .map(|r| r.as_str())
        .collect();
    let detail = match &stream.verdict {
        crate::analysis::Verdict::Good => String::new(),
        other => other.explain(),
    };
    vec![
        inert(call_id.to_owned()),
        inert(session_id.to_owned()),
        inert(text(&segment.segment.id).unwrap_or_default()),
        inert(text(&media.media.label).unwrap_or_default()),
        inert(text(&s.stream_id).unwrap_or_default()),
        inert(
            s.stream_direction
                .value()
                .map(|d| d.as_str().to_owned())
                .unwrap_or_default(),
        ),
        media.kind.as_str().to_owned(),
        stream.verdict.word().as_str().to_owned(),
        reasons.join(";"),
        detail,
        inert(
            s.audio_codec
                .value()
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
        ),
        inert(
            s.video_codec
                .value()
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
        ),
        number(&s.packet_utilization),
        millis(&s.average_jitter),
        millis(&s.max_jitter),
        millis(&s.average_audio_network_jitter),
        millis(&s.max_audio_network_jitter),
        number(&s.average_packet_loss_rate),
        number(&s.max_packet_loss_rate),
        number(&s.average_ratio_of_concealed_samples),
        number(&s.max_ratio_of_concealed_samples),
        millis(&s.average_round_trip_time),
        millis(&s.max_round_trip_time),
        number(&s.average_audio_degradation),
        number(&s.average_bandwidth_estimate),
        number(&s.post_fec_packet_loss_rate),
        flag(&s.is_audio_fec_used),
        number(&s.average_video_frame_loss_percentage),
        number(&s.average_video_frame_rate),
        number(&s.average_received_frame_rate),
        number(&s.average_video_packet_loss_rate),
        number(&s.low_frame_rate_ratio),
        number(&s.low_video_processing_capability_ratio),
        millis(&s.average_freeze_duration),
        millis(&s.rms_freeze_duration),
        flag(&s.was_media_bypassed),
        s.start.value().map(|t| t.rfc3339()).unwrap_or_default(),
        s.end.value().map(|t| t.rfc3339()).unwrap_or_default(),
    ]
}

/// Text from the input that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab
/// or carriage return before one) gets a leading apostrophe, which spreadsheets show as text.
/// Numbers are written by the app, not taken from text, so they are never touched.
fn inert(text: String) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text,
    }
}

fn text(reading: &Reading<String>) -> Option<String> {
    reading.value().cloned()
}

/// The number as the input wrote it (serde_json keeps the shortest round-trip form).
fn number(reading: &Reading<f64>) -> String {
    reading.value().map(|v| v.to_string()).unwrap_or_default()
}

/// Milliseconds, rounded to a microsecond so sums of units do not show float noise.
fn millis(reading: &Reading<Millis>) -> String {
    reading
        .value()
        .map(|m| crate::analysis::units::format_decimal(m.0, 3))
        .unwrap_or_default()
}

fn flag(reading: &Reading<bool>) -> String {
    reading.value().map(|b| b.to_string()).unwrap_or_default()
}

impl Report {
    /// The call record's id, from the record or from `@odata.context`.
    pub fn call_id(&self) -> Option<&str> {
        let own = self.record.as_ref().and_then(|r| r.id.value());
        own.map(String::as_str).or(self.context.call_id.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::load::{load, Outcome};

    fn csv_for(json: &str) -> Vec<Vec<String>> {
        let Outcome::Document(doc) = load(json) else {
            panic!("a document")
        };
        let text = streams_csv(&analyse(*doc));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        assert_eq!(header, HEADER, "the header is the contract");
        reader
            .records()
            .map(|r| r.expect("row").iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn text_that_spreadsheets_would_run_is_made_inert() {
        let json = r#"{"id": "=HYPERLINK(\"http://x\")", "media": [{"label": "@cmd", "streams": [
          {"streamId": "+SUM(1,2)", "streamDirection": "callerToCallee", "audioCodec": "-2+3", "averagePacketLossRate": -0.5}]}]}"#;
        let rows = csv_for(json);
        let [segment_id, label, stream_id] = [&rows[0][2], &rows[0][3], &rows[0][4]];
        assert_eq!(
            segment_id, "'=HYPERLINK(\"http://x\")",
            "a formula becomes text"
        );
        assert_eq!(label, "'@cmd");
        assert_eq!(stream_id, "'+SUM(1,2)");
        assert!(
            rows[0].contains(&"'-2+3".to_owned()),
            "codecs from the input too"
        );
        assert!(
            rows[0].contains(&"-0.5".to_owned()),
            "numbers are left as numbers: {:?}",
            rows[0]
        );
    }

    #[test]
    fn header_starts_with_the_contract_columns() {
        assert_eq!(
            HEADER[..9].join(","),
            "call_id,session_id,segment_id,media_label,stream_id,stream_direction,kind,verdict,poor_due_to"
        );
    }

    #[test]
    fn rows_follow_document_order_not_time_order() {
        // The second segment in the input starts first.
        let json = r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('call-1')/sessions('s-1')/segments",
          "value": [
            {"id": "late", "startDateTime": "2024-01-01T10:00:00Z", "endDateTime": "2024-01-01T10:01:00Z",
             "media": [{"label": "main-audio", "streams": [{"streamId": "a", "streamDirection": "callerToCallee", "packetUtilization": 900,
               "averageJitter": "PT0.0661S", "averagePacketLossRate": 0.2, "averageRoundTripTime": "PT0.02S"}]}]},
            {"id": "early", "startDateTime": "2024-01-01T09:00:00Z", "endDateTime": "2024-01-01T09:01:00Z",
             "media": [{"label": "data", "streams": [{"streamId": "b, \"quoted\""}]}]}
          ]}"#;
        let rows = csv_for(json);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0][..9],
            [
                "call-1",
                "s-1",
                "late",
                "main-audio",
                "a",
                "callerToCallee",
                "audio",
                "poor",
                "jitter;packet-loss"
            ]
        );
        assert_eq!(rows[0][13], "66.1", "avg_jitter_ms");
        assert_eq!(rows[0][17], "0.2", "avg_packet_loss_ratio");
        assert_eq!(
            rows[1][..9],
            [
                "call-1",
                "s-1",
                "early",
                "data",
                "b, \"quoted\"",
                "",
                "data",
                "not-assessed",
                ""
            ]
        );
    }
}
