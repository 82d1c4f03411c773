//! The fetch panel: fetch a call record by URL or from Graph into the text area.
//!
//! The panel binds fields and buttons to `crate::fetch`, which builds the URLs, follows the
//! pages, decides where the token may go and explains failures. What the panel owns is the
//! token: it lives in a signal of this component only (never stored, logged or put in a URL)
//! and is gone with "Forget token" or a reload. A finished fetch fills the text area and is
//! inspected like pasted text; until then the text area is left alone.

use leptos::prelude::*;
use web_sys::AbortController;

use super::app::Inspection;
use crate::fetch::browser::{self, Hooks, Outcome};
use crate::fetch::{FetchError, Job, PageRequest, Status, DEFAULT_BASE, PAGE_CAP};

/// Fetch by URL or from Graph, in a collapsible section below the input.
#[component]
pub fn FetchPanel(
    /// The text in the text area; replaced by the merged document when a fetch completes.
    input: RwSignal<String>,
    /// What the results area shows; set by inspecting the fetched document.
    inspection: RwSignal<Inspection>,
) -> impl IntoView {
    let fetcher = Fetcher::new(input, inspection);
    view! {
        <details class="fetch">
            // Its own heading, so "By URL" and "From Graph" do not read as parts of the input.
            <summary class="fetch__title">
                <h2 class="fetch__heading-main">"Fetch from a URL or from Graph"</h2>
            </summary>
            <div class="fetch__forms">
                <UrlForm fetcher=fetcher />
                <GraphForm fetcher=fetcher />
            </div>
            <FetchStatus fetcher=fetcher />
        </details>
    }
}

/// A URL field and its Fetch button. No token is sent from here.
#[component]
fn UrlForm(
    /// Runs the fetch.
    fetcher: Fetcher,
) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let fetch = move || fetcher.start(Job::by_url(&url.get_untracked()));
    view! {
        <section class="fetch__form" aria-labelledby="fetch-url-heading">
            <h3 id="fetch-url-heading" class="fetch__heading">"By URL"</h3>
            <Field
                id="fetch-url"
                label="URL of a call record or sessions page"
                kind="url"
                value=url
                on_enter=fetch
                placeholder="https://…/callRecords/{id}?$expand=sessions($expand=segments)"
            />
            <p class="fetch__hint">
                {format!(
                    "Follows @odata.nextLink and sessions@odata.nextLink, up to {PAGE_CAP} pages, and merges them into one document. No token is sent from this form; the server must allow this page's origin (CORS).",
                )}
            </p>
            <div class="fetch__actions">
                <button class="button button--primary" on:click=move |_| fetch()>
                    "Fetch"
                </button>
            </div>
        </section>
    }
}

/// Call id, token and base URL, and the Fetch from Graph and Forget token buttons.
#[component]
fn GraphForm(
    /// Runs the fetch and holds the token.
    fetcher: Fetcher,
) -> impl IntoView {
    let call_id = RwSignal::new(String::new());
    let base = RwSignal::new(DEFAULT_BASE.to_owned());
    let token = fetcher.token;
    let fetch = move || {
        fetcher.start(Job::from_graph(
            &base.get_untracked(),
            &call_id.get_untracked(),
        ));
    };
    view! {
        <section class="fetch__form" aria-labelledby="fetch-graph-heading">
            <h3 id="fetch-graph-heading" class="fetch__heading">"From Graph"</h3>
            <Field
                id="fetch-call-id"
                label="Call id"
                kind="text"
                value=call_id
                on_enter=fetch
                placeholder="2f1a1100-b174-40a0-aba7-0b405e01ed92"
            />
            // A password field: the token is not shown on screen or in screenshots.
            <Field
                id="fetch-token"
                label="Bearer token"
                kind="password"
                value=token
                on_enter=fetch
                described_by="fetch-token-hint"
            />
            <Field id="fetch-base" label="Base URL" kind="url" value=base on_enter=fetch />
            <p id="fetch-token-hint" class="fetch__hint">
                "Call records need the application permission CallRecords.Read.All; there is no delegated permission, so the token must be an app-only token. Records older than 30 days are gone (404). The token stays in this tab's memory: it is sent only to the base URL's host, never stored, and gone on reload. Change the base URL for a national cloud, such as https://graph.microsoft.us/v1.0."
            </p>
            <div class="fetch__actions">
                <button class="button button--primary" on:click=move |_| fetch()>
                    "Fetch from Graph"
                </button>
                <button class="button" on:click=move |_| token.set(String::new())>
                    "Forget token"
                </button>
            </div>
        </section>
    }
}

/// Progress, the questions a fetch asks, and why it failed.
#[component]
fn FetchStatus(
    /// The fetch whose status is shown.
    fetcher: Fetcher,
) -> impl IntoView {
    let status = fetcher.status;
    let progress = move || status.with(|s| s.message().filter(|_| !matches!(s, Status::Failed(_))));
    let is_busy = move || status.with(Status::is_busy);
    let asking = move || {
        status.with(|s| match s {
            Status::Asking { host, .. } => Some(host.clone()),
            _ => None,
        })
    };
    let failure = move || {
        status.with(|s| match s {
            Status::Failed(error) => Some(error.to_string()),
            _ => None,
        })
    };

    // The status line stays in the page, so that a change of its text is announced; an alert
    // is announced when it appears, and is only there while there is a failure to report.
    view! {
        <div class="fetch__status">
            <p class="fetch__progress" role="status">{progress}</p>
            <Show when=is_busy>
                <button class="button" on:click=move |_| fetcher.cancel()>"Cancel"</button>
            </Show>
            {move || asking().map(|host| view! {
                <div class="fetch__actions">
                    <button class="button button--primary" on:click=move |_| fetcher.follow()>
                        {format!("Follow link to {host}")}
                    </button>
                    <button class="button" on:click=move |_| fetcher.stop_here()>"Stop here"</button>
                </div>
            })}
            {move || failure().map(|message| view! {
                <div class="alert alert--error fetch__alert" role="alert">
                    <p class="alert__title">"The fetch failed"</p>
                    <p>{message}</p>
                </div>
            })}
        </div>
    }
}

/// A labelled one-line field bound to `value`; Enter in it runs `on_enter`. Nothing typed is
/// remembered by the browser (`autocomplete="off"`) or sent to a spell checker.
#[component]
fn Field(
    /// The input's id, which the label points to.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// The input type: `text`, `url` or `password`.
    kind: &'static str,
    /// The field's text.
    value: RwSignal<String>,
    /// Runs when Enter is pressed in the field.
    on_enter: impl Fn() + Copy + 'static,
    /// An example of what to type.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// The id of a paragraph that explains the field.
    #[prop(optional)]
    described_by: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label for=id class="input__label">
            {label}
        </label>
        <input
            id=id
            class="fetch__field"
            type=kind
            spellcheck="false"
            autocomplete="off"
            placeholder=placeholder
            aria-describedby=described_by
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" {
                    ev.prevent_default();
                    on_enter();
                }
            }
        />
    }
}

/// What the panel's fetches share. `Copy`, so every handler can hold it.
#[derive(Clone, Copy)]
struct Fetcher {
    status: RwSignal<Status>,
    /// The bearer token; in memory only.
    token: RwSignal<String>,
    input: RwSignal<String>,
    inspection: RwSignal<Inspection>,
    /// Numbers the runs. A run that is no longer the current one was cancelled or replaced,
    /// and whatever it still reports is dropped.
    run: StoredValue<u64>,
    controller: StoredValue<Option<AbortController>, LocalStorage>,
    /// A job waiting for "Follow link" or "Stop here".
    paused: StoredValue<Option<Job>>,
}

impl Fetcher {
    fn new(input: RwSignal<String>, inspection: RwSignal<Inspection>) -> Self {
        Fetcher {
            status: RwSignal::new(Status::Idle),
            token: RwSignal::new(String::new()),
            input,
            inspection,
            run: StoredValue::new(0),
            controller: StoredValue::new_local(None),
            paused: StoredValue::new(None),
        }
    }

    /// Starts a job, or says why it cannot start.
    fn start(self, job: Result<Job, FetchError>) {
        match job {
            Ok(job) => {
                let request = job.request();
                self.drive(job, request);
            }
            Err(error) => {
                self.abort();
                self.status.set(Status::Failed(error));
            }
        }
    }

    /// Runs a job from `request` on; a new run replaces the one before.
    fn drive(self, job: Job, request: PageRequest) {
        self.abort();
        let run = self.run.get_value();
        let Ok(controller) = AbortController::new() else {
            self.status
                .set(Status::Failed(FetchError::Network { url: request.url }));
            return;
        };
        let signal = controller.signal();
        self.controller.set_value(Some(controller));
        self.status.set(Status::Loading(job.progress()));

        leptos::task::spawn_local(async move {
            let is_current = move || self.run.try_get_value() == Some(run);
            let token = move || self.token.try_get_untracked().unwrap_or_default();
            let on_status = move |status: Status| {
                if is_current() {
                    self.status.set(status);
                }
            };
            let hooks = Hooks {
                signal: &signal,
                token: &token,
                on_status: &on_status,
            };
            let outcome = browser::run(job, request, hooks).await;
            if is_current() {
                self.finish(outcome);
            }
        });
    }

    fn finish(self, outcome: Outcome) {
        self.controller.set_value(None);
        match outcome {
            Outcome::Done(finished) => {
                self.inspection.set(Inspection::of(&finished.text));
                self.input.set(finished.text);
                self.status.set(Status::Done {
                    progress: finished.progress,
                    more: finished.more,
                });
            }
            Outcome::Paused { job, host } => {
                let progress = job.progress();
                self.paused.set_value(Some(*job));
                self.status.set(Status::Asking { progress, host });
            }
            Outcome::Failed(error) => self.status.set(Status::Failed(error)),
            // Cancel already said so, and a cancelled run is no longer current anyway.
            Outcome::Cancelled => {}
        }
    }

    fn cancel(self) {
        let progress = self.status.with_untracked(|s| match s {
            Status::Loading(progress) | Status::Waiting { progress, .. } => *progress,
            _ => Default::default(),
        });
        self.abort();
        self.status.set(Status::Cancelled(progress));
    }

    /// Ends the current run, if any: its request is aborted and its results dropped.
    fn abort(self) {
        self.run.update_value(|run| *run += 1);
        if let Some(Some(controller)) = self.controller.try_update_value(Option::take) {
            controller.abort();
        }
        self.paused.set_value(None);
    }

    fn follow(self) {
        if let Some(Some(mut job)) = self.paused.try_update_value(Option::take) {
            let request = job.follow();
            self.drive(job, request);
        }
    }

    fn stop_here(self) {
        if let Some(Some(job)) = self.paused.try_update_value(Option::take) {
            self.finish(Outcome::Done(job.stop()));
        }
    }
}
