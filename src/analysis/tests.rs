//! Analysis tests over small documents; the samples are covered in tests/samples.rs.

use super::{analyse, Report};
use crate::load::{load, Outcome};

/// The report of a small JSON document, for the analysis modules' tests.
pub(crate) fn report_of(json: &str) -> Report {
    match load(json) {
        Outcome::Document(doc) => analyse(*doc),
        other => panic!("not a document: {other:?}"),
    }
}
