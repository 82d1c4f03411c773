//! The filter bar and the state the overview shares: participants, the search index, the
//! filter and what it keeps. The filter lives in the URL fragment, so a link reopens the view.

use std::sync::Arc;

use leptos::prelude::*;

use crate::analysis::filter::{select, Filter, SearchIndex, Selection, Sort, MODALITIES};
use crate::analysis::participants::{participants, Participant};
use crate::analysis::{Report, StreamKind};
use crate::view::Inspection;

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
    /// Builds the state for a report, on the page's filter (see [`ViewState`]).
    pub fn new(report: &Arc<Report>) -> Self {
        let people = Arc::new(participants(report));
        let index = Arc::new(SearchIndex::default());
        let filter = expect_context::<ViewState>().filter;
        // A link may name a participant row this record does not have.
        if filter.with_untracked(|f| f.participant.is_some_and(|row| row >= people.len())) {
            filter.update(|f| f.participant = None);
        }
        let (r, p) = (report.clone(), people.clone());
        let selection = Memo::new(move |_| filter.with(|f| select(&r, f, &index, &p)));
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

/// The filter and whether the example is on screen, for the whole page: Redact rebuilds the
/// report and must keep the filters, while a new record starts without them.
#[derive(Clone, Copy)]
pub struct ViewState {
    pub filter: RwSignal<Filter>,
    pub is_example: RwSignal<bool>,
}

impl ViewState {
    /// Reads the state from the URL fragment and keeps the fragment in step with it. Whoever is
    /// about to show the example sets `next_is_example` first.
    pub fn provide(inspection: RwSignal<Inspection>, next_is_example: StoredValue<bool>) {
        let fragment = current_fragment();
        let state = ViewState {
            filter: RwSignal::new(Filter::from_fragment(&fragment)),
            is_example: RwSignal::new(fragment.split('&').any(|p| p == "example")),
        };

        // The fragment's filters are for the first record the page shows (that is what a link
        // reopens); every later record starts unfiltered, since a participant's row number or
        // a verdict filter means nothing for another call.
        let shown = StoredValue::new(0usize);
        Effect::new(move |_| {
            if inspection.with(|i| matches!(i, Inspection::Nothing)) {
                return;
            }
            shown.update_value(|n| *n += 1);
            state.is_example.set(next_is_example.get_value());
            next_is_example.set_value(false);
            if shown.get_value() > 1 {
                state.filter.set(Filter::default());
            }
        });

        // `replaceState` does not fire `hashchange`, so this does not reload the example, and
        // the back button is not filled with one entry per keystroke.
        Effect::new(move |_| {
            let fragment = state.filter.with(Filter::to_fragment);
            write_fragment(&fragment, state.is_example.get());
        });
        provide_context(state);
    }
}

/// The fragment without its `#`.
fn current_fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.trim_start_matches('#').to_owned()
}

/// Writes the fragment: `example` while the example is shown (it reopens it), then the filter.
fn write_fragment(filter: &str, is_example: bool) {
    let parts: Vec<&str> = is_example
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

/// On paper the filter bar is not printed, so a filtered report says what it leaves out.
#[component]
pub fn FilterNote(report: Arc<Report>) -> impl IntoView {
    let Overview {
        filter,
        selection,
        participants,
    } = Overview::expect();
    let total = report.totals.segments;
    let text = move || {
        let f = filter.get();
        if !f.is_active() {
            return None;
        }
        let mut what: Vec<String> = f.verdicts().into_iter().map(str::to_owned).collect();
        if let Some(kind) = f.modality {
            what.push(kind.describe().to_owned());
        }
        if let Some(p) = f
            .participant
            .and_then(|row| participants.get_value().get(row).cloned())
        {
            what.push(format!("participant {}", p.name));
        }
        if !f.text.trim().is_empty() {
            what.push(format!("search “{}”", f.text.trim()));
        }
        let shown = selection.with(|s| s.segments);
        Some(format!(
            "Filtered view ({}): showing {shown} of {total} segments.",
            what.join(", ")
        ))
    };
    view! { <p class="filter-note" data-testid="filter-note">{text}</p> }
}
