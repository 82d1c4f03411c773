//! The Leptos components.
use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! { <main><h1>"callscope"</h1></main> }
}
