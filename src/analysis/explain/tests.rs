//! The explanations against the constants and bands the verdicts and the screen use.

use super::*;
use crate::analysis::units::{self, Band};
use crate::model::Millis;

/// Just past a line, far enough to cross it and near enough to stay in the next band.
const STEP: f64 = 1e-6;

#[test]
fn every_metric_has_text_and_a_unique_key() {
    let mut keys = std::collections::HashSet::new();
    for metric in Metric::ALL {
        let e = metric.explanation();
        for (field, text) in [
            ("label", e.label),
            ("what", e.what),
            ("unit", e.unit),
            ("source", e.source.as_str()),
            ("reported_by", e.reported_by),
        ] {
            assert!(!text.trim().is_empty(), "{metric:?} has an empty {field}");
        }
        for l in &e.lines {
            assert!(
                !l.applies_to.is_empty() && !l.text.is_empty(),
                "{metric:?} has an empty line"
            );
        }
        assert!(
            !e.lines_text().is_empty(),
            "{metric:?} says something about lines"
        );
        assert!(keys.insert(metric.key()), "{metric:?}'s key is not unique");
    }
}

#[test]
fn labels_are_unique_so_no_two_fields_look_alike() {
    let mut labels = std::collections::HashSet::new();
    for metric in Metric::ALL {
        assert!(
            labels.insert(metric.explanation().label),
            "{metric:?} shares its label with another metric"
        );
    }
}

#[test]
fn stream_metrics_are_reported_by_the_receiving_side() {
    let stream_metrics = &Metric::ALL[..16];
    for metric in stream_metrics {
        assert!(
            metric
                .explanation()
                .reported_by
                .starts_with("the receiving side"),
            "{metric:?} is a stream metric, so the receiver reported it"
        );
    }
    for metric in &Metric::ALL[16..] {
        assert!(
            metric
                .explanation()
                .reported_by
                .starts_with("the endpoint on this side"),
            "{metric:?} is a network or device field of one side"
        );
    }
}

/// Every line a metric's text states, formatted from the constant the code uses.
#[test]
fn figures_in_the_text_match_the_constants() {
    let cases: &[(Metric, &str, String)] = &[
        (Metric::Jitter, "audio", format_ms(AUDIO_JITTER_MS)),
        (
            Metric::PacketLoss,
            "all streams",
            pct(PACKET_LOSS_TARGET_RATIO),
        ),
        (Metric::PacketLoss, "all streams", pct(AUDIO_LOSS_RATIO)),
        (
            Metric::RoundTrip,
            "all streams",
            format_ms(ROUND_TRIP_TARGET_MS),
        ),
        (
            Metric::RoundTrip,
            "all streams",
            format_ms(AUDIO_ROUND_TRIP_MS),
        ),
        (Metric::ConcealedSamples, "audio", pct(CONCEALED_RATIO_LINE)),
        (
            Metric::AudioDegradation,
            "audio",
            format_decimal(DEGRADATION_ACCEPTABLE, 2),
        ),
        (
            Metric::AudioDegradation,
            "audio",
            format_decimal(DEGRADATION_POOR, 2),
        ),
        (
            Metric::Packets,
            "audio and video",
            format_count(MIN_PACKETS),
        ),
        (Metric::FrameRate, "video", fps(VIDEO_FRAME_RATE_FPS)),
        (
            Metric::FrameRate,
            "screen sharing",
            fps(VBSS_FRAME_RATE_FPS),
        ),
        (
            Metric::FrameLoss,
            "video",
            format!("{} %", format_decimal(VIDEO_FRAME_LOSS_PERCENT, 2)),
        ),
        (
            Metric::FrameLoss,
            "screen sharing",
            format!("{} %", format_decimal(VIDEO_FRAME_LOSS_PERCENT, 2)),
        ),
        (Metric::PostFecLoss, "video", pct(VIDEO_POST_FEC_LOSS_RATIO)),
        (
            Metric::CaptureNotWorking,
            "all media",
            pct(DEVICE_NOT_FUNCTIONING_RATIO),
        ),
        (
            Metric::RenderNotWorking,
            "all media",
            pct(DEVICE_NOT_FUNCTIONING_RATIO),
        ),
        (
            Metric::MicGlitches,
            "all media",
            format_count(GLITCH_RATE_HIGHLIGHT),
        ),
    ];
    for (metric, kind, figure) in cases {
        let e = metric.explanation();
        let line = e
            .lines
            .iter()
            .find(|l| l.applies_to == *kind)
            .unwrap_or_else(|| panic!("{metric:?} has lines for {kind}"));
        assert!(
            line.text.contains(figure.as_str()),
            "{metric:?} ({kind}) states {figure}: {}",
            line.text
        );
    }
    let wifi = Metric::WifiSignal.explanation().source;
    assert!(
        wifi.contains(&format!("{} %", format_decimal(WEAK_WIFI_PERCENT, 0))),
        "the Wi-Fi text states the findings' weak line: {wifi}"
    );
}

#[test]
fn the_figures_look_like_people_write_them() {
    let cases = [
        (pct(AUDIO_LOSS_RATIO), "10 %"),
        (pct(DEVICE_NOT_FUNCTIONING_RATIO), "0.5 %"),
        (pct(VIDEO_POST_FEC_LOSS_RATIO), "15 %"),
        (fps(VBSS_FRAME_RATE_FPS), "1 fps"),
        (format_ms(AUDIO_JITTER_MS), "30 ms"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want, "figures carry no trailing zeros");
    }
}

/// The lines the text states are where `units`' bands switch, so the colour on screen and
/// the explanation never disagree.
#[test]
fn the_bands_switch_at_the_stated_lines() {
    use Band::{Good, Poor, Warning};
    let ms = |v: f64| Millis(v);
    // (what, band on one side of the line, band on the other, both expected)
    let cases = [
        (
            "jitter at the CQD line",
            units::band_audio_jitter(&ms(AUDIO_JITTER_MS)),
            units::band_audio_jitter(&ms(AUDIO_JITTER_MS + STEP)),
            (Good, Poor),
        ),
        (
            "round trip at the network target",
            units::band_round_trip(&ms(ROUND_TRIP_TARGET_MS)),
            units::band_round_trip(&ms(ROUND_TRIP_TARGET_MS + STEP)),
            (Good, Warning),
        ),
        (
            "round trip at the CQD line",
            units::band_round_trip(&ms(AUDIO_ROUND_TRIP_MS)),
            units::band_round_trip(&ms(AUDIO_ROUND_TRIP_MS + STEP)),
            (Warning, Poor),
        ),
        (
            "packet loss at the network target",
            units::band_packet_loss(&PACKET_LOSS_TARGET_RATIO),
            units::band_packet_loss(&(PACKET_LOSS_TARGET_RATIO + STEP)),
            (Good, Warning),
        ),
        (
            "packet loss at the CQD line",
            units::band_packet_loss(&AUDIO_LOSS_RATIO),
            units::band_packet_loss(&(AUDIO_LOSS_RATIO + STEP)),
            (Warning, Poor),
        ),
        (
            "concealed samples at the line",
            units::band_concealed(&CONCEALED_RATIO_LINE),
            units::band_concealed(&(CONCEALED_RATIO_LINE + STEP)),
            (Good, Poor),
        ),
        (
            "degradation at the acceptable line",
            units::band_degradation(&(DEGRADATION_ACCEPTABLE - STEP)),
            units::band_degradation(&DEGRADATION_ACCEPTABLE),
            (Good, Warning),
        ),
        (
            "degradation at the poor line",
            units::band_degradation(&DEGRADATION_POOR),
            units::band_degradation(&(DEGRADATION_POOR + STEP)),
            (Warning, Poor),
        ),
        (
            "frame loss at the CQD line",
            units::band_frame_loss(&VIDEO_FRAME_LOSS_PERCENT),
            units::band_frame_loss(&(VIDEO_FRAME_LOSS_PERCENT + STEP)),
            (Good, Poor),
        ),
        (
            "video frame rate at the CQD line",
            units::band_video_frame_rate(&VIDEO_FRAME_RATE_FPS),
            units::band_video_frame_rate(&(VIDEO_FRAME_RATE_FPS - STEP)),
            (Good, Poor),
        ),
        (
            "sharing frame rate at the CQD line",
            units::band_vbss_frame_rate(&VBSS_FRAME_RATE_FPS),
            units::band_vbss_frame_rate(&(VBSS_FRAME_RATE_FPS - STEP)),
            (Good, Poor),
        ),
        (
            "loss after FEC at the CQD line",
            units::band_post_fec(&VIDEO_POST_FEC_LOSS_RATIO),
            units::band_post_fec(&(VIDEO_POST_FEC_LOSS_RATIO + STEP)),
            (Good, Poor),
        ),
        (
            "device ratio at the Call Analytics line",
            units::band_device_ratio(&(DEVICE_NOT_FUNCTIONING_RATIO - STEP)),
            units::band_device_ratio(&DEVICE_NOT_FUNCTIONING_RATIO),
            (Good, Poor),
        ),
    ];
    for (what, before, after, (want_before, want_after)) in cases {
        assert_eq!(
            (before, after),
            (Some(want_before), Some(want_after)),
            "the band changes at the {what}, where the explanation says"
        );
    }
}
