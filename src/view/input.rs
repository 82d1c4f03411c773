//! The input panel: paste, open a file, load the example, inspect, download the CSV.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::app::Inspection;

/// Text area and buttons. Inspecting never changes the text, so a bad input stays editable.
#[component]
pub fn InputPanel(
    /// The text in the text area.
    input: RwSignal<String>,
    /// What the results area shows; set by Inspect.
    inspection: RwSignal<Inspection>,
    /// Loads the built-in example.
    on_example: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let file_input = NodeRef::<leptos::html::Input>::new();
    let inspect = move || inspection.set(Inspection::of(&input.read_untracked()));

    // Ctrl+Enter (or Cmd+Enter) inspects from the text area.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            inspect();
        }
    };
    let on_file = move |_| {
        let file = file_input
            .get()
            .and_then(|el| el.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            read_file(file, input, inspection);
        }
        // Clearing lets the same file be chosen again after it was edited on disk.
        if let Some(el) = file_input.get() {
            el.set_value("");
        }
    };
    let has_report = move || inspection.with(|i| matches!(i, Inspection::Report(_)));

    view! {
        <section class="input" aria-labelledby="input-heading">
            <h2 id="input-heading" class="visually-hidden">
                "Input"
            </h2>
            <label for="record-json" class="input__label">
                "Call record JSON"
            </label>
            <textarea
                id="record-json"
                class="input__text"
                spellcheck="false"
                autocomplete="off"
                placeholder="Paste a call record, a sessions or segments page, a session or a segment — or drop a .json file anywhere on the page."
                prop:value=move || input.get()
                on:input=move |ev| input.set(event_target_value(&ev))
                on:keydown=on_keydown
            ></textarea>
            <div class="input__actions">
                <button class="button button--primary" on:click=move |_| inspect()>
                    "Inspect"
                </button>
                <span class="input__shortcut">"Ctrl+Enter"</span>
                <button
                    class="button"
                    on:click=move |_| {
                        if let Some(el) = file_input.get() {
                            el.click();
                        }
                    }
                >
                    "Open file"
                </button>
                <input
                    type="file"
                    accept=".json,application/json,text/plain"
                    class="visually-hidden"
                    tabindex="-1"
                    aria-hidden="true"
                    node_ref=file_input
                    on:change=on_file
                />
                <button class="button" on:click=move |_| on_example()>
                    "Load example"
                </button>
                <button
                    class="button"
                    disabled=move || !has_report()
                    on:click=move |_| {
                        if let Some(report) = inspection.with_untracked(Inspection::report) {
                            download_csv(&report);
                        }
                    }
                >
                    "Download CSV"
                </button>
            </div>
        </section>
    }
}

/// Reads a file into the text area, then inspects it.
pub fn read_file(file: web_sys::File, input: RwSignal<String>, inspection: RwSignal<Inspection>) {
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        match text.ok().and_then(|t| t.as_string()) {
            Some(text) => {
                inspection.set(Inspection::of(&text));
                input.set(text);
            }
            None => {
                leptos::logging::error!("could not read the file {}", file.name());
            }
        }
    });
}

/// Offers the stream CSV as a download.
fn download_csv(report: &crate::analysis::Report) {
    let csv = crate::export::streams_csv(report);
    let name = format!(
        "callscope-streams-{}.csv",
        report.call_id().unwrap_or("record")
    );
    if let Err(e) = offer_download(&csv, &name, "text/csv;charset=utf-8") {
        leptos::logging::error!("could not offer the CSV download: {e:?}");
    }
}

fn offer_download(text: &str, name: &str, mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;

    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    let body = document().body().ok_or("no body")?;
    body.append_child(&link)?;
    link.click();
    body.remove_child(&link)?;
    web_sys::Url::revoke_object_url(&url)
}
