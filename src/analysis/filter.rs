//! Filters and sorting: which sessions, segments and streams a view shows, and in what order.
//!
//! A big meeting has thousands of segments; the engineer wants the poor ones, or one person's,
//! or the ones that went through a given IP. A [`Filter`] says what to keep, [`select`] applies
//! it to a report, and [`Filter::to_fragment`] / [`Filter::from_fragment`] carry it in the URL
//! fragment so a link reopens the same view. The fragment never holds data from the record: a
//! participant is named by its row number in the participants table, and the free-text search
//! (which is usually a name, a phone number or an IP) stays out of the URL.

use super::participants::{Participant, ParticipantKey};
use super::{Report, SegmentReport, SessionReport, StreamKind, StreamReport, VerdictWord};
use crate::model::{Endpoint, NetworkInfo, Reading};

/// How sessions and segments are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Sessions and segments by start time, as the call happened.
    #[default]
    Time,
    /// Failed first, then those with poor streams, unclassified ones, then the rest.
    Severity,
}

/// What the view keeps. The default keeps everything in time order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Keep segments with a poor stream.
    pub poor: bool,
    /// Keep segments with an unclassified stream.
    pub unclassified: bool,
    /// Keep failed segments, and the segments of failed sessions.
    pub failed: bool,
    /// Keep segments with a media of this kind.
    pub modality: Option<StreamKind>,
    /// Keep segments this participant (a row of the participants table) took part in.
    pub participant: Option<usize>,
    /// Keep segments whose names, user principal names, phone numbers, IPs or user agents
    /// contain this text (ignoring case).
    pub text: String,
    pub sort: Sort,
}

/// The modalities a filter offers, in menu order.
pub const MODALITIES: [StreamKind; 4] = [
    StreamKind::Audio,
    StreamKind::Video,
    StreamKind::Vbss,
    StreamKind::Data,
];

impl Filter {
    /// True when anything is filtered out (sorting alone filters nothing).
    pub fn is_active(&self) -> bool {
        self.has_verdicts()
            || self.modality.is_some()
            || self.participant.is_some()
            || !self.text.trim().is_empty()
    }

    /// The verdict filters that are on: "poor", "unclassified", "failed".
    pub fn verdicts(&self) -> Vec<&'static str> {
        [
            (self.poor, "poor"),
            (self.unclassified, "unclassified"),
            (self.failed, "failed"),
        ]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect()
    }

    fn has_verdicts(&self) -> bool {
        self.poor || self.unclassified || self.failed
    }

    /// The filter as URL fragment parameters (`verdict=poor,failed&modality=audio&who=2&sort=severity`),
    /// empty for the default view. The text search is left out on purpose (see the module doc).
    pub fn to_fragment(&self) -> String {
        let mut params = Vec::new();
        let verdicts = self.verdicts();
        if !verdicts.is_empty() {
            params.push(format!("verdict={}", verdicts.join(",")));
        }
        if let Some(kind) = self.modality {
            params.push(format!("modality={}", kind.as_str()));
        }
        if let Some(row) = self.participant {
            params.push(format!("who={}", row + 1));
        }
        if self.sort == Sort::Severity {
            params.push("sort=severity".to_owned());
        }
        params.join("&")
    }

    /// Reads the parameters [`Filter::to_fragment`] writes, from a fragment with or without its
    /// `#`. Unknown parameters (such as `example`) and unreadable values are ignored, so an old
    /// or hand-edited link still opens.
    pub fn from_fragment(fragment: &str) -> Filter {
        let mut filter = Filter::default();
        for param in fragment.trim_start_matches('#').split('&') {
            let (key, value) = param.split_once('=').unwrap_or((param, ""));
            match key {
                "verdict" => {
                    for word in value.split(',') {
                        match word {
                            "poor" => filter.poor = true,
                            "unclassified" => filter.unclassified = true,
                            "failed" => filter.failed = true,
                            _ => {}
                        }
                    }
                }
                "modality" => {
                    filter.modality = MODALITIES.into_iter().find(|k| k.as_str() == value);
                }
                "who" => {
                    filter.participant = value.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
                }
                "sort" if value == "severity" => filter.sort = Sort::Severity,
                _ => {}
            }
        }
        filter
    }

    /// Whether one stream of a kept segment belongs in the filtered CSV: with verdict filters on,
    /// only streams with those verdicts (all streams of a failed segment when "failed" is on);
    /// with a modality, only that media's streams.
    pub fn keeps_stream(
        &self,
        session: &SessionReport,
        segment: &SegmentReport,
        kind: StreamKind,
        stream: &StreamReport,
    ) -> bool {
        let kind_ok = self.modality.is_none_or(|m| m == kind);
        let word = stream.verdict.word();
        let verdict_ok = !self.has_verdicts()
            || self.poor && word == VerdictWord::Poor
            || self.unclassified && word == VerdictWord::Unclassified
            || self.failed && (segment.failure.is_failed() || session.failure.is_failed());
        kind_ok && verdict_ok
    }
}

/// Lower-cased text a segment can be found by: both parties' names and details, identities,
/// user agents and every IP on its media.
pub fn search_text(segment: &SegmentReport) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for party in [&segment.caller, &segment.callee] {
        parts.push(&party.name);
        parts.extend(party.detail.iter().map(String::as_str));
    }
    for endpoint in [&segment.segment.caller, &segment.segment.callee] {
        endpoint_text(endpoint, &mut parts);
    }
    for media in &segment.media {
        for network in [&media.media.caller_network, &media.media.callee_network] {
            network_text(network, &mut parts);
        }
    }
    parts.join("\n").to_lowercase()
}

fn endpoint_text<'a>(endpoint: &'a Reading<Endpoint>, parts: &mut Vec<&'a str>) {
    let Some(e) = endpoint.value() else {
        return;
    };
    if let Some(agent) = e.user_agent.value() {
        parts.extend(agent.header_value.value().map(String::as_str));
        parts.extend(agent.application_version.value().map(String::as_str));
    }
    let identities = e.associated_identity.value().into_iter().chain(
        e.identity
            .value()
            .into_iter()
            .flat_map(|set| set.members.iter().filter_map(|(_, member)| member.value())),
    );
    for identity in identities {
        for field in [
            &identity.display_name,
            &identity.user_principal_name,
            &identity.email,
            &identity.id,
        ] {
            parts.extend(field.value().map(String::as_str));
        }
    }
    parts.extend(e.name.value().map(String::as_str));
}

fn network_text<'a>(network: &'a Reading<NetworkInfo>, parts: &mut Vec<&'a str>) {
    let Some(n) = network.value() else {
        return;
    };
    for field in [
        &n.ip_address,
        &n.subnet,
        &n.reflexive_ip_address,
        &n.relay_ip_address,
    ] {
        parts.extend(field.value().map(String::as_str));
    }
}

/// The search text of every segment, `[session][segment]`, built the first time a search needs
/// it: most views are never searched, and for a 10,000-segment meeting the index costs tens of
/// milliseconds and megabytes before the first card could be drawn.
#[derive(Default)]
pub struct SearchIndex(std::sync::OnceLock<Vec<Vec<String>>>);

impl SearchIndex {
    fn texts(&self, report: &Report) -> &[Vec<String>] {
        self.0.get_or_init(|| {
            report
                .sessions
                .iter()
                .map(|s| s.segments.iter().map(search_text).collect())
                .collect()
        })
    }
}

/// What a filter keeps: sessions (index into `report.sessions`) with the segments kept in each,
/// in display order, and counts for "showing N of M".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub sessions: Vec<(usize, Vec<usize>)>,
    pub segments: usize,
    pub streams: usize,
}

/// Applies a filter. A session is kept when one of its segments is, or, with no filter active,
/// always (a session without segments still shows its header).
pub fn select(
    report: &Report,
    filter: &Filter,
    index: &SearchIndex,
    participants: &[Participant],
) -> Selection {
    let needle = filter.text.trim().to_lowercase();
    let who: Option<&ParticipantKey> = filter
        .participant
        .and_then(|row| participants.get(row))
        .map(|p| &p.key);
    let mut selection = Selection::default();

    for (si, session) in report.sessions.iter().enumerate() {
        let mut kept: Vec<usize> = (0..session.segments.len())
            .filter(|&gi| {
                let segment = &session.segments[gi];
                keeps_segment(filter, session, segment)
                    && who.is_none_or(|key| key.is_in(segment))
                    && (needle.is_empty() || index.texts(report)[si][gi].contains(&needle))
            })
            .collect();
        // A failed session with no segment to show (none, or none failed) still answers the
        // "failed" filter on its own, unless another filter narrows the view.
        let failed_alone = filter.failed
            && session.failure.is_failed()
            && filter.modality.is_none()
            && who.is_none()
            && needle.is_empty();
        if kept.is_empty() && filter.is_active() && !failed_alone {
            continue;
        }
        if filter.sort == Sort::Severity {
            kept.sort_by_key(|&gi| std::cmp::Reverse(severity(&session.segments[gi].rollup)));
        }
        selection.segments += kept.len();
        selection.streams += kept
            .iter()
            .map(|&gi| count_streams(filter, session, &session.segments[gi]))
            .sum::<usize>();
        selection.sessions.push((si, kept));
    }

    if filter.sort == Sort::Severity {
        selection
            .sessions
            .sort_by_key(|(si, _)| std::cmp::Reverse(severity(&report.sessions[*si].rollup)));
    }
    selection
}

fn keeps_segment(filter: &Filter, session: &SessionReport, segment: &SegmentReport) -> bool {
    let r = &segment.rollup;
    let verdict_ok = !filter.has_verdicts()
        || filter.poor && r.poor > 0
        || filter.unclassified && r.unclassified > 0
        || filter.failed && (segment.failure.is_failed() || session.failure.is_failed());
    let modality_ok = filter
        .modality
        .is_none_or(|kind| segment.media.iter().any(|m| m.kind == kind));
    verdict_ok && modality_ok
}

fn count_streams(filter: &Filter, session: &SessionReport, segment: &SegmentReport) -> usize {
    segment
        .media
        .iter()
        .flat_map(|m| m.streams.iter().map(move |s| (m.kind, s)))
        .filter(|(kind, s)| filter.keeps_stream(session, segment, *kind, s))
        .count()
}

/// How bad a session or segment is, larger is worse: failed, then poor streams, then
/// unclassified ones, then device problems.
fn severity(rollup: &super::Rollup) -> (bool, usize, usize, usize) {
    (
        rollup.failed,
        rollup.poor,
        rollup.unclassified,
        rollup.device_problems,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::participants::participants;
    use crate::analysis::tests::report_of as report;

    /// Three sessions: a good one (Ana), a poor one (Ben, over TCP from 10.1.2.3) and a failed
    /// one with a screen share (Cy).
    const CALL: &str = r#"{"id": "c", "sessions": [
      {"id": "s1", "startDateTime": "2024-01-01T09:00:00Z",
       "caller": {"associatedIdentity": {"displayName": "Ana", "userPrincipalName": "ana@contoso.example"}},
       "segments": [{"startDateTime": "2024-01-01T09:00:00Z",
         "caller": {"associatedIdentity": {"displayName": "Ana", "userPrincipalName": "ana@contoso.example"}},
         "media": [{"label": "main-audio", "streams": [{"streamDirection": "callerToCallee", "packetUtilization": 900, "averageJitter": "PT0.01S", "averagePacketLossRate": 0.0, "averageRoundTripTime": "PT0.05S"}]}]}]},
      {"id": "s2", "startDateTime": "2024-01-01T09:01:00Z",
       "segments": [{"startDateTime": "2024-01-01T09:01:00Z",
         "caller": {"associatedIdentity": {"displayName": "Ben"}, "userAgent": {"headerValue": "Teams/1.6 (Windows)"}},
         "media": [{"label": "main-audio", "callerNetwork": {"ipAddress": "10.1.2.3"}, "streams": [{"streamDirection": "calleeToCaller", "packetUtilization": 900, "averageJitter": "PT0.066S", "averagePacketLossRate": 0.0, "averageRoundTripTime": "PT0.05S"}]}]}]},
      {"id": "s3", "startDateTime": "2024-01-01T09:02:00Z",
       "segments": [{"startDateTime": "2024-01-01T09:02:00Z", "failureInfo": {"stage": "callSetup", "reason": "x"},
         "caller": {"associatedIdentity": {"displayName": "Cy"}},
         "media": [{"label": "applicationsharing-video", "streams": [{"streamDirection": "callerToCallee"}]}]}]}
    ]}"#;

    fn kept(filter: &Filter) -> Vec<usize> {
        let r = report(CALL);
        let people = participants(&r);
        select(&r, filter, &SearchIndex::default(), &people)
            .sessions
            .into_iter()
            .map(|(si, _)| si)
            .collect()
    }

    #[test]
    fn each_filter_keeps_what_it_names() {
        let cases: Vec<(Filter, Vec<usize>, &str)> = vec![
            (Filter::default(), vec![0, 1, 2], "no filter keeps all"),
            (
                Filter {
                    poor: true,
                    ..Filter::default()
                },
                vec![1],
                "poor keeps the poor session",
            ),
            (
                Filter {
                    failed: true,
                    ..Filter::default()
                },
                vec![2],
                "failed keeps the failed session",
            ),
            (
                Filter {
                    poor: true,
                    failed: true,
                    ..Filter::default()
                },
                vec![1, 2],
                "verdicts add up",
            ),
            (
                Filter {
                    modality: Some(StreamKind::Vbss),
                    ..Filter::default()
                },
                vec![2],
                "modality keeps screen sharing",
            ),
            (
                Filter {
                    text: "10.1.2".into(),
                    ..Filter::default()
                },
                vec![1],
                "search finds an IP",
            ),
            (
                Filter {
                    text: "ANA@CONTOSO".into(),
                    ..Filter::default()
                },
                vec![0],
                "search finds a UPN, ignoring case",
            ),
            (
                Filter {
                    text: "teams/1.6".into(),
                    ..Filter::default()
                },
                vec![1],
                "search finds a user agent",
            ),
            (
                Filter {
                    sort: Sort::Severity,
                    ..Filter::default()
                },
                vec![2, 1, 0],
                "severity puts failed, then poor first",
            ),
        ];
        for (filter, want, why) in cases {
            assert_eq!(kept(&filter), want, "{why}");
        }
    }

    #[test]
    fn a_participant_filter_keeps_their_segments() {
        let r = report(CALL);
        let people = participants(&r);
        let ben = people
            .iter()
            .position(|p| p.name == "Ben")
            .expect("Ben is a participant");
        let filter = Filter {
            participant: Some(ben),
            ..Filter::default()
        };
        let got = select(&r, &filter, &SearchIndex::default(), &people);
        assert_eq!(got.sessions, vec![(1, vec![0])], "only Ben's session");
        assert_eq!(
            (got.segments, got.streams),
            (1, 1),
            "counts follow the filter"
        );
    }

    #[test]
    fn fragments_round_trip_and_never_hold_text() {
        let filter = Filter {
            poor: true,
            unclassified: false,
            failed: true,
            modality: Some(StreamKind::Audio),
            participant: Some(1),
            text: "dana@contoso.example".into(),
            sort: Sort::Severity,
        };
        let fragment = filter.to_fragment();
        assert_eq!(
            fragment,
            "verdict=poor,failed&modality=audio&who=2&sort=severity"
        );
        assert!(
            !fragment.contains("dana"),
            "the search text stays out of the URL"
        );
        let back = Filter::from_fragment(&format!("#example&{fragment}"));
        assert_eq!(
            back,
            Filter {
                text: String::new(),
                ..filter
            },
            "a link reopens the same filters"
        );
        assert_eq!(
            Filter::default().to_fragment(),
            "",
            "the default view adds nothing"
        );
        assert_eq!(
            Filter::from_fragment("#modality=smell&who=0&verdict=awful"),
            Filter::default(),
            "unreadable values are ignored"
        );
    }

    #[test]
    fn the_filtered_csv_keeps_only_matching_streams() {
        let r = report(CALL);
        let filter = Filter {
            poor: true,
            ..Filter::default()
        };
        let (session, segment) = (&r.sessions[1], &r.sessions[1].segments[0]);
        let media = &segment.media[0];
        assert!(filter.keeps_stream(session, segment, media.kind, &media.streams[0]));
        let good = &r.sessions[0].segments[0].media[0];
        assert!(!filter.keeps_stream(
            &r.sessions[0],
            &r.sessions[0].segments[0],
            good.kind,
            &good.streams[0]
        ));
    }
}
