//! The page: input on top, results below, a file dropped anywhere is opened.

use std::sync::Arc;

use leptos::prelude::*;

use super::input::InputPanel;
use super::results::Results;
use crate::analysis::{analyse, Report};
use crate::load::{load, NotCallRecord, Outcome, SyntaxError};

/// The built-in example: a realistic meeting with a poor stream, a failure and a device problem.
pub const EXAMPLE: &str = include_str!("../../assets/example.json");

/// What the results area shows.
#[derive(Clone, Default)]
pub enum Inspection {
    /// Nothing inspected yet.
    #[default]
    Nothing,
    Report(Arc<Report>),
    NotCallRecord(Arc<NotCallRecord>),
    Unreadable(Arc<SyntaxError>),
}

impl Inspection {
    /// Loads and analyses input text.
    pub fn of(text: &str) -> Self {
        match load(text) {
            Outcome::Document(doc) => Inspection::Report(Arc::new(analyse(*doc))),
            Outcome::NotCallRecord(what) => Inspection::NotCallRecord(Arc::new(what)),
            Outcome::Unreadable(error) => Inspection::Unreadable(Arc::new(error)),
        }
    }

    /// The report, when there is one.
    pub fn report(&self) -> Option<Arc<Report>> {
        match self {
            Inspection::Report(r) => Some(r.clone()),
            _ => None,
        }
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let input = RwSignal::new(String::new());
    let inspection = RwSignal::new(Inspection::Nothing);
    let inspect = move || inspection.set(Inspection::of(&input.read_untracked()));
    let load_example = move || {
        input.set(EXAMPLE.to_owned());
        inspect();
    };

    // `#example` opens the example, at start and when the fragment changes later.
    let hash_is_example = || window().location().hash().is_ok_and(|h| h == "#example");
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
                    "Your data stays in this browser."
                </p>
            </header>
            <main class="app__main">
                <InputPanel input=input inspection=inspection on_example=load_example />
                <Results inspection=inspection />
            </main>
        </div>
    }
}
