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
    let status = RwSignal::new(FileStatus::Idle);
    let inspect = move || {
        status.set(FileStatus::Idle);
        inspection.set(Inspection::of(&input.read_untracked()));
    };

    // A file dropped anywhere on the page is opened.
    let dragging = RwSignal::new(false);
    let _ = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        dragging.set(true);
    });
    let _ = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window (not moving between elements) has no related target.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        dragging.set(false);
        let file = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            open_file(file, input, inspection, status);
        }
    });

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
            open_file(file, input, inspection, status);
        }
        // Clearing lets the same file be chosen again after it was edited on disk.
        if let Some(el) = file_input.get() {
            el.set_value("");
        }
    };
    // While Redact is on the text area, which holds the original, is hidden; its text is kept.
    let super::toolbar::Redaction(redact) = super::toolbar::Redaction::expect();

    view! {
        <section class="input" aria-labelledby="input-heading">
            <h2 id="input-heading" class="visually-hidden">
                "Input"
            </h2>
            <label for="record-json" class="input__label">
                "Call record JSON"
            </label>
            <Show when=move || redact.get()>
                <p class="input__hidden" data-testid="input-hidden">
                    "The input is hidden while Redact is on; turn Redact off to see or edit it."
                </p>
            </Show>
            <textarea
                id="record-json"
                hidden=move || redact.get()
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
            </div>
            <FileProgress status=status />
            <div class="dropzone" class:dropzone--active=move || dragging.get() aria-hidden="true">
                "Drop the .json file to open it"
            </div>
        </section>
    }
}

/// Files larger than this are inspected but not copied into the text area: measured in
/// Chromium, setting a text area to 1 MB costs about 0.4 s of layout and 10 MB about 4 s, more
/// than reading the record itself. The file on disk keeps the input.
const TEXT_AREA_LIMIT: f64 = 256.0 * 1024.0;

/// Where opening a file stands.
#[derive(Clone, Debug, PartialEq)]
pub enum FileStatus {
    Idle,
    Reading {
        name: String,
        loaded: f64,
        total: f64,
    },
    Analysing {
        name: String,
        bytes: f64,
    },
    Opened {
        name: String,
        bytes: f64,
        note: Option<String>,
    },
    Failed {
        name: String,
        message: String,
    },
}

impl FileStatus {
    fn describe(&self) -> Option<String> {
        let mb = |b: &f64| format!("{:.1} MB", b / 1_048_576.0);
        match self {
            FileStatus::Idle => None,
            FileStatus::Reading {
                name,
                loaded,
                total,
            } => Some(format!("Reading {name}: {} of {}", mb(loaded), mb(total))),
            FileStatus::Analysing { name, bytes } => {
                Some(format!("Analysing {name} ({})…", mb(bytes)))
            }
            FileStatus::Opened { name, bytes, note } => {
                let mut text = format!("Opened {name} ({})", mb(bytes));
                if let Some(note) = note {
                    text.push_str(&format!("; {note}"));
                }
                if *bytes > TEXT_AREA_LIMIT {
                    text.push_str(
                        ". It is too large to edit in the text box, which keeps what it had",
                    );
                }
                Some(text + ".")
            }
            FileStatus::Failed { name, message } => {
                Some(format!("Could not open {name}: {message}."))
            }
        }
    }
}

/// Reads a file as bytes with progress, decodes it, then inspects it. The heavy work waits for
/// the next frame so that "Analysing…" is on screen before the page is busy.
pub fn open_file(
    file: web_sys::File,
    input: RwSignal<String>,
    inspection: RwSignal<Inspection>,
    status: RwSignal<FileStatus>,
) {
    let name = file.name();
    let total = file.size();
    status.set(FileStatus::Reading {
        name: name.clone(),
        loaded: 0.0,
        total,
    });
    let Ok(reader) = web_sys::FileReader::new() else {
        status.set(FileStatus::Failed {
            name,
            message: "the browser cannot read files".into(),
        });
        return;
    };

    let progress_name = name.clone();
    let on_progress = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(
        move |ev: web_sys::ProgressEvent| {
            let (loaded, total) = (ev.loaded(), ev.total());
            status.set(FileStatus::Reading {
                name: progress_name.clone(),
                loaded,
                total,
            });
        },
    );
    reader.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    // The reader outlives this function; the closure lives as long as the page.
    on_progress.forget();

    let done_reader = reader.clone();
    let done_name = name.clone();
    let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
        let bytes = done_reader
            .result()
            .ok()
            .map(|b| js_sys::Uint8Array::new(&b).to_vec());
        let Some(bytes) = bytes else {
            status.set(FileStatus::Failed {
                name: done_name,
                message: "reading stopped".into(),
            });
            return;
        };
        let size = bytes.len() as f64;
        status.set(FileStatus::Analysing {
            name: done_name.clone(),
            bytes: size,
        });
        // A frame to draw "Analysing…", then the work in the task after it.
        request_animation_frame(move || {
            set_timeout(
                move || match crate::load::decode(bytes) {
                    Ok((text, encoding)) => {
                        inspection.set(Inspection::of(&text));
                        if size <= TEXT_AREA_LIMIT {
                            input.set(text);
                        }
                        let note = encoding.note().map(str::to_owned);
                        status.set(FileStatus::Opened {
                            name: done_name,
                            bytes: size,
                            note,
                        });
                    }
                    Err(e) => {
                        leptos::logging::error!("could not decode {done_name}: {e}");
                        status.set(FileStatus::Failed {
                            name: done_name,
                            message: e.to_string(),
                        });
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    });
    reader.set_onload(Some(on_load.unchecked_ref()));

    let error_name = name.clone();
    let on_error = wasm_bindgen::closure::Closure::once_into_js(move || {
        leptos::logging::error!("could not read the file {error_name}");
        status.set(FileStatus::Failed {
            name: error_name,
            message: "the browser could not read it".into(),
        });
    });
    reader.set_onerror(Some(on_error.unchecked_ref()));

    if reader.read_as_array_buffer(&file).is_err() {
        status.set(FileStatus::Failed {
            name,
            message: "the browser refused to read it".into(),
        });
    }
}

/// Progress of the file being opened, and what was noticed about it.
#[component]
fn FileProgress(status: RwSignal<FileStatus>) -> impl IntoView {
    let fraction = move || match status.get() {
        FileStatus::Reading { loaded, total, .. } if total > 0.0 => Some((loaded / total).min(1.0)),
        _ => None,
    };
    view! {
        <p class="input__status" role="status" data-testid="file-status">
            {move || status.with(FileStatus::describe)}
            {move || fraction().map(|f| view! { <progress max="1" value=f.to_string()></progress> })}
        </p>
    }
}

/// Offers the stream CSV as a download.
/// Offers text as a file download, without a round trip to any server.
pub fn offer_download(text: &str, name: &str, mime: &str) -> Result<(), wasm_bindgen::JsValue> {
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
