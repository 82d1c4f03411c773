//! A walk over the whole model that lists every value that could not be read, with its path.
//!
//! Each bad value is already shown in place; this list feeds the summary ("3 values could not be
//! read") and recognises a pasted documentation example by its placeholders.

use super::enums::*;
use super::reading::{Invalid, Note, Reading};
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
    fn audit(&self, trail: &mut Trail, out: &mut Log);
}

impl<T: Audit> Audit for Reading<T> {
    fn audit(&self, trail: &mut Trail, out: &mut Log) {
        match self {
            Reading::Invalid(invalid) => {
                out.findings.push(Finding {
                    path: trail.render(),
                    invalid: invalid.clone(),
                });
            }
            Reading::Present(v) => v.audit(trail, out),
            Reading::Noted(v, note) => {
                out.note(*note);
                v.audit(trail, out);
            }
            Reading::Missing => {}
        }
    }
}

impl<T: Audit> Audit for Vec<Reading<T>> {
    fn audit(&self, trail: &mut Trail, out: &mut Log) {
        for (i, item) in self.iter().enumerate() {
            trail.index(i);
            item.audit(trail, out);
            trail.pop();
        }
    }
}

/// Scalars have nothing inside them to walk.
macro_rules! leaf {
    ($($t:ty),*) => { $(impl Audit for $t { fn audit(&self, _: &mut Trail, _: &mut Log) {} })* };
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

/// What a walk found: unreadable values, conversions, and objects whose keys matched only when
/// case was ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    pub findings: Vec<Finding>,
    /// How many values were read with each kind of conversion, in first-seen order.
    pub notes: Vec<(Note, usize)>,
    /// Objects with PascalCase (or otherwise differently cased) keys.
    pub case_folded: usize,
}

impl Log {
    fn note(&mut self, note: Note) {
        match self.notes.iter_mut().find(|(n, _)| *n == note) {
            Some((_, count)) => *count += 1,
            None => self.notes.push((note, 1)),
        }
    }

    /// Adds another walk's log, with its paths prefixed.
    pub fn extend(&mut self, other: Log, prefix: impl Fn(&str) -> String) {
        for mut f in other.findings {
            f.path = prefix(&f.path);
            self.findings.push(f);
        }
        for (note, count) in other.notes {
            for _ in 0..count {
                self.note(note);
            }
        }
        self.case_folded += other.case_folded;
    }
}

/// Walks a whole tree.
pub fn audit<T: Audit>(root: &T) -> Log {
    let mut out = Log::default();
    root.audit(&mut Trail::default(), &mut out);
    out
}
