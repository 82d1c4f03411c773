//! "What went wrong": the ranked findings above the cards, each opening the card it names.

use std::sync::Arc;

use leptos::prelude::*;

use super::session::Disclosures;
use crate::analysis::findings::{findings, Finding};
use crate::analysis::Report;

/// Findings shown before "show all"; a large meeting can have hundreds.
const FIRST_FINDINGS: usize = 12;

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
    let all = Arc::new(all);
    let items = move || {
        let shown = if show_all.get() {
            total
        } else {
            total.min(FIRST_FINDINGS)
        };
        all[..shown]
            .iter()
            .map(|f| view! { <FindingItem finding=f.clone() disclosures=disclosures.clone() /> })
            .collect_view()
    };
    view! {
        <section class="findings-list" aria-labelledby="findings-heading" data-testid="findings">
            <h2 id="findings-heading">"What went wrong"</h2>
            <ol class="plain-list">{items}</ol>
            {(total > FIRST_FINDINGS).then(|| view! {
                <button class="button" on:click=move |_| show_all.update(|s| *s = !*s)>
                    {move || if show_all.get() { "Show fewer".to_owned() } else { format!("Show all {total} findings") }}
                </button>
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
