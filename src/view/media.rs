//! Media cards: the two sides' network and devices, then the stream table.

use std::sync::Arc;

use leptos::prelude::*;

use super::explain::MetricField;
use super::parts::{ExtraProperties, Field, RawJson, RollupBadge};
use super::stream::StreamTable;
use crate::analysis::explain::{Metric, GLITCH_RATE_HIGHLIGHT};
use crate::analysis::units::*;
use crate::analysis::{Failure, MediaReport, Report};
use crate::model::{items, DeviceInfo, NetworkInfo, Reading};

/// One media of a segment.
#[component]
pub fn MediaCard(report: Arc<Report>, si: usize, gi: usize, mi: usize) -> impl IntoView {
    let g = &report.sessions[si].segments[gi];
    let m: &MediaReport = &g.media[mi];
    let label = m.media.label.value().filter(|l| !l.is_empty()).cloned();
    let title = label.clone().unwrap_or_else(|| "(no label)".to_owned());
    let problems: Vec<String> = m
        .device_problems
        .iter()
        .map(|d| format!("{} {}", d.side.as_str(), d.describe()))
        .collect();

    view! {
        <section class="media" data-testid="media-card" data-kind=m.kind.as_str()>
            <header class="media__head">
                <h4 class="media__title">
                    <bdi>{title}</bdi>
                    <span class="media__kind">{m.kind.describe()}</span>
                </h4>
                <RollupBadge rollup=m.rollup failure=Failure::None />
            </header>
            {problems.into_iter().map(|p| view! { <p class="flag flag--failed"><span aria-hidden="true">"⚠ "</span>"Device problem: "{p}</p> }).collect_view()}
            <div class="sides">
                <Side title="Caller" name=g.caller.name.clone() network=m.media.caller_network.clone() device=m.media.caller_device.clone() />
                <Side title="Callee" name=g.callee.name.clone() network=m.media.callee_network.clone() device=m.media.callee_device.clone() />
            </div>
            <StreamTable report=report.clone() si=si gi=gi mi=mi />
            <ExtraProperties extra=m.media.extra.clone() />
            <RawJson report=report.clone() path=report.media_path(si, gi, mi) />
        </section>
    }
}

/// One side's network and devices.
#[component]
fn Side(
    title: &'static str,
    name: String,
    network: Reading<NetworkInfo>,
    device: Reading<DeviceInfo>,
) -> impl IntoView {
    let network_view = match network.value() {
        Some(n) => view! { <NetworkFields network=n.clone() /> }.into_any(),
        None => view! { <p class="value--missing">"network not reported"</p> }.into_any(),
    };
    let device_view = match device.value() {
        Some(d) => view! { <DeviceFields device=d.clone() /> }.into_any(),
        None => view! { <p class="value--missing">"devices not reported"</p> }.into_any(),
    };
    view! {
        <div class="side">
            <h5 class="side__title">{format!("{title}: ")}<bdi>{name}</bdi></h5>
            <h6 class="side__subtitle">"Network"</h6>
            {network_view}
            <h6 class="side__subtitle">"Devices"</h6>
            {device_view}
        </div>
    }
}

/// A field's label: a metric, whose label opens its explanation, or plain words for names,
/// addresses and drivers, which need none.
#[derive(Debug, Clone, Copy)]
enum Label {
    Metric(Metric),
    Text(&'static str),
}

/// A labelled value, explained when it is a metric.
#[component]
fn LabelledField(label: Label, shown: Shown) -> impl IntoView {
    match label {
        Label::Metric(metric) => view! { <MetricField metric=metric shown=shown /> }.into_any(),
        Label::Text(text) => view! { <Field label=text shown=shown /> }.into_any(),
    }
}

/// Less-used fields behind a disclosure, so the two sides stay comparable at a glance.
#[component]
fn MoreFields(title: &'static str, fields: Vec<(Label, Shown)>) -> impl IntoView {
    (!fields.is_empty()).then(|| {
        view! {
            <details class="more">
                <summary>{format!("{title} ({})", fields.len())}</summary>
                <dl class="fields fields--compact">
                    {fields
                        .into_iter()
                        .map(|(label, shown)| view! { <LabelledField label=label shown=shown /> })
                        .collect_view()}
                </dl>
            </details>
        }
    })
}

fn ratio(reading: &Reading<f64>) -> Shown {
    show(reading, |v| format_ratio_percent(*v), no_band)
}

fn plain(reading: &Reading<f64>) -> Shown {
    show(reading, |v| format_decimal(*v, 2), no_band)
}

#[component]
fn NetworkFields(network: NetworkInfo) -> impl IntoView {
    let n = &network;
    let is_wifi = matches!(
        n.connection_type.value(),
        Some(crate::model::ConnectionType::Wifi)
    ) || n
        .wifi_band
        .value()
        .is_some_and(|b| *b != crate::model::WifiBand::Unknown)
        || !n.wifi_signal_strength.is_missing();
    let relay = match (
        n.relay_ip_address.value().filter(|s| !s.is_empty()),
        n.relay_port.value(),
    ) {
        (Some(ip), Some(port)) => Shown::value(format!("{ip} port {port}"), None),
        _ => show_text(&n.relay_ip_address),
    };
    let hops: Vec<String> = items(&n.trace_route_hops)
        .map(|h| {
            let ip = h
                .ip_address
                .value()
                .cloned()
                .unwrap_or_else(|| "address not reported".into());
            let rtt = h
                .round_trip_time
                .value()
                .map(|m| format_ms(m.0))
                .unwrap_or_else(|| "not reported".into());
            let hop = h
                .hop_count
                .value()
                .map(|c| format!("hop {c}"))
                .unwrap_or_else(|| "hop".into());
            format!("{hop}: {ip}, {rtt}")
        })
        .collect();

    let mut optional: Vec<(Metric, Shown)> = Vec::new();
    let mut add_if = |metric: Metric, shown: Shown, present: bool| {
        if present {
            optional.push((metric, shown));
        }
    };
    add_if(Metric::WifiBand, show_enum(&n.wifi_band), is_wifi);
    add_if(Metric::WifiRadio, show_enum(&n.wifi_radio_type), is_wifi);
    add_if(Metric::WifiChannel, plain(&n.wifi_channel), is_wifi);
    add_if(
        Metric::WifiSignal,
        show(&n.wifi_signal_strength, |v| format!("{v} %"), no_band),
        is_wifi,
    );

    let mut more: Vec<(Label, Shown)> = Vec::new();
    let mut add_more = |label: Label, shown: Shown, present: bool| {
        if present {
            more.push((label, shown));
        }
    };
    add_more(
        Label::Text("Subnet"),
        show_text(&n.subnet),
        !n.subnet.is_missing(),
    );
    add_more(
        Label::Text("MAC address"),
        show_mac(&n.mac_address),
        !n.mac_address.is_missing(),
    );
    add_more(
        Label::Text("DNS suffix"),
        show_text(&n.dns_suffix),
        !n.dns_suffix.is_missing(),
    );
    add_more(
        Label::Metric(Metric::Battery),
        show(
            &n.wifi_battery_charge,
            |v| {
                if *v == 0.0 {
                    "plugged in".to_owned()
                } else {
                    format!("{v} %")
                }
            },
            no_band,
        ),
        !n.wifi_battery_charge.is_missing(),
    );
    add_more(
        Label::Text("BSSID"),
        show_text(&n.bssid),
        !n.bssid.is_missing(),
    );
    add_more(
        Label::Text("Wi-Fi driver"),
        show_text(&n.wifi_vendor_driver),
        !n.wifi_vendor_driver.is_missing(),
    );
    add_more(
        Label::Text("Wi-Fi driver version"),
        show_text(&n.wifi_vendor_driver_version),
        !n.wifi_vendor_driver_version.is_missing(),
    );
    add_more(
        Label::Metric(Metric::PoorSentAudio),
        ratio(&n.sent_quality_event_ratio),
        !n.sent_quality_event_ratio.is_missing(),
    );
    add_more(
        Label::Metric(Metric::PoorReceivedAudio),
        ratio(&n.received_quality_event_ratio),
        !n.received_quality_event_ratio.is_missing(),
    );
    add_more(
        Label::Metric(Metric::DelayEvents),
        ratio(&n.delay_event_ratio),
        !n.delay_event_ratio.is_missing(),
    );
    add_more(
        Label::Metric(Metric::LowBandwidthEvents),
        ratio(&n.bandwidth_low_event_ratio),
        !n.bandwidth_low_event_ratio.is_missing(),
    );

    view! {
        <dl class="fields fields--compact">
            <MetricField metric=Metric::Connection shown=show_enum(&n.connection_type) />
            <Field label="IP address" shown=show_text(&n.ip_address) />
            <Field label="Port" shown=plain(&n.port) />
            <Field label="Reflexive IP" shown=show_text(&n.reflexive_ip_address) />
            <Field label="Relay" shown=relay />
            <MetricField metric=Metric::Transport shown=show_enum(&n.transport) />
            <MetricField metric=Metric::LinkSpeed shown=show_link_speed(&n.link_speed) />
            {optional
                .into_iter()
                .map(|(metric, shown)| view! { <MetricField metric=metric shown=shown /> })
                .collect_view()}
        </dl>
        <MoreFields title="More network details" fields=more />
        {(!hops.is_empty()).then(|| view! {
            <p class="side__subtitle">"Trace route"</p>
            <ol class="plain-list">{hops.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ol>
        })}
        <ExtraProperties extra=network.extra.clone() />
    }
}

#[component]
fn DeviceFields(device: DeviceInfo) -> impl IntoView {
    let d = &device;
    let glitch = |r: &Reading<f64>| {
        show(
            r,
            |v| format!("{} per 5 min", format_decimal(*v, 1)),
            |v| (*v >= GLITCH_RATE_HIGHLIGHT).then_some(Band::Warning),
        )
    };
    let flag_ratio = |r: &Reading<f64>| show(r, |v| format_ratio_percent(*v), band_device_ratio);

    let mut optional: Vec<(Label, Shown)> = Vec::new();
    let ratios: [(Metric, &Reading<f64>); 8] = [
        (Metric::CpuInsufficient, &d.cpu_insufficient_event_ratio),
        (Metric::DeviceGlitches, &d.device_glitch_event_ratio),
        (Metric::Clipping, &d.device_clipping_event_ratio),
        (Metric::LowSpeechLevel, &d.low_speech_level_event_ratio),
        (Metric::LowSpeechToNoise, &d.low_speech_to_noise_event_ratio),
        (Metric::SpeakerVolumeZero, &d.render_zero_volume_event_ratio),
        (Metric::SpeakerMuted, &d.render_mute_event_ratio),
        (Metric::InitialSignalRms, &d.initial_signal_level_rms),
    ];
    for (metric, reading) in ratios {
        if !reading.is_missing() {
            let shown = if metric == Metric::InitialSignalRms {
                plain(reading)
            } else {
                ratio(reading)
            };
            optional.push((Label::Metric(metric), shown));
        }
    }
    let levels: [(Metric, &Reading<f64>); 5] = [
        (Metric::SentSignalLevel, &d.sent_signal_level),
        (Metric::ReceivedSignalLevel, &d.received_signal_level),
        (Metric::SentNoiseLevel, &d.sent_noise_level),
        (Metric::ReceivedNoiseLevel, &d.received_noise_level),
        (Metric::HowlingEvents, &d.howling_event_count),
    ];
    for (metric, reading) in levels {
        if !reading.is_missing() {
            optional.push((Label::Metric(metric), plain(reading)));
        }
    }

    view! {
        <dl class="fields fields--compact">
            <Field label="Microphone / camera" shown=show_text(&d.capture_device_name) />
            <Field label="Capture driver" shown=show_text(&d.capture_device_driver) />
            <Field label="Speaker / display" shown=show_text(&d.render_device_name) />
            <Field label="Render driver" shown=show_text(&d.render_device_driver) />
            <MetricField
                metric=Metric::CaptureNotWorking
                shown=flag_ratio(&d.capture_not_functioning_event_ratio)
            />
            <MetricField
                metric=Metric::RenderNotWorking
                shown=flag_ratio(&d.render_not_functioning_event_ratio)
            />
            <MetricField metric=Metric::MicGlitches shown=glitch(&d.mic_glitch_rate) />
            <MetricField metric=Metric::SpeakerGlitches shown=glitch(&d.speaker_glitch_rate) />
        </dl>
        <MoreFields title="More device details" fields=optional />
        <ExtraProperties extra=device.extra.clone() />
    }
}
