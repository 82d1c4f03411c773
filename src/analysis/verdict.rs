//! Stream verdicts and roll-ups, as `shared/reference/quality-rules.md` defines them.
//!
//! This is the contract with CQD: the kind of a media (by label, then codec), the audio, video
//! and screen-sharing rules with the 500-packet gate, the "poor due to" reasons, and the roll-up
//! order poor > good > unclassified > not assessed. Thresholds are written once, here.

use std::fmt;

use crate::model::{Media, MediaStream, Reading, StreamDirection, VideoCodec};

use super::endpoint::EndpointKind;
use super::units::{format_fps, format_ms, format_percent, format_ratio_percent};

/// CQD's packet gate: audio and video streams with this many packets or fewer are unclassified.
pub const MIN_PACKETS: f64 = 500.0;
/// Audio is poor above these.
pub const AUDIO_JITTER_MS: f64 = 30.0;
pub const AUDIO_LOSS_RATIO: f64 = 0.1;
pub const AUDIO_ROUND_TRIP_MS: f64 = 500.0;
/// Video is poor above (frame loss, post-FEC loss) or below (frame rate) these.
pub const VIDEO_FRAME_LOSS_PERCENT: f64 = 50.0;
pub const VIDEO_FRAME_RATE_FPS: f64 = 7.0;
pub const VIDEO_POST_FEC_LOSS_RATIO: f64 = 0.15;
/// Screen sharing (VBSS) is poor below this frame rate.
pub const VBSS_FRAME_RATE_FPS: f64 = 1.0;
/// Call Analytics' device rule: a capture or render device is not working at or above this.
pub const DEVICE_NOT_FUNCTIONING_RATIO: f64 = 0.005;

/// What a media carries, which decides the rules for its streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StreamKind {
    Audio,
    Video,
    /// Video-based screen sharing.
    Vbss,
    Data,
    Unknown,
}

impl StreamKind {
    /// The CSV's word: `audio|video|vbss|data|unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            StreamKind::Audio => "audio",
            StreamKind::Video => "video",
            StreamKind::Vbss => "vbss",
            StreamKind::Data => "data",
            StreamKind::Unknown => "unknown",
        }
    }

    /// How the UI names it.
    pub fn describe(self) -> &'static str {
        match self {
            StreamKind::Audio => "audio",
            StreamKind::Video => "video",
            StreamKind::Vbss => "screen sharing",
            StreamKind::Data => "data",
            StreamKind::Unknown => "unknown kind",
        }
    }
}

/// Decides a media's kind: by label first (case-insensitive), then by the streams' codecs.
pub fn media_kind(media: &Media) -> StreamKind {
    if let Some(label) = media.label.value() {
        let label = label.to_ascii_lowercase();
        if label.contains("audio") {
            return StreamKind::Audio;
        }
        if ["applicationsharing", "screen", "vbss"]
            .iter()
            .any(|s| label.contains(s))
        {
            return StreamKind::Vbss;
        }
        if label.contains("video") {
            return StreamKind::Video;
        }
        if label.trim() == "data" {
            return StreamKind::Data;
        }
    }

    let streams: Vec<&MediaStream> = crate::model::items(&media.streams).collect();
    if streams
        .iter()
        .any(|s| s.audio_codec.value().is_some_and(|c| c.names_a_codec()))
    {
        StreamKind::Audio
    } else if streams
        .iter()
        .any(|s| s.video_codec.value() == Some(&VideoCodec::H264s))
    {
        StreamKind::Vbss
    } else if streams
        .iter()
        .any(|s| s.video_codec.value().is_some_and(|c| c.names_a_codec()))
    {
        StreamKind::Video
    } else {
        StreamKind::Unknown
    }
}

/// A metric that made a stream poor: CQD's "poor due to".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    FrameLoss,
    FrameRate,
    Jitter,
    PacketLoss,
    PostFecLoss,
    RoundTrip,
}

impl Reason {
    /// The CSV's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::FrameLoss => "frame-loss",
            Reason::FrameRate => "frame-rate",
            Reason::Jitter => "jitter",
            Reason::PacketLoss => "packet-loss",
            Reason::PostFecLoss => "post-fec-loss",
            Reason::RoundTrip => "round-trip",
        }
    }
}

/// One crossed line: the metric, its value and the line, for "jitter 66.1 ms is above 30 ms".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossing {
    pub reason: Reason,
    pub value: f64,
    pub line: f64,
}

impl fmt::Display for Crossing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (v, l) = (self.value, self.line);
        match self.reason {
            Reason::Jitter => write!(f, "jitter {} is above {}", format_ms(v), format_ms(l)),
            Reason::RoundTrip => write!(f, "round trip {} is above {}", format_ms(v), format_ms(l)),
            Reason::PacketLoss => write!(
                f,
                "packet loss {} is above {}",
                format_ratio_percent(v),
                format_ratio_percent(l)
            ),
            Reason::FrameLoss => {
                write!(
                    f,
                    "frame loss {} is above {}",
                    format_percent(v),
                    format_percent(l)
                )
            }
            Reason::FrameRate => {
                write!(f, "frame rate {} is below {}", format_fps(v), format_fps(l))
            }
            Reason::PostFecLoss => write!(
                f,
                "loss after FEC {} is above {}",
                format_ratio_percent(v),
                format_ratio_percent(l)
            ),
        }
    }
}

/// The verdict of one stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Good,
    /// Every crossed line, in the order the rules check them.
    Poor(Vec<Crossing>),
    /// Not enough to judge; the text says what is missing.
    Unclassified(String),
    /// No rules apply (data, unknown media).
    NotAssessed(String),
}

/// The four verdict words, ordered by how much they matter in a roll-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VerdictWord {
    NotAssessed,
    Unclassified,
    Good,
    Poor,
}

impl VerdictWord {
    /// The word used in the UI, the CSV and `data-verdict`.
    pub fn as_str(self) -> &'static str {
        match self {
            VerdictWord::Good => "good",
            VerdictWord::Poor => "poor",
            VerdictWord::Unclassified => "unclassified",
            VerdictWord::NotAssessed => "not-assessed",
        }
    }

    /// The word as a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            VerdictWord::Good => "Good",
            VerdictWord::Poor => "Poor",
            VerdictWord::Unclassified => "Unclassified",
            VerdictWord::NotAssessed => "Not assessed",
        }
    }

    /// A shape that tells the verdicts apart without colour.
    pub fn icon(self) -> &'static str {
        match self {
            VerdictWord::Good => "✓",
            VerdictWord::Poor => "✗",
            VerdictWord::Unclassified => "?",
            VerdictWord::NotAssessed => "–",
        }
    }

    pub const ALL: [VerdictWord; 4] = [
        VerdictWord::Poor,
        VerdictWord::Good,
        VerdictWord::Unclassified,
        VerdictWord::NotAssessed,
    ];
}

impl Verdict {
    pub fn word(&self) -> VerdictWord {
        match self {
            Verdict::Good => VerdictWord::Good,
            Verdict::Poor(_) => VerdictWord::Poor,
            Verdict::Unclassified(_) => VerdictWord::Unclassified,
            Verdict::NotAssessed(_) => VerdictWord::NotAssessed,
        }
    }

    /// The reasons, sorted, for the CSV's `poor_due_to`.
    pub fn poor_due_to(&self) -> Vec<Reason> {
        let mut reasons: Vec<Reason> = match self {
            Verdict::Poor(crossings) => crossings.iter().map(|c| c.reason).collect(),
            _ => Vec::new(),
        };
        reasons.sort();
        reasons.dedup();
        reasons
    }

    /// Why the verdict is what it is, in plain words.
    pub fn explain(&self) -> String {
        match self {
            Verdict::Good => "good: every rule's metric is within its line".to_owned(),
            Verdict::Poor(crossings) => {
                let parts: Vec<String> = crossings.iter().map(ToString::to_string).collect();
                format!("poor: {}", parts.join("; "))
            }
            Verdict::Unclassified(why) => format!("unclassified: {why}"),
            Verdict::NotAssessed(why) => format!("not assessed: {why}"),
        }
    }
}

/// Whether the endpoint receiving a screen-sharing stream is a client (inbound) or a service
/// (outbound). Unknown receivers count as inbound, as the rules say.
pub fn vbss_is_inbound(
    direction: Option<&StreamDirection>,
    caller: EndpointKind,
    callee: EndpointKind,
) -> bool {
    let receiver = match direction {
        Some(StreamDirection::CallerToCallee) => callee,
        Some(StreamDirection::CalleeToCaller) => caller,
        _ => EndpointKind::Unknown,
    };
    receiver != EndpointKind::Service
}

/// Judges one stream of a media of the given kind.
pub fn judge(kind: StreamKind, stream: &MediaStream, inbound: bool) -> Verdict {
    match kind {
        StreamKind::Audio => judge_audio(stream),
        StreamKind::Video => judge_video(stream),
        StreamKind::Vbss => judge_vbss(stream, inbound),
        StreamKind::Data => Verdict::NotAssessed("data streams have no quality rules".to_owned()),
        StreamKind::Unknown => Verdict::NotAssessed(
            "the media's label and codecs do not say whether it is audio, video or sharing"
                .to_owned(),
        ),
    }
}

fn packet_gate(stream: &MediaStream) -> Option<Verdict> {
    match &stream.packet_utilization {
        Reading::Missing => Some(Verdict::Unclassified(
            "packet count not reported".to_owned(),
        )),
        Reading::Invalid(bad) => Some(Verdict::Unclassified(format!("packet count {bad}"))),
        Reading::Present(n) | Reading::Noted(n, _) if *n <= MIN_PACKETS => Some(
            Verdict::Unclassified(format!("only {} packets; needs more than 500", *n as i64)),
        ),
        _ => None,
    }
}

fn judge_audio(stream: &MediaStream) -> Verdict {
    if let Some(gated) = packet_gate(stream) {
        return gated;
    }

    let round_trip = stream.average_round_trip_time.value().map(|m| m.0);
    let loss = stream.average_packet_loss_rate.value().copied();
    let jitter = stream.average_jitter.value().map(|m| m.0);
    let checks = [
        (
            Reason::RoundTrip,
            round_trip,
            AUDIO_ROUND_TRIP_MS,
            "round trip",
        ),
        (Reason::PacketLoss, loss, AUDIO_LOSS_RATIO, "packet loss"),
        (Reason::Jitter, jitter, AUDIO_JITTER_MS, "jitter"),
    ];

    let crossings: Vec<Crossing> = checks
        .iter()
        .filter_map(|(reason, value, line, _)| {
            value.filter(|v| v > line).map(|value| Crossing {
                reason: *reason,
                value,
                line: *line,
            })
        })
        .collect();
    if !crossings.is_empty() {
        return Verdict::Poor(crossings);
    }
    let missing: Vec<&str> = checks
        .iter()
        .filter(|(_, value, _, _)| value.is_none())
        .map(|(.., name)| *name)
        .collect();
    if missing.is_empty() {
        Verdict::Good
    } else {
        Verdict::Unclassified(format!("missing: {}", missing.join(", ")))
    }
}

fn judge_video(stream: &MediaStream) -> Verdict {
    if let Some(gated) = packet_gate(stream) {
        return gated;
    }

    // The first metric present decides, in CQD's order.
    if let Some(&loss) = stream.average_video_frame_loss_percentage.value() {
        return above(Reason::FrameLoss, loss, VIDEO_FRAME_LOSS_PERCENT);
    }
    if let Some(&rate) = stream.average_video_frame_rate.value() {
        return below(Reason::FrameRate, rate, VIDEO_FRAME_RATE_FPS);
    }
    if let Some(&loss) = stream.post_fec_packet_loss_rate.value() {
        return above(Reason::PostFecLoss, loss, VIDEO_POST_FEC_LOSS_RATIO);
    }
    Verdict::Unclassified("no video metrics".to_owned())
}

fn judge_vbss(stream: &MediaStream, inbound: bool) -> Verdict {
    let is_h264s = stream.video_codec.value() == Some(&VideoCodec::H264s);
    if inbound && !is_h264s {
        return match stream.average_video_frame_loss_percentage.value() {
            Some(&loss) => above(Reason::FrameLoss, loss, VIDEO_FRAME_LOSS_PERCENT),
            None => Verdict::Unclassified("frame loss not reported (inbound sharing)".to_owned()),
        };
    }
    match stream.average_video_frame_rate.value() {
        Some(&rate) => below(Reason::FrameRate, rate, VBSS_FRAME_RATE_FPS),
        None => Verdict::Unclassified(if is_h264s {
            "frame rate not reported (H.264S sharing)".to_owned()
        } else {
            "frame rate not reported (outbound sharing)".to_owned()
        }),
    }
}

fn above(reason: Reason, value: f64, line: f64) -> Verdict {
    if value > line {
        Verdict::Poor(vec![Crossing {
            reason,
            value,
            line,
        }])
    } else {
        Verdict::Good
    }
}

fn below(reason: Reason, value: f64, line: f64) -> Verdict {
    if value < line {
        Verdict::Poor(vec![Crossing {
            reason,
            value,
            line,
        }])
    } else {
        Verdict::Good
    }
}

/// The worst verdict below a media, segment, session or call, with counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rollup {
    /// Streams by verdict: poor, good, unclassified, not assessed.
    pub poor: usize,
    pub good: usize,
    pub unclassified: usize,
    pub not_assessed: usize,
    /// True when this level or one below it failed.
    pub failed: bool,
    /// Capture or render devices below this level that were not working.
    pub device_problems: usize,
}

impl Rollup {
    pub fn add(&mut self, word: VerdictWord) {
        match word {
            VerdictWord::Poor => self.poor += 1,
            VerdictWord::Good => self.good += 1,
            VerdictWord::Unclassified => self.unclassified += 1,
            VerdictWord::NotAssessed => self.not_assessed += 1,
        }
    }

    pub fn merge(&mut self, other: &Rollup) {
        self.poor += other.poor;
        self.good += other.good;
        self.unclassified += other.unclassified;
        self.not_assessed += other.not_assessed;
        self.failed |= other.failed;
        self.device_problems += other.device_problems;
    }

    pub fn streams(&self) -> usize {
        self.poor + self.good + self.unclassified + self.not_assessed
    }

    /// The worst verdict in the order poor > good > unclassified > not assessed; `None` when
    /// there are no streams.
    pub fn worst(&self) -> Option<VerdictWord> {
        [
            (self.poor, VerdictWord::Poor),
            (self.good, VerdictWord::Good),
            (self.unclassified, VerdictWord::Unclassified),
            (self.not_assessed, VerdictWord::NotAssessed),
        ]
        .into_iter()
        .find(|(n, _)| *n > 0)
        .map(|(_, w)| w)
    }

    /// "2 of 8 streams poor", or what the worst verdict is about.
    pub fn describe(&self) -> String {
        let total = self.streams();
        let noun = if total == 1 { "stream" } else { "streams" };
        match self.worst() {
            None => "no streams".to_owned(),
            Some(VerdictWord::Poor) => format!("{} of {total} {noun} poor", self.poor),
            Some(VerdictWord::Good) => format!("{} of {total} {noun} good", self.good),
            Some(VerdictWord::Unclassified) => format!("{total} {noun} unclassified"),
            Some(VerdictWord::NotAssessed) => format!("{total} {noun} not assessed"),
        }
    }
}

#[cfg(test)]
mod tests;
