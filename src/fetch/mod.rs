//! Fetching: a URL or a Graph call record → one JSON document for the text area.
//!
//! This module owns everything between "the user pressed Fetch" and "here is the merged text":
//! building the Graph URL, following `sessions@odata.nextLink` and `@odata.nextLink` up to
//! [`PAGE_CAP`] pages, asking before a link leads to another host, deciding where the token may
//! go (only to the base URL's origin), retrying throttled requests, and explaining failures.
//! All of that is plain data and functions ([`Job`], [`judge`], [`Merged`]) with native tests;
//! [`browser`] only sends the requests and waits. Reading the merged text is `load`'s job, and
//! the fields and buttons are `view::fetch`'s.

pub mod browser;
mod error;
mod merge;
mod status;
mod url;

pub use error::{
    default_wait_secs, judge, retry_after_secs, status_line, Answer, FetchError, GraphMessage,
    Judgement, MAX_RETRIES, MAX_RETRY_WAIT_SECS,
};
pub use merge::{pretty, Merged};
pub use status::{format_bytes, Progress, Status};
pub use url::{encode_segment, graph_url, Origin, DEFAULT_BASE, EXPAND};

/// The most pages one fetch loads. A call record has at most 60 sessions a page, so 50 pages
/// hold 3,000 sessions: far beyond any real meeting, while a server that always answers with
/// another next link cannot keep the page loading forever.
pub const PAGE_CAP: usize = 50;

/// A fetch in progress as plain data: what was merged, which page comes next, and where the
/// token may go. The browser side asks it what to request and hands it every page.
#[derive(Debug, Clone)]
pub struct Job {
    /// The first request's origin; a next link elsewhere is followed only when the user agrees.
    home: Origin,
    /// The only origin the token is ever sent to: the base URL's, for a fetch from Graph.
    token_origin: Option<Origin>,
    /// Other origins the user agreed to follow links to during this fetch.
    approved: Vec<Origin>,
    /// The page to fetch next.
    url: String,
    origin: Origin,
    merged: Option<Merged>,
    progress: Progress,
}

/// One request to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    pub url: String,
    /// True when the token may go with it: the URL is on the base URL's origin.
    pub with_token: bool,
}

/// What comes after a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Fetch the next page.
    Fetch(PageRequest),
    /// The next page is on another host: ask the user, then [`Job::follow`] or [`Job::stop`].
    Ask { host: String },
    /// Nothing more to fetch.
    Done(Finished),
}

/// A finished fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// The merged document.
    pub text: String,
    pub progress: Progress,
    /// Why more pages exist that were not fetched; the document then keeps the next link.
    pub more: Option<More>,
}

/// Why a fetch stopped before the last page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum More {
    /// [`PAGE_CAP`] pages were loaded.
    Cap,
    /// The user chose not to follow a link to this host.
    Declined { host: String },
}

impl Job {
    /// Fetches a URL as it is, without a token.
    pub fn by_url(url: &str) -> Result<Job, FetchError> {
        let (url, origin) = url::checked(url)?;
        Ok(Job::new(url, origin, None))
    }

    /// Fetches a call record with its sessions and segments from Graph (or a stand-in at
    /// `base`); the token goes to `base`'s origin and nowhere else.
    pub fn from_graph(base: &str, call_id: &str) -> Result<Job, FetchError> {
        let (url, origin) = url::graph_url(base, call_id)?;
        let token_origin = Some(origin.clone());
        Ok(Job::new(url, origin, token_origin))
    }

    fn new(url: String, origin: Origin, token_origin: Option<Origin>) -> Job {
        Job {
            home: origin.clone(),
            token_origin,
            approved: Vec::new(),
            url,
            origin,
            merged: None,
            progress: Progress::default(),
        }
    }

    /// The request for the page to fetch next.
    pub fn request(&self) -> PageRequest {
        PageRequest {
            url: self.url.clone(),
            with_token: self.token_origin.as_ref() == Some(&self.origin),
        }
    }

    /// Pages and bytes loaded so far.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Takes the page fetched from [`Job::request`]'s URL and says what comes next.
    pub fn receive(&mut self, body: &str) -> Result<Step, FetchError> {
        self.progress.pages += 1;
        self.progress.bytes += body.len();
        let link = match &mut self.merged {
            None => self.merged.insert(Merged::first(&self.url, body)?),
            Some(merged) => {
                merged.add(&self.url, body)?;
                merged
            }
        }
        .next_link()
        .map(str::to_owned);

        let Some(link) = link else {
            return Ok(Step::Done(self.finish(None)));
        };
        if self.progress.pages >= PAGE_CAP {
            return Ok(Step::Done(self.finish(Some(More::Cap))));
        }
        let (url, origin) = url::resolve(&link, &self.origin)?;
        self.url = url;
        self.origin = origin;
        if self.origin != self.home && !self.approved.contains(&self.origin) {
            return Ok(Step::Ask {
                host: self.origin.host_label(),
            });
        }
        Ok(Step::Fetch(self.request()))
    }

    /// After [`Step::Ask`]: the user agreed; links to that host are followed from now on.
    pub fn follow(&mut self) -> PageRequest {
        self.approved.push(self.origin.clone());
        self.request()
    }

    /// After [`Step::Ask`]: the user declined; the document ends here and keeps the link.
    pub fn stop(mut self) -> Finished {
        let host = self.origin.host_label();
        self.finish(Some(More::Declined { host }))
    }

    fn finish(&mut self, more: Option<More>) -> Finished {
        let text = self
            .merged
            .take()
            .map(|m| m.into_text(more.is_some()))
            .unwrap_or_default();
        Finished {
            text,
            progress: self.progress,
            more,
        }
    }
}

/// The `Authorization` header for a pasted token; `None` for an empty field. A pasted
/// "Bearer " prefix is dropped. Refuses what a header cannot carry, before anything is sent.
pub fn authorization(token: &str) -> Result<Option<String>, FetchError> {
    let token = token.trim();
    let token = token
        .strip_prefix("Bearer ")
        .or_else(|| token.strip_prefix("bearer "))
        .unwrap_or(token)
        .trim();
    if token.is_empty() {
        return Ok(None);
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(FetchError::BadToken);
    }
    Ok(Some(format!("Bearer {token}")))
}

#[cfg(test)]
mod tests;
