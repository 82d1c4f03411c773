//! What can go wrong while fetching, explained: [`FetchError`], and [`judge`], which turns an
//! HTTP answer into "a page", "wait and retry" or an error that says what it means for a call
//! record and what to do about it.

use std::fmt;

use crate::model::iso::{self, Moment};

use crate::load::{load, NotCallRecord, Outcome};

/// How often a throttled (429) or unavailable (503, 504) request is retried before giving up.
pub const MAX_RETRIES: u32 = 3;

/// The longest `Retry-After` callscope waits out; a longer wait is reported instead.
pub const MAX_RETRY_WAIT_SECS: u64 = 120;

/// Why a fetch stopped. Every message names the URL and says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("\"{url}\" cannot be fetched: {reason}. Hint: paste a full URL such as https://graph.microsoft.com/v1.0/communications/callRecords/<id>")]
    InvalidUrl { url: String, reason: &'static str },

    #[error("{url} uses plain http, which this page allows only to 127.0.0.1 and localhost. Hint: use https")]
    PlainHttp { url: String },

    #[error("no call id given. Hint: enter the id of a call record, a GUID such as 2f1a1100-b174-40a0-aba7-0b405e01ed92")]
    MissingCallId,

    #[error("the token contains spaces or characters that an Authorization header cannot carry. Hint: paste only the access token, the long text that starts with eyJ")]
    BadToken,

    #[error("{url} answered 401 Unauthorized{graph}. {}", if *token_sent {
        "The token has expired, is not a token, or was issued for another audience than Microsoft Graph. Hint: get a new app-only token for https://graph.microsoft.com/.default and paste it again"
    } else {
        "No token was sent. Hint: use \"Fetch from Graph\" with an app-only token"
    })]
    Unauthorized {
        url: String,
        token_sent: bool,
        graph: GraphMessage,
    },

    #[error("{url} answered 403 Forbidden{graph}. The token does not carry the application permission CallRecords.Read.All. Hint: grant CallRecords.Read.All (application, with admin consent) to the app the token is issued for; no delegated permission gives access to call records")]
    Forbidden { url: String, graph: GraphMessage },

    #[error("{url} answered 404 Not Found{graph}. Call records are deleted 30 days after the call, so the call is older than that, or the id is wrong. Hint: check the id; for an old call, use the Teams admin center's call analytics instead")]
    NotFound { url: String, graph: GraphMessage },

    #[error("{url} still answered {} after {MAX_RETRIES} retries{graph}: Graph is throttling requests or is unavailable. Hint: wait a few minutes and fetch again", status_line(*status))]
    GaveUp {
        url: String,
        status: u16,
        graph: GraphMessage,
    },

    #[error("{url} answered {} and asks to wait {seconds} s, longer than callscope waits ({MAX_RETRY_WAIT_SECS} s). Hint: fetch again later", status_line(*status))]
    WaitTooLong {
        url: String,
        status: u16,
        seconds: u64,
    },

    #[error("{url} answered {}{graph}. Hint: open the URL in Graph Explorer to see the whole answer", status_line(*status))]
    Status {
        url: String,
        status: u16,
        graph: GraphMessage,
    },

    #[error("{url} redirected the request elsewhere, and callscope does not send a token to wherever a redirect points. Hint: use the final address as the base URL")]
    Redirected { url: String },

    #[error("could not fetch {url}: the server did not allow this page's origin (CORS), or the network is down. A page like this one can only read from servers that allow it. Hint: download the JSON with a script or Graph Explorer, then open the file here")]
    Network { url: String },

    #[error("{url} answered with something that is not JSON ({detail}). Hint: the URL should return a call record, a sessions page or a segments page")]
    NotJson { url: String, detail: String },

    #[error("the next page at {url} is not a collection ({{\"value\": […]}}), so it cannot be added to the sessions. Hint: open the pages one by one")]
    UnexpectedPage { url: String },
}

/// Graph's own words from an error body: `{"error": {"code", "message", "innerError": …}}`.
/// Empty when the body was not a Graph error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphMessage {
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    pub date: Option<String>,
}

impl GraphMessage {
    /// Reads an error body; anything that is not a Graph error gives an empty message.
    pub fn from_body(body: &str) -> GraphMessage {
        let Outcome::NotCallRecord(NotCallRecord::GraphError(error)) = load(body) else {
            return GraphMessage::default();
        };
        let text = |r: &crate::model::Reading<String>| r.value().filter(|s| !s.is_empty()).cloned();
        let inner = error.inner_error.value();
        GraphMessage {
            code: text(&error.code),
            message: text(&error.message),
            request_id: inner.and_then(|i| text(&i.request_id)),
            date: inner.and_then(|i| text(&i.date)),
        }
    }
}

/// Shown after the status: `: Graph says "…" (code …, request id …, date …)`, or nothing.
impl fmt::Display for GraphMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(message) = &self.message {
            write!(f, "; Graph says “{message}”")?;
        }
        let details: Vec<String> = [
            ("code", &self.code),
            ("request id", &self.request_id),
            ("date", &self.date),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name} {v}")))
        .collect();
        if !details.is_empty() {
            write!(f, " ({})", details.join(", "))?;
        }
        Ok(())
    }
}

/// A status with its phrase, "429 Too Many Requests"; HTTP/2 answers carry no phrase of their
/// own, so the common ones are written here.
pub fn status_line(status: u16) -> String {
    let phrase = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return status.to_string(),
    };
    format!("{status} {phrase}")
}

/// One HTTP answer, as far as judging it goes.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    pub url: &'a str,
    pub status: u16,
    pub retry_after: Option<&'a str>,
    pub body: &'a str,
    pub token_sent: bool,
}

/// What to do with an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judgement {
    /// A page of data.
    Page,
    /// Wait this many seconds, then ask again.
    Retry { seconds: u64 },
    /// Stop with this error.
    Fail(FetchError),
}

/// Judges an answer. `retries` is how many retries of this request were made already; `now`
/// is needed for a `Retry-After` given as a date.
pub fn judge(answer: Answer<'_>, retries: u32, now: Moment) -> Judgement {
    let url = answer.url.to_owned();
    let graph = || GraphMessage::from_body(answer.body);
    let error = match answer.status {
        200..=299 => return Judgement::Page,
        401 => FetchError::Unauthorized {
            url,
            token_sent: answer.token_sent,
            graph: graph(),
        },
        403 => FetchError::Forbidden {
            url,
            graph: graph(),
        },
        404 => FetchError::NotFound {
            url,
            graph: graph(),
        },
        status @ (429 | 503 | 504) if retries < MAX_RETRIES => {
            let seconds = answer
                .retry_after
                .and_then(|header| retry_after_secs(header, now))
                .unwrap_or_else(|| default_wait_secs(retries));
            if seconds > MAX_RETRY_WAIT_SECS {
                FetchError::WaitTooLong {
                    url,
                    status,
                    seconds,
                }
            } else {
                return Judgement::Retry { seconds };
            }
        }
        status @ (429 | 503 | 504) => FetchError::GaveUp {
            url,
            status,
            graph: graph(),
        },
        status => FetchError::Status {
            url,
            status,
            graph: graph(),
        },
    };
    Judgement::Fail(error)
}

/// Reads `Retry-After`: a number of seconds or an HTTP date. `None` when it is neither.
pub fn retry_after_secs(header: &str, now: Moment) -> Option<u64> {
    let header = header.trim();
    if !header.is_empty() && header.bytes().all(|b| b.is_ascii_digit()) {
        // A number too large for u64 is still "too long to wait".
        return Some(header.parse().unwrap_or(u64::MAX));
    }
    let at = iso::parse_http_date(header)?;
    let millis = (at.as_millis_f64() - now.as_millis_f64()) as i64;
    // A date in the past means "now"; partial seconds round up so the wait is never too short.
    Some(u64::try_from(millis.max(0)).ok()?.div_ceil(1000))
}

/// The wait when the server names none, or when CORS hides `Retry-After` from the page
/// (browsers expose it only if the server lists it in `Access-Control-Expose-Headers`):
/// 2, 4, 8 s, as Graph's throttling guidance suggests backing off exponentially.
pub fn default_wait_secs(retries: u32) -> u64 {
    2u64 << retries.min(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2024-12-02T08:14:55Z";
    const NOT_FOUND: &str = r#"{"error": {"code": "NotFound", "message": "Could not find the requested call record.", "innerError": {"date": "2024-12-02T08:14:55", "request-id": "a1b2-e017", "client-request-id": "a1b2-f017"}}}"#;

    fn now() -> Moment {
        iso::parse_timestamp(NOW).unwrap()
    }

    fn answer(
        status: u16,
        retry_after: Option<&'static str>,
        body: &'static str,
    ) -> Answer<'static> {
        Answer {
            url: "https://graph.example/v1.0/x",
            status,
            retry_after,
            body,
            token_sent: true,
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let cases = [
            ("1", Some(1)),
            (" 30 ", Some(30)),
            ("0", Some(0)),
            ("99999999999999999999999", Some(u64::MAX)),
            ("Mon, 02 Dec 2024 08:15:05 GMT", Some(10)),
            ("Mon, 02 Dec 2024 08:14:00 GMT", Some(0)),
            ("1.5", None),
            ("-3", None),
            ("soon", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(
                retry_after_secs(header, now()),
                expected,
                "Retry-After: {header:?}"
            );
        }
    }

    #[test]
    fn answers_are_judged_by_status_and_retries() {
        let url = "https://graph.example/v1.0/x".to_owned();
        let cases = [
            (answer(200, None, "{}"), 0, Judgement::Page),
            (
                answer(429, Some("1"), ""),
                0,
                Judgement::Retry { seconds: 1 },
            ),
            (
                answer(503, Some("7"), ""),
                2,
                Judgement::Retry { seconds: 7 },
            ),
            (answer(504, None, ""), 0, Judgement::Retry { seconds: 2 }),
            (answer(429, None, ""), 2, Judgement::Retry { seconds: 8 }),
            (
                answer(429, Some("3600"), ""),
                0,
                Judgement::Fail(FetchError::WaitTooLong {
                    url: url.clone(),
                    status: 429,
                    seconds: 3600,
                }),
            ),
            (
                answer(503, Some("1"), ""),
                MAX_RETRIES,
                Judgement::Fail(FetchError::GaveUp {
                    url: url.clone(),
                    status: 503,
                    graph: GraphMessage::default(),
                }),
            ),
            (
                answer(500, None, "<html>oops</html>"),
                0,
                Judgement::Fail(FetchError::Status {
                    url: url.clone(),
                    status: 500,
                    graph: GraphMessage::default(),
                }),
            ),
        ];
        for (answer, retries, expected) in cases {
            assert_eq!(
                judge(answer, retries, now()),
                expected,
                "status {} after {retries} retries",
                answer.status
            );
        }
    }

    #[test]
    fn not_found_carries_graphs_message_and_request_id() {
        let Judgement::Fail(error) = judge(answer(404, None, NOT_FOUND), 0, now()) else {
            panic!("404 is an error");
        };
        assert_eq!(
            error.to_string(),
            "https://graph.example/v1.0/x answered 404 Not Found; Graph says “Could not find the \
             requested call record.” (code NotFound, request id a1b2-e017, date \
             2024-12-02T08:14:55). Call records are deleted 30 days after the call, so the call \
             is older than that, or the id is wrong. Hint: check the id; for an old call, use the \
             Teams admin center's call analytics instead"
        );
    }

    #[test]
    fn messages_explain_the_status() {
        let cases = [
            (answer(401, None, ""), "token has expired"),
            (
                Answer {
                    token_sent: false,
                    ..answer(401, None, "")
                },
                "No token was sent",
            ),
            (answer(403, None, ""), "CallRecords.Read.All"),
            (answer(404, None, "not json"), "30 days"),
            (answer(418, None, ""), "answered 418. Hint"),
        ];
        for (answer, expected) in cases {
            let Judgement::Fail(error) = judge(answer, 0, now()) else {
                panic!("status {} is an error", answer.status);
            };
            let message = error.to_string();
            assert!(
                message.starts_with(answer.url),
                "{message:?} names the URL first"
            );
            assert!(
                message.contains(expected),
                "{message:?} contains {expected:?}"
            );
        }
    }

    #[test]
    fn a_body_that_is_not_a_graph_error_gives_no_message() {
        for body in [
            "",
            "{}",
            "<html></html>",
            r#"{"error": "text"}"#,
            r#"{"id": "x"}"#,
        ] {
            assert_eq!(
                GraphMessage::from_body(body),
                GraphMessage::default(),
                "{body:?}"
            );
            assert_eq!(GraphMessage::from_body(body).to_string(), "", "{body:?}");
        }
    }
}
