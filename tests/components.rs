#![cfg(target_arch = "wasm32")]
//! Components in a real browser: cards expand, `aria-expanded` flips, verdicts show their word.

use std::sync::Arc;

use callscope::analysis::{analyse, Report};
use callscope::load::{load, Outcome};
use callscope::view::{App, SegmentCard};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RECORD: &str = r#"{
  "id": "c0ffee-test", "type": "peerToPeer", "startDateTime": "2024-03-12T09:14:05Z", "endDateTime": "2024-03-12T09:18:42Z",
  "sessions": [{"id": "s1", "segments": [{"id": "g1", "startDateTime": "2024-03-12T09:14:05Z", "endDateTime": "2024-03-12T09:18:42Z",
    "caller": {"associatedIdentity": {"displayName": "Dana <b>Whitfield</b>"}},
    "callee": {"associatedIdentity": {"displayName": "Ravi Okonkwo"}},
    "media": [{"label": "main-audio", "streams": [
      {"streamId": "1", "streamDirection": "callerToCallee", "packetUtilization": 9000, "averageJitter": "PT0.019S", "averagePacketLossRate": 0, "averageRoundTripTime": "PT0.058S"},
      {"streamId": "2", "streamDirection": "calleeToCaller", "packetUtilization": 9000, "averageJitter": "PT0.0661S", "averagePacketLossRate": 0.0247, "averageRoundTripTime": "PT0.071S"}
    ]}]}]}]}"#;

fn report() -> Arc<Report> {
    match load(RECORD) {
        Outcome::Document(doc) => Arc::new(analyse(*doc)),
        other => panic!("the test record loads, got {other:?}"),
    }
}

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

#[wasm_bindgen_test]
async fn a_segment_card_expands_and_flips_aria_expanded() {
    let root = container();
    let report = report();
    leptos::mount::mount_to(root.clone(), move || {
        view! { <SegmentCard report=report.clone() si=0 gi=0 expanded=false /> }
    })
    .forget();

    let card = root
        .query_selector("[data-testid=segment-card]")
        .unwrap()
        .expect("a card");
    assert_eq!(
        card.get_attribute("data-verdict").as_deref(),
        Some("poor"),
        "worst stream is poor"
    );
    let button: web_sys::HtmlElement = card
        .query_selector("button[aria-expanded]")
        .unwrap()
        .expect("a disclosure")
        .dyn_into()
        .unwrap();
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(
        root.query_selector("[data-testid=stream-row]")
            .unwrap()
            .is_none(),
        "collapsed cards build no rows"
    );

    button.click();
    leptos::task::tick().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let rows = root.query_selector_all("[data-testid=stream-row]").unwrap();
    assert_eq!(rows.length(), 2, "expanding shows both streams");

    button.click();
    leptos::task::tick().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn verdicts_show_their_word_and_names_stay_text() {
    let root = container();
    let report = report();
    leptos::mount::mount_to(root.clone(), move || {
        view! { <SegmentCard report=report.clone() si=0 gi=0 expanded=true /> }
    })
    .forget();
    leptos::task::tick().await;

    let poor = root
        .query_selector("[data-testid=stream-row][data-verdict=poor]")
        .unwrap()
        .expect("a poor row");
    let text = poor.text_content().unwrap_or_default();
    assert!(
        text.contains("Poor"),
        "the verdict word is visible, not only a colour: {text}"
    );
    assert!(text.contains("66.1 ms"), "jitter is shown in ms: {text}");
    assert!(
        root.query_selector("b").unwrap().is_none(),
        "a name with HTML is rendered as text"
    );
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Dana <b>Whitfield</b>"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_app_keeps_bad_input_and_says_where_it_breaks() {
    let root = container();
    leptos::mount::mount_to(root.clone(), App).forget();
    leptos::task::tick().await;

    let area: web_sys::HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .expect("a text area")
        .dyn_into()
        .unwrap();
    area.set_value("{\"value\": [1, 2");
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let inspect: web_sys::HtmlElement = root
        .query_selector("button.button--primary")
        .unwrap()
        .expect("an Inspect button")
        .dyn_into()
        .unwrap();
    inspect.click();
    leptos::task::tick().await;

    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("line 1"), "the alert names the line: {text}");
    assert!(
        text.contains("truncated"),
        "a cut-off input gets the truncation hint: {text}"
    );
    assert_eq!(area.value(), "{\"value\": [1, 2", "the input is kept");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_crash_notice_says_what_happened_and_leaves_the_input() {
    let root = container();
    leptos::mount::mount_to(root.clone(), App).forget();
    leptos::task::tick().await;
    let area: web_sys::HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .expect("a text area")
        .dyn_into()
        .unwrap();
    area.set_value("{\"my\": \"input\"}");

    callscope::view::crash::show_crash_notice("panicked at src/x.rs:1:1: <b>boom</b>");
    let notice = document()
        .query_selector("[data-testid=crash-notice]")
        .unwrap()
        .expect("a notice");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    let text = notice.text_content().unwrap_or_default();
    assert!(
        text.contains("internal error") && text.contains("<b>boom</b>"),
        "{text}"
    );
    assert!(
        notice.query_selector("b").unwrap().is_none(),
        "the panic text is not HTML"
    );
    assert_eq!(
        area.value(),
        "{\"my\": \"input\"}",
        "the input is still there"
    );
    notice.remove();
    root.remove();
}
