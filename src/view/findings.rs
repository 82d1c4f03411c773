//! "What went wrong": the ranked findings above the cards, each opening the card it names.

use std::sync::Arc;

use leptos::prelude::*;

use super::session::Disclosures;
use crate::analysis::findings::{findings, Finding};
use crate::analysis::Report;

/// Findings shown before "show all"; a large meeting can have hundreds.
const FIRST_FINDINGS: usize = 12;

/// Findings put in the page at all: enough for any printed report, few enough to stay light
/// in a meeting with thousands of segments.
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
    // Every finding (up to a bound) is in the page, and CSS hides those after the first few on
    // screen only, so a printed report lists them all without pressing "Show all".
    let items = all
        .into_iter()
        .take(FINDINGS_IN_PAGE)
        .enumerate()
        .map(|(k, f)| {
            let is_more = k >= FIRST_FINDINGS;
            view! { <FindingItem finding=f disclosures=disclosures.clone() is_more=is_more /> }
        })
        .collect_view();
    view! {
        <section
            class="findings-list"
            class:findings-list--all=move || show_all.get()
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
fn FindingItem(
    finding: Finding,
    disclosures: Disclosures,
    /// True for findings after the first few, hidden on screen until "Show all".
    is_more: bool,
) -> impl IntoView {
    let (si, gi) = (finding.session, finding.segment);
    let open = move |_| disclosures.open(si, gi);
    let severity = finding.severity.as_str();
    view! {
        <li class=format!("finding finding--{severity}") class:finding--more=is_more data-severity=severity>
            <span class="finding__severity">{severity}</span>
            <button class="finding__title" on:click=open>{finding.title.clone()}</button>
            <span class="finding__detail">{finding.detail.clone()}</span>
        </li>
    }
}
