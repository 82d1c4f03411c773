//! What the page shows when the app panics: a notice that says what happened and what to report,
//! drawn with plain DOM calls because the app itself can no longer run. The text area is left
//! untouched, so the user's input is still there to copy.

use wasm_bindgen::JsCast;

/// Installs a panic hook that logs to the console and shows the notice.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice(&info.to_string());
    }));
}

/// Puts the crash notice at the top of the page. Every piece of text goes in as a text node.
pub fn show_crash_notice(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let element = |tag: &str, text: &str| {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let Some(notice) = document.create_element("section").ok() else {
        return;
    };
    notice.set_class_name("crash");
    let _ = notice.set_attribute("role", "alert");
    let _ = notice.set_attribute("data-testid", "crash-notice");
    let parts = [
        element("h2", "callscope stopped because of an internal error"),
        element(
            "p",
            "Your input is still in the text area below: copy it before you reload the page. \
             Please report this error with the text below, and if you can, the input with \
             personal data removed.",
        ),
        element("pre", detail),
    ];
    for part in parts.into_iter().flatten() {
        let _ = notice.append_child(&part);
    }
    let first = body.first_child();
    let _ = body.insert_before(notice.unchecked_ref(), first.as_ref());
}
