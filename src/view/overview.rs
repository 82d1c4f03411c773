//! The filter bar and the state the overview shares: participants, the search index, the
//! filter and what it keeps. The filter lives in the URL fragment, so a link reopens the view.

use std::sync::Arc;

use leptos::prelude::*;

use crate::analysis::filter::{select, Filter, SearchIndex, Selection, Sort, MODALITIES};
use crate::analysis::participants::{participants, Participant};
use crate::analysis::{Report, StreamKind};

/// Participants listed in the participant menu.
const PARTICIPANT_OPTIONS: usize = 200;

/// What the overview's parts share, provided as context by the report view.
#[derive(Clone, Copy)]
pub struct Overview {
    pub filter: RwSignal<Filter>,
    pub selection: Memo<Selection>,
    pub participants: StoredValue<Arc<Vec<Participant>>>,
}

impl Overview {
    /// Builds the state for a report, with the filter read from the URL fragment, and keeps
    /// the fragment in step with the filter.
    pub fn new(report: &Arc<Report>) -> Self {
        let people = Arc::new(participants(report));
        let index = Arc::new(SearchIndex::new(report));
        let filter = RwSignal::new(Filter::from_fragment(&current_fragment()));
        let (r, p) = (report.clone(), people.clone());
        let selection = Memo::new(move |_| filter.with(|f| select(&r, f, &index, &p)));

        // `replaceState` does not fire `hashchange`, so this does not reload the example, and
        // the back button is not filled with one entry per keystroke.
        Effect::new(move |_| {
            let fragment = filter.with(Filter::to_fragment);
            write_fragment(&fragment);
        });
        Overview {
            filter,
            selection,
            participants: StoredValue::new(people),
        }
    }

    /// The state the report view provides.
    pub fn expect() -> Self {
        expect_context::<Overview>()
    }
}

/// The fragment without its `#`.
fn current_fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.trim_start_matches('#').to_owned()
}

/// Replaces the filter part of the fragment, keeping `example` (which reopens the example).
fn write_fragment(filter: &str) {
    let keeps_example = current_fragment().split('&').any(|p| p == "example");
    let parts: Vec<&str> = keeps_example
        .then_some("example")
        .into_iter()
        .chain((!filter.is_empty()).then_some(filter))
        .collect();
    let location = window().location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = if parts.is_empty() {
        base
    } else {
        format!("{base}#{}", parts.join("&"))
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Verdict, modality and participant filters, the search box, the sort order and the counts.
#[component]
pub fn FilterBar(report: Arc<Report>) -> impl IntoView {
    let Overview {
        filter,
        selection,
        participants,
    } = Overview::expect();
    let (total_segments, total_streams) = (report.totals.segments, report.totals.streams);
    let total_sessions = report.sessions.len();
    let is_segments_only = report.shape.is_segments_only();

    // Counts say what is shown out of what there is, and are announced as they change.
    let counts = move || {
        selection.with(|s| {
            let shown_sessions = if is_segments_only {
                String::new()
            } else {
                format!(" in {} of {total_sessions} sessions", s.sessions.len())
            };
            format!(
                "Showing {} of {total_segments} segments{shown_sessions} · {} of {total_streams} streams",
                s.segments, s.streams
            )
        })
    };
    let verdict_box =
        move |label: &'static str, get: fn(&Filter) -> bool, set: fn(&mut Filter, bool)| {
            view! {
                <label class="filters__check">
                    <input
                        type="checkbox"
                        prop:checked=move || filter.with(get)
                        on:change=move |ev| filter.update(|f| set(f, event_target_checked(&ev)))
                    />
                    {label}
                </label>
            }
        };
    // A menu of thousands helps no one and weighs on the page: the first ones are listed, the
    // rest are reached through Search or their name in the table (and a linked one is added).
    let people = participants.get_value();
    let linked = filter.with_untracked(|f| f.participant);
    let who_options = people
        .iter()
        .enumerate()
        .filter(|(row, _)| *row < PARTICIPANT_OPTIONS || Some(*row) == linked)
        .map(|(row, p)| view! { <option value=row.to_string()>{p.name.clone()}</option> })
        .collect_view();
    let more_people = people.len().saturating_sub(PARTICIPANT_OPTIONS);

    view! {
        <section class="filters" aria-labelledby="filters-heading" data-testid="filters">
            <h2 id="filters-heading" class="visually-hidden">"Filters"</h2>
            <fieldset class="filters__group">
                <legend>"Show only"</legend>
                {verdict_box("Poor", |f| f.poor, |f, on| f.poor = on)}
                {verdict_box("Unclassified", |f| f.unclassified, |f, on| f.unclassified = on)}
                {verdict_box("Failed", |f| f.failed, |f, on| f.failed = on)}
            </fieldset>
            <label class="filters__field">
                "Modality"
                <select
                    prop:value=move || filter.with(|f| f.modality.map_or("", StreamKind::as_str).to_owned())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.modality = MODALITIES.into_iter().find(|k| k.as_str() == value));
                    }
                >
                    <option value="">"All"</option>
                    {MODALITIES.map(|k| view! { <option value=k.as_str()>{k.describe()}</option> })}
                </select>
            </label>
            <label class="filters__field">
                "Participant"
                <select
                    prop:value=move || filter.with(|f| f.participant.map(|p| p.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.participant = value.parse().ok());
                    }
                >
                    <option value="">"Everyone"</option>
                    {who_options}
                    {(more_people > 0).then(|| view! {
                        <option disabled=true>{format!("… {more_people} more: use Search, or a name in the table")}</option>
                    })}
                </select>
            </label>
            <label class="filters__field filters__field--search">
                "Search"
                <input
                    type="search"
                    placeholder="name, UPN, phone, IP, user agent"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        filter.update(|f| f.text = text);
                    }
                />
            </label>
            <label class="filters__field">
                "Sort by"
                <select
                    prop:value=move || filter.with(|f| if f.sort == Sort::Severity { "severity" } else { "time" })
                    on:change=move |ev| {
                        let sort = if event_target_value(&ev) == "severity" { Sort::Severity } else { Sort::Time };
                        filter.update(|f| f.sort = sort);
                    }
                >
                    <option value="time">"Time"</option>
                    <option value="severity">"Severity (worst first)"</option>
                </select>
            </label>
            <button
                class="button"
                disabled=move || filter.with(|f| *f == Filter::default())
                on:click=move |_| filter.set(Filter::default())
            >
                "Clear filters"
            </button>
            <p class="filters__counts" role="status" aria-live="polite" data-testid="filter-counts">
                {counts}
            </p>
        </section>
    }
}
