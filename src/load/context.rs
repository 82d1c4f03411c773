//! What `@odata.context` says: which resource the JSON is and the ids on its path.
//!
//! A segments page does not repeat its call or session id, but its context URL names both
//! (`…#communications/callRecords('c0ffee02-…')/sessions('5e55…')/segments`), so the summary and
//! the CSV take them from there.

/// Collections and entities of the call-record API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    CallRecords,
    Sessions,
    Segments,
}

impl Collection {
    fn from_name(name: &str) -> Option<Self> {
        match name {
            "callRecords" => Some(Collection::CallRecords),
            "sessions" => Some(Collection::Sessions),
            "segments" => Some(Collection::Segments),
            _ => None,
        }
    }
}

/// The facts read from a context URL. Every field is optional: the URL may be absent or name
/// something else entirely.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextIds {
    pub call_id: Option<String>,
    pub session_id: Option<String>,
    /// The collection a `{"value": […]}` response lists.
    pub collection: Option<Collection>,
    /// The kind of a single-object (`/$entity`) response.
    pub entity: Option<Collection>,
    /// The resource path after `#`, for naming inputs that are not call records.
    pub resource: Option<String>,
    pub is_beta: bool,
}

impl ContextIds {
    /// Reads a context URL; `None` or an unrecognised URL gives empty facts.
    pub fn parse(context: Option<&str>) -> Self {
        let Some(context) = context else {
            return ContextIds::default();
        };
        let is_beta = context.contains("/beta/");
        let Some((_, fragment)) = context.split_once('#') else {
            return ContextIds {
                is_beta,
                ..ContextIds::default()
            };
        };

        let steps = split_path(fragment);
        let mut ids = ContextIds {
            resource: Some(fragment.to_owned()),
            is_beta,
            ..ContextIds::default()
        };
        for step in &steps {
            let (name, key) = name_and_key(step);
            match name {
                "callRecords" => ids.call_id = key.or(ids.call_id),
                "sessions" => ids.session_id = key.or(ids.session_id),
                _ => {}
            }
        }

        let is_entity = steps.last().is_some_and(|s| *s == "$entity");
        let named = steps
            .iter()
            .rev()
            .find(|s| **s != "$entity")
            .map(|s| name_and_key(s).0);
        let kind = named.and_then(Collection::from_name);
        if is_entity {
            ids.entity = kind;
        } else {
            // `callRecords('id')` without `/$entity` names a single record too.
            let last_has_key = steps.last().is_some_and(|s| name_and_key(s).1.is_some());
            if last_has_key {
                ids.entity = kind;
            } else {
                ids.collection = kind;
            }
        }
        if kind.is_some() {
            ids.resource = None;
        }
        ids
    }
}

/// Splits `a('x/y')/b(c())/d` at the slashes outside quotes and parentheses.
fn split_path(fragment: &str) -> Vec<&str> {
    let mut steps = Vec::new();
    let (mut depth, mut quoted, mut start) = (0usize, false, 0);
    for (i, c) in fragment.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            '/' if !quoted && depth == 0 => {
                steps.push(&fragment[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    steps.push(&fragment[start..]);
    steps.retain(|s| !s.is_empty());
    steps
}

/// `callRecords('abc')` → (`callRecords`, Some("abc")); `sessions(segments())` → (`sessions`,
/// None); the `communications` prefix of the first step is dropped.
fn name_and_key(step: &str) -> (&str, Option<String>) {
    let (name, rest) = step.split_once('(').unwrap_or((step, ""));
    let key = rest
        .strip_prefix('\'')
        .and_then(|r| r.split_once('\''))
        .map(|(k, _)| k.to_owned());
    (name, key)
}

/// The call-record id in a resource path such as `communications/callRecords/{id}` or
/// `communications/callRecords('{id}')`.
pub fn record_id_in_path(path: &str) -> Option<String> {
    let (_, after) = path.split_once("callRecords")?;
    let id = after.trim_start_matches(['/', '(', '\'']);
    let id: String = id
        .chars()
        .take_while(|c| !matches!(c, '/' | '\'' | ')' | '?'))
        .collect();
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_page_context_names_call_and_session() {
        let ids = ContextIds::parse(Some(
            "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('c0ffee02-5a1e')/sessions('5e5510e2-0002')/segments",
        ));
        assert_eq!(ids.call_id.as_deref(), Some("c0ffee02-5a1e"));
        assert_eq!(ids.session_id.as_deref(), Some("5e5510e2-0002"));
        assert_eq!(ids.collection, Some(Collection::Segments));
        assert_eq!(ids.entity, None);
        assert!(!ids.is_beta);
    }

    #[test]
    fn entity_contexts_name_the_kind_of_object() {
        let cases: &[(&str, Option<Collection>)] = &[
            ("https://graph.microsoft.com/v1.0/$metadata#communications/callRecords(sessions(segments()))/$entity", Some(Collection::CallRecords)),
            ("https://graph.microsoft.com/beta/$metadata#communications/callRecords/$entity", Some(Collection::CallRecords)),
            ("https://graph.microsoft.com/v1.0/$metadata#users/$entity", None),
        ];
        for (url, kind) in cases {
            assert_eq!(ContextIds::parse(Some(url)).entity, *kind, "{url}");
        }
    }

    #[test]
    fn other_resources_are_named() {
        let ids = ContextIds::parse(Some(
            "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        ));
        assert_eq!(ids.resource.as_deref(), Some("users/$entity"));
    }

    #[test]
    fn sessions_page_context() {
        let ids = ContextIds::parse(Some(
            "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('c0ffee03')/sessions(segments())",
        ));
        assert_eq!(ids.collection, Some(Collection::Sessions));
        assert_eq!(ids.call_id.as_deref(), Some("c0ffee03"));
    }

    #[test]
    fn record_ids_in_notification_paths() {
        assert_eq!(
            record_id_in_path("communications/callRecords/abc-1").as_deref(),
            Some("abc-1")
        );
        assert_eq!(
            record_id_in_path("communications/callRecords('abc-2')").as_deref(),
            Some("abc-2")
        );
        assert_eq!(record_id_in_path("users/abc"), None);
    }
}
