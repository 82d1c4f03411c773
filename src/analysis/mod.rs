//! Analysis: a loaded [`Document`] → a [`Report`] holding what the screen and the CSV need.
//!
//! Everything is computed once here, as plain functions with native tests: stream kinds and
//! verdicts, failures, device problems, names, time spans, roll-ups and counts. The report owns
//! the model objects it was built from (children moved into their own reports), so views can
//! hold it for the life of the page without borrowing.

pub mod endpoint;
pub mod explain;
pub mod filter;
pub mod findings;
pub mod participants;
pub mod timeline;
pub mod units;
pub mod verdict;

use crate::load::raw::Step;
use crate::load::{ContextIds, Document, Shape};
use crate::model::audit::{audit, Log};
use crate::model::{
    CallRecord, DeviceInfo, FailureInfo, FailureStage, Instant, List, Media, MediaStream, Reading,
    Segment, Session, StreamDirection, Why,
};

pub use endpoint::{EndpointKind, Party};
pub use verdict::{Rollup, StreamKind, Verdict, VerdictWord};

/// A whole input, analysed.
#[derive(Debug, Clone)]
pub struct Report {
    pub shape: Shape,
    pub record: Option<CallRecord>,
    pub context: ContextIds,
    pub next_link: Option<String>,
    pub is_beta: bool,
    pub sessions: Vec<SessionReport>,
    /// `null` entries in the sessions list, skipped.
    pub null_sessions: usize,
    /// True when the record has no `sessions` property (not expanded).
    pub sessions_missing: bool,
    /// Every unreadable value in the input with its path, and the conversions made.
    pub log: Log,
    pub totals: Totals,
    pub time: TimeSpan,
    /// The input text, for the raw JSON view.
    pub source: std::sync::Arc<str>,
    pub is_bare_list: bool,
}

/// Counts over the whole input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub sessions: usize,
    pub segments: usize,
    pub media: usize,
    pub streams: usize,
    pub rollup: Rollup,
    pub failed_sessions: usize,
    pub failed_segments: usize,
    /// Sessions or segments with failure info but no detail.
    pub indeterminate: usize,
    pub device_problems: usize,
    /// Sessions or segments whose end is before their start.
    pub reversed_times: usize,
}

/// Start, end and length, with what went wrong reading them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TimeSpan {
    pub start: Option<Instant>,
    pub end: Option<Instant>,
    /// Milliseconds from start to end; `None` when either is missing or end is before start.
    pub length_ms: Option<f64>,
    pub end_before_start: bool,
}

impl TimeSpan {
    fn new(start: &Reading<Instant>, end: &Reading<Instant>) -> Self {
        let (start, end) = (start.value().copied(), end.value().copied());
        let raw = start.zip(end).map(|(s, e)| s.millis_until(e));
        TimeSpan {
            start,
            end,
            length_ms: raw.filter(|ms| *ms >= 0.0),
            end_before_start: raw.is_some_and(|ms| ms < 0.0),
        }
    }
}

/// Whether a session or segment failed, by `quality-rules.md`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Failure {
    #[default]
    None,
    /// Failure info with stage `unknown` (or none) and no reason: a warning, not a failure.
    WithoutDetail,
    /// A stage other than `unknown` or a reason.
    Failed {
        stage: Option<String>,
        reason: Option<String>,
    },
}

impl Failure {
    fn read(info: &Reading<FailureInfo>) -> Self {
        let Some(info) = info.value() else {
            return Failure::None;
        };
        let stage = info.stage.value().filter(|s| **s != FailureStage::Unknown);
        let stage_text = match (&info.stage, stage) {
            (_, Some(s)) => Some(s.as_str().to_owned()),
            (Reading::Invalid(bad), _) => Some(format!("({bad})")),
            _ => None,
        };
        let reason = info
            .reason
            .value()
            .filter(|r| !r.trim().is_empty())
            .cloned();
        let said_unknown = info.stage.value() == Some(&FailureStage::Unknown);
        match (stage_text, reason) {
            (None, None) if said_unknown => Failure::WithoutDetail,
            (None, None) => Failure::None,
            (stage, reason) => Failure::Failed { stage, reason },
        }
    }

    pub fn is_failed(&self) -> bool {
        matches!(self, Failure::Failed { .. })
    }

    /// "failed at call setup", "failed mid-call", "failed (stage postCallExample)".
    pub fn headline(&self) -> Option<String> {
        match self {
            Failure::None => None,
            Failure::WithoutDetail => Some("failure info present, stage unknown, no reason".into()),
            Failure::Failed { stage, .. } => Some(match stage.as_deref() {
                Some("callSetup") => "failed at call setup".to_owned(),
                Some("midcall") => "failed mid-call".to_owned(),
                Some(other) => format!("failed (stage {other})"),
                None => "failed (stage not reported)".to_owned(),
            }),
        }
    }
}

/// One session and everything below it.
#[derive(Debug, Clone)]
pub struct SessionReport {
    /// Position in the input's sessions list, counting `null` entries.
    pub index: usize,
    /// The session without its segments (they are in `segments`).
    pub session: Session,
    pub caller: Party,
    pub callee: Party,
    pub failure: Failure,
    pub time: TimeSpan,
    /// Segments in time order.
    pub segments: Vec<SegmentReport>,
    pub null_segments: usize,
    /// True when the session has no `segments` property or it is `null`.
    pub segments_missing: bool,
    /// True for the stand-in around a segments-only input.
    pub is_stand_in: bool,
    pub rollup: Rollup,
}

/// One segment and its media.
#[derive(Debug, Clone)]
pub struct SegmentReport {
    pub index: usize,
    /// The segment without its media.
    pub segment: Segment,
    pub caller: Party,
    pub callee: Party,
    pub failure: Failure,
    pub time: TimeSpan,
    /// Milliseconds since the previous segment (in time order) ended; negative for an overlap.
    pub gap_before_ms: Option<f64>,
    pub media: Vec<MediaReport>,
    pub null_media: usize,
    pub media_missing: bool,
    pub rollup: Rollup,
}

/// One media and its streams.
#[derive(Debug, Clone)]
pub struct MediaReport {
    pub index: usize,
    /// The media without its streams.
    pub media: Media,
    pub kind: StreamKind,
    pub streams: Vec<StreamReport>,
    pub null_streams: usize,
    pub streams_missing: bool,
    pub device_problems: Vec<DeviceProblem>,
    pub rollup: Rollup,
}

/// One stream with its verdict.
#[derive(Debug, Clone)]
pub struct StreamReport {
    pub index: usize,
    pub stream: MediaStream,
    pub verdict: Verdict,
    /// "Dana Whitfield → Ravi Okonkwo", or "unknown direction".
    pub direction: String,
    /// The side that received the stream and reported its metrics.
    pub receiver: Option<Side>,
}

/// Caller or callee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Caller,
    Callee,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Caller => "caller",
            Side::Callee => "callee",
        }
    }
}

/// A capture or render device that was not working for part of the call.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceProblem {
    pub side: Side,
    /// "microphone/camera (capture)" or "speaker/display (render)".
    pub device: &'static str,
    pub device_name: Option<String>,
    pub ratio: f64,
}

impl DeviceProblem {
    /// "microphone/camera (capture) “Ceiling Microphone” not working 3.1 % of the time".
    pub fn describe(&self) -> String {
        let name = self
            .device_name
            .as_ref()
            .map(|n| format!(" “{n}”"))
            .unwrap_or_default();
        format!(
            "{}{} not working {:.1} % of the time (Call Analytics line: 0.5 %)",
            self.device,
            name,
            self.ratio * 100.0
        )
    }
}

/// Analyses a loaded document.
pub fn analyse(document: Document) -> Report {
    let Document {
        shape,
        mut record,
        sessions,
        context,
        next_link,
        is_beta,
        source,
        is_bare_list,
    } = document;

    // Audit before moving anything, so paths match the input.
    let mut log = record.as_ref().map(audit).unwrap_or_default();
    let session_trail = if shape == Shape::SessionsPage {
        "value"
    } else {
        "sessions"
    };
    log.extend(audit(&sessions), |path| match shape {
        Shape::CallRecord | Shape::SessionsPage => format!("{session_trail}{path}"),
        _ => path
            .trim_start_matches("[0]")
            .trim_start_matches('.')
            .to_owned(),
    });

    let sessions_missing = sessions.is_missing();
    let is_stand_in = shape.is_segments_only();
    let (sessions, null_sessions) = split_nulls(sessions);
    let sessions: Vec<SessionReport> = sessions
        .into_iter()
        .map(|(index, session)| session_report(index, session, is_stand_in))
        .collect();

    let totals = totals(&sessions);
    let time = match record.as_mut() {
        Some(r) => TimeSpan::new(&r.start, &r.end),
        None => span_of(sessions.iter().map(|s| &s.time)),
    };
    Report {
        shape,
        record,
        context,
        next_link,
        is_beta,
        sessions,
        null_sessions,
        sessions_missing,
        log,
        totals,
        time,
        source,
        is_bare_list,
    }
}

/// Readable items with their positions, and the number of `null` or unreadable entries.
fn split_nulls<T>(list: List<T>) -> (Vec<(usize, T)>, usize) {
    let all = list.into_value().unwrap_or_default();
    let total = all.len();
    let kept: Vec<(usize, T)> = all
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| r.into_value().map(|v| (i, v)))
        .collect();
    let skipped = total - kept.len();
    (kept, skipped)
}

fn session_report(index: usize, mut session: Session, is_stand_in: bool) -> SessionReport {
    let segments = std::mem::take(&mut session.segments);
    let segments_missing = segments.is_missing();
    let (segments, null_segments) = split_nulls(segments);

    let mut segments: Vec<SegmentReport> = segments
        .into_iter()
        .map(|(i, s)| segment_report(i, s))
        .collect();
    segments.sort_by(|a, b| a.time.start.cmp(&b.time.start).then(a.index.cmp(&b.index)));
    let mut previous_end: Option<Instant> = None;
    for segment in &mut segments {
        segment.gap_before_ms = previous_end
            .zip(segment.time.start)
            .map(|(e, s)| e.millis_until(s));
        previous_end = segment.time.end.or(previous_end);
    }

    let failure = Failure::read(&session.failure_info);
    let mut rollup = Rollup {
        failed: failure.is_failed(),
        ..Rollup::default()
    };
    for segment in &segments {
        rollup.merge(&segment.rollup);
    }
    SessionReport {
        index,
        caller: endpoint::party(&session.caller, "caller"),
        callee: endpoint::party(&session.callee, "callee"),
        failure,
        time: TimeSpan::new(&session.start, &session.end),
        session,
        segments,
        null_segments,
        segments_missing,
        is_stand_in,
        rollup,
    }
}

fn segment_report(index: usize, mut segment: Segment) -> SegmentReport {
    let media = std::mem::take(&mut segment.media);
    let media_missing = media.is_missing();
    let (media, null_media) = split_nulls(media);

    let caller = endpoint::party(&segment.caller, "caller");
    let callee = endpoint::party(&segment.callee, "callee");
    let media: Vec<MediaReport> = media
        .into_iter()
        .map(|(i, m)| media_report(i, m, &caller, &callee))
        .collect();

    let failure = Failure::read(&segment.failure_info);
    let mut rollup = Rollup {
        failed: failure.is_failed(),
        ..Rollup::default()
    };
    for m in &media {
        rollup.merge(&m.rollup);
    }
    SegmentReport {
        index,
        time: TimeSpan::new(&segment.start, &segment.end),
        segment,
        caller,
        callee,
        failure,
        gap_before_ms: None,
        media,
        null_media,
        media_missing,
        rollup,
    }
}

fn media_report(index: usize, mut media: Media, caller: &Party, callee: &Party) -> MediaReport {
    let kind = verdict::media_kind(&media);
    let streams = std::mem::take(&mut media.streams);
    let streams_missing = streams.is_missing();
    let (streams, null_streams) = split_nulls(streams);

    let streams: Vec<StreamReport> = streams
        .into_iter()
        .map(|(i, stream)| {
            let direction = stream.stream_direction.value();
            let inbound = verdict::vbss_is_inbound(direction, caller.kind, callee.kind);
            let (text, receiver) = match direction {
                Some(StreamDirection::CallerToCallee) => (
                    format!("{} → {}", caller.name, callee.name),
                    Some(Side::Callee),
                ),
                Some(StreamDirection::CalleeToCaller) => (
                    format!("{} → {}", callee.name, caller.name),
                    Some(Side::Caller),
                ),
                Some(StreamDirection::Other(raw)) => (format!("unknown direction \"{raw}\""), None),
                None => ("unknown direction".to_owned(), None),
            };
            StreamReport {
                index: i,
                verdict: verdict::judge(kind, &stream, inbound),
                stream,
                direction: text,
                receiver,
            }
        })
        .collect();

    let mut rollup = Rollup::default();
    for s in &streams {
        rollup.add(s.verdict.word());
    }
    let mut problems = device_problems(Side::Caller, &media.caller_device);
    problems.extend(device_problems(Side::Callee, &media.callee_device));
    rollup.device_problems = problems.len();
    MediaReport {
        index,
        media,
        kind,
        streams,
        null_streams,
        streams_missing,
        device_problems: problems,
        rollup,
    }
}

/// Call Analytics' device rule on one side's device info.
pub fn device_problems(side: Side, device: &Reading<DeviceInfo>) -> Vec<DeviceProblem> {
    let Some(device) = device.value() else {
        return Vec::new();
    };
    let checks = [
        (
            "microphone/camera (capture)",
            &device.capture_not_functioning_event_ratio,
            &device.capture_device_name,
        ),
        (
            "speaker/display (render)",
            &device.render_not_functioning_event_ratio,
            &device.render_device_name,
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(what, ratio, name)| {
            let ratio = *ratio.value()?;
            (ratio >= verdict::DEVICE_NOT_FUNCTIONING_RATIO).then(|| DeviceProblem {
                side,
                device: what,
                device_name: name.value().cloned(),
                ratio,
            })
        })
        .collect()
}

fn totals(sessions: &[SessionReport]) -> Totals {
    let mut t = Totals {
        sessions: sessions.iter().filter(|s| !s.is_stand_in).count(),
        ..Totals::default()
    };
    for session in sessions {
        t.rollup.merge(&session.rollup);
        t.failed_sessions += usize::from(session.failure.is_failed());
        t.indeterminate += usize::from(session.failure == Failure::WithoutDetail);
        t.reversed_times += usize::from(session.time.end_before_start);
        for segment in &session.segments {
            t.segments += 1;
            t.failed_segments += usize::from(segment.failure.is_failed());
            t.indeterminate += usize::from(segment.failure == Failure::WithoutDetail);
            t.reversed_times += usize::from(segment.time.end_before_start);
            for media in &segment.media {
                t.media += 1;
                t.streams += media.streams.len();
                t.device_problems += media.device_problems.len();
            }
        }
    }
    t
}

fn span_of<'a>(spans: impl Iterator<Item = &'a TimeSpan>) -> TimeSpan {
    let spans: Vec<&TimeSpan> = spans.collect();
    let start = spans.iter().filter_map(|s| s.start).min();
    let end = spans.iter().filter_map(|s| s.end).max();
    let raw = start.zip(end).map(|(s, e)| s.millis_until(e));
    TimeSpan {
        start,
        end,
        length_ms: raw.filter(|ms| *ms >= 0.0),
        end_before_start: false,
    }
}

impl Report {
    /// Where session `si` sits in the input, or `None` for the stand-in session of a
    /// segments-only input.
    pub fn session_path(&self, si: usize) -> Option<Vec<Step>> {
        let index = Step::Index(self.sessions[si].index);
        match self.shape {
            Shape::CallRecord => Some(vec![Step::Key("sessions"), index]),
            Shape::SessionsPage if self.is_bare_list => Some(vec![index]),
            Shape::SessionsPage => Some(vec![Step::Key("value"), index]),
            Shape::Session => Some(Vec::new()),
            _ => None,
        }
    }

    /// Where segment `gi` (in card order) of session `si` sits in the input.
    pub fn segment_path(&self, si: usize, gi: usize) -> Option<Vec<Step>> {
        let index = Step::Index(self.sessions[si].segments[gi].index);
        match self.shape {
            Shape::SegmentsPage if self.is_bare_list => Some(vec![index]),
            Shape::SegmentsPage => Some(vec![Step::Key("value"), index]),
            Shape::Segment => Some(Vec::new()),
            _ => {
                let mut path = self.session_path(si)?;
                path.extend([Step::Key("segments"), index]);
                Some(path)
            }
        }
    }

    /// Where media `mi` of a segment sits in the input.
    pub fn media_path(&self, si: usize, gi: usize, mi: usize) -> Option<Vec<Step>> {
        let mut path = self.segment_path(si, gi)?;
        path.extend([
            Step::Key("media"),
            Step::Index(self.sessions[si].segments[gi].media[mi].index),
        ]);
        Some(path)
    }

    /// Where stream `ti` of a media sits in the input.
    pub fn stream_path(&self, si: usize, gi: usize, mi: usize, ti: usize) -> Option<Vec<Step>> {
        let mut path = self.media_path(si, gi, mi)?;
        let media = &self.sessions[si].segments[gi].media[mi];
        path.extend([Step::Key("streams"), Step::Index(media.streams[ti].index)]);
        Some(path)
    }

    /// The input text at a path.
    pub fn raw(&self, path: &[Step]) -> Option<&str> {
        crate::load::raw::locate(&self.source, path).map(|range| &self.source[range])
    }

    /// Unreadable values of one kind.
    pub fn count_invalid(&self, why: Why) -> usize {
        self.log
            .findings
            .iter()
            .filter(|f| f.invalid.why == why)
            .count()
    }

    /// The path of the first unreadable value of one kind, for examples in notices.
    pub fn first_invalid(&self, why: Why) -> Option<&str> {
        self.log
            .findings
            .iter()
            .find(|f| f.invalid.why == why)
            .map(|f| f.path.as_str())
    }

    /// Readable values that are documentation placeholders.
    pub fn placeholder_count(&self) -> usize {
        self.count_invalid(Why::Placeholder)
    }

    /// Negative durations anywhere in the input.
    pub fn negative_duration_count(&self) -> usize {
        self.count_invalid(Why::NegativeDuration)
    }

    /// True when the input looks like Graph's documentation example rather than data.
    pub fn looks_like_doc_example(&self) -> bool {
        self.placeholder_count() >= 3
            || self.placeholder_count() > 0
                && (self.negative_duration_count() > 0 || self.totals.reversed_times > 0)
    }

    /// All device problems with where they are.
    pub fn device_problems(
        &self,
    ) -> impl Iterator<Item = (&SegmentReport, &MediaReport, &DeviceProblem)> {
        self.sessions.iter().flat_map(|s| {
            s.segments.iter().flat_map(|seg| {
                seg.media
                    .iter()
                    .flat_map(move |m| m.device_problems.iter().map(move |d| (seg, m, d)))
            })
        })
    }
}

#[cfg(test)]
pub(crate) mod tests;
