//! The results area: a report, or what the input is instead, or where the JSON breaks.

use std::sync::Arc;

use leptos::prelude::*;

use super::app::Inspection;
use super::findings::FindingsList;
use super::overview::{FilterBar, FilterNote, Overview};
use super::participants::ParticipantsTable;
use super::session::{Disclosures, SessionList};
use super::summary::Summary;
use super::timeline::TimelineView;
use super::toolbar::{Redaction, ReportToolbar};
use crate::load::{NotCallRecord, SyntaxError};

/// Shows whatever the last inspection produced.
#[component]
pub fn Results(inspection: RwSignal<Inspection>) -> impl IntoView {
    let Redaction(redact) = Redaction::expect();

    // Marks for the benchmark: the frame after the results are in the DOM.
    Effect::new(move |_| {
        if inspection.with(|i| matches!(i, Inspection::Report(_))) {
            request_animation_frame(|| {
                super::app::mark("callscope:summary");
                super::app::mark("callscope:cards");
            });
        }
    });

    // With Redact on, everything below (screen, raw JSON, CSV, Markdown, alerts) comes from the
    // redacted text, so no part can show an original by mistake.
    let shown = move || {
        let original = inspection.get();
        if redact.get() {
            original.redacted()
        } else {
            Some(original)
        }
    };
    move || match shown() {
        None => view! { <RedactionFailed /> }.into_any(),
        Some(Inspection::Nothing) => view! {
            <p class="results__empty">
                "Paste a call record above and press Inspect, or choose "
                <strong>"Load example"</strong>
                " to see what the viewer shows."
            </p>
        }
        .into_any(),
        Some(Inspection::Report(report)) => {
            // Open state for every card and the filters, shared by the overview and the lists.
            provide_context(Disclosures::new(&report));
            provide_context(Overview::new(&report));
            view! {
                <Summary report=report.clone() />
                <ReportToolbar report=report.clone() />
                <FindingsList report=report.clone() />
                <ParticipantsTable />
                {(report.totals.segments > 0).then(|| view! {
                    <FilterBar report=report.clone() />
                    <FilterNote report=report.clone() />
                    <TimelineView report=report.clone() />
                })}
                <SessionList report=report />
            }
            .into_any()
        }
        Some(Inspection::NotCallRecord(what, _)) => {
            view! { <NotCallRecordNotice what=what /> }.into_any()
        }
        Some(Inspection::Unreadable(error, _)) => view! { <SyntaxAlert error=error /> }.into_any(),
    }
}

/// Shown instead of the report when the redacted text does not read back as a call record,
/// which would be a bug: showing the original instead would defeat the switch.
#[component]
fn RedactionFailed() -> impl IntoView {
    view! {
        <section class="alert alert--error" role="alert">
            <h2 class="alert__title">"This record could not be redacted"</h2>
            <p>"Turn Redact off to see it. Nothing is shown while Redact is on, so no personal data appears by mistake."</p>
        </section>
    }
}

/// Where and why the JSON cannot be read; the input itself stays in the text area.
#[component]
fn SyntaxAlert(error: Arc<SyntaxError>) -> impl IntoView {
    let pointer = format!("{}^", " ".repeat(error.caret));
    let hint = error.truncation.map(|t| t.to_string());
    let title = if error.is_limit {
        "This JSON cannot be read"
    } else {
        "This is not valid JSON"
    };
    view! {
        <section class="alert alert--error" role="alert">
            <h2 class="alert__title">{title}</h2>
            <p>
                {format!(
                    "{} at line {}, column {}. Nothing is shown, so that an incomplete record is not mistaken for a whole one.",
                    capitalise(&error.message),
                    error.line,
                    error.column,
                )}
            </p>
            <figure class="alert__figure">
                <figcaption class="visually-hidden">"The text around the error"</figcaption>
                <pre class="alert__excerpt" tabindex="0">{format!("{}\n{}", error.excerpt, pointer)}</pre>
            </figure>
            {hint.map(|h| view! { <p class="alert__hint">{h}</p> })}
            <p class="alert__hint">"Your input is still in the text area above; fix it there and press Inspect."</p>
        </section>
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Well-formed JSON that is not a call record: say what it is and what to do.
#[component]
fn NotCallRecordNotice(what: Arc<NotCallRecord>) -> impl IntoView {
    let body = match what.as_ref() {
        NotCallRecord::GraphError(e) => {
            let field = |r: &crate::model::Reading<String>| {
                r.value().cloned().unwrap_or_else(|| "not given".to_owned())
            };
            let inner = e.inner_error.value();
            view! {
                <h2 class="alert__title">"This is a Graph error, not a call record"</h2>
                <dl class="fields">
                    <div class="field"><dt>"Code"</dt><dd>{field(&e.code)}</dd></div>
                    <div class="field"><dt>"Message"</dt><dd>{field(&e.message)}</dd></div>
                    <div class="field"><dt>"Request id"</dt><dd>{inner.map(|i| field(&i.request_id)).unwrap_or_else(|| "not given".into())}</dd></div>
                    <div class="field"><dt>"Date"</dt><dd>{inner.map(|i| field(&i.date)).unwrap_or_else(|| "not given".into())}</dd></div>
                </dl>
                <p class="alert__hint">
                    "Call records are kept for 30 days. A 404 usually means the call is older than that or the id is wrong; quote the request id when you ask Microsoft support."
                </p>
            }
            .into_any()
        }
        NotCallRecord::Notification(records) => {
            let items = records
                .iter()
                .map(|r| {
                    let change = r.change_type.clone().unwrap_or_else(|| "change".into());
                    view! {
                        <li>
                            <code>{r.id.clone()}</code>
                            {format!(" ({change})")}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h2 class="alert__title">"This is a change notification, not a call record"</h2>
                <p>{format!("It names {} call record(s):", records.len())}</p>
                <ul>{items}</ul>
                <p class="alert__hint">
                    "Fetch each one with GET /communications/callRecords/{id}?$expand=sessions($expand=segments) and paste the response here."
                </p>
            }
            .into_any()
        }
        NotCallRecord::CallRecordList(ids) => view! {
            <h2 class="alert__title">"This is a list of call records without their sessions"</h2>
            <p>{format!("It lists {} call record(s). Fetch one with $expand=sessions($expand=segments) to see its streams.", ids.len())}</p>
            <ul>{ids.iter().map(|id| view! { <li><code>{id.clone()}</code></li> }).collect_view()}</ul>
        }
        .into_any(),
        NotCallRecord::OtherResource(what) => {
            let said = match what {
                Some(resource) => format!("Not a call record: @odata.context says {resource}."),
                None => "Not a call record: the JSON has none of the properties of a call record, session or segment.".to_owned(),
            };
            view! {
                <h2 class="alert__title">"Not a call record"</h2>
                <p>{said}</p>
                <p class="alert__hint">
                    "callscope reads GET /communications/callRecords/{id}?$expand=sessions($expand=segments) responses, sessions or segments pages, or a single session or segment."
                </p>
            }
            .into_any()
        }
        NotCallRecord::NotAnObject => view! {
            <h2 class="alert__title">"Not a call record"</h2>
            <p>"The JSON is a single value (text, a number, true/false or null), not an object."</p>
        }
        .into_any(),
        NotCallRecord::Empty => view! {
            <h2 class="alert__title">"Nothing to inspect"</h2>
            <p>"The text area is empty. Paste a call record's JSON or open a file."</p>
        }
        .into_any(),
    };
    view! { <section class="alert alert--info" role="alert">{body}</section> }
}
