//! The Leptos components. They bind signals to the DOM and display what `analysis` computed;
//! no judging or parsing happens here.

mod app;
pub mod crash;
mod explain;
mod fetch;
mod findings;
mod input;
mod media;
mod overview;
mod participants;
mod parts;
mod results;
mod segment;
mod session;
mod stream;
mod summary;
mod theme;
mod timeline;
mod toolbar;
mod window;

pub use app::{App, Inspection};
pub use segment::SegmentCard;
