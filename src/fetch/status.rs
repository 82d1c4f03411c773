//! Where a fetch stands, and the sentence the fetch panel shows for it.

use super::error::status_line;
use super::{FetchError, More, MAX_RETRIES, PAGE_CAP};

/// Pages and bytes loaded so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub pages: usize,
    /// Bytes of JSON text received (UTF-8).
    pub bytes: usize,
}

impl Progress {
    /// "3 pages, 41.2 kB".
    pub fn describe(self) -> String {
        let pages = if self.pages == 1 { "page" } else { "pages" };
        format!("{} {pages}, {}", self.pages, format_bytes(self.bytes))
    }
}

/// What the fetch panel shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Status {
    /// Nothing fetched yet.
    #[default]
    Idle,
    /// A request is on its way.
    Loading(Progress),
    /// The server asked to wait; counting down to the next attempt.
    Waiting {
        progress: Progress,
        /// Seconds left.
        seconds: u64,
        /// The status that made callscope wait (429, 503, 504).
        status: u16,
        /// Which retry comes next, from 1 to [`MAX_RETRIES`].
        retry: u32,
    },
    /// The next page is on another host; the user decides.
    Asking { progress: Progress, host: String },
    /// The merged document is in the text area.
    Done {
        progress: Progress,
        more: Option<More>,
    },
    /// The user cancelled; the text area was not touched.
    Cancelled(Progress),
    /// The fetch stopped with an error; the text area was not touched.
    Failed(FetchError),
}

impl Status {
    /// True while requests are being made or waited for, when Cancel applies.
    pub fn is_busy(&self) -> bool {
        matches!(self, Status::Loading(_) | Status::Waiting { .. })
    }

    /// The sentence for the status line; `None` when there is nothing to say. Errors are
    /// the [`FetchError`]'s own message.
    pub fn message(&self) -> Option<String> {
        let text = match self {
            Status::Idle => return None,
            Status::Loading(p) if p.pages == 0 => "Fetching page 1…".to_owned(),
            Status::Loading(p) => {
                format!("Fetching page {}… ({} so far)", p.pages + 1, p.describe())
            }
            Status::Waiting {
                progress,
                seconds,
                status,
                retry,
            } => {
                let so_far = if progress.pages == 0 {
                    String::new()
                } else {
                    format!("; {} so far", progress.describe())
                };
                format!(
                    "The server answered {}. Retrying in {seconds} s (retry {retry} of {MAX_RETRIES}{so_far})…",
                    status_line(*status),
                )
            }
            Status::Asking { progress, host } => format!(
                "Loaded {}. The next page is on another host, {host}. Follow the link? The token is never sent there.",
                progress.describe()
            ),
            Status::Done { progress, more } => match more {
                None => format!("Loaded {} into the text area.", progress.describe()),
                Some(More::Cap) => format!(
                    "Loaded {} and stopped at the limit of {PAGE_CAP} pages: more exist. The document keeps the link to the next page.",
                    progress.describe()
                ),
                Some(More::Declined { host }) => format!(
                    "Loaded {} and stopped before the page on {host}: more exist. The document keeps the link to it.",
                    progress.describe()
                ),
            },
            Status::Cancelled(p) if p.pages == 0 => {
                "Cancelled; the text area was not changed.".to_owned()
            }
            Status::Cancelled(p) => format!(
                "Cancelled after {}; the text area was not changed.",
                p.describe()
            ),
            Status::Failed(error) => error.to_string(),
        };
        Some(text)
    }
}

/// Bytes in decimal units, as browsers' download lists show them: "812 bytes", "41.2 kB".
pub fn format_bytes(bytes: usize) -> String {
    // Precision is irrelevant here: the value only feeds a display with one decimal.
    let n = bytes as f64;
    match bytes {
        1 => "1 byte".to_owned(),
        0..=999 => format!("{bytes} bytes"),
        1_000..=999_949 => format!("{:.1} kB", n / 1e3),
        _ => format!("{:.1} MB", n / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(pages: usize, bytes: usize) -> Progress {
        Progress { pages, bytes }
    }

    #[test]
    fn bytes_are_shown_in_decimal_units() {
        let cases = [
            (0, "0 bytes"),
            (1, "1 byte"),
            (999, "999 bytes"),
            (1_000, "1.0 kB"),
            (41_249, "41.2 kB"),
            (999_949, "999.9 kB"),
            (999_950, "1.0 MB"),
            (12_345_678, "12.3 MB"),
        ];
        for (bytes, expected) in cases {
            assert_eq!(format_bytes(bytes), expected, "{bytes} bytes");
        }
    }

    #[test]
    fn every_status_has_its_sentence() {
        let cases = [
            (Status::Loading(progress(0, 0)), "Fetching page 1…"),
            (
                Status::Loading(progress(2, 12_300)),
                "Fetching page 3… (2 pages, 12.3 kB so far)",
            ),
            (
                Status::Waiting {
                    progress: progress(1, 900),
                    seconds: 3,
                    status: 429,
                    retry: 1,
                },
                "The server answered 429 Too Many Requests. Retrying in 3 s (retry 1 of 3; 1 page, 900 bytes so far)…",
            ),
            (
                Status::Waiting {
                    progress: progress(0, 0),
                    seconds: 1,
                    status: 503,
                    retry: 3,
                },
                "The server answered 503 Service Unavailable. Retrying in 1 s (retry 3 of 3)…",
            ),
            (
                Status::Asking {
                    progress: progress(1, 5_000),
                    host: "localhost:4100".into(),
                },
                "Loaded 1 page, 5.0 kB. The next page is on another host, localhost:4100. Follow the link? The token is never sent there.",
            ),
            (
                Status::Done {
                    progress: progress(3, 41_249),
                    more: None,
                },
                "Loaded 3 pages, 41.2 kB into the text area.",
            ),
            (
                Status::Done {
                    progress: progress(50, 60_000),
                    more: Some(More::Cap),
                },
                "Loaded 50 pages, 60.0 kB and stopped at the limit of 50 pages: more exist. The document keeps the link to the next page.",
            ),
            (
                Status::Done {
                    progress: progress(1, 10),
                    more: Some(More::Declined {
                        host: "localhost:4100".into(),
                    }),
                },
                "Loaded 1 page, 10 bytes and stopped before the page on localhost:4100: more exist. The document keeps the link to it.",
            ),
            (
                Status::Cancelled(progress(0, 0)),
                "Cancelled; the text area was not changed.",
            ),
            (
                Status::Cancelled(progress(2, 2_000)),
                "Cancelled after 2 pages, 2.0 kB; the text area was not changed.",
            ),
            (
                Status::Failed(FetchError::MissingCallId),
                "no call id given. Hint: enter the id of a call record, a GUID such as 2f1a1100-b174-40a0-aba7-0b405e01ed92",
            ),
        ];
        for (status, expected) in cases {
            assert_eq!(status.message().as_deref(), Some(expected), "{status:?}");
        }
        assert_eq!(Status::Idle.message(), None, "idle says nothing");
    }

    #[test]
    fn only_requests_and_waits_can_be_cancelled() {
        let cases = [
            (Status::Idle, false),
            (Status::Loading(progress(0, 0)), true),
            (
                Status::Waiting {
                    progress: progress(0, 0),
                    seconds: 1,
                    status: 503,
                    retry: 1,
                },
                true,
            ),
            (
                Status::Asking {
                    progress: progress(1, 1),
                    host: "h".into(),
                },
                false,
            ),
            (Status::Cancelled(progress(0, 0)), false),
            (Status::Failed(FetchError::MissingCallId), false),
        ];
        for (status, busy) in cases {
            assert_eq!(status.is_busy(), busy, "{status:?}");
        }
    }
}
