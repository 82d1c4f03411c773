//! The page: input on top, results below, a file dropped anywhere is opened.

use std::sync::Arc;

use leptos::prelude::*;

use super::fetch::FetchPanel;
use super::input::InputPanel;
use super::results::Results;
use crate::analysis::{analyse, Report};
use crate::load::{load, NotCallRecord, Outcome, SyntaxError};

/// The built-in example: a realistic meeting with a poor stream, a failure and a device problem.
/// It is a file beside the app (copied by Trunk, kept offline by the service worker) rather than
/// part of the WebAssembly, where its 60 KB would count against the download budget on every
/// visit, example or not.
pub const EXAMPLE_URL: &str = "example.json";

/// Fetches the example from the app's own folder.
async fn fetch_example() -> Result<String, String> {
    let response = gloo_net::http::Request::get(EXAMPLE_URL)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("status {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}

/// What the results area shows.
#[derive(Clone, Default)]
pub enum Inspection {
    /// Nothing inspected yet.
    #[default]
    Nothing,
    Report(Arc<Report>),
    /// What the JSON is instead, with the text it came from (for Redact).
    NotCallRecord(Arc<NotCallRecord>, Arc<str>),
    /// Where the JSON breaks, with the text it came from (for Redact).
    Unreadable(Arc<SyntaxError>, Arc<str>),
}

impl Inspection {
    /// Loads and analyses input text.
    pub fn of(text: &str) -> Self {
        mark("callscope:input");
        let inspection = match load(text) {
            Outcome::Document(doc) => Inspection::Report(Arc::new(analyse(*doc))),
            Outcome::NotCallRecord(what) => Inspection::NotCallRecord(Arc::new(what), text.into()),
            Outcome::Unreadable(error) => Inspection::Unreadable(Arc::new(error), text.into()),
        };
        mark("callscope:analysed");
        inspection
    }

    /// The same inspection of the redacted text: every outcome, not only reports, because a
    /// syntax error's excerpt or a Graph error's message can hold personal data too. `None`
    /// when a report's redacted text no longer reads as a report, which would be a bug.
    pub fn redacted(&self) -> Option<Self> {
        let source = match self {
            Inspection::Nothing => return Some(Inspection::Nothing),
            Inspection::Report(report) => &report.source,
            Inspection::NotCallRecord(_, source) | Inspection::Unreadable(_, source) => source,
        };
        let redacted = Inspection::of(&crate::redact::redact(source).text);
        let kept_its_kind = std::mem::discriminant(self) == std::mem::discriminant(&redacted);
        kept_its_kind.then_some(redacted)
    }
}

/// Sets a `performance` mark, which the benchmark reads (`scripts/bench.sh`). Outside a browser
/// (native tests) there is no `window` and nothing happens.
pub fn mark(name: &str) {
    if cfg!(target_arch = "wasm32") {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark(name);
        }
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let input = RwSignal::new(String::new());
    let inspection = RwSignal::new(Inspection::Nothing);
    provide_context(super::toolbar::Redaction(RwSignal::new(false)));
    let next_is_example = StoredValue::new(false);
    super::overview::ViewState::provide(inspection, next_is_example);
    let load_example = move || {
        leptos::task::spawn_local(async move {
            match fetch_example().await {
                Ok(text) => {
                    next_is_example.set_value(true);
                    inspection.set(Inspection::of(&text));
                    input.set(text);
                }
                Err(e) => {
                    leptos::logging::error!("could not load the example from {EXAMPLE_URL}: {e}")
                }
            }
        });
    };

    // `#example` opens the example, at start and when the fragment changes later; the fragment
    // may carry filters beside it (`#example&verdict=poor`).
    let hash_is_example = || {
        let hash = window().location().hash().unwrap_or_default();
        hash.trim_start_matches('#')
            .split('&')
            .any(|p| p == "example")
    };
    if hash_is_example() {
        load_example();
    }
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        if hash_is_example() {
            load_example();
        }
    });

    view! {
        <div class="app">
            <header class="app__header">
                <h1>"callscope"</h1>
                <p class="app__tagline">
                    "Inspect Microsoft Graph call records: which leg went bad, on whose side, and why. "
                    <span class="app__privacy">
                        "Your data never leaves this browser, except for requests you start yourself."
                    </span>
                </p>
                <super::theme::ThemeSwitch />
            </header>
            <main class="app__main">
                <InputPanel input=input inspection=inspection on_example=load_example />
                <FetchPanel input=input inspection=inspection />
                <Results inspection=inspection />
            </main>
        </div>
    }
}
