//! A whole fetch, page by page, without a browser: where each request goes, whether the token
//! goes with it, when to ask, when to stop, and what the merged document looks like.

use super::*;

const BASE: &str = "http://127.0.0.1:8123/v1.0";
const RECORD_URL: &str =
    "http://127.0.0.1:8123/v1.0/communications/callRecords/r1?$expand=sessions($expand=segments)";

fn record(sessions: &str, link: Option<&str>) -> String {
    let link = link.map_or(String::new(), |l| {
        format!(r#","sessions@odata.nextLink":"{l}""#)
    });
    format!(r#"{{"id":"r1","sessions":[{sessions}]{link}}}"#)
}

fn page(sessions: &str, link: Option<&str>) -> String {
    let link = link.map_or(String::new(), |l| format!(r#","@odata.nextLink":"{l}""#));
    format!(r#"{{"value":[{sessions}]{link}}}"#)
}

fn fetch(url: &str, with_token: bool) -> Step {
    Step::Fetch(PageRequest {
        url: url.to_owned(),
        with_token,
    })
}

#[test]
fn a_graph_fetch_follows_session_pages_with_the_token() {
    let mut job = Job::from_graph(BASE, "r1").unwrap();
    assert_eq!(
        job.request(),
        PageRequest {
            url: RECORD_URL.into(),
            with_token: true
        }
    );

    let pages = [
        record(r#"{"id":"s1"}"#, Some("http://127.0.0.1:8123/v1.0/p2")),
        page(r#"{"id":"s2"}"#, Some("/v1.0/p3")),
        page(r#"{"id":"s3"}"#, None),
    ];
    assert_eq!(
        job.receive(&pages[0]).unwrap(),
        fetch("http://127.0.0.1:8123/v1.0/p2", true)
    );
    assert_eq!(
        job.receive(&pages[1]).unwrap(),
        fetch("http://127.0.0.1:8123/v1.0/p3", true),
        "a path-only link stays on the same server"
    );
    let Step::Done(finished) = job.receive(&pages[2]).unwrap() else {
        panic!("the last page ends the fetch");
    };
    assert_eq!(
        finished.progress,
        Progress {
            pages: 3,
            bytes: pages.iter().map(String::len).sum()
        }
    );
    assert_eq!(finished.more, None);
    assert_eq!(
        finished.text,
        pretty(r#"{"id":"r1","sessions":[{"id":"s1"},{"id":"s2"},{"id":"s3"}]}"#)
    );
}

#[test]
fn a_link_to_another_host_is_asked_about_and_never_gets_the_token() {
    let mut job = Job::from_graph(BASE, "r1").unwrap();
    let first = record(r#"{"id":"s1"}"#, Some("http://localhost:8123/v1.0/p2"));
    assert_eq!(
        job.receive(&first).unwrap(),
        Step::Ask {
            host: "localhost:8123".into()
        }
    );
    assert_eq!(
        job.follow(),
        PageRequest {
            url: "http://localhost:8123/v1.0/p2".into(),
            with_token: false
        },
        "the token goes to the base URL's origin only"
    );

    // Once agreed, the same host is not asked about again; back home, the token goes along.
    let again = page(r#"{"id":"s2"}"#, Some("http://localhost:8123/v1.0/p3"));
    assert_eq!(
        job.receive(&again).unwrap(),
        fetch("http://localhost:8123/v1.0/p3", false)
    );
    let home = page(r#"{"id":"s3"}"#, Some("http://127.0.0.1:8123/v1.0/p4"));
    assert_eq!(
        job.receive(&home).unwrap(),
        fetch("http://127.0.0.1:8123/v1.0/p4", true)
    );
    let elsewhere = page(r#"{"id":"s4"}"#, Some("https://other.example/p5"));
    assert_eq!(
        job.receive(&elsewhere).unwrap(),
        Step::Ask {
            host: "other.example".into()
        },
        "a third host is asked about too"
    );
}

#[test]
fn stopping_at_another_host_keeps_the_link() {
    let mut job = Job::by_url("http://127.0.0.1:8123/record").unwrap();
    let first = record(r#"{"id":"s1"}"#, Some("http://localhost:8123/p2"));
    assert!(matches!(job.receive(&first).unwrap(), Step::Ask { .. }));
    let finished = job.stop();
    assert_eq!(
        finished.more,
        Some(More::Declined {
            host: "localhost:8123".into()
        })
    );
    assert_eq!(
        finished.text,
        pretty(&first),
        "the link stays, so the viewer says more exist"
    );
}

#[test]
fn a_fetch_by_url_never_sends_the_token() {
    let mut job = Job::by_url(RECORD_URL).unwrap();
    assert!(!job.request().with_token);
    let first = record("", Some("http://127.0.0.1:8123/v1.0/p2"));
    assert_eq!(
        job.receive(&first).unwrap(),
        fetch("http://127.0.0.1:8123/v1.0/p2", false)
    );
}

#[test]
fn an_endless_pager_stops_at_the_cap_and_keeps_the_next_link() {
    let mut job = Job::by_url("http://127.0.0.1:8123/endless?page=1").unwrap();
    for n in 1..PAGE_CAP {
        let next = format!("http://127.0.0.1:8123/endless?page={}", n + 1);
        let step = job.receive(&page(&n.to_string(), Some(&next))).unwrap();
        assert_eq!(step, fetch(&next, false), "page {n} leads on");
    }
    let last = page(
        &PAGE_CAP.to_string(),
        Some("http://127.0.0.1:8123/endless?page=51"),
    );
    let Step::Done(finished) = job.receive(&last).unwrap() else {
        panic!("page {PAGE_CAP} is the last one fetched");
    };
    assert_eq!(finished.more, Some(More::Cap));
    assert_eq!(finished.progress.pages, PAGE_CAP);
    let numbers: Vec<String> = (1..=PAGE_CAP).map(|n| n.to_string()).collect();
    assert_eq!(
        finished.text,
        pretty(&format!(
            r#"{{"value":[{}],"@odata.nextLink":"http://127.0.0.1:8123/endless?page=51"}}"#,
            numbers.join(",")
        ))
    );
}

#[test]
fn a_bad_next_link_is_an_error_that_names_it() {
    let cases = [
        ("javascript:alert(1)", "does not start with https://"),
        ("http://evil.example/p2", "uses plain http"),
    ];
    for (link, expected) in cases {
        let mut job = Job::by_url("http://127.0.0.1:8123/p1").unwrap();
        let error = job.receive(&page("1", Some(link))).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(link), "{message:?} names {link}");
        assert!(message.contains(expected), "{message:?} says {expected:?}");
    }
}

#[test]
fn the_start_is_checked_before_anything_is_sent() {
    let cases = [
        (Job::by_url("  "), "cannot be fetched: it is empty"),
        (Job::by_url("http://example.com/x"), "uses plain http"),
        (Job::from_graph(DEFAULT_BASE, ""), "no call id given"),
        (
            Job::from_graph("graph.microsoft.com", "x"),
            "does not start with https://",
        ),
    ];
    for (job, expected) in cases {
        let message = job.unwrap_err().to_string();
        assert!(message.contains(expected), "{message:?} says {expected:?}");
    }
}

#[test]
fn tokens_become_a_bearer_header() {
    let cases = [
        ("", Ok(None)),
        ("   ", Ok(None)),
        ("eyJ0.eyJ1.sig", Ok(Some("Bearer eyJ0.eyJ1.sig"))),
        ("  eyJ0.eyJ1.sig\n", Ok(Some("Bearer eyJ0.eyJ1.sig"))),
        ("Bearer eyJ0.a.b", Ok(Some("Bearer eyJ0.a.b"))),
        ("bearer eyJ0.a.b", Ok(Some("Bearer eyJ0.a.b"))),
        ("eyJ0 eyJ1", Err(FetchError::BadToken)),
        ("eyJ0\neyJ1", Err(FetchError::BadToken)),
        ("tökén", Err(FetchError::BadToken)),
    ];
    for (token, expected) in cases {
        assert_eq!(
            authorization(token),
            expected.map(|h| h.map(str::to_owned)),
            "{token:?}"
        );
    }
}
