//! The summary: what the input is, the call at a glance, counts, and notices about the input.

use std::sync::Arc;

use leptos::prelude::*;

use super::parts::{RollupBadge, TextField};
use crate::analysis::endpoint::{organizer, participants};
use crate::analysis::units::{format_decimal, format_length, plural};
use crate::analysis::{Failure, Report, Side};
use crate::load::Shape;
use crate::model::{items, Why};

/// Device problems listed in the summary; the findings list has them all.
const DEVICE_PROBLEMS_SHOWN: usize = 5;

/// Participants named in the summary; a large meeting lists thousands.
const PARTICIPANTS_SHOWN: usize = 12;

/// The call at a glance.
#[component]
pub fn Summary(report: Arc<Report>) -> impl IntoView {
    let r = report.as_ref();
    let title = match r.call_id() {
        Some(id) => format!("Call record {id}"),
        None => "Call record data".to_owned(),
    };
    let record = r.record.as_ref();
    let call_type = record
        .and_then(|rec| rec.call_type.value().map(|t| t.as_str().to_owned()))
        .unwrap_or_else(|| "not reported".to_owned());
    let modalities = record
        .map(|rec| {
            items(&rec.modalities)
                .map(|m| m.as_str().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|m| !m.is_empty())
        .map(|m| m.join(", "))
        .unwrap_or_else(|| "not reported".to_owned());
    let organizer_text = record.map(|rec| match organizer(rec) {
        Some((name, Some(true))) => {
            format!("{name} (organizer_v2 and the deprecated organizer agree)")
        }
        Some((name, _)) => name,
        None => "organizer unknown".to_owned(),
    });
    let participants_text = record.map(|rec| match participants(rec) {
        Some(names) if names.len() > PARTICIPANTS_SHOWN => format!(
            "{} and {} more",
            names[..PARTICIPANTS_SHOWN].join(", "),
            names.len() - PARTICIPANTS_SHOWN
        ),
        Some(names) => names.join(", "),
        None => "none listed in this response".to_owned(),
    });
    let join_url = record
        .and_then(|rec| rec.join_web_url.value().filter(|u| !u.is_empty()))
        .map(|u| crate::model::reading::preview(u));

    view! {
        <section class="summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading" class="summary__title">{title}</h2>
            <p class="summary__shape">
                {format!("Input: {}", r.shape.describe())}
                {r.is_beta.then_some(" (from Graph's beta endpoint)")}
            </p>
            <div class="summary__verdict">
                <RollupBadge rollup=r.totals.rollup failure=Failure::None />
            </div>
            <dl class="fields fields--summary">
                {record.is_some().then(|| view! { <TextField label="Call type" text=call_type /> })}
                <TextField label="Start (UTC)" text=r.time.start.map(|t| t.display_utc()).unwrap_or_else(|| "not reported".into()) />
                <TextField label="Duration" text=duration_text(r) />
                {record.is_some().then(|| view! { <TextField label="Modalities" text=modalities /> })}
                {organizer_text.map(|t| view! { <TextField label="Organizer" text=t /> })}
                {participants_text.map(|t| view! { <TextField label="Participants" text=t /> })}
                {join_url.map(|u| view! { <TextField label="Join URL" text=u /> })}
            </dl>
            <Counts report=report.clone() />
            <Notices report=report.clone() />
        </section>
    }
}

fn duration_text(r: &Report) -> String {
    match (r.time.length_ms, r.time.start, r.time.end) {
        (Some(0.0), _, _) => "0 s (start equals end: likely unanswered or missed)".to_owned(),
        (Some(ms), _, _) => format!(
            "{} ({} s)",
            format_length(ms),
            format_decimal(ms / 1000.0, 3)
        ),
        (None, _, _) if r.time.end_before_start => {
            "invalid: the end is before the start".to_owned()
        }
        (None, Some(_), None) => "unknown (no end time)".to_owned(),
        _ => "unknown".to_owned(),
    }
}

/// Counts of what is in the input and how it went.
#[component]
fn Counts(report: Arc<Report>) -> impl IntoView {
    let t = &report.totals;
    let more = report.next_link.is_some();
    let sessions = match report.shape {
        Shape::SegmentsPage | Shape::Segment => "sessions: not in the input".to_owned(),
        Shape::CallRecordWithoutSessions => "sessions: not included".to_owned(),
        _ if more => format!(
            "{} shown (more available)",
            plural(t.sessions, "session", "sessions")
        ),
        _ => plural(t.sessions, "session", "sessions"),
    };
    let structure = format!(
        "{} · {} · {} · {}",
        sessions,
        plural(t.segments, "segment", "segments"),
        plural(t.media, "media", "media"),
        plural(t.streams, "stream", "streams"),
    );
    let verdicts = format!(
        "{} poor · {} unclassified · {} good · {} not assessed",
        t.rollup.poor, t.rollup.unclassified, t.rollup.good, t.rollup.not_assessed
    );
    let failures = format!(
        "{} · {}{}",
        plural(t.failed_sessions, "failed session", "failed sessions"),
        plural(t.failed_segments, "failed segment", "failed segments"),
        if t.indeterminate > 0 {
            format!(" · {} with failure info but no detail", t.indeterminate)
        } else {
            String::new()
        }
    );
    let device_count = report.totals.device_problems;
    let mut devices: Vec<String> = report
        .device_problems()
        .take(DEVICE_PROBLEMS_SHOWN)
        .map(|(segment, _, d)| {
            let who = match d.side {
                Side::Caller => &segment.caller.name,
                Side::Callee => &segment.callee.name,
            };
            format!("{who} ({}): {}", d.side.as_str(), d.describe())
        })
        .collect();
    if device_count > DEVICE_PROBLEMS_SHOWN {
        devices.push(format!(
            "and {} more: see the findings and the cards",
            device_count - DEVICE_PROBLEMS_SHOWN
        ));
    }
    let devices_view = if devices.is_empty() {
        view! { <dd>"none"</dd> }.into_any()
    } else {
        view! {
            <dd>
                <ul class="plain-list">
                    {devices.into_iter().map(|d| view! { <li class="device-problem">{d}</li> }).collect_view()}
                </ul>
            </dd>
        }
        .into_any()
    };
    view! {
        <dl class="fields fields--counts" data-testid="counts">
            <TextField label="Contents" text=structure />
            <TextField label="Streams" text=verdicts />
            <TextField label="Failures" text=failures />
            <div class="field">
                <dt>"Device problems"</dt>
                {devices_view}
            </div>
        </dl>
    }
}

/// Notices about the input itself: placeholders, paging, what is not included.
#[component]
fn Notices(report: Arc<Report>) -> impl IntoView {
    let r = report.as_ref();
    let mut notices: Vec<(&'static str, String)> = Vec::new();

    if r.looks_like_doc_example() {
        notices.push((
            "warning",
            format!(
                "This looks like the example from Graph's documentation, not a real call: {} placeholder values (such as \"Single\" or \"String\"), {} negative durations and {} sessions or segments that end before they start. It contains no real measurements.",
                r.placeholder_count(),
                r.negative_duration_count(),
                r.totals.reversed_times
            ),
        ));
    }
    if let Some(link) = &r.next_link {
        notices.push((
            "info",
            format!("More sessions exist — this is one page; @odata.nextLink present: {link}. Counts cover this page only."),
        ));
    }
    if r.shape == Shape::CallRecordWithoutSessions {
        notices.push((
            "info",
            "Sessions not included: the record was fetched without them. Fetch it with ?$expand=sessions($expand=segments) to see segments, media and streams.".to_owned(),
        ));
    }
    if r.shape.is_segments_only() {
        let session = r.context.session_id.as_deref().unwrap_or("(id not given)");
        let call = r.context.call_id.as_deref().unwrap_or("(id not given)");
        notices.push((
            "info",
            format!("These are segments of session {session} in call record {call}. Record-level data (organizer, other sessions) is not in the input."),
        ));
    }
    let cut = r.count_invalid(Why::PowerShellDepth);
    if cut > 0 {
        notices.push((
            "warning",
            format!(
                "This looks like PowerShell ConvertTo-Json output cut at its depth limit: {} where objects belong (first at {}). What is real is shown below. Re-export with ConvertTo-Json -Depth 20 (the default depth is 2) to get everything.",
                plural(cut, "value is a type name or \"@{…}\" text", "values are type names or \"@{…}\" text"),
                r.first_invalid(Why::PowerShellDepth).unwrap_or("?"),
            ),
        ));
    }
    let zoneless = r.count_invalid(Why::NoTimeZone);
    if zoneless > 0 {
        notices.push((
            "warning",
            format!(
                "{} no time zone (first at {}). They are not read as this browser's local time; they are shown as invalid. Graph writes times in UTC with a trailing Z.",
                plural(zoneless, "date has", "dates have"),
                r.first_invalid(Why::NoTimeZone).unwrap_or("?"),
            ),
        ));
    }
    if r.log.case_folded > 0 {
        notices.push((
            "info",
            "Keys in PascalCase (as SDK object dumps write them) were matched to Graph's property names.".to_owned(),
        ));
    }
    if !r.log.notes.is_empty() {
        let parts: Vec<String> = r
            .log
            .notes
            .iter()
            .map(|(note, n)| format!("{n} × {}", note.describe()))
            .collect();
        notices.push((
            "info",
            format!(
                "Read with conversions: {}. Each converted value says so where it appears.",
                parts.join(", ")
            ),
        ));
    }
    if r.null_sessions > 0 {
        notices.push((
            "info",
            format!(
                "{} ignored in the sessions list.",
                plural(r.null_sessions, "null entry", "null entries")
            ),
        ));
    }

    let findings = r.log.findings.clone();
    let findings_view = (!findings.is_empty()).then(|| {
        let count = findings.len();
        view! {
            <details class="notice notice--warning">
                <summary>
                    {format!("{} could not be read; each is marked where it appears.", plural(count, "value", "values"))}
                </summary>
                <ul class="findings">
                    {findings
                        .into_iter()
                        .take(200)
                        .map(|f| view! { <li><code>{f.path}</code>": "{f.invalid.to_string()}</li> })
                        .collect_view()}
                </ul>
            </details>
        }
    });

    view! {
        <div class="notices" role="status">
            {notices
                .into_iter()
                .map(|(level, text)| view! { <p class=format!("notice notice--{level}")>{text}</p> })
                .collect_view()}
            {findings_view}
        </div>
    }
}
