//! The benchmark data generator (`examples/generate.rs`) against the app's own reading of what
//! it wrote: every count the generator prints must be what `load` + `analyse` count, so that the
//! benchmark measures records whose content is known. Runs natively with `cargo test`.

#[path = "../examples/generate.rs"]
#[allow(
    dead_code,
    reason = "the example's command-line entry point is not used when it is a module"
)]
mod generate;

use callscope::analysis::{analyse, Report};
use callscope::load::{load, Outcome, Shape};
use generate::{generate, Counts, Options};

fn analysed(text: &str) -> Report {
    match load(text) {
        Outcome::Document(doc) => analyse(*doc),
        Outcome::Unreadable(e) => panic!("the generated record is not valid JSON: {e:?}"),
        Outcome::NotCallRecord(what) => panic!("the generated record is not a record: {what:?}"),
    }
}

/// What the analysis counted, in the generator's terms.
fn counted(report: &Report, bytes: usize) -> Counts {
    let t = &report.totals;
    Counts {
        bytes,
        sessions: t.sessions,
        segments: t.segments,
        media: t.media,
        streams: t.streams,
        poor_streams: t.rollup.poor,
        unclassified_streams: t.rollup.unclassified,
        failed_sessions: t.failed_sessions,
        failed_segments: t.failed_segments,
        device_problems: t.device_problems,
    }
}

#[test]
fn the_analysis_counts_what_the_generator_says_it_wrote() {
    let cases = [(1, 40, 1), (2, 25, 4), (3, 300, 1), (4, 60, 3)];
    for (seed, sessions, segments_per_session) in cases {
        let options = Options {
            seed,
            sessions,
            segments_per_session,
            target_bytes: None,
        };
        let (text, said) = generate(&options);
        let report = analysed(&text);

        assert_eq!(
            report.shape,
            Shape::CallRecord,
            "{options:?}: read as a call record"
        );
        assert_eq!(
            counted(&report, text.len()),
            said,
            "{options:?}: the generator's counts are the analysis's counts"
        );
        assert_eq!(
            said.sessions, sessions,
            "{options:?}: as many sessions as asked"
        );
        assert_eq!(
            said.segments,
            sessions * segments_per_session,
            "{options:?}"
        );
        assert_eq!(
            report.totals.rollup.good + said.poor_streams + said.unclassified_streams,
            said.streams,
            "{options:?}: every stream is good, poor or (muted) unclassified; none not assessed"
        );
        assert!(
            report.log.findings.is_empty(),
            "{options:?}: every value is readable, found {:?}",
            report.log.findings.first()
        );
    }
}

#[test]
fn a_few_hundred_sessions_hold_every_kind_of_problem_in_the_documented_shares() {
    let options = Options {
        seed: 3,
        sessions: 300,
        ..Options::default()
    };
    let (_, c) = generate(&options);

    let share = |part: usize, whole: usize| part as f64 / whole as f64;
    let poor = share(c.poor_streams, c.streams);
    assert!(
        (0.03..0.08).contains(&poor),
        "about 5 % of streams are poor, got {poor:.3}"
    );
    let failed = share(c.failed_sessions, c.sessions);
    assert!(
        (0.005..0.05).contains(&failed),
        "about 2 % of sessions fail, got {failed:.3}"
    );
    assert!(
        c.unclassified_streams > 0,
        "some audio streams are under the packet gate"
    );
    assert!(c.device_problems > 0, "some microphones are not working");
    assert!(
        c.media > c.segments && c.media < 3 * c.segments,
        "audio in every segment, video and sharing in some: {c:?}"
    );
}

#[test]
fn the_same_options_give_the_same_bytes_and_another_seed_other_bytes() {
    let options = Options {
        seed: 9,
        sessions: 12,
        segments_per_session: 2,
        target_bytes: None,
    };
    let (first, _) = generate(&options);
    let (second, _) = generate(&options);
    assert!(first == second, "generation is deterministic for a seed");

    let (other, _) = generate(&Options {
        seed: 10,
        ..options
    });
    assert!(first != other, "another seed gives another record");
}

#[test]
fn a_target_size_grows_sessions_until_it_is_reached() {
    let target = 300_000;
    let options = Options {
        target_bytes: Some(target),
        ..Options::default()
    };
    let (text, counts) = generate(&options);

    assert_eq!(
        counts.bytes,
        text.len(),
        "the printed size is the real size"
    );
    assert!(
        text.len() >= target,
        "at least the target: {} bytes",
        text.len()
    );
    assert!(
        text.len() < target + 20_000,
        "no more than one session past the target: {} bytes",
        text.len()
    );
    let report = analysed(&text);
    assert_eq!(
        counted(&report, text.len()),
        counts,
        "counts hold for sized records too"
    );
}

#[test]
fn the_text_is_pretty_printed_like_a_graph_export() {
    let (text, _) = generate(&Options::default());
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let pretty = serde_json::to_string_pretty(&value).expect("prints") + "\n";

    // serde_json sorts keys without its preserve_order feature, so compare line shapes (the
    // indentation and the "key": value layout) and not their order, nor so which line of an
    // object is last and goes without a comma.
    let mut ours = lines_without_commas(&text);
    let mut theirs = lines_without_commas(&pretty);
    ours.sort_unstable();
    theirs.sort_unstable();
    assert!(
        ours == theirs,
        "same lines as serde_json's two-space pretty printer"
    );
    assert!(
        text.starts_with("{\n  \"@odata.context\": "),
        "opens like an export"
    );
}

fn lines_without_commas(text: &str) -> Vec<&str> {
    text.lines().map(|l| l.trim_end_matches(',')).collect()
}
