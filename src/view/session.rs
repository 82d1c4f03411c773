//! Sessions: one group per session with its endpoints, feedback and segment cards.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::parts::{Disclosure, ExtraProperties, RawJson, RollupBadge};
use super::segment::SegmentList;
use super::window::{Windowed, WINDOW_FROM};
use crate::analysis::units::format_length;
use crate::analysis::{Party, Report, SessionReport};
use crate::load::Shape;
use crate::model::{Endpoint, Reading};

/// Sessions expand on their own when there are at most this many.
const EXPAND_SESSIONS_UP_TO: usize = 3;

/// Which sessions and segment cards are open, kept for the whole report so that cards leaving
/// a windowed list keep their state and a finding can open the card it names.
#[derive(Clone)]
pub struct Disclosures {
    pub sessions: Vec<RwSignal<bool>>,
    pub segments: Vec<Vec<RwSignal<bool>>>,
}

impl Disclosures {
    /// New state with the defaults: few sessions or segments start open, many start closed.
    pub fn new(report: &Report) -> Self {
        let open_sessions = report.sessions.len() <= EXPAND_SESSIONS_UP_TO;
        let open_segments = report.totals.segments <= super::segment::EXPAND_SEGMENTS_UP_TO;
        Disclosures {
            sessions: report
                .sessions
                .iter()
                .map(|_| RwSignal::new(open_sessions))
                .collect(),
            segments: report
                .sessions
                .iter()
                .map(|s| {
                    s.segments
                        .iter()
                        .map(|_| RwSignal::new(open_segments))
                        .collect()
                })
                .collect(),
        }
    }

    /// The state provided by the report view, or fresh state when there is none (tests).
    pub fn of(report: &Report) -> Self {
        use_context::<Disclosures>().unwrap_or_else(|| Disclosures::new(report))
    }

    /// Opens a session, and one of its segment cards when given, then scrolls to the card and
    /// moves focus to its disclosure button so keyboard users land where they asked to go.
    pub fn open(&self, si: usize, gi: Option<usize>) {
        if let Some(session) = self.sessions.get(si) {
            session.set(true);
        }
        if let Some(segment) = gi.and_then(|g| self.segments.get(si)?.get(g)) {
            segment.set(true);
        }
        // The card is drawn on the next frame; then bring it into view.
        let id = match gi {
            Some(g) => format!("segment-{si}-{g}"),
            None => format!("session-{si}"),
        };
        request_animation_frame(move || {
            let Some(card) = document().get_element_by_id(&id) else {
                return;
            };
            card.scroll_into_view();
            let button = card.query_selector(".disclosure").ok().flatten();
            if let Some(button) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = button.focus();
            }
        });
    }
}

/// All sessions, or the segments of a segments-only input.
#[component]
pub fn SessionList(report: Arc<Report>) -> impl IntoView {
    let r = report.as_ref();
    if r.sessions.is_empty() {
        let text = match r.shape {
            Shape::CallRecordWithoutSessions => return ().into_any(),
            Shape::SessionsPage if r.next_link.is_none() => {
                "No sessions in this response. There is no next link, so the list is complete."
            }
            Shape::SessionsPage => "No sessions on this page; more pages exist.",
            _ => "The record's sessions list is empty.",
        };
        return view! { <p class="results__empty" data-testid="no-sessions">{text}</p> }.into_any();
    }

    // What the filters keep, in the order they ask for; everything is redrawn when they change,
    // while open state lives above the groups (windowed groups come and go, findings open them).
    let selection = super::overview::Overview::expect().selection;
    let segments_only = r.shape.is_segments_only();
    let expanded = r.sessions.len() <= EXPAND_SESSIONS_UP_TO;
    let open = Disclosures::of(r).sessions;
    let list = move || {
        let kept = selection.get().sessions;
        if kept.is_empty() {
            return view! {
                <p class="results__empty" data-testid="nothing-kept">
                    "Nothing matches the filters. Clear them to see everything."
                </p>
            }
            .into_any();
        }
        if segments_only {
            let gis = kept.into_iter().next().map(|(_, g)| g).unwrap_or_default();
            return view! { <SegmentList report=report.clone() si=0 kept=gis /> }.into_any();
        }
        let count = kept.len();
        let kept = Arc::new(kept);
        let (report, open) = (report.clone(), open.clone());
        let group = move |k: usize| {
            let (si, gis) = kept[k].clone();
            view! { <SessionGroup report=report.clone() si=si kept=gis expanded=expanded open=open[si] /> }
        };
        if count > WINDOW_FROM {
            view! { <Windowed count=count estimate=96.0 item=group /> }.into_any()
        } else {
            (0..count).map(group).collect_view().into_any()
        }
    };
    let (id, title) = if segments_only {
        ("segments-heading", "Segments")
    } else {
        ("sessions-heading", "Sessions")
    };
    view! {
        <section class="sessions" aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {list}
        </section>
    }
    .into_any()
}

/// One session: a header that expands to its endpoints and segments.
#[component]
fn SessionGroup(
    report: Arc<Report>,
    /// Index into `report.sessions`.
    si: usize,
    /// The segments the filters keep, in display order.
    kept: Vec<usize>,
    /// Whether it starts open.
    expanded: bool,
    /// Open state kept by the list, so it survives the group leaving the screen.
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
) -> impl IntoView {
    let s = &report.sessions[si];
    let is_open = open.unwrap_or_else(|| RwSignal::new(expanded));
    let body_id = format!("session-{si}-body");
    let (number, caller, callee) = (si + 1, s.caller.name.clone(), s.callee.name.clone());
    let when = match (s.time.start, s.time.length_ms) {
        (Some(start), Some(ms)) => format!("{} · {}", start.display_utc(), format_length(ms)),
        (Some(start), None) => format!("{} · duration unknown", start.display_utc()),
        _ => "time not reported".to_owned(),
    };
    let report_for_body = report.clone();

    view! {
        <article
            class="session"
            id=format!("session-{si}")
            data-testid="session-group"
            data-failed=s.rollup.failed.to_string()
        >
            <h3 class="session__heading">
                <Disclosure is_open=is_open class="session__toggle" controls=body_id.clone()>
                    <span class="session__title">
                        {format!("Session {number} · ")}
                        <bdi>{caller}</bdi>
                        " → "
                        <bdi>{callee}</bdi>
                    </span>
                    <span class="session__when">{when}</span>
                </Disclosure>
            </h3>
            <div class="session__verdict">
                <RollupBadge rollup=s.rollup failure=s.failure.clone() />
                {s.session.is_test.value().copied().unwrap_or(false).then(|| view! { <span class="flag">"test call"</span> })}
            </div>
            {super::segment::failure_text(&s.failure).map(|t| view! { <p class="failure">{t}</p> })}
            <Show when=move || is_open.get()>
                <SessionBody report=report_for_body.clone() si=si kept=kept.clone() id=format!("session-{si}-body") />
            </Show>
        </article>
    }
}

#[component]
fn SessionBody(report: Arc<Report>, si: usize, kept: Vec<usize>, id: String) -> impl IntoView {
    let s: &SessionReport = &report.sessions[si];
    let segments_note = if s.segments_missing {
        Some("Segments not included for this session.")
    } else if s.segments.is_empty() {
        Some("no segments")
    } else {
        None
    };
    view! {
        <div class="session__body" id=id>
            <div class="endpoints">
                <EndpointSummary side="Caller" party=s.caller.clone() endpoint=s.session.caller.clone() />
                <EndpointSummary side="Callee" party=s.callee.clone() endpoint=s.session.callee.clone() />
            </div>
            <ExtraProperties extra=s.session.extra.clone() />
            <RawJson report=report.clone() path=report.session_path(si) />
            {segments_note.map(|t| view! { <p class="results__empty">{t}</p> })}
            {(s.null_segments > 0).then(|| view! { <p class="notice notice--info">{format!("{} null segment entries ignored.", s.null_segments)}</p> })}
            <SegmentList report=report.clone() si=si kept=kept />
        </div>
    }
}

/// An endpoint's name, user agent and feedback.
#[component]
pub fn EndpointSummary(
    side: &'static str,
    party: Party,
    endpoint: Reading<Endpoint>,
) -> impl IntoView {
    let agent = endpoint.value().map(agent_text).unwrap_or_default();
    let feedback = endpoint.value().and_then(|e| feedback_text(e, &party.name));
    let hardware = endpoint.value().and_then(|e| {
        let cpu = e.cpu_name.value()?;
        let cores = e
            .cpu_cores_count
            .value()
            .map(|c| format!(", {c} cores"))
            .unwrap_or_default();
        Some(format!("CPU {cpu}{cores}"))
    });
    view! {
        <div class="endpoint">
            <span class="endpoint__side">{side}</span>
            <span class="endpoint__name">{party.name.clone()}</span>
            {(!party.detail.is_empty()).then(|| view! { <span class="endpoint__detail">{party.detail.join(" · ")}</span> })}
            {(!agent.is_empty()).then(|| view! { <span class="endpoint__agent">{agent}</span> })}
            {hardware.map(|h| view! { <span class="endpoint__detail">{h}</span> })}
            {feedback.map(|f| view! { <span class="endpoint__feedback">{f}</span> })}
        </div>
    }
}

/// The user agent in one line: product, platform or role, version, header.
pub fn agent_text(endpoint: &Endpoint) -> String {
    let Some(agent) = endpoint.user_agent.value() else {
        return String::new();
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(family) = agent.product_family.value() {
        parts.push(family.as_str().to_owned());
    }
    if let Some(platform) = agent.platform.value() {
        parts.push(platform.as_str().to_owned());
    }
    if let Some(version) = agent.application_version.value().filter(|v| !v.is_empty()) {
        parts.push(format!("version {version}"));
    }
    if let Some(header) = agent.header_value.value().filter(|v| !v.is_empty()) {
        parts.push(header.clone());
    }
    parts.join(" · ")
}

/// "Ravi Okonkwo rated poor: DistortedSound, Interruptions. “text”", or `None` for no feedback.
pub fn feedback_text(endpoint: &Endpoint, name: &str) -> Option<String> {
    let feedback = endpoint.feedback.value()?;
    let rating = feedback.rating.value().map(|r| r.as_str().to_owned());
    let tokens: Vec<String> = feedback
        .tokens
        .value()
        .map(|set| {
            set.tokens
                .iter()
                .filter(|(_, v)| v.value() == Some(&true))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    let text = feedback
        .text
        .value()
        .filter(|t| !t.trim().is_empty())
        .cloned();
    let rated = rating.as_deref().filter(|r| *r != "notRated");
    if rated.is_none() && tokens.is_empty() && text.is_none() {
        return Some("no feedback".to_owned());
    }
    let mut out = match rated {
        Some(r) => format!("Feedback: {name} rated “{r}”"),
        None => format!("Feedback from {name}"),
    };
    if !tokens.is_empty() {
        out.push_str(&format!(" ({})", tokens.join(", ")));
    }
    if let Some(text) = text {
        out.push_str(&format!(": “{text}”"));
    }
    Some(out)
}
