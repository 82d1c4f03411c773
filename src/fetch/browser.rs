//! The browser side of a fetch: sends each request [`Job`] asks for with `fetch()` (through
//! gloo-net), counts down `Retry-After` with `setTimeout`, and stops when the `AbortSignal`
//! fires. Every decision (where the token goes, when to retry, what an answer means) is made
//! by the plain code in this module's parent.

use crate::model::iso::Moment;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Headers, ReferrerPolicy, RequestCache, RequestCredentials, RequestInit,
    RequestMode, RequestRedirect, ResponseType,
};

use super::{
    authorization, judge, Answer, FetchError, Finished, Job, Judgement, PageRequest, Progress,
    Status, Step,
};

/// How a run ended.
#[derive(Debug)]
pub enum Outcome {
    Done(Finished),
    /// The next page is on another host; the job waits for the user's answer.
    Paused {
        job: Box<Job>,
        host: String,
    },
    Failed(FetchError),
    Cancelled,
}

/// What a run needs from the page.
pub struct Hooks<'a> {
    /// Aborts the request in flight and ends any wait.
    pub signal: &'a AbortSignal,
    /// The token as the field holds it now; read before each request that may carry it, so
    /// that "Forget token" takes effect even during a fetch.
    pub token: &'a dyn Fn() -> String,
    /// Called whenever the status changes.
    pub on_status: &'a dyn Fn(Status),
}

/// Why one page could not be had.
enum Stop {
    Cancelled,
    Failed(FetchError),
}

/// Fetches pages from `request` on until the job is done, needs the user, fails or is
/// cancelled.
pub async fn run(mut job: Job, mut request: PageRequest, hooks: Hooks<'_>) -> Outcome {
    loop {
        (hooks.on_status)(Status::Loading(job.progress()));
        let body = match page(&request, job.progress(), &hooks).await {
            Ok(body) => body,
            Err(Stop::Cancelled) => return Outcome::Cancelled,
            Err(Stop::Failed(error)) => return failed(error),
        };
        match job.receive(&body) {
            Ok(Step::Fetch(next)) => request = next,
            Ok(Step::Ask { host }) => {
                return Outcome::Paused {
                    job: Box::new(job),
                    host,
                }
            }
            Ok(Step::Done(finished)) => return Outcome::Done(finished),
            Err(error) => return failed(error),
        }
    }
}

/// Failures are logged here, at the boundary. Messages name URLs, never the token.
fn failed(error: FetchError) -> Outcome {
    leptos::logging::warn!("callscope: fetch failed: {error}");
    Outcome::Failed(error)
}

/// One page, with the retries `judge` asks for.
async fn page(
    request: &PageRequest,
    progress: Progress,
    hooks: &Hooks<'_>,
) -> Result<String, Stop> {
    let mut retries = 0;
    loop {
        let header = if request.with_token {
            authorization(&(hooks.token)()).map_err(Stop::Failed)?
        } else {
            None
        };
        let reply = send(&request.url, header.as_deref(), hooks.signal).await?;
        let answer = Answer {
            url: &request.url,
            status: reply.status,
            retry_after: reply.retry_after.as_deref(),
            body: &reply.body,
            token_sent: header.is_some(),
        };
        match judge(answer, retries, now()) {
            Judgement::Page => return Ok(reply.body),
            Judgement::Fail(error) => return Err(Stop::Failed(error)),
            Judgement::Retry { seconds } => {
                retries += 1;
                for left in (1..=seconds).rev() {
                    (hooks.on_status)(Status::Waiting {
                        progress,
                        seconds: left,
                        status: reply.status,
                        retry: retries,
                    });
                    sleep_one_second().await;
                    if hooks.signal.aborted() {
                        return Err(Stop::Cancelled);
                    }
                }
                (hooks.on_status)(Status::Loading(progress));
            }
        }
    }
}

struct Reply {
    status: u16,
    retry_after: Option<String>,
    body: String,
}

/// Sends one GET. The request is built with web-sys rather than gloo-net's builder, because
/// the builder re-serialises the URL and appends `&` to every query, which would change Graph's
/// next links.
async fn send(url: &str, authorization: Option<&str>, signal: &AbortSignal) -> Result<Reply, Stop> {
    let stop = |_: JsValue| {
        if signal.aborted() {
            Stop::Cancelled
        } else {
            Stop::Failed(FetchError::Network {
                url: url.to_owned(),
            })
        }
    };
    let headers = Headers::new().map_err(stop)?;
    headers.set("Accept", "application/json").map_err(stop)?;
    if let Some(value) = authorization {
        headers.set("Authorization", value).map_err(stop)?;
    }

    let init = RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    init.set_mode(RequestMode::Cors);
    // No cookies anywhere and no Referer: the request carries the token it was given, nothing
    // else about this page.
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_cache(RequestCache::NoStore);
    // A redirect could lead elsewhere; with a token, it is reported instead of followed.
    init.set_redirect(if authorization.is_some() {
        RequestRedirect::Manual
    } else {
        RequestRedirect::Follow
    });
    init.set_signal(Some(signal));
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(stop)?;

    let response = gloo_net::http::Request::from(request)
        .send()
        .await
        .map_err(|_| stop(JsValue::NULL))?;
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(Stop::Failed(FetchError::Redirected {
            url: url.to_owned(),
        }));
    }
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.map_err(|_| stop(JsValue::NULL))?;
    Ok(Reply {
        status: response.status(),
        retry_after,
        body,
    })
}

fn now() -> Moment {
    // Whole milliseconds since the epoch fit i64 for the next 290 million years.
    Moment::from_millis(js_sys::Date::now() as i64)
}

async fn sleep_one_second() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let timer = web_sys::window().map(|window| {
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1000)
        });
        // Without a window there is no timer; resolving at once beats hanging.
        if !matches!(timer, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}
