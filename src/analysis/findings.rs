//! Findings: what went wrong, ranked, so the answer comes before the cards.
//!
//! A finding names one thing worth a look (a failed segment, a poor stream, a device that was
//! not working, a sign on the network such as weak Wi-Fi or TCP instead of UDP), says whose side
//! it is on, and points at the card that holds it. Severity orders the list: failures first,
//! then poor streams, device problems, and network signs last, because they explain rather than
//! decide.

use super::units::{format_ratio_percent, Band};
use super::{Failure, Report, SegmentReport, Side, Verdict};
use crate::model::{ConnectionType, NetworkInfo, Reading, TransportProtocol};

/// Wi-Fi signal below this (percent) is called weak. Microsoft publishes no line; Windows shows
/// one bar at about a third, and calls at half strength and below are where complaints start.
pub const WEAK_WIFI_PERCENT: f64 = 50.0;

/// How much a finding matters, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Failure,
    Poor,
    Device,
    Network,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Failure => "failure",
            Severity::Poor => "poor",
            Severity::Device => "device",
            Severity::Network => "network",
        }
    }
}

/// One thing worth a look, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    /// "Poor audio received by Jonas Lindqvist".
    pub title: String,
    /// "jitter 47.4 ms is above 30 ms; packet loss 12.86 % is above 10.00 %".
    pub detail: String,
    /// The card that holds it: session index and segment index (card order).
    pub session: usize,
    pub segment: Option<usize>,
}

/// Every finding of a report, ranked by severity, then in card order.
pub fn findings(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for (si, session) in report.sessions.iter().enumerate() {
        if let Failure::Failed { .. } = session.failure {
            let failed_below = session.segments.iter().any(|g| g.failure.is_failed());
            if !failed_below {
                out.push(failure(
                    &session.failure,
                    format!("Session {}", si + 1),
                    si,
                    None,
                ));
            }
        }
        for (gi, segment) in session.segments.iter().enumerate() {
            segment_findings(segment, si, gi, &mut out);
        }
    }
    // A stable sort keeps card order within each severity. The same network sign on the same
    // side shows once per segment, not once per media (audio, video and sharing share a path).
    out.sort_by_key(|f| f.severity);
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| {
        f.severity != Severity::Network || seen.insert((f.title.clone(), f.session, f.segment))
    });
    out
}

fn failure(failure: &Failure, what: String, session: usize, segment: Option<usize>) -> Finding {
    let headline = failure.headline().unwrap_or_default();
    let detail = match failure {
        Failure::Failed {
            reason: Some(reason),
            ..
        } => reason.clone(),
        _ => "no reason given".to_owned(),
    };
    Finding {
        severity: Severity::Failure,
        title: format!("{what} {headline}"),
        detail,
        session,
        segment,
    }
}

fn segment_findings(g: &SegmentReport, si: usize, gi: usize, out: &mut Vec<Finding>) {
    let at = |severity, title: String, detail: String| Finding {
        severity,
        title,
        detail,
        session: si,
        segment: Some(gi),
    };
    let name = |side: Side| match side {
        Side::Caller => g.caller.name.as_str(),
        Side::Callee => g.callee.name.as_str(),
    };

    if g.failure.is_failed() {
        out.push(failure(
            &g.failure,
            format!("Session {} segment {}", si + 1, gi + 1),
            si,
            Some(gi),
        ));
    }
    for media in &g.media {
        for stream in &media.streams {
            if let Verdict::Poor(crossings) = &stream.verdict {
                let receiver = stream.receiver.map_or("an unknown side", name);
                let reasons: Vec<String> = crossings.iter().map(ToString::to_string).collect();
                out.push(at(
                    Severity::Poor,
                    format!("Poor {} received by {receiver}", media.kind.describe()),
                    reasons.join("; "),
                ));
            }
        }
        for problem in &media.device_problems {
            out.push(at(
                Severity::Device,
                format!("Device problem on {}'s side", name(problem.side)),
                problem.describe(),
            ));
        }
        for (side, network) in [
            (Side::Caller, &media.media.caller_network),
            (Side::Callee, &media.media.callee_network),
        ] {
            for sign in network_signs(network) {
                out.push(at(
                    Severity::Network,
                    format!("{} ({})", sign.0, name(side)),
                    sign.1,
                ));
            }
        }
        for stream in &media.streams {
            // Loss in the warning band: not poor, but the first thing to look at next.
            let loss = stream.stream.average_packet_loss_rate.value().copied();
            let warning = loss.filter(|l| super::units::band_packet_loss(l) == Some(Band::Warning));
            if let (Some(loss), false) = (warning, matches!(stream.verdict, Verdict::Poor(_))) {
                out.push(at(
                    Severity::Network,
                    format!("Packet loss above 1 % on {}", stream.direction),
                    format!(
                        "{} average loss; Microsoft's network target is under 1 %",
                        format_ratio_percent(loss)
                    ),
                ));
            }
        }
    }
}

/// Network signs worth a look on one side: (title, detail).
fn network_signs(network: &Reading<NetworkInfo>) -> Vec<(String, String)> {
    let Some(n) = network.value() else {
        return Vec::new();
    };
    let mut signs = Vec::new();
    if let Some(signal) = n
        .wifi_signal_strength
        .value()
        .filter(|s| **s < WEAK_WIFI_PERCENT)
    {
        signs.push((
            "Weak Wi-Fi".to_owned(),
            format!("signal {signal} %; below {WEAK_WIFI_PERCENT} % calls often suffer"),
        ));
    }
    if n.transport.value() == Some(&TransportProtocol::Tcp) {
        signs.push((
            "TCP instead of UDP".to_owned(),
            "media over TCP suffers from retransmission delays; UDP 3478–3481 may be blocked"
                .to_owned(),
        ));
    }
    if n.connection_type.value() == Some(&ConnectionType::Tunnel) {
        signs.push((
            "VPN or tunnel".to_owned(),
            "media through a tunnel adds delay; Microsoft recommends split tunnelling for Teams"
                .to_owned(),
        ));
    }
    if let Some(relay) = n.relay_ip_address.value().filter(|r| !r.trim().is_empty()) {
        signs.push((
            "Relay in use".to_owned(),
            format!("media went through the relay {relay}"),
        ));
    }
    signs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tests::report_of as report;

    #[test]
    fn findings_are_ranked_failures_first() {
        let json = r#"{"value": [{"id": "s1", "startDateTime": "2024-01-01T09:00:00Z", "segments": [
          {"id": "g1", "startDateTime": "2024-01-01T09:00:00Z",
           "caller": {"associatedIdentity": {"displayName": "Ana"}},
           "callee": {"userAgent": {"role": "skypeForBusinessAudioVideoMcu"}},
           "media": [{"label": "main-audio",
             "callerNetwork": {"wifiSignalStrength": 35, "networkTransportProtocol": "tcp", "connectionType": "wifi"},
             "callerDevice": {"captureNotFunctioningEventRatio": 0.031},
             "streams": [
               {"streamDirection": "calleeToCaller", "packetUtilization": 9000, "averageJitter": "PT0.0474S", "averagePacketLossRate": 0.1286, "averageRoundTripTime": "PT0.097S"},
               {"streamDirection": "callerToCallee", "packetUtilization": 9000, "averageJitter": "PT0.010S", "averagePacketLossRate": 0.02, "averageRoundTripTime": "PT0.05S"}
             ]}]},
          {"id": "g2", "startDateTime": "2024-01-01T09:10:00Z", "failureInfo": {"stage": "midcall", "reason": "Media timeout"}, "media": []}
        ]}]}"#;
        let got = findings(&report(json));
        let summary: Vec<(Severity, &str)> =
            got.iter().map(|f| (f.severity, f.title.as_str())).collect();
        assert_eq!(
            summary,
            [
                (Severity::Failure, "Session 1 segment 2 failed mid-call"),
                (Severity::Poor, "Poor audio received by Ana"),
                (Severity::Device, "Device problem on Ana's side"),
                (Severity::Network, "Weak Wi-Fi (Ana)"),
                (Severity::Network, "TCP instead of UDP (Ana)"),
                (
                    Severity::Network,
                    "Packet loss above 1 % on Ana → Conferencing server"
                ),
            ]
        );
        assert_eq!(
            got[1].detail,
            "packet loss 12.86 % is above 10.00 %; jitter 47.4 ms is above 30 ms"
        );
        assert_eq!(
            (got[0].session, got[0].segment),
            (0, Some(1)),
            "a finding points at its card"
        );
    }

    #[test]
    fn a_good_call_has_no_findings() {
        let json = r#"{"id": "s", "segments": [{"media": [{"label": "main-audio", "callerNetwork": {"connectionType": "wired", "networkTransportProtocol": "udp"},
          "streams": [{"streamDirection": "callerToCallee", "packetUtilization": 9000, "averageJitter": "PT0.01S", "averagePacketLossRate": 0.001, "averageRoundTripTime": "PT0.05S"}]}]}]}"#;
        assert_eq!(findings(&report(json)), Vec::new());
    }
}
