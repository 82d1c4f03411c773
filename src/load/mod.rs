//! Loading: input text → a [`Document`] (or the reason there is none) plus notices.
//!
//! Loading owns everything between the bytes a user gave and the wire model: syntax errors with
//! their position, recognising which of Graph's response shapes the input is (a call record, a
//! page of sessions or segments, one session or segment) and what it is when it is not a call
//! record at all. It never judges quality; that is `analysis`.

mod context;
mod decode;
pub mod raw;
mod syntax;

use std::sync::Arc;

use serde::Deserialize;

use crate::model::{items, CallRecord, GraphError, List, Node, Reading, Segment, Session};

pub use context::{Collection, ContextIds};
pub use decode::{decode, DecodeError, Encoding};
pub use syntax::SyntaxError;

/// What loading made of an input.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A call record or part of one.
    Document(Box<Document>),
    /// Well-formed JSON that is not call-record data; says what it is instead.
    NotCallRecord(NotCallRecord),
    /// Not well-formed JSON; nothing is shown as if it were complete.
    Unreadable(SyntaxError),
}

/// The shapes of call-record data the viewer recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A call record with `sessions` expanded.
    CallRecord,
    /// A call record without `sessions`: the request did not expand them.
    CallRecordWithoutSessions,
    /// A sessions collection `{"value": [session…]}`.
    SessionsPage,
    /// One session object.
    Session,
    /// A segments collection `{"value": [segment…]}`.
    SegmentsPage,
    /// One segment object.
    Segment,
}

impl Shape {
    /// How the summary names the input.
    pub fn describe(self) -> &'static str {
        match self {
            Shape::CallRecord => "call record with sessions and segments",
            Shape::CallRecordWithoutSessions => "call record without sessions",
            Shape::SessionsPage => "sessions collection",
            Shape::Session => "single session",
            Shape::SegmentsPage => "segments collection",
            Shape::Segment => "single segment",
        }
    }

    /// True when the input held segments but no session around them.
    pub fn is_segments_only(self) -> bool {
        matches!(self, Shape::SegmentsPage | Shape::Segment)
    }
}

/// Call-record data in one normal form: record-level facts (when present) and a list of
/// sessions. Segment-only inputs get one stand-in session so that every later step (counts,
/// verdict roll-ups, CSV rows) walks a single hierarchy.
#[derive(Debug, Clone)]
pub struct Document {
    pub shape: Shape,
    /// Record-level properties; `sessions` is moved out into [`Document::sessions`].
    pub record: Option<CallRecord>,
    /// The sessions, with `null` entries kept so they can be counted.
    pub sessions: List<Session>,
    /// Ids taken from `@odata.context`, for inputs that do not carry them themselves.
    pub context: ContextIds,
    /// `@odata.nextLink` or `sessions@odata.nextLink`: the input is one page of more.
    pub next_link: Option<String>,
    /// The input came from Graph's beta endpoint.
    pub is_beta: bool,
    /// The input text, for the raw JSON view of any object (see [`raw`]).
    pub source: Arc<str>,
    /// True when the input is a bare top-level list rather than `{"value": [...]}`.
    pub is_bare_list: bool,
}

/// Well-formed JSON that is not call-record data.
#[derive(Debug, Clone)]
pub enum NotCallRecord {
    /// A Graph error envelope.
    GraphError(Box<GraphError>),
    /// A change-notification batch; lists the call records it names.
    Notification(Vec<NotifiedRecord>),
    /// A list of call records without their sessions.
    CallRecordList(Vec<String>),
    /// Another Graph resource, named from `@odata.context` when it says.
    OtherResource(Option<String>),
    /// JSON that is not an object or a list (a number, a string, …).
    NotAnObject,
    /// Nothing but white space.
    Empty,
}

/// One call record named by a change notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifiedRecord {
    pub id: String,
    pub change_type: Option<String>,
}

/// Reads input text.
pub fn load(text: &str) -> Outcome {
    // A byte-order mark is invisible in an editor but not valid JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Outcome::NotCallRecord(NotCallRecord::Empty);
    }

    if let Some(too_deep) = syntax::check_depth(text) {
        return Outcome::Unreadable(too_deep);
    }

    // A bare top-level list is read as the `value` of a collection.
    let parsed = if trimmed.starts_with('[') {
        parse::<List<Node>>(text).map(|value| {
            Some(Node {
                value,
                ..Node::default()
            })
        })
    } else {
        parse::<Reading<Node>>(text).map(Reading::into_value)
    };
    let source = Source {
        text: Arc::from(text),
        is_bare_list: trimmed.starts_with('['),
    };
    match parsed {
        Err(error) => Outcome::Unreadable(error),
        Ok(None) => Outcome::NotCallRecord(NotCallRecord::NotAnObject),
        Ok(Some(node)) => classify(node, source),
    }
}

fn parse<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, SyntaxError> {
    serde_json::from_str(text).map_err(|e| SyntaxError::new(text, &e))
}

/// The input text and how it starts, carried into the document for the raw view.
struct Source {
    text: Arc<str>,
    is_bare_list: bool,
}

fn classify(mut node: Node, source: Source) -> Outcome {
    let context = ContextIds::parse(node.odata_context.value().map(String::as_str));
    let is_beta = context.is_beta;

    if let Some(error) = node.error.value() {
        return Outcome::NotCallRecord(NotCallRecord::GraphError(Box::new(error.clone())));
    }

    // A collection: decide from the context, then from what its entries hold.
    if !node.value.is_missing() || node_is_bare_collection(&node) {
        let entries = std::mem::take(&mut node.value);
        let next_link = node.next_link.value().cloned();
        return classify_collection(entries, context, next_link, source);
    }

    let single = if looks_like_record(&node, &context) {
        Some(Shape::CallRecord)
    } else if looks_like_session(&node, &context) {
        Some(Shape::Session)
    } else if looks_like_segment(&node, &context) {
        Some(Shape::Segment)
    } else {
        None
    };
    let Some(shape) = single else {
        return Outcome::NotCallRecord(NotCallRecord::OtherResource(context.resource));
    };

    let next_link = node
        .sessions_next_link
        .value()
        .or(node.next_link.value())
        .cloned();
    let document = match shape {
        Shape::CallRecord => {
            let mut record = node.into_call_record();
            let sessions = std::mem::take(&mut record.sessions);
            let shape = if sessions.is_missing() {
                Shape::CallRecordWithoutSessions
            } else {
                Shape::CallRecord
            };
            Document {
                shape,
                record: Some(record),
                sessions,
                context,
                next_link,
                is_beta,
                source: source.text,
                is_bare_list: source.is_bare_list,
            }
        }
        Shape::Session => Document {
            shape,
            record: None,
            sessions: Reading::Present(vec![Reading::Present(node.into_session())]),
            context,
            next_link,
            is_beta,
            source: source.text,
            is_bare_list: false,
        },
        _ => {
            let segments = vec![Reading::Present(node.into_segment())];
            let session = stand_in_session(&context, segments);
            Document {
                shape,
                record: None,
                sessions: session,
                context,
                next_link,
                is_beta,
                source: source.text,
                is_bare_list: false,
            }
        }
    };
    Outcome::Document(Box::new(document))
}

fn node_is_bare_collection(node: &Node) -> bool {
    // `{"value": null}` with a collection context is still a collection.
    node.id.is_missing()
        && node
            .odata_context
            .value()
            .is_some_and(|c| !c.ends_with("$entity"))
}

fn classify_collection(
    entries: List<Node>,
    context: ContextIds,
    next_link: Option<String>,
    source: Source,
) -> Outcome {
    let is_beta = context.is_beta;

    // Decide what the entries are before converting them, looking only at readable ones.
    let readable: Vec<&Node> = items(&entries).collect();
    if !readable.is_empty() && readable.iter().all(|n| is_notification(n)) {
        let records = notified_records(&readable);
        return Outcome::NotCallRecord(NotCallRecord::Notification(records));
    }
    let none = ContextIds::default();
    let kind = context.collection.or_else(|| {
        if readable.iter().any(|n| looks_like_record(n, &none)) {
            Some(Collection::CallRecords)
        } else if readable.iter().any(|n| looks_like_session(n, &none)) {
            Some(Collection::Sessions)
        } else if readable.iter().any(|n| looks_like_segment(n, &none)) {
            Some(Collection::Segments)
        } else {
            None
        }
    });
    let is_empty = readable.is_empty();
    let has_entries = entries.value().is_some_and(|all| !all.is_empty());
    let record_ids: Vec<String> = readable
        .iter()
        .filter_map(|n| n.id.value().cloned())
        .collect();

    let (shape, sessions) = match kind {
        Some(Collection::Sessions) => (Shape::SessionsPage, convert(entries, Node::into_session)),
        Some(Collection::Segments) => {
            let segments = convert(entries, Node::into_segment)
                .into_value()
                .unwrap_or_default();
            (Shape::SegmentsPage, stand_in_session(&context, segments))
        }
        Some(Collection::CallRecords) => {
            return Outcome::NotCallRecord(NotCallRecord::CallRecordList(record_ids));
        }
        None if is_empty && !has_entries && context.resource.is_none() => {
            // `{"value": []}` with nothing else to go on: an empty page of call-record data is
            // the likeliest reading, and it is harmless.
            (Shape::SessionsPage, Reading::Present(Vec::new()))
        }
        None => return Outcome::NotCallRecord(NotCallRecord::OtherResource(context.resource)),
    };
    Outcome::Document(Box::new(Document {
        shape,
        record: None,
        sessions,
        context,
        next_link,
        is_beta,
        source: source.text,
        is_bare_list: source.is_bare_list,
    }))
}

/// Converts every entry of a list, keeping null and unreadable entries as they are.
fn convert<T>(entries: List<Node>, f: impl Fn(Node) -> T) -> List<T> {
    entries.into_map(|all| all.into_iter().map(|entry| entry.into_map(&f)).collect())
}

fn stand_in_session(context: &ContextIds, segments: Vec<Reading<Segment>>) -> List<Session> {
    let session = Session {
        id: context
            .session_id
            .clone()
            .map_or(Reading::Missing, Reading::Present),
        segments: Reading::Present(segments),
        ..Session::default()
    };
    Reading::Present(vec![Reading::Present(session)])
}

fn type_names(node: &Node, name: &str) -> bool {
    node.odata_type.value().is_some_and(|t| {
        let t = t.trim_start_matches('#');
        t.rsplit('.')
            .next()
            .is_some_and(|last| last.eq_ignore_ascii_case(name))
    })
}

fn looks_like_record(node: &Node, context: &ContextIds) -> bool {
    context.entity == Some(Collection::CallRecords)
        || type_names(node, "callRecord")
        || !node.sessions.is_missing()
        || !node.organizer_v2.is_missing()
        || !node.organizer.is_missing()
        || !node.participants_v2.is_missing()
        || !node.call_type.is_missing()
        || !node.version.is_missing()
        || !node.join_web_url.is_missing()
}

fn looks_like_session(node: &Node, context: &ContextIds) -> bool {
    context.entity == Some(Collection::Sessions)
        || type_names(node, "session")
        || !node.segments.is_missing()
        || !node.is_test.is_missing()
        || (!node.modalities.is_missing() && node.media.is_missing())
}

fn looks_like_segment(node: &Node, context: &ContextIds) -> bool {
    context.entity == Some(Collection::Segments)
        || type_names(node, "segment")
        || !node.media.is_missing()
        || (!node.caller.is_missing() || !node.callee.is_missing())
}

fn is_notification(node: &Node) -> bool {
    !node.subscription_id.is_missing()
        || !node.change_type.is_missing()
        || (!node.resource.is_missing() && node.media.is_missing() && node.segments.is_missing())
}

fn notified_records(list: &[&Node]) -> Vec<NotifiedRecord> {
    let mut found = Vec::new();
    for node in list {
        let from_data = node
            .resource_data
            .value()
            .and_then(|d| d.id.value().cloned());
        let from_resource = node
            .resource
            .value()
            .and_then(|r| context::record_id_in_path(r));
        if let Some(id) = from_data.or(from_resource) {
            found.push(NotifiedRecord {
                id,
                change_type: node.change_type.value().cloned(),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests;
