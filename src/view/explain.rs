//! Metric labels that open their explanation in place: in a table header or beside a field.
//!
//! The text comes from `analysis::explain`; this module only shows it, as plain text, under a
//! real button (`aria-expanded`, `aria-controls`). The panel opens in the flow of the label's
//! cell, not as a floating box, because the stream table scrolls sideways and would clip one;
//! `style/explain.css` lays it over the next fields when the label sits in a `<dt>`.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::ev;
use leptos::prelude::*;

use super::parts::Value;
use crate::analysis::explain::Metric;
use crate::analysis::units::Shown;

/// Numbers the panels, so two tables showing the same metric never share an id.
static NEXT_PANEL: AtomicUsize = AtomicUsize::new(0);

/// A metric's label as a button that opens a short explanation of the metric under it.
#[component]
pub fn MetricLabel(
    /// The metric whose label and explanation are shown.
    metric: Metric,
    /// Words to show instead of the metric's own label, where the place words it differently
    /// (the stream table's "other metrics" line says "freeze avg" and "freeze RMS").
    #[prop(optional)]
    text: Option<&'static str>,
) -> impl IntoView {
    let label = text.unwrap_or(metric.explanation().label);
    let panel_id = format!(
        "metric-{}-{}",
        metric.key(),
        NEXT_PANEL.fetch_add(1, Ordering::Relaxed)
    );
    let is_open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();

    // Escape closes the panel wherever focus is: Safari does not focus a button on click, so a
    // listener on the label alone would miss it. The listener lives only while the panel is open.
    Effect::new(move |_| {
        if !is_open.get() {
            return;
        }
        let handle = window_event_listener(ev::keydown, move |e| {
            if e.key() == "Escape" {
                is_open.set(false);
                if let Some(b) = button.get_untracked() {
                    // Focus goes back where the panel was opened from; failing is harmless.
                    let _ = b.focus();
                }
            }
        });
        on_cleanup(move || handle.remove());
    });

    let controls = panel_id.clone();
    view! {
        <div class="metric-label">
            <button
                type="button"
                class="metric-label__button"
                node_ref=button
                aria-expanded=move || is_open.get().to_string()
                aria-controls=controls
                data-testid="metric-label"
                data-metric=metric.key()
                on:click=move |_| is_open.update(|o| *o = !*o)
            >
                // The ⓘ cue is drawn by CSS, so copied text and the button's name stay the label.
                {label}
            </button>
            <Show when=move || is_open.get()>
                <MetricExplanation metric=metric id=panel_id.clone() />
            </Show>
        </div>
    }
}

/// The explanation panel: what, unit, lines, source and who reported it.
#[component]
fn MetricExplanation(
    /// The metric explained.
    metric: Metric,
    /// The id the label's `aria-controls` names.
    id: String,
) -> impl IntoView {
    let e = metric.explanation();
    let lines = e
        .lines_text()
        .into_iter()
        .map(|l| view! { <li>{l}</li> })
        .collect_view();
    view! {
        <div class="metric-label__panel" id=id data-testid="metric-explanation">
            <p class="metric-label__what">{e.what}</p>
            <p>
                <span class="metric-label__term">"Unit: "</span>
                {e.unit}
            </p>
            <div>
                <span class="metric-label__term">"Lines:"</span>
                <ul class="metric-label__lines">{lines}</ul>
            </div>
            <p>
                <span class="metric-label__term">"Source: "</span>
                {e.source}
            </p>
            <p>
                <span class="metric-label__term">"Reported by: "</span>
                {e.reported_by}
            </p>
        </div>
    }
}

/// A labelled value in a definition list whose label opens the metric's explanation.
#[component]
pub fn MetricField(
    /// The metric; its label is the field's label.
    metric: Metric,
    /// The value with its unit and band.
    shown: Shown,
) -> impl IntoView {
    view! {
        <div class="field field--metric">
            <dt>
                <MetricLabel metric=metric />
            </dt>
            <dd>
                <Value shown=shown />
            </dd>
        </div>
    }
}
