//! The timeline's geometry: where each segment sits in time, as fractions of the call, one lane
//! per session, with the UTC axis ticks. The view only scales these to pixels.
//!
//! Segments in one session can overlap (a transfer, a re-invite); overlapping bars go into
//! separate rows of their lane so none hides another, and the overlap itself is listed so it
//! can be marked. Gaps need nothing: they are the empty space between bars.

use super::filter::Selection;
use super::{Report, VerdictWord};
use crate::model::iso::Moment;
use crate::model::Instant;

/// At most this many lanes are drawn; a larger meeting is narrowed with the filters first.
pub const MAX_LANES: usize = 60;

/// The whole timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub start: Instant,
    pub length_ms: f64,
    pub lanes: Vec<Lane>,
    pub ticks: Vec<Tick>,
    /// Kept sessions beyond [`MAX_LANES`], not drawn.
    pub lanes_not_drawn: usize,
    /// Kept segments without a usable start and end, not drawn.
    pub segments_without_time: usize,
}

/// One session's lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub session: usize,
    pub bars: Vec<Bar>,
    /// Rows the bars need so that overlapping ones do not cover each other.
    pub rows: usize,
    /// Stretches where two of the lane's segments overlap, as fractions of the call.
    pub overlaps: Vec<(f64, f64)>,
}

/// One segment's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Segment index in card order.
    pub segment: usize,
    /// Start and end as fractions of the call (0 to 1).
    pub from: f64,
    pub to: f64,
    pub row: usize,
    /// The worst stream verdict; `None` when the segment has no streams.
    pub verdict: Option<VerdictWord>,
    pub failed: bool,
    pub start: Instant,
    pub end: Instant,
}

/// A labelled mark on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub at: f64,
    /// "09:14" or "09:14:30" (UTC).
    pub label: String,
}

/// Lays out the kept sessions and segments. `None` when no kept segment has a start and end.
pub fn timeline(report: &Report, selection: &Selection) -> Option<Timeline> {
    // The span covers every kept segment with times.
    let timed = |si: usize, gi: usize| {
        let t = &report.sessions[si].segments[gi].time;
        t.start.zip(t.end).filter(|(s, e)| s <= e)
    };
    let all = || {
        selection
            .sessions
            .iter()
            .flat_map(|(si, kept)| kept.iter().map(move |&gi| (*si, gi)))
    };
    let start = all()
        .filter_map(|(si, gi)| timed(si, gi))
        .map(|t| t.0)
        .min()?;
    let end = all()
        .filter_map(|(si, gi)| timed(si, gi))
        .map(|t| t.1)
        .max()?;
    // A zero-length call still gets a visible (one-second) axis.
    let length_ms = start.millis_until(end).max(1000.0);
    let at = |t: Instant| start.millis_until(t) / length_ms;

    let mut lanes = Vec::new();
    let mut segments_without_time = 0;
    for (si, kept) in selection.sessions.iter().take(MAX_LANES) {
        let session = &report.sessions[*si];
        let mut bars: Vec<Bar> = Vec::new();
        for &gi in kept {
            let Some((s, e)) = timed(*si, gi) else {
                segments_without_time += 1;
                continue;
            };
            let segment = &session.segments[gi];
            bars.push(Bar {
                segment: gi,
                from: at(s),
                to: at(e),
                row: 0,
                verdict: segment.rollup.worst(),
                failed: segment.failure.is_failed(),
                start: s,
                end: e,
            });
        }
        bars.sort_by(|a, b| a.from.total_cmp(&b.from));
        let (rows, overlaps) = stack(&mut bars);
        lanes.push(Lane {
            session: *si,
            bars,
            rows,
            overlaps,
        });
    }
    Some(Timeline {
        start,
        length_ms,
        ticks: ticks(start, length_ms),
        lanes,
        lanes_not_drawn: selection.sessions.len().saturating_sub(MAX_LANES),
        segments_without_time,
    })
}

/// Puts each bar (sorted by start) in the first row where it does not overlap the row's last
/// bar, and lists where bars overlap.
fn stack(bars: &mut [Bar]) -> (usize, Vec<(f64, f64)>) {
    let mut row_ends: Vec<f64> = Vec::new();
    let mut overlaps = Vec::new();
    let mut latest_end = f64::NEG_INFINITY;
    for bar in bars.iter_mut() {
        if bar.from < latest_end {
            overlaps.push((bar.from, latest_end.min(bar.to)));
        }
        latest_end = latest_end.max(bar.to);
        bar.row = match row_ends.iter().position(|end| *end <= bar.from) {
            Some(row) => row,
            None => {
                row_ends.push(f64::NEG_INFINITY);
                row_ends.len() - 1
            }
        };
        row_ends[bar.row] = bar.to;
    }
    (row_ends.len().max(1), overlaps)
}

/// Steps the axis may use, in milliseconds: from a second to a day.
const STEPS_MS: [i64; 14] = [
    1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
    1_800_000, 3_600_000, 86_400_000,
];

/// About six ticks on whole UTC seconds, minutes or hours.
fn ticks(start: Instant, length_ms: f64) -> Vec<Tick> {
    let step = STEPS_MS
        .into_iter()
        .find(|s| length_ms / (*s as f64) <= 7.0)
        .unwrap_or(86_400_000);
    let first_ms = start.0.as_millis_f64();
    let mut t = (first_ms / step as f64).ceil() as i64 * step;
    let mut out = Vec::new();
    while (t as f64) <= first_ms + length_ms {
        let moment = Moment::from_millis(t);
        let (.., h, mi, s, _) = moment.parts();
        let label = if step < 60_000 {
            format!("{h:02}:{mi:02}:{s:02}")
        } else {
            format!("{h:02}:{mi:02}")
        };
        out.push(Tick {
            at: (t as f64 - first_ms) / length_ms,
            label,
        });
        t += step;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::{select, Filter, SearchIndex};
    use crate::analysis::tests::report_of;

    fn laid_out(json: &str) -> Timeline {
        let report = report_of(json);
        let selection = select(&report, &Filter::default(), &SearchIndex::default(), &[]);
        timeline(&report, &selection).expect("segments with times give a timeline")
    }

    #[test]
    fn bars_sit_at_their_times_and_overlaps_get_their_own_row() {
        // A ten-minute session: 0–4 min, a gap, 5–10 min, and 8–9 min overlapping the second.
        let t = laid_out(
            r#"{"id": "s", "segments": [
              {"startDateTime": "2024-01-01T09:00:00Z", "endDateTime": "2024-01-01T09:04:00Z"},
              {"startDateTime": "2024-01-01T09:05:00Z", "endDateTime": "2024-01-01T09:10:00Z"},
              {"startDateTime": "2024-01-01T09:08:00Z", "endDateTime": "2024-01-01T09:09:00Z"}
            ]}"#,
        );
        let lane = &t.lanes[0];
        let got: Vec<(f64, f64, usize)> = lane.bars.iter().map(|b| (b.from, b.to, b.row)).collect();
        assert_eq!(
            got,
            [(0.0, 0.4, 0), (0.5, 1.0, 0), (0.8, 0.9, 1)],
            "bars are fractions of the call; the overlapping one goes to a second row"
        );
        assert_eq!(lane.rows, 2);
        assert_eq!(
            lane.overlaps,
            [(0.8, 0.9)],
            "the overlap is marked where it is"
        );
        let labels: Vec<&str> = t.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            ["09:00", "09:02", "09:04", "09:06", "09:08", "09:10"],
            "two-minute ticks on whole UTC minutes"
        );
    }

    #[test]
    fn segments_without_times_are_counted_not_drawn() {
        let t = laid_out(
            r#"{"id": "s", "segments": [
              {"startDateTime": "2024-01-01T09:00:00Z", "endDateTime": "2024-01-01T09:00:30Z"},
              {"startDateTime": "2024-01-01T09:01:00Z"}
            ]}"#,
        );
        assert_eq!(t.lanes[0].bars.len(), 1);
        assert_eq!(
            t.segments_without_time, 1,
            "the segment without an end is counted"
        );
        assert_eq!(t.ticks[0].label, "09:00:00", "short calls get second ticks");
    }
}
