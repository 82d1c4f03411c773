//! callscope: inspect Microsoft Graph call records in the browser.
//!
//! The crate is layered (see ARCHITECTURE.md): `model` mirrors Graph's JSON, `load` turns input
//! text into a document plus problems, `analysis` computes verdicts and display values, `export`
//! writes CSV, and `view` holds the Leptos components that display it all.
pub mod analysis;
pub mod export;
pub mod fetch;
pub mod load;
pub mod model;
pub mod redact;
pub mod view;
