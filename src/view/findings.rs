//! "What went wrong": the ranked findings above the cards, each opening the card it names.

use std::sync::Arc;

use leptos::prelude::*;

use super::session::Disclosures;
use crate::analysis::findings::{findings, Finding};
use crate::analysis::Report;

/// Findings shown before "show all"; a large meeting can have hundreds.
const FIRST_FINDINGS: usize = 12;

/// Findings put in the page at most, by "Show all" or for printing: enough for any report a
/// person reads, few enough to stay light in a meeting with thousands of segments.
const FINDINGS_IN_PAGE: usize = 500;

/// The ranked list. Nothing is drawn for a call with no findings.
#[component]
pub fn FindingsList(report: Arc<Report>) -> impl IntoView {
    let all = findings(&report);
    if all.is_empty() {
        return ().into_any();
    }
    let disclosures = Disclosures::of(&report);
    let show_all = RwSignal::new(false);
    let total = all.len();

    // Paper has no "Show all" button: the browser's beforeprint puts every finding (up to a
    // bound) in the page, afterprint takes them out again. Drawing them all up front would
    // cost a large meeting thousands of nodes before its first card.
    let printing = RwSignal::new(false);
    let _ = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let _ = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));

    let all = Arc::new(all);
    let items = move || {
        let shown = if show_all.get() || printing.get() {
            total.min(FINDINGS_IN_PAGE)
        } else {
            total.min(FIRST_FINDINGS)
        };
        all[..shown]
            .iter()
            .map(|f| view! { <FindingItem finding=f.clone() disclosures=disclosures.clone() /> })
            .collect_view()
    };
    view! {
        <section
            class="findings-list"
            aria-labelledby="findings-heading"
            data-testid="findings"
        >
            <h2 id="findings-heading">"What went wrong"</h2>
            <ol class="plain-list">{items}</ol>
            {(total > FIRST_FINDINGS).then(|| view! {
                <button class="button" on:click=move |_| show_all.update(|s| *s = !*s)>
                    {move || match (show_all.get(), total > FINDINGS_IN_PAGE) {
                        (true, _) => "Show fewer".to_owned(),
                        (false, false) => format!("Show all {total} findings"),
                        (false, true) => format!("Show the first {FINDINGS_IN_PAGE} of {total} findings"),
                    }}
                </button>
            })}
            {(total > FINDINGS_IN_PAGE).then(|| view! {
                <p class="results__empty">
                    {format!("{} more findings are not listed; the filters below narrow the view.", total - FINDINGS_IN_PAGE)}
                </p>
            })}
        </section>
    }
    .into_any()
}

/// One finding: severity as a word and a colour, a link-like button that opens its card.
#[component]
fn FindingItem(finding: Finding, disclosures: Disclosures) -> impl IntoView {
    let (si, gi) = (finding.session, finding.segment);
    let open = move |_| disclosures.open(si, gi);
    let severity = finding.severity.as_str();
    view! {
        <li class=format!("finding finding--{severity}") data-severity=severity>
            <span class="finding__severity">{severity}</span>
            <button class="finding__title" on:click=open>{finding.title.clone()}</button>
            <span class="finding__detail">{finding.detail.clone()}</span>
        </li>
    }
}
