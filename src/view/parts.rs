//! Small display pieces shared by the cards: verdict badges, values with units and bands, and
//! labelled fields. They only display what `analysis` computed.

use leptos::prelude::*;

use crate::analysis::units::{Band, Shown, ShownState};
use crate::analysis::{Failure, Rollup, VerdictWord};

/// A verdict as icon, word and colour, so it never depends on colour alone.
#[component]
pub fn VerdictBadge(
    /// The verdict; `None` shows "no streams".
    word: Option<VerdictWord>,
    /// Extra words after the verdict, such as "1 of 2 streams poor".
    #[prop(optional)]
    detail: Option<String>,
) -> impl IntoView {
    let (class, icon, label) = match word {
        Some(w) => (
            format!("verdict verdict--{}", w.as_str()),
            w.icon(),
            w.label(),
        ),
        None => ("verdict verdict--none".to_owned(), "–", "No streams"),
    };
    view! {
        <span class=class>
            <span class="verdict__icon" aria-hidden="true">{icon}</span>
            <span class="verdict__word">{label}</span>
            {detail.map(|d| view! { <span class="verdict__detail">{d}</span> })}
        </span>
    }
}

/// A roll-up: the worst verdict below, its counts, and a failed mark when something failed.
#[component]
pub fn RollupBadge(rollup: Rollup, failure: Failure) -> impl IntoView {
    let failed = failure.headline().map(|text| {
        let class = if failure.is_failed() {
            "flag flag--failed"
        } else {
            "flag flag--warning"
        };
        let icon = if failure.is_failed() { "⚠" } else { "ⓘ" };
        view! {
            <span class=class>
                <span aria-hidden="true">{icon}</span>
                " "
                {text}
            </span>
        }
    });
    let detail = (rollup.streams() > 0).then(|| rollup.describe());
    let devices = (rollup.device_problems > 0).then(|| {
        let text = if rollup.device_problems == 1 {
            "device problem".to_owned()
        } else {
            format!("{} device problems", rollup.device_problems)
        };
        view! {
            <span class="flag flag--warning">
                <span aria-hidden="true">"⚠ "</span>
                {text}
            </span>
        }
    });
    view! {
        <span class="rollup">
            <VerdictBadge word=rollup.worst() detail=detail.unwrap_or_default() />
            {failed}
            {devices}
        </span>
    }
}

/// A value with its unit, its band (as a mark and a colour) and, on hover, its note.
#[component]
pub fn Value(shown: Shown) -> impl IntoView {
    let state = match shown.state {
        ShownState::Value => "value",
        ShownState::NotReported => "value value--missing",
        ShownState::Invalid => "value value--invalid",
    };
    let band = shown.band;
    let class = match band {
        Some(b) => format!("{state} band--{}", b.as_str()),
        None => state.to_owned(),
    };
    let mark = band.and_then(|b| match b {
        Band::Good => None,
        Band::Warning => Some(("▲", "warning")),
        Band::Poor => Some(("✗", "poor")),
    });
    let note = shown.note.clone();
    let title = shown.note;
    view! {
        <span class=class title=title>
            {shown.text}
            {mark
                .map(|(icon, word)| {
                    view! {
                        <span class="band-mark" title=word aria-hidden="true">
                            {icon}
                        </span>
                        <span class="visually-hidden">{format!(" ({word})")}</span>
                    }
                })}
            {note.map(|n| view! { <span class="value__note">{format!(" ({n})")}</span> })}
        </span>
    }
}

/// A labelled value in a definition list.
#[component]
pub fn Field(label: &'static str, shown: Shown) -> impl IntoView {
    view! {
        <div class="field">
            <dt>{label}</dt>
            <dd>
                <Value shown=shown />
            </dd>
        </div>
    }
}

/// A labelled plain text in a definition list.
#[component]
pub fn TextField(label: &'static str, text: String) -> impl IntoView {
    view! {
        <div class="field">
            <dt>{label}</dt>
            <dd>{text}</dd>
        </div>
    }
}

/// Properties the viewer does not know, listed so nothing in the input is hidden.
#[component]
pub fn ExtraProperties(extra: crate::model::Extra) -> impl IntoView {
    if extra.unknown.is_empty() {
        return ().into_any();
    }
    let rows = extra
        .unknown
        .into_iter()
        .map(|(key, raw)| {
            let text = crate::model::reading::preview(raw.get());
            view! {
                <li>
                    <code>{key}</code>
                    ": "
                    <code>{text}</code>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="extra">
            <span class="extra__title">"Other properties in the input:"</span>
            <ul>{rows}</ul>
        </div>
    }
    .into_any()
}

/// The one disclosure button every card uses: a real button whose `aria-expanded` follows
/// `is_open`, with the ▸/▾ icon drawn by CSS.
#[component]
pub fn Disclosure(
    is_open: RwSignal<bool>,
    /// Extra class for the card family (`session__toggle`, …).
    class: &'static str,
    /// The id of the element it shows, when that element exists while closed or opens in place.
    #[prop(optional)]
    controls: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            class=format!("disclosure {class}")
            aria-expanded=move || is_open.get().to_string()
            aria-controls=controls
            on:click=move |_| is_open.update(|o| *o = !*o)
        >
            <span class="disclosure__icon" aria-hidden="true"></span>
            {children()}
        </button>
    }
}

/// Raw JSON larger than this is cut on screen; the whole text is still in the input.
const RAW_LIMIT: usize = 256 * 1024;

/// A disclosure that shows an object's JSON exactly as the input had it, unknown properties
/// included. The text is found only when opened.
#[component]
pub fn RawJson(
    report: std::sync::Arc<crate::analysis::Report>,
    /// Where the object sits in the input; `None` shows nothing.
    path: Option<Vec<crate::load::raw::Step>>,
) -> impl IntoView {
    let Some(path) = path else {
        return ().into_any();
    };
    let is_open = RwSignal::new(false);
    // Each box is a focusable region (it scrolls), named by where it is so the names differ.
    let place = path
        .iter()
        .map(|step| match step {
            crate::load::raw::Step::Key(key) => format!(".{key}"),
            crate::load::raw::Step::Index(i) => format!("[{i}]"),
        })
        .collect::<String>();
    let region_label = format!("Raw JSON of {}", place.trim_start_matches('.'));
    let text = move || {
        let Some(raw) = report.raw(&path) else {
            return "(not found in the input text)".to_owned();
        };
        if raw.len() <= RAW_LIMIT {
            return raw.to_owned();
        }
        let mut cut = RAW_LIMIT;
        while !raw.is_char_boundary(cut) {
            cut -= 1;
        }
        format!(
            "{}\n… ({} more bytes not shown)",
            &raw[..cut],
            raw.len() - cut
        )
    };
    view! {
        <div class="raw">
            <Disclosure is_open=is_open class="raw__toggle">
                "Raw JSON"
            </Disclosure>
            <Show when=move || is_open.get()>
                <pre class="raw__text" data-testid="raw-json" tabindex="0" role="region" aria-label=region_label.clone()>{text.clone()}</pre>
            </Show>
        </div>
    }
    .into_any()
}
