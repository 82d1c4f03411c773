//! Segment cards: when, between whom, how it went; expanding shows the media.

use std::sync::Arc;

use leptos::prelude::*;

use super::media::MediaCard;
use super::parts::{Disclosure, ExtraProperties, RawJson, RollupBadge};
use super::session::agent_text;
use super::window::{Windowed, WINDOW_FROM};
use crate::analysis::units::format_length;
use crate::analysis::{Failure, Report, SegmentReport};

/// Segment cards start open when the whole input has at most this many segments.
pub const EXPAND_SEGMENTS_UP_TO: usize = 3;

/// The segments of one session that the filters keep, with gaps and overlaps between
/// neighbours in time.
#[component]
pub fn SegmentList(
    report: Arc<Report>,
    si: usize,
    /// Segment indices (time order) to show, in display order.
    kept: Vec<usize>,
) -> impl IntoView {
    let expanded = report.totals.segments <= EXPAND_SEGMENTS_UP_TO;
    let count = kept.len();
    let open = super::session::Disclosures::of(&report).segments[si].clone();
    let card = move |k: usize| {
        let gi = kept[k];
        // The gap is to the segment before in time; say it only when that one is shown just above.
        let follows = k > 0 && gi > 0 && kept[k - 1] == gi - 1;
        let gap = follows
            .then(|| report.sessions[si].segments[gi].gap_before_ms.map(gap_text))
            .flatten();
        view! { <SegmentCard report=report.clone() si=si gi=gi expanded=expanded open=open[gi] gap=gap /> }
    };
    if count > WINDOW_FROM {
        view! {
            <ol class="segments">
                <Windowed count=count estimate=120.0 item=card />
            </ol>
        }
        .into_any()
    } else {
        view! { <ol class="segments">{(0..count).map(card).collect_view()}</ol> }.into_any()
    }
}

fn gap_text(ms: f64) -> String {
    if ms > 0.0 {
        format!("gap of {} before the next segment", format_length(ms))
    } else if ms < 0.0 {
        format!(
            "overlap of {} with the previous segment",
            format_length(-ms)
        )
    } else {
        "starts as the previous segment ends".to_owned()
    }
}

/// One segment: a header with its facts and verdict, expanding to its media cards.
#[component]
pub fn SegmentCard(
    report: Arc<Report>,
    /// Index into `report.sessions`.
    si: usize,
    /// Index into that session's segments (time order).
    gi: usize,
    /// Whether the card starts open.
    expanded: bool,
    /// Open state kept by the list, so it survives the card leaving the screen.
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// The gap or overlap to the segment shown just above, said at the top of the card (inside
    /// its list item, so the list holds only items).
    #[prop(default = None)]
    gap: Option<String>,
) -> impl IntoView {
    let g: &SegmentReport = &report.sessions[si].segments[gi];
    let is_open = open.unwrap_or_else(|| RwSignal::new(expanded));
    let body_id = format!("segment-{si}-{gi}-body");
    let verdict = g.rollup.worst().map_or("not-assessed", |w| w.as_str());
    let when = match g.time.start {
        Some(start) => start.display_utc(),
        None => "start not reported".to_owned(),
    };
    let length = match g.time.length_ms {
        Some(ms) => format_length(ms),
        None if g.time.end_before_start => "invalid (ends before it starts)".to_owned(),
        None => "duration unknown".to_owned(),
    };
    let agents = [
        g.segment.caller.value().map(agent_text),
        g.segment.callee.value().map(agent_text),
    ];
    let failure = failure_text(&g.failure);
    let report_for_body = report.clone();

    view! {
        <li
            class="segment"
            id=format!("segment-{si}-{gi}")
            data-testid="segment-card"
            data-verdict=verdict
            data-failed=g.rollup.failed.to_string()
        >
            {gap.map(|g| view! { <p class="gap">{g}</p> })}
            <div class="segment__head">
                <Disclosure is_open=is_open class="segment__toggle" controls=body_id.clone()>
                    <span class="segment__title">{format!("Segment {}", gi + 1)}</span>
                    <span class="segment__when">{format!("{when} · {length}")}</span>
                </Disclosure>
                <RollupBadge rollup=g.rollup failure=g.failure.clone() />
            </div>
            <p class="segment__parties">
                <span class="party">{g.caller.name.clone()}</span>
                <span class="party__detail">{detail(&g.caller.detail)}</span>
                <span class="arrow" aria-hidden="true">" → "</span>
                <span class="visually-hidden">" to "</span>
                <span class="party">{g.callee.name.clone()}</span>
                <span class="party__detail">{detail(&g.callee.detail)}</span>
            </p>
            <ul class="segment__agents plain-list">
                {agents
                    .into_iter()
                    .zip(["Caller agent", "Callee agent"])
                    .filter_map(|(a, label)| a.filter(|a| !a.is_empty()).map(|a| (a, label)))
                    .map(|(a, label)| view! { <li><span class="label">{label}": "</span>{a}</li> })
                    .collect_view()}
            </ul>
            {failure.map(|t| view! { <p class="failure">{t}</p> })}
            <Show when=move || is_open.get()>
                <SegmentBody report=report_for_body.clone() si=si gi=gi id=format!("segment-{si}-{gi}-body") />
            </Show>
        </li>
    }
}

fn detail(parts: &[String]) -> String {
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(" · "))
    }
}

#[component]
fn SegmentBody(report: Arc<Report>, si: usize, gi: usize, id: String) -> impl IntoView {
    let g = &report.sessions[si].segments[gi];
    let empty = if g.media_missing {
        Some("no media reported")
    } else if g.media.is_empty() {
        Some("no media (empty list)")
    } else {
        None
    };
    let cards = (0..g.media.len())
        .map(|mi| view! { <MediaCard report=report.clone() si=si gi=gi mi=mi /> })
        .collect_view();
    view! {
        <div class="segment__body" id=id>
            {empty.map(|t| view! { <p class="results__empty">{t}</p> })}
            {(g.null_media > 0).then(|| view! { <p class="notice notice--info">{format!("{} null media entries ignored.", g.null_media)}</p> })}
            {cards}
            <ExtraProperties extra=g.segment.extra.clone() />
            <RawJson report=report.clone() path=report.segment_path(si, gi) />
        </div>
    }
}

/// The failure line for a session or segment.
pub fn failure_text(failure: &Failure) -> Option<String> {
    let headline = failure.headline()?;
    Some(match failure {
        Failure::Failed {
            reason: Some(reason),
            ..
        } => format!("{headline}: {reason}"),
        Failure::Failed { reason: None, .. } => format!("{headline}: no reason given"),
        _ => headline,
    })
}
