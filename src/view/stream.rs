//! The stream table: one row per stream, every metric with its unit and band.

use std::sync::Arc;

use leptos::prelude::*;

use super::explain::MetricLabel;
use super::parts::{RawJson, Value, VerdictBadge};
use crate::analysis::explain::Metric;
use crate::analysis::units::*;
use crate::analysis::{MediaReport, Report, StreamKind, StreamReport};
use crate::model::{MediaStream, Millis, Reading};

/// The streams of one media. Audio and video columns appear where they apply.
#[component]
pub fn StreamTable(report: Arc<Report>, si: usize, gi: usize, mi: usize) -> impl IntoView {
    let m: &MediaReport = &report.sessions[si].segments[gi].media[mi];
    if m.streams.is_empty() {
        let text = if m.streams_missing {
            "no streams"
        } else {
            "no streams (empty list)"
        };
        return view! { <p class="results__empty">{text}</p> }.into_any();
    }
    let any = |f: fn(&MediaStream) -> bool| m.streams.iter().any(|s| f(&s.stream));
    let audio_columns = m.kind == StreamKind::Audio
        || any(|s| {
            !s.average_ratio_of_concealed_samples.is_missing()
                || !s.average_audio_degradation.is_missing()
        });
    let video_columns = matches!(m.kind, StreamKind::Video | StreamKind::Vbss)
        || any(|s| {
            !s.average_video_frame_rate.is_missing()
                || !s.average_video_frame_loss_percentage.is_missing()
        });
    let is_vbss = m.kind == StreamKind::Vbss;

    let rows = m
        .streams
        .iter()
        .enumerate()
        .map(|(ti, s)| {
            let raw = report.stream_path(si, gi, mi, ti);
            view! {
                <StreamRow
                    s=s.clone()
                    audio=audio_columns
                    video=video_columns
                    is_vbss=is_vbss
                    report=report.clone()
                    raw=raw
                />
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="streams">
                <caption class="visually-hidden">"Streams of this media"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Direction"</th>
                        <th scope="col">"Verdict"</th>
                        <th scope="col">"Codec"</th>
                        <th scope="col"><MetricLabel metric=Metric::Jitter /></th>
                        <th scope="col"><MetricLabel metric=Metric::PacketLoss /></th>
                        <th scope="col"><MetricLabel metric=Metric::RoundTrip /></th>
                        {audio_columns.then(|| view! {
                            <th scope="col"><MetricLabel metric=Metric::ConcealedSamples /></th>
                            <th scope="col"><MetricLabel metric=Metric::AudioDegradation /></th>
                        })}
                        <th scope="col"><MetricLabel metric=Metric::Packets /></th>
                        <th scope="col"><MetricLabel metric=Metric::Bandwidth /></th>
                        {video_columns.then(|| view! {
                            <th scope="col"><MetricLabel metric=Metric::FrameRate /></th>
                            <th scope="col"><MetricLabel metric=Metric::FrameLoss /></th>
                            <th scope="col"><MetricLabel metric=Metric::PostFecLoss /></th>
                        })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn ms(r: &Reading<Millis>, band: fn(&Millis) -> Option<Band>) -> Shown {
    show(r, |m| format_ms(m.0), band)
}

fn loss(r: &Reading<f64>, band: fn(&f64) -> Option<Band>) -> Shown {
    show(r, |v| format_ratio_percent(*v), band)
}

/// Average and maximum in one cell; the band belongs to the average.
#[component]
fn Pair(avg: Shown, max: Shown) -> impl IntoView {
    let both_missing = !avg.is_value() && !max.is_value() && avg.text == max.text;
    view! {
        <td class="streams__pair">
            <Value shown=avg />
            {(!both_missing).then(|| view! {
                <span class="streams__max">
                    "max "
                    <Value shown=max />
                </span>
            })}
        </td>
    }
}

#[component]
fn StreamRow(
    s: StreamReport,
    audio: bool,
    video: bool,
    is_vbss: bool,
    report: Arc<Report>,
    /// Where the stream sits in the input, for its raw JSON.
    raw: Option<Vec<crate::load::raw::Step>>,
) -> impl IntoView {
    let st = &s.stream;
    let word = s.verdict.word();
    let codec = match (st.audio_codec.value(), st.video_codec.value()) {
        (Some(a), _) if a.names_a_codec() => a.as_str().to_owned(),
        (_, Some(v)) if v.names_a_codec() => v.as_str().to_owned(),
        (Some(a), _) if !a.is_recognised() => a.as_str().to_owned(),
        (_, Some(v)) if !v.is_recognised() => v.as_str().to_owned(),
        _ => "not reported".to_owned(),
    };
    let jitter_band: fn(&Millis) -> Option<Band> = if audio { band_audio_jitter } else { no_band };
    let frame_rate_band: fn(&f64) -> Option<Band> = if is_vbss {
        band_vbss_frame_rate
    } else {
        band_video_frame_rate
    };
    let id = st
        .stream_id
        .value()
        .cloned()
        .unwrap_or_else(|| "no id".to_owned());
    let explain = s.verdict.explain();
    let reasons = match &s.verdict {
        crate::analysis::Verdict::Good => None,
        _ => Some(explain.clone()),
    };
    let is_empty = has_no_data(st);
    let other = other_metrics(st);

    view! {
        <tr class="streams__row" data-testid="stream-row" data-verdict=word.as_str() title=explain>
            <th scope="row" class="streams__direction">
                {s.direction.clone()}
                <span class="streams__id">{format!("stream {id}")}</span>
                {is_empty.then(|| view! { <span class="value--missing">" no data"</span> })}
            </th>
            <td class="streams__verdict">
                <VerdictBadge word=Some(word) />
                {reasons.map(|r| view! { <span class="streams__reason">{r}</span> })}
            </td>
            <td>{codec}</td>
            <Pair avg=ms(&st.average_jitter, jitter_band) max=ms(&st.max_jitter, no_band) />
            <Pair avg=loss(&st.average_packet_loss_rate, band_packet_loss) max=loss(&st.max_packet_loss_rate, no_band) />
            <Pair avg=ms(&st.average_round_trip_time, band_round_trip) max=ms(&st.max_round_trip_time, no_band) />
            {audio.then(|| view! {
                <Pair avg=loss(&st.average_ratio_of_concealed_samples, band_concealed) max=loss(&st.max_ratio_of_concealed_samples, no_band) />
                <td><Value shown=show(&st.average_audio_degradation, |v| format_decimal(*v, 2), band_degradation) /></td>
            })}
            <td><Value shown=show(&st.packet_utilization, |v| format_count(*v), no_band) /></td>
            <td><Value shown=show(&st.average_bandwidth_estimate, |v| format_bits_per_second(*v), no_band) /></td>
            {video.then(|| view! {
                <td><Value shown=show(&st.average_video_frame_rate, |v| format_fps(*v), frame_rate_band) /></td>
                <td><Value shown=show(&st.average_video_frame_loss_percentage, |v| format_percent(*v), band_frame_loss) /></td>
                <td><Value shown=loss(&st.post_fec_packet_loss_rate, band_post_fec) /></td>
            })}
        </tr>
        <tr class="streams__more">
            <td colspan="20">
                {(!other.is_empty()).then(|| view! {
                    <span class="label">"Other metrics: "</span>
                    {other.into_iter().map(|(label, shown)| {
                        let label = match label {
                            OtherLabel::Metric(metric, text) => {
                                view! { <MetricLabel metric=metric text=text /> }.into_any()
                            }
                            OtherLabel::Text(text) => view! { <span>{text}</span> }.into_any(),
                        };
                        view! { <div class="metric">{label}" "<Value shown=shown /></div> }
                    }).collect_view()}
                })}
                <RawJson report=report path=raw />
            </td>
        </tr>
    }
}

/// True for a stream with no metric at all (every value null), as setup failures leave them.
fn has_no_data(s: &MediaStream) -> bool {
    s.average_jitter.is_missing()
        && s.average_packet_loss_rate.is_missing()
        && s.average_round_trip_time.is_missing()
        && s.average_video_frame_rate.is_missing()
        && s.average_video_frame_loss_percentage.is_missing()
        && s.packet_utilization.value().is_none_or(|p| *p == 0.0)
}

/// The label of a metric outside the table's columns: one that explains itself (with the words
/// this line uses for it), or plain words for flags and times that need no explanation.
#[derive(Debug, Clone, Copy)]
enum OtherLabel {
    Metric(Metric, &'static str),
    Text(&'static str),
}

/// Metrics outside the table's columns, listed only when reported.
fn other_metrics(s: &MediaStream) -> Vec<(OtherLabel, Shown)> {
    use OtherLabel::{Metric as M, Text};
    let mut out = Vec::new();
    let mut add = |label: OtherLabel, shown: Shown, present: bool| {
        if present {
            out.push((label, shown));
        }
    };
    add(
        M(Metric::NetworkJitter, "network jitter avg / max"),
        Shown::value(
            format!(
                "{} / {}",
                ms(&s.average_audio_network_jitter, no_band).text,
                ms(&s.max_audio_network_jitter, no_band).text
            ),
            None,
        ),
        !s.average_audio_network_jitter.is_missing() || !s.max_audio_network_jitter.is_missing(),
    );
    add(
        Text("FEC used"),
        show(&s.is_audio_fec_used, |b| yes_no(*b), no_band),
        !s.is_audio_fec_used.is_missing(),
    );
    add(
        Text("media bypass"),
        show(&s.was_media_bypassed, |b| yes_no(*b), no_band),
        !s.was_media_bypassed.is_missing(),
    );
    add(
        M(Metric::ReceivedFrameRate, "received frame rate"),
        show(&s.average_received_frame_rate, |v| format_fps(*v), no_band),
        !s.average_received_frame_rate.is_missing(),
    );
    add(
        M(Metric::VideoPacketLoss, "video packet loss"),
        loss(&s.average_video_packet_loss_rate, no_band),
        !s.average_video_packet_loss_rate.is_missing(),
    );
    add(
        M(Metric::LowFrameRate, "time below 7.5 fps"),
        loss(&s.low_frame_rate_ratio, no_band),
        !s.low_frame_rate_ratio.is_missing(),
    );
    add(
        M(Metric::LowProcessingCapability, "low processing capability"),
        loss(&s.low_video_processing_capability_ratio, no_band),
        !s.low_video_processing_capability_ratio.is_missing(),
    );
    add(
        M(Metric::Freeze, "freeze avg"),
        ms(&s.average_freeze_duration, no_band),
        !s.average_freeze_duration.is_missing(),
    );
    add(
        M(Metric::Freeze, "freeze RMS"),
        ms(&s.rms_freeze_duration, no_band),
        !s.rms_freeze_duration.is_missing(),
    );
    add(
        Text("start"),
        show(&s.start, |t| t.display_utc(), no_band),
        !s.start.is_missing(),
    );
    add(
        Text("end"),
        show(&s.end, |t| t.display_utc(), no_band),
        !s.end.is_missing(),
    );
    out
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}
