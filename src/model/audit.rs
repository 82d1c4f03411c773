//! A walk over the whole model that lists every value that could not be read, with its path.
//!
//! Each bad value is already shown in place; this list feeds the summary ("3 values could not be
//! read") and recognises a pasted documentation example by its placeholders.

use super::enums::*;
use super::reading::{Invalid, Reading};
use super::time::{Instant, Millis};

/// One unreadable value and where it sits, e.g. `sessions[0].segments[1].media[0].label`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub path: String,
    pub invalid: Invalid,
}

/// The path being walked, kept as a stack so a string is built only for a finding.
#[derive(Debug, Default)]
pub struct Trail {
    steps: Vec<Step>,
}

#[derive(Debug)]
enum Step {
    Key(&'static str),
    OwnedKey(String),
    Index(usize),
}

impl Trail {
    pub fn key(&mut self, key: &'static str) {
        self.steps.push(Step::Key(key));
    }

    pub fn owned_key(&mut self, key: &str) {
        self.steps.push(Step::OwnedKey(key.to_owned()));
    }

    pub fn index(&mut self, i: usize) {
        self.steps.push(Step::Index(i));
    }

    pub fn pop(&mut self) {
        self.steps.pop();
    }

    fn render(&self) -> String {
        let mut out = String::new();
        for step in &self.steps {
            match step {
                Step::Key(k) => push_key(&mut out, k),
                Step::OwnedKey(k) => push_key(&mut out, k),
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

fn push_key(out: &mut String, key: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(key);
}

/// Types that can list their unreadable values.
pub trait Audit {
    fn audit(&self, trail: &mut Trail, out: &mut Vec<Finding>);
}

impl<T: Audit> Audit for Reading<T> {
    fn audit(&self, trail: &mut Trail, out: &mut Vec<Finding>) {
        match self {
            Reading::Invalid(invalid) => {
                out.push(Finding {
                    path: trail.render(),
                    invalid: invalid.clone(),
                });
            }
            Reading::Present(v) | Reading::Noted(v, _) => v.audit(trail, out),
            Reading::Missing => {}
        }
    }
}

impl<T: Audit> Audit for Vec<Reading<T>> {
    fn audit(&self, trail: &mut Trail, out: &mut Vec<Finding>) {
        for (i, item) in self.iter().enumerate() {
            trail.index(i);
            item.audit(trail, out);
            trail.pop();
        }
    }
}

/// Scalars have nothing inside them to walk.
macro_rules! leaf {
    ($($t:ty),*) => { $(impl Audit for $t { fn audit(&self, _: &mut Trail, _: &mut Vec<Finding>) {} })* };
}
leaf!(
    f64,
    bool,
    String,
    Millis,
    Instant,
    CallType,
    Modality,
    StreamDirection,
    ConnectionType,
    TransportProtocol,
    WifiBand,
    WifiRadioType,
    FailureStage,
    ProductFamily,
    ClientPlatform,
    ServiceRole,
    AudioCodec,
    VideoCodec,
    FeedbackRating,
    EndpointType
);

/// Lists the unreadable values of a whole tree.
pub fn audit<T: Audit>(root: &T) -> Vec<Finding> {
    let mut out = Vec::new();
    root.audit(&mut Trail::default(), &mut out);
    out
}
