//! The timeline: one lane per session, one bar per segment, on a UTC axis. Bars carry their
//! verdict as a colour and a pattern (so it never rests on colour alone); hovering or focusing
//! a bar shows its times and verdict, and clicking it or pressing Enter opens its card.

use std::sync::Arc;

use leptos::prelude::*;

use super::overview::Overview;
use super::session::Disclosures;
use crate::analysis::timeline::{timeline, Bar, Lane, MAX_LANES};
use crate::analysis::units::format_length;
use crate::analysis::Report;

/// Height of one row of bars, in pixels.
const ROW_PX: f64 = 22.0;

/// Narrower bars are widened to this (percent of the axis) so a short segment stays visible and
/// clickable; its tooltip still gives the real times.
const MIN_BAR_PERCENT: f64 = 0.4;

/// The timeline of what the filters keep.
#[component]
pub fn TimelineView(report: Arc<Report>) -> impl IntoView {
    let Overview { selection, .. } = Overview::expect();
    let disclosures = Disclosures::of(&report);
    let hovered = RwSignal::new(None::<(usize, usize)>);
    let r = report.clone();
    let body = move || {
        let Some(t) = selection.with(|s| timeline(&r, s)) else {
            return view! {
                <p class="results__empty">"No segment with a start and end time to draw."</p>
            }
            .into_any();
        };
        let span = format!(
            "{} to {} · {}",
            t.start.display_utc(),
            end_of(&t).display_time(),
            format_length(t.length_ms)
        );
        let lanes = t
            .lanes
            .into_iter()
            .map(|lane| {
                view! {
                    <LaneRow
                        report=r.clone()
                        lane=lane
                        hovered=hovered
                        disclosures=disclosures.clone()
                    />
                }
            })
            .collect_view();
        let ticks = t
            .ticks
            .iter()
            .map(|tick| {
                let x = format!("{:.3}%", tick.at * 100.0);
                view! {
                    <line class="timeline__tick" x1=x.clone() x2=x.clone() y1="0" y2="6" />
                    <text class="timeline__tick-label" x=x y="18">{tick.label.clone()}</text>
                }
            })
            .collect_view();
        let mut notes = Vec::new();
        if t.lanes_not_drawn > 0 {
            notes.push(format!(
                "The first {MAX_LANES} sessions are drawn; {} more are not. Narrow the view with the filters.",
                t.lanes_not_drawn
            ));
        }
        if t.segments_without_time > 0 {
            notes.push(format!(
                "{} segment(s) without a usable start and end are not drawn.",
                t.segments_without_time
            ));
        }
        view! {
            <p class="timeline__span">{span}</p>
            <div class="timeline__lanes">
                {lanes}
                <div class="timeline__lane timeline__lane--axis">
                    <span class="timeline__label">"UTC"</span>
                    <svg class="timeline__axis" width="100%" height="22" aria-hidden="true">
                        {ticks}
                    </svg>
                </div>
            </div>
            {notes.into_iter().map(|n| view! { <p class="notice notice--info">{n}</p> }).collect_view()}
        }
        .into_any()
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-heading" data-testid="timeline">
            <h2 id="timeline-heading">"Timeline"</h2>
            <Legend />
            {body}
        </section>
    }
}

fn end_of(t: &crate::analysis::timeline::Timeline) -> crate::model::Instant {
    let ms = t.start.0.as_millis_f64() + t.length_ms;
    crate::model::Instant(crate::model::iso::Moment::from_millis(ms.round() as i64))
}

/// The patterns the bars use, and what each means.
#[component]
fn Legend() -> impl IntoView {
    let items = [
        ("good", "✓ good"),
        ("poor", "✗ poor"),
        ("unclassified", "? unclassified"),
        ("not-assessed", "– not assessed or no streams"),
        (
            "not-assessed timeline__bar--failed",
            "⚠ failed (thick dashed outline)",
        ),
    ];
    view! {
        <svg class="timeline__defs" width="0" height="0" aria-hidden="true" focusable="false">
            <defs>
                <pattern id="timeline-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect class="timeline__pattern-poor" width="6" height="6" />
                    <line class="timeline__pattern-line" x1="0" y1="0" x2="0" y2="6" />
                </pattern>
                <pattern id="timeline-dots" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect class="timeline__pattern-unclassified" width="6" height="6" />
                    <circle class="timeline__pattern-dot" cx="3" cy="3" r="1.2" />
                </pattern>
            </defs>
        </svg>
        <ul class="timeline__legend plain-list" aria-label="Legend">
            {items.map(|(class, text)| view! {
                <li>
                    <svg width="22" height="12" aria-hidden="true">
                        <rect class=format!("timeline__bar timeline__bar--{class}") x="1" y="1" width="20" height="10" />
                    </svg>
                    {text}
                </li>
            })}
        </ul>
    }
}

/// One session's lane: its label, then its bars with their overlaps marked.
#[component]
fn LaneRow(
    report: Arc<Report>,
    lane: Lane,
    /// The bar under the pointer or focus: (session, segment).
    hovered: RwSignal<Option<(usize, usize)>>,
    disclosures: Disclosures,
) -> impl IntoView {
    let si = lane.session;
    let s = &report.sessions[si];
    let label = if s.is_stand_in {
        "Segments".to_owned()
    } else {
        format!("Session {} · {} → {}", si + 1, s.caller.name, s.callee.name)
    };
    let height = lane.rows as f64 * ROW_PX;
    let overlaps = lane
        .overlaps
        .iter()
        .map(|(from, to)| {
            view! {
                <rect
                    class="timeline__overlap"
                    x=format!("{:.3}%", from * 100.0)
                    width=format!("{:.3}%", (to - from).max(0.002) * 100.0)
                    y="0"
                    height=height.to_string()
                >
                    <title>"Segments overlap here"</title>
                </rect>
            }
        })
        .collect_view();
    let tooltip_bars = lane.bars.clone();
    let bars = lane
        .bars
        .into_iter()
        .map(|bar| view! { <BarRect si=si bar=bar hovered=hovered disclosures=disclosures.clone() /> })
        .collect_view();
    let tooltip = move || {
        let (hs, hg) = hovered.get()?;
        let bar = tooltip_bars.iter().find(|b| hs == si && b.segment == hg)?;
        Some(view! {
            <div class="timeline__tooltip" role="tooltip" style:left=format!("{:.3}%", bar.from.min(0.75) * 100.0)>
                {describe(bar)}
            </div>
        })
    };
    view! {
        <div class="timeline__lane">
            <span class="timeline__label" title=label.clone()>{label.clone()}</span>
            <div class="timeline__track">
                <svg width="100%" height=height.to_string() role="group" aria-label=label>
                    {overlaps}
                    {bars}
                </svg>
                {tooltip}
            </div>
        </div>
    }
}

/// "Segment 2 · 09:05:00.000–09:10:00.000 UTC (5 min) · poor · failed".
fn describe(bar: &Bar) -> String {
    let verdict = bar.verdict.map_or("no streams", |w| w.label());
    let failed = if bar.failed { " · failed" } else { "" };
    format!(
        "Segment {} · {}–{} UTC ({}) · {verdict}{failed}",
        bar.segment + 1,
        bar.start.display_time(),
        bar.end.display_time(),
        format_length(bar.start.millis_until(bar.end)),
    )
}

/// One bar: focusable, described for screen readers, opening its card on click or Enter.
#[component]
fn BarRect(
    si: usize,
    bar: Bar,
    hovered: RwSignal<Option<(usize, usize)>>,
    disclosures: Disclosures,
) -> impl IntoView {
    let gi = bar.segment;
    let width = ((bar.to - bar.from) * 100.0).max(MIN_BAR_PERCENT);
    let x = (bar.from * 100.0).min(100.0 - width);
    let verdict = bar.verdict.map_or("not-assessed", |w| w.as_str());
    let class = if bar.failed {
        format!("timeline__bar timeline__bar--{verdict} timeline__bar--failed")
    } else {
        format!("timeline__bar timeline__bar--{verdict}")
    };
    let label = format!("{}. Open the card.", describe(&bar));
    let (open_click, open_key) = (disclosures.clone(), disclosures);
    view! {
        <rect
            class=class
            data-testid="timeline-bar"
            data-verdict=verdict
            data-failed=bar.failed.to_string()
            x=format!("{x:.3}%")
            width=format!("{width:.3}%")
            y=(bar.row as f64 * ROW_PX + 3.0).to_string()
            height=(ROW_PX - 6.0).to_string()
            rx="2"
            tabindex="0"
            role="button"
            aria-label=label
            on:mouseenter=move |_| hovered.set(Some((si, gi)))
            on:mouseleave=move |_| hovered.set(None)
            on:focus=move |_| hovered.set(Some((si, gi)))
            on:blur=move |_| hovered.set(None)
            on:click=move |_| open_click.open(si, Some(gi))
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    open_key.open(si, Some(gi));
                }
            }
        />
    }
}
