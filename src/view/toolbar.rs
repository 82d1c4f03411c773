//! The report's tools: copy a Markdown summary for the ticket, download the streams as CSV
//! (all, or only what the filters keep), print, and the Redact switch.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use super::overview::Overview;
use crate::analysis::Report;

/// Whether personal data is masked, shared by the whole page (the input panel hides its text
/// while it is on). Provided as context by the app.
#[derive(Clone, Copy)]
pub struct Redaction(pub RwSignal<bool>);

impl Redaction {
    pub fn expect() -> Self {
        expect_context::<Redaction>()
    }
}

/// What the last copy did, for the status next to the button.
#[derive(Clone, PartialEq)]
enum Copied {
    Nothing,
    Done,
    /// The browser refused; the summary is shown for copying by hand.
    Failed {
        why: String,
        markdown: String,
    },
}

/// The tool row above the overview. `report` is what is on screen (redacted when Redact is on),
/// so every export matches the screen.
#[component]
pub fn ReportToolbar(report: Arc<Report>) -> impl IntoView {
    let Overview {
        filter, selection, ..
    } = Overview::expect();
    let Redaction(redact) = Redaction::expect();
    let only_filtered = RwSignal::new(false);
    let copied = RwSignal::new(Copied::Nothing);

    // Handlers: each export reads the report on screen.
    let r = report.clone();
    let copy_summary = move |_| {
        let text = crate::export::markdown::summary_markdown(&r);
        leptos::task::spawn_local(async move {
            copied.set(match write_clipboard(&text).await {
                Ok(()) => Copied::Done,
                Err(why) => Copied::Failed {
                    why,
                    markdown: text,
                },
            });
        });
    };
    let r = report.clone();
    let download = move |_| {
        let csv = if only_filtered.get_untracked() {
            let kept: HashSet<(usize, usize)> = selection.with_untracked(|s| {
                s.sessions
                    .iter()
                    .flat_map(|(si, gis)| {
                        let session = &r.sessions[*si];
                        gis.iter()
                            .map(move |gi| (session.index, session.segments[*gi].index))
                    })
                    .collect()
            });
            let f = filter.get_untracked();
            crate::export::streams_csv_where(&r, |session, segment, media, stream| {
                kept.contains(&(session.index, segment.index))
                    && f.keeps_stream(session, segment, media.kind, stream)
            })
        } else {
            crate::export::streams_csv(&r)
        };
        let name = format!("callscope-streams-{}.csv", r.call_id().unwrap_or("record"));
        if let Err(e) = super::input::offer_download(&csv, &name, "text/csv;charset=utf-8") {
            leptos::logging::error!("could not offer the CSV download: {e:?}");
        }
    };
    let copy_status = move || match copied.get() {
        Copied::Nothing => String::new(),
        Copied::Done => "Summary copied as Markdown.".to_owned(),
        Copied::Failed { why, .. } => {
            format!("Could not copy ({why}); copy it from the box below.")
        }
    };
    let by_hand = move || match copied.get() {
        Copied::Failed { markdown, .. } => Some(view! {
            <textarea
                class="toolbar__markdown"
                readonly=true
                aria-label="Markdown summary"
                data-testid="markdown-by-hand"
                prop:value=markdown
            ></textarea>
        }),
        _ => None,
    };

    view! {
        <div class="toolbar" role="toolbar" aria-label="Report tools">
            <button class="button copy-summary" on:click=copy_summary>"Copy summary"</button>
            <span class="toolbar__status" role="status" data-testid="copy-status">{copy_status}</span>
            <button class="button" on:click=download>"Download CSV"</button>
            <label class="toolbar__check">
                <input
                    type="checkbox"
                    prop:checked=move || only_filtered.get()
                    on:change=move |ev| only_filtered.set(event_target_checked(&ev))
                />
                "only what the filters show"
            </label>
            <button class="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
            <label class="redact-switch">
                <input
                    type="checkbox"
                    role="switch"
                    data-testid="redact-switch"
                    prop:checked=move || redact.get()
                    on:change=move |ev| redact.set(event_target_checked(&ev))
                />
                <span class="redact-switch__label">"Redact"</span>
                <span class="redact-switch__hint">"mask names, UPNs, emails, phone numbers, IP and MAC addresses"</span>
            </label>
            {by_hand}
        </div>
    }
}

/// Puts text on the clipboard. Browsers offer the clipboard only on https or localhost; on a
/// plain-http intranet server `navigator.clipboard` is missing, which is checked first because
/// calling a method on it would throw out of the WebAssembly.
async fn write_clipboard(text: &str) -> Result<(), String> {
    let navigator = window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        return Err("the browser allows the clipboard only on https or localhost".to_owned());
    }
    let clipboard = navigator.clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| {
            e.as_string()
                .or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                })
                .unwrap_or_else(|| "the browser refused".to_owned())
        })
}
