//! What each metric on screen means: the text behind every metric label.
//!
//! For every metric the stream table and the media cards show, this module says what it
//! measures, its unit, where the lines are (good / warning / poor, per stream kind where they
//! differ), where those lines come from (CQD, Call Analytics, Microsoft's network targets) and
//! which endpoint reported the value. The figures are formatted from the same constants the
//! verdicts (`verdict`) and findings use; the display lines that only `units`' bands draw are
//! named here and tested against those bands. Judging stays in `verdict`, colouring in `units`,
//! and showing the text in `view::explain`.

use super::findings::WEAK_WIFI_PERCENT;
use super::units::{format_count, format_decimal, format_ms};
use super::verdict::{
    AUDIO_JITTER_MS, AUDIO_LOSS_RATIO, AUDIO_ROUND_TRIP_MS, DEVICE_NOT_FUNCTIONING_RATIO,
    MIN_PACKETS, VBSS_FRAME_RATE_FPS, VIDEO_FRAME_LOSS_PERCENT, VIDEO_FRAME_RATE_FPS,
    VIDEO_POST_FEC_LOSS_RATIO,
};

/// Round trip at or below this is good: Microsoft's network target from a client to Microsoft's
/// edge. Between this and the CQD line the band warns.
pub const ROUND_TRIP_TARGET_MS: f64 = 100.0;
/// Packet loss at or below this is good: Microsoft's network target (under 1 % in any 15 s).
pub const PACKET_LOSS_TARGET_RATIO: f64 = 0.01;
/// Concealed samples above this are poor: CQD's audio rule before its 2024 revision.
pub const CONCEALED_RATIO_LINE: f64 = 0.07;
/// Network MOS degradation below this is good (Skype for Business QoE guidance).
pub const DEGRADATION_ACCEPTABLE: f64 = 0.5;
/// Network MOS degradation above this is poor: CQD's audio rule before its 2024 revision.
pub const DEGRADATION_POOR: f64 = 1.0;
/// Speaker or microphone glitches per five minutes from which the value is highlighted. No line
/// is published; values in the thousands are rare in healthy calls.
pub const GLITCH_RATE_HIGHLIGHT: f64 = 1000.0;

/// A metric the screen labels, in the order the table and the cards show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    // Stream table columns.
    Jitter,
    PacketLoss,
    RoundTrip,
    ConcealedSamples,
    AudioDegradation,
    Packets,
    Bandwidth,
    FrameRate,
    FrameLoss,
    PostFecLoss,
    // The stream table's "other metrics" line.
    NetworkJitter,
    ReceivedFrameRate,
    VideoPacketLoss,
    LowFrameRate,
    LowProcessingCapability,
    Freeze,
    // A side's network.
    Connection,
    Transport,
    LinkSpeed,
    WifiBand,
    WifiRadio,
    WifiChannel,
    WifiSignal,
    Battery,
    PoorSentAudio,
    PoorReceivedAudio,
    DelayEvents,
    LowBandwidthEvents,
    // A side's devices.
    CaptureNotWorking,
    RenderNotWorking,
    MicGlitches,
    SpeakerGlitches,
    CpuInsufficient,
    DeviceGlitches,
    Clipping,
    LowSpeechLevel,
    LowSpeechToNoise,
    SpeakerVolumeZero,
    SpeakerMuted,
    InitialSignalRms,
    SentSignalLevel,
    ReceivedSignalLevel,
    SentNoiseLevel,
    ReceivedNoiseLevel,
    HowlingEvents,
}

/// The lines of a metric for one kind of stream (or for all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    /// "audio", "video", "screen sharing", or "all streams".
    pub applies_to: &'static str,
    /// "good ≤ 30 ms · poor > 30 ms".
    pub text: String,
}

/// Everything a metric label opens: plain text, never markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The label as the screen shows it.
    pub label: &'static str,
    /// What it measures, in one or two plain sentences.
    pub what: &'static str,
    /// The unit the screen shows, and what Graph sends when that differs.
    pub unit: &'static str,
    /// The lines per stream kind; empty when nobody publishes one.
    pub lines: Vec<Lines>,
    /// Where the lines come from, or why there is none.
    pub source: String,
    /// Which endpoint measured and reported the value.
    pub reported_by: &'static str,
}

/// Builds the explanations of one group of metrics, which share who reported them.
fn reported_by(
    who: &'static str,
) -> impl Fn(&'static str, &'static str, &'static str, Vec<Lines>, String) -> Explanation {
    move |label, what, unit, lines, source| Explanation {
        label,
        what,
        unit,
        lines,
        source,
        reported_by: who,
    }
}

impl Explanation {
    /// The lines as one text per kind, or "no published line".
    pub fn lines_text(&self) -> Vec<String> {
        if self.lines.is_empty() {
            return vec!["no published line".to_owned()];
        }
        self.lines
            .iter()
            .map(|l| format!("{}: {}", l.applies_to, l.text))
            .collect()
    }
}

const RECEIVER: &str = "the receiving side: the endpoint the stream went to measured it (for \
                        caller → callee, the callee)";
const NETWORK_SIDE: &str = "the endpoint on this side, about its own network connection";
const DEVICE_SIDE: &str = "the endpoint on this side, about its own devices";
const NO_LINE: &str = "No published line; Graph's documentation defines the value only.";

/// A ratio as percent without trailing zeros: 0.1 → "10 %", 0.005 → "0.5 %".
fn pct(ratio: f64) -> String {
    format!("{} %", format_decimal(ratio * 100.0, 2))
}

/// Frames per second without trailing zeros: 7.0 → "7 fps".
fn fps(rate: f64) -> String {
    format!("{} fps", format_decimal(rate, 1))
}

fn lines(applies_to: &'static str, text: String) -> Lines {
    Lines { applies_to, text }
}

impl Metric {
    /// Every metric, for tests and for anyone listing them.
    pub const ALL: [Metric; 45] = [
        Metric::Jitter,
        Metric::PacketLoss,
        Metric::RoundTrip,
        Metric::ConcealedSamples,
        Metric::AudioDegradation,
        Metric::Packets,
        Metric::Bandwidth,
        Metric::FrameRate,
        Metric::FrameLoss,
        Metric::PostFecLoss,
        Metric::NetworkJitter,
        Metric::ReceivedFrameRate,
        Metric::VideoPacketLoss,
        Metric::LowFrameRate,
        Metric::LowProcessingCapability,
        Metric::Freeze,
        Metric::Connection,
        Metric::Transport,
        Metric::LinkSpeed,
        Metric::WifiBand,
        Metric::WifiRadio,
        Metric::WifiChannel,
        Metric::WifiSignal,
        Metric::Battery,
        Metric::PoorSentAudio,
        Metric::PoorReceivedAudio,
        Metric::DelayEvents,
        Metric::LowBandwidthEvents,
        Metric::CaptureNotWorking,
        Metric::RenderNotWorking,
        Metric::MicGlitches,
        Metric::SpeakerGlitches,
        Metric::CpuInsufficient,
        Metric::DeviceGlitches,
        Metric::Clipping,
        Metric::LowSpeechLevel,
        Metric::LowSpeechToNoise,
        Metric::SpeakerVolumeZero,
        Metric::SpeakerMuted,
        Metric::InitialSignalRms,
        Metric::SentSignalLevel,
        Metric::ReceivedSignalLevel,
        Metric::SentNoiseLevel,
        Metric::ReceivedNoiseLevel,
        Metric::HowlingEvents,
    ];

    /// A stable name for ids and tests: `jitter`, `wifi-signal`, …
    pub fn key(self) -> &'static str {
        match self {
            Metric::Jitter => "jitter",
            Metric::PacketLoss => "packet-loss",
            Metric::RoundTrip => "round-trip",
            Metric::ConcealedSamples => "concealed-samples",
            Metric::AudioDegradation => "audio-degradation",
            Metric::Packets => "packets",
            Metric::Bandwidth => "bandwidth",
            Metric::FrameRate => "frame-rate",
            Metric::FrameLoss => "frame-loss",
            Metric::PostFecLoss => "post-fec-loss",
            Metric::NetworkJitter => "network-jitter",
            Metric::ReceivedFrameRate => "received-frame-rate",
            Metric::VideoPacketLoss => "video-packet-loss",
            Metric::LowFrameRate => "low-frame-rate",
            Metric::LowProcessingCapability => "low-processing-capability",
            Metric::Freeze => "freeze",
            Metric::Connection => "connection",
            Metric::Transport => "transport",
            Metric::LinkSpeed => "link-speed",
            Metric::WifiBand => "wifi-band",
            Metric::WifiRadio => "wifi-radio",
            Metric::WifiChannel => "wifi-channel",
            Metric::WifiSignal => "wifi-signal",
            Metric::Battery => "battery",
            Metric::PoorSentAudio => "poor-sent-audio",
            Metric::PoorReceivedAudio => "poor-received-audio",
            Metric::DelayEvents => "delay-events",
            Metric::LowBandwidthEvents => "low-bandwidth-events",
            Metric::CaptureNotWorking => "capture-not-working",
            Metric::RenderNotWorking => "render-not-working",
            Metric::MicGlitches => "mic-glitches",
            Metric::SpeakerGlitches => "speaker-glitches",
            Metric::CpuInsufficient => "cpu-insufficient",
            Metric::DeviceGlitches => "device-glitches",
            Metric::Clipping => "clipping",
            Metric::LowSpeechLevel => "low-speech-level",
            Metric::LowSpeechToNoise => "low-speech-to-noise",
            Metric::SpeakerVolumeZero => "speaker-volume-zero",
            Metric::SpeakerMuted => "speaker-muted",
            Metric::InitialSignalRms => "initial-signal-rms",
            Metric::SentSignalLevel => "sent-signal-level",
            Metric::ReceivedSignalLevel => "received-signal-level",
            Metric::SentNoiseLevel => "sent-noise-level",
            Metric::ReceivedNoiseLevel => "received-noise-level",
            Metric::HowlingEvents => "howling-events",
        }
    }

    /// The text behind the metric's label.
    pub fn explanation(self) -> Explanation {
        match self {
            Metric::Jitter
            | Metric::PacketLoss
            | Metric::RoundTrip
            | Metric::ConcealedSamples
            | Metric::AudioDegradation
            | Metric::Packets
            | Metric::Bandwidth => self.stream_explanation(),
            Metric::FrameRate
            | Metric::FrameLoss
            | Metric::PostFecLoss
            | Metric::NetworkJitter
            | Metric::ReceivedFrameRate
            | Metric::VideoPacketLoss
            | Metric::LowFrameRate
            | Metric::LowProcessingCapability
            | Metric::Freeze => self.video_explanation(),
            Metric::Connection
            | Metric::Transport
            | Metric::LinkSpeed
            | Metric::WifiBand
            | Metric::WifiRadio
            | Metric::WifiChannel
            | Metric::WifiSignal
            | Metric::Battery
            | Metric::PoorSentAudio
            | Metric::PoorReceivedAudio
            | Metric::DelayEvents
            | Metric::LowBandwidthEvents => self.network_explanation(),
            _ => self.device_explanation(),
        }
    }

    /// The stream metrics every kind shares, and the audio-only ones.
    fn stream_explanation(self) -> Explanation {
        let ex = reported_by(RECEIVER);
        match self {
            Metric::Jitter => ex(
                "Jitter",
                "How much the arrival time of packets varied (RFC 3550 inter-arrival jitter), \
                 averaged over the stream. Below it: the largest value seen.",
                "milliseconds (Graph sends an ISO 8601 duration in seconds)",
                vec![
                    lines(
                        "audio",
                        format!(
                            "good ≤ {0} · poor > {0} (makes the stream poor)",
                            format_ms(AUDIO_JITTER_MS)
                        ),
                    ),
                    lines("video and screen sharing", "no published line".to_owned()),
                ],
                format!(
                    "CQD stream classification (audio: poor above {0}); Microsoft's network \
                     targets also ask for under {0} between a client and Microsoft's edge.",
                    format_ms(AUDIO_JITTER_MS)
                ),
            ),
            Metric::PacketLoss => ex(
                "Packet loss",
                "The share of the stream's packets that never arrived, averaged over the \
                 stream. Below it: the worst moment.",
                "percent (Graph sends a ratio from 0 to 1)",
                vec![lines(
                    "all streams",
                    format!(
                        "good ≤ {} · warning up to {} · poor > {} (audio: makes the stream poor)",
                        pct(PACKET_LOSS_TARGET_RATIO),
                        pct(AUDIO_LOSS_RATIO),
                        pct(AUDIO_LOSS_RATIO)
                    ),
                )],
                format!(
                    "Good: Microsoft's network targets (under {} in any 15 s). Poor: CQD \
                     stream classification for audio (above {}); for video and screen sharing \
                     the band is for orientation only.",
                    pct(PACKET_LOSS_TARGET_RATIO),
                    pct(AUDIO_LOSS_RATIO)
                ),
            ),
            Metric::RoundTrip => ex(
                "Round trip",
                "How long a packet took to go to the other endpoint and back (RFC 3550), \
                 averaged over the stream. Below it: the largest value seen.",
                "milliseconds (Graph sends an ISO 8601 duration in seconds)",
                vec![lines(
                    "all streams",
                    format!(
                        "good ≤ {} · warning up to {} · poor > {} (audio: makes the stream poor)",
                        format_ms(ROUND_TRIP_TARGET_MS),
                        format_ms(AUDIO_ROUND_TRIP_MS),
                        format_ms(AUDIO_ROUND_TRIP_MS)
                    ),
                )],
                format!(
                    "Good: Microsoft's network targets (under {} from a client to Microsoft's \
                     edge). Poor: CQD stream classification for audio (above {}); for video \
                     and screen sharing the band is for orientation only.",
                    format_ms(ROUND_TRIP_TARGET_MS),
                    format_ms(AUDIO_ROUND_TRIP_MS)
                ),
            ),
            Metric::ConcealedSamples => ex(
                "Concealed samples",
                "The share of audio the receiver had to make up because packets were late or \
                 lost (packet loss concealment). Below it: the worst moment.",
                "percent (Graph sends a ratio from 0 to 1)",
                vec![lines(
                    "audio",
                    format!(
                        "good ≤ {0} · poor > {0} (shown only; does not change the verdict)",
                        pct(CONCEALED_RATIO_LINE)
                    ),
                )],
                "CQD's audio rule before its 2024 revision; the current CQD rules no longer \
                 use it."
                    .to_owned(),
            ),
            Metric::AudioDegradation => ex(
                "Audio degradation",
                "How many points of network mean opinion score (NMOS, 0 to 5) the network \
                 took from the received audio through loss and jitter.",
                "NMOS points",
                vec![lines(
                    "audio",
                    format!(
                        "good < {0} · warning {0}–{1} · poor > {1} (shown only; does not change \
                         the verdict)",
                        format_decimal(DEGRADATION_ACCEPTABLE, 2),
                        format_decimal(DEGRADATION_POOR, 2)
                    ),
                )],
                format!(
                    "Good: Skype for Business quality guidance (under {} is acceptable). Poor: \
                     CQD's audio rule before its 2024 revision (above {}).",
                    format_decimal(DEGRADATION_ACCEPTABLE, 2),
                    format_decimal(DEGRADATION_POOR, 2)
                ),
            ),
            Metric::Packets => ex(
                "Packets",
                "How many packets the stream carried (Graph's packetUtilization). Too few, as \
                 with a muted microphone, leave nothing to judge.",
                "packets",
                vec![
                    lines(
                        "audio and video",
                        format!(
                            "more than {0} needed for a verdict; {0} or fewer leave the stream \
                             unclassified",
                            format_count(MIN_PACKETS)
                        ),
                    ),
                    lines("screen sharing", "no packet count needed".to_owned()),
                ],
                "CQD stream classification (its packet utilization gate).".to_owned(),
            ),
            _ => ex(
                "Bandwidth",
                "The bandwidth the endpoint estimated was available for the stream, on average.",
                "bits per second, shown as kb/s, Mb/s or Gb/s",
                Vec::new(),
                "No published line. For orientation, Microsoft's bandwidth planning figures \
                 recommend about 58 kb/s for audio and 1.5 Mb/s for one-to-one video."
                    .to_owned(),
            ),
        }
    }

    /// Video and screen-sharing metrics, and the stream metrics outside the table's columns.
    fn video_explanation(self) -> Explanation {
        let ex = reported_by(RECEIVER);
        let no_line = || NO_LINE.to_owned();
        match self {
            Metric::FrameRate => ex(
                "Frame rate",
                "How many video frames per second arrived, on average.",
                "frames per second (fps)",
                vec![
                    lines(
                        "video",
                        format!(
                            "good ≥ {0} · poor < {0} (decides when frame loss is not reported)",
                            fps(VIDEO_FRAME_RATE_FPS)
                        ),
                    ),
                    lines(
                        "screen sharing",
                        format!(
                            "good ≥ {0} · poor < {0} (outbound sharing, and H.264S either way)",
                            fps(VBSS_FRAME_RATE_FPS)
                        ),
                    ),
                ],
                "CQD stream classification.".to_owned(),
            ),
            Metric::FrameLoss => ex(
                "Frame loss",
                "The share of video frames lost as displayed to the user, on average.",
                "percent (Graph already sends 0 to 100)",
                vec![
                    lines(
                        "video",
                        format!(
                            "good ≤ {0} · poor > {0} (decides first when reported)",
                            format!("{} %", format_decimal(VIDEO_FRAME_LOSS_PERCENT, 2))
                        ),
                    ),
                    lines(
                        "screen sharing",
                        format!(
                            "good ≤ {0} · poor > {0} (inbound sharing not using H.264S)",
                            format!("{} %", format_decimal(VIDEO_FRAME_LOSS_PERCENT, 2))
                        ),
                    ),
                ],
                "CQD stream classification.".to_owned(),
            ),
            Metric::PostFecLoss => ex(
                "Loss after FEC",
                "The share of video packets still lost after forward error correction repaired \
                 what it could.",
                "percent (Graph sends a ratio from 0 to 1)",
                vec![lines(
                    "video",
                    format!(
                        "good ≤ {0} · poor > {0} (decides when neither frame loss nor frame rate \
                         is reported)",
                        pct(VIDEO_POST_FEC_LOSS_RATIO)
                    ),
                )],
                "CQD stream classification.".to_owned(),
            ),
            Metric::NetworkJitter => ex(
                "Network jitter",
                "Jitter measured over 20-second windows: the average and the largest window. \
                 It is not the jitter CQD judges, and is often much higher.",
                "milliseconds (Graph sends an ISO 8601 duration in seconds)",
                Vec::new(),
                no_line(),
            ),
            Metric::ReceivedFrameRate => ex(
                "Received frame rate",
                "Frames per second received across all video streams of the media, on average.",
                "frames per second (fps)",
                Vec::new(),
                no_line(),
            ),
            Metric::VideoPacketLoss => ex(
                "Video packet loss",
                "The share of video packets lost (RFC 3550 fraction lost), on average.",
                "percent (Graph sends a ratio from 0 to 1)",
                Vec::new(),
                no_line(),
            ),
            Metric::LowFrameRate => ex(
                "Time below 7.5 fps",
                "The share of the call during which video arrived at fewer than 7.5 frames \
                 per second.",
                "percent of the call (Graph sends a ratio from 0 to 1)",
                Vec::new(),
                no_line(),
            ),
            Metric::LowProcessingCapability => ex(
                "Low processing capability",
                "The share of the call during which the device ran video below 70 % of the \
                 processing capability it was expected to have.",
                "percent of the call (Graph sends a ratio from 0 to 1)",
                Vec::new(),
                no_line(),
            ),
            _ => ex(
                "Freeze",
                "How long received video froze: the average and the root mean square of the \
                 freezes.",
                "milliseconds (Graph sends an ISO 8601 duration in seconds)",
                Vec::new(),
                "No published line. CQD judges freezes with a score Graph does not expose."
                    .to_owned(),
            ),
        }
    }

    /// The fields of a side's network.
    fn network_explanation(self) -> Explanation {
        let ex = |label, what, unit, source| {
            reported_by(NETWORK_SIDE)(label, what, unit, Vec::new(), source)
        };
        let no_line = || NO_LINE.to_owned();
        match self {
            Metric::Connection => ex(
                "Connection",
                "How the endpoint was connected: wired, Wi-Fi, mobile or a tunnel such as a VPN.",
                "one of Graph's connection types",
                "No published line. callscope's findings point out a tunnel, because media \
                 through one adds delay."
                    .to_owned(),
            ),
            Metric::Transport => ex(
                "Transport",
                "Whether media went over UDP or TCP.",
                "UDP or TCP",
                "No published line. Microsoft recommends UDP; callscope's findings point out \
                 TCP, which suffers from retransmission delays."
                    .to_owned(),
            ),
            Metric::LinkSpeed => ex(
                "Link speed",
                "The speed the network adapter reported for its link. 4294967295 means the \
                 adapter did not know; 0 means not measured.",
                "bits per second, shown as kb/s, Mb/s or Gb/s",
                no_line(),
            ),
            Metric::WifiBand => ex(
                "Wi-Fi band",
                "The Wi-Fi frequency band: 2.4, 5 or 6 GHz. The 2.4 GHz band is usually the \
                 most crowded.",
                "one of Graph's Wi-Fi bands",
                no_line(),
            ),
            Metric::WifiRadio => ex(
                "Wi-Fi radio",
                "The Wi-Fi standard of the connection, such as 802.11ac or 802.11ax.",
                "one of Graph's Wi-Fi radio types",
                no_line(),
            ),
            Metric::WifiChannel => ex(
                "Wi-Fi channel",
                "The Wi-Fi channel the adapter used.",
                "channel number",
                no_line(),
            ),
            Metric::WifiSignal => ex(
                "Wi-Fi signal",
                "The Wi-Fi signal strength the adapter reported.",
                "percent, 0 to 100",
                format!(
                    "No published line. callscope's findings call a signal below {} % weak, \
                     because calls often suffer there.",
                    format_decimal(WEAK_WIFI_PERCENT, 0)
                ),
            ),
            Metric::Battery => ex(
                "Battery",
                "The battery charge left on the device. 0 means it was plugged in.",
                "percent",
                no_line(),
            ),
            Metric::PoorSentAudio => ex(
                "Poor sent audio (network)",
                "The share of the call during which the network made the audio this side sent \
                 poor.",
                "percent of the call (Graph sends a ratio from 0 to 1)",
                no_line(),
            ),
            Metric::PoorReceivedAudio => ex(
                "Poor received audio (network)",
                "The share of the call during which the network made the audio this side \
                 received poor.",
                "percent of the call (Graph sends a ratio from 0 to 1)",
                no_line(),
            ),
            Metric::DelayEvents => ex(
                "Delay events",
                "The share of the call with enough network delay to disturb a two-way \
                 conversation.",
                "percent of the call (Graph sends a ratio from 0 to 1)",
                no_line(),
            ),
            _ => ex(
                "Low bandwidth events",
                "The share of the call during which bandwidth (or a policy) was too low for the \
                 audio this side sent.",
                "percent of the call (Graph sends a ratio from 0 to 1)",
                no_line(),
            ),
        }
    }

    /// The fields of a side's devices.
    fn device_explanation(self) -> Explanation {
        let ex = reported_by(DEVICE_SIDE);
        let share = "percent of the call (Graph sends a ratio from 0 to 1)";
        let no_line = || NO_LINE.to_owned();
        let not_working = || {
            vec![lines(
                "all media",
                format!(
                    "good < {0} · poor ≥ {0} (a device problem)",
                    pct(DEVICE_NOT_FUNCTIONING_RATIO)
                ),
            )]
        };
        let glitch_lines = || {
            vec![lines(
                "all media",
                format!(
                    "highlighted from {} per 5 min (callscope's own mark)",
                    format_count(GLITCH_RATE_HIGHLIGHT)
                ),
            )]
        };
        let glitch_source =
            || "No published line; values in the thousands are rare in healthy calls.".to_owned();
        let level_source = || {
            "No published line, and Graph gives no unit; Skype for Business measured the same \
             levels in dBmo. Shown for information."
                .to_owned()
        };
        match self {
            Metric::CaptureNotWorking => ex(
                "Capture not working",
                "The share of the call during which the microphone (or camera) was not working.",
                share,
                not_working(),
                "Call Analytics (its device rule).".to_owned(),
            ),
            Metric::RenderNotWorking => ex(
                "Render not working",
                "The share of the call during which the speaker (or display) was not working.",
                share,
                not_working(),
                "Call Analytics (its device rule).".to_owned(),
            ),
            Metric::MicGlitches => ex(
                "Mic glitches",
                "How often the microphone glitched.",
                "glitches per 5 minutes",
                glitch_lines(),
                glitch_source(),
            ),
            Metric::SpeakerGlitches => ex(
                "Speaker glitches",
                "How often the loudspeaker glitched.",
                "glitches per 5 minutes",
                glitch_lines(),
                glitch_source(),
            ),
            Metric::CpuInsufficient => ex(
                "CPU insufficient",
                "The share of the call during which the device's processor could not keep up.",
                share,
                Vec::new(),
                no_line(),
            ),
            Metric::DeviceGlitches => ex(
                "Device glitches",
                "The share of the call with glitches or gaps in the audio the device handled.",
                share,
                Vec::new(),
                no_line(),
            ),
            Metric::Clipping => ex(
                "Clipping",
                "The share of the call during which the captured audio was too loud and clipped.",
                share,
                Vec::new(),
                no_line(),
            ),
            Metric::LowSpeechLevel => ex(
                "Low speech level",
                "The share of the call during which the speaker's voice was captured too quietly.",
                share,
                Vec::new(),
                no_line(),
            ),
            Metric::LowSpeechToNoise => ex(
                "Low speech-to-noise",
                "The share of the call during which speech was hard to tell from background \
                 noise.",
                share,
                Vec::new(),
                no_line(),
            ),
            Metric::SpeakerVolumeZero => ex(
                "Speaker volume zero",
                "The share of the call during which the speaker volume was set to zero.",
                share,
                Vec::new(),
                no_line(),
            ),
            Metric::SpeakerMuted => ex(
                "Speaker muted",
                "The share of the call during which the speaker was muted.",
                share,
                Vec::new(),
                no_line(),
            ),
            Metric::InitialSignalRms => ex(
                "Initial signal RMS",
                "The root mean square level of the incoming signal in the first 30 seconds of \
                 the call at most.",
                "level, as Graph gives it (no unit stated)",
                Vec::new(),
                no_line(),
            ),
            Metric::SentSignalLevel => ex(
                "Sent signal level",
                "The average energy of the speech this side sent.",
                "level, as Graph gives it (no unit stated)",
                Vec::new(),
                level_source(),
            ),
            Metric::ReceivedSignalLevel => ex(
                "Received signal level",
                "The average energy of the speech this side received.",
                "level, as Graph gives it (no unit stated)",
                Vec::new(),
                level_source(),
            ),
            Metric::SentNoiseLevel => ex(
                "Sent noise level",
                "The average energy of the background noise this side sent.",
                "level, as Graph gives it (no unit stated)",
                Vec::new(),
                level_source(),
            ),
            Metric::ReceivedNoiseLevel => ex(
                "Received noise level",
                "The average energy of the background noise this side received.",
                "level, as Graph gives it (no unit stated)",
                Vec::new(),
                level_source(),
            ),
            _ => ex(
                "Howling events",
                "How many times howling or screeching (acoustic feedback) was detected.",
                "events",
                Vec::new(),
                no_line(),
            ),
        }
    }
}

#[cfg(test)]
mod tests;
