//! Who took part: one row per person or service, with the platform, client and network seen
//! for them across every segment, and how the streams they received went.
//!
//! A party is recognised by the name the screen gives it (see `endpoint::party`), which is the
//! display name, phone number or service role. Two people with the same display name in one
//! call would share a row; their user principal names still show in the row's details.

use std::collections::HashMap;

use super::endpoint::{platform_name, EndpointKind, Party};
use super::{Report, Rollup, SegmentReport, Side};
use crate::model::{
    ClientPlatform, ConnectionType, Endpoint, NetworkInfo, ProductFamily, Reading,
    TransportProtocol, WifiBand,
};

/// What makes two endpoints the same participant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParticipantKey(pub String);

impl ParticipantKey {
    fn of(party: &Party) -> Self {
        ParticipantKey(party.name.clone())
    }

    /// True when the participant is the caller or the callee of a segment.
    pub fn is_in(&self, segment: &SegmentReport) -> bool {
        segment.caller.name == self.0 || segment.callee.name == self.0
    }
}

/// One row of the participants table.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub key: ParticipantKey,
    pub name: String,
    pub kind: EndpointKind,
    /// User principal name, machine name, role: whatever else the endpoints said.
    pub detail: Vec<String>,
    /// "Windows", "Web", … every distinct value seen.
    pub platform: Vec<String>,
    /// "Teams 1.6.00.1381", or the user agent when nothing better is known.
    pub client: Vec<String>,
    /// "Wi-Fi 5 GHz, signal 35 %", "wired", "TCP", "relay", "VPN or tunnel", …
    pub network: Vec<String>,
    /// Segments the participant was in.
    pub segments: usize,
    /// Verdicts of the streams this participant received (and so reported).
    pub received: Rollup,
}

/// Every participant of a report: people and clients first, services after, each group in
/// order of first appearance.
pub fn participants(report: &Report) -> Vec<Participant> {
    let mut rows: Vec<Participant> = Vec::new();
    // A meeting has thousands of parties over tens of thousands of segments: find rows by key.
    let mut row_of: HashMap<ParticipantKey, usize> = HashMap::new();
    for session in &report.sessions {
        for segment in &session.segments {
            for side in [Side::Caller, Side::Callee] {
                let (party, endpoint) = match side {
                    Side::Caller => (&segment.caller, &segment.segment.caller),
                    Side::Callee => (&segment.callee, &segment.segment.callee),
                };
                if !party.is_reported {
                    continue;
                }
                let key = ParticipantKey::of(party);
                let at = *row_of.entry(key.clone()).or_insert_with(|| {
                    rows.push(Participant::new(key, party));
                    rows.len() - 1
                });
                rows[at].add(segment, side, party, endpoint);
            }
        }
    }
    // People before services; a stable sort keeps first appearance within each group.
    rows.sort_by_key(|r| r.kind == EndpointKind::Service);
    rows
}

impl Participant {
    fn new(key: ParticipantKey, party: &Party) -> Self {
        Participant {
            key,
            name: party.name.clone(),
            kind: party.kind,
            detail: Vec::new(),
            platform: Vec::new(),
            client: Vec::new(),
            network: Vec::new(),
            segments: 0,
            received: Rollup::default(),
        }
    }

    fn add(
        &mut self,
        segment: &SegmentReport,
        side: Side,
        party: &Party,
        endpoint: &Reading<Endpoint>,
    ) {
        self.segments += 1;
        if self.kind == EndpointKind::Unknown {
            self.kind = party.kind;
        }
        for d in &party.detail {
            push_new(&mut self.detail, d.clone());
        }
        if let Some(agent) = endpoint.value().and_then(|e| e.user_agent.value()) {
            let known = |p: &&ClientPlatform| {
                !matches!(
                    p,
                    ClientPlatform::Unknown | ClientPlatform::UnknownFutureValue
                )
            };
            if let Some(p) = agent.platform.value().filter(known) {
                push_new(&mut self.platform, platform_name(p));
            }
            if let Some(client) = client_text(agent) {
                push_new(&mut self.client, client);
            }
        }
        for media in &segment.media {
            let network = match side {
                Side::Caller => &media.media.caller_network,
                Side::Callee => &media.media.callee_network,
            };
            for text in network_summary(network) {
                // A bare "Wi-Fi" adds nothing beside one that names the band or signal.
                let said = |n: &String| n.starts_with("Wi-Fi") && n.len() > text.len();
                if text == "Wi-Fi" && self.network.iter().any(said) {
                    continue;
                }
                push_new(&mut self.network, text);
            }
            for stream in media.streams.iter().filter(|s| s.receiver == Some(side)) {
                self.received.add(stream.verdict.word());
            }
        }
    }
}

fn push_new(list: &mut Vec<String>, value: String) {
    if !value.trim().is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

/// The client as "Teams 1.6.00.1381"; the raw user agent only when neither family nor version
/// is known.
fn client_text(agent: &crate::model::UserAgent) -> Option<String> {
    let family = agent.product_family.value().and_then(|f| match f {
        ProductFamily::Teams => Some("Teams".to_owned()),
        ProductFamily::SkypeForBusiness => Some("Skype for Business".to_owned()),
        ProductFamily::Lync => Some("Lync".to_owned()),
        ProductFamily::AzureCommunicationServices => {
            Some("Azure Communication Services".to_owned())
        }
        ProductFamily::Other(raw) => Some(raw.clone()),
        _ => None,
    });
    let version = agent
        .application_version
        .value()
        .filter(|v| !v.trim().is_empty());
    match (family, version) {
        (Some(f), Some(v)) => Some(format!("{f} {v}")),
        (Some(f), None) => Some(f),
        (None, Some(v)) => Some(format!("version {v}")),
        (None, None) => agent.header_value.value().cloned(),
    }
}

/// One side's network for one media, in the few words that matter for a call.
fn network_summary(network: &Reading<NetworkInfo>) -> Vec<String> {
    let Some(n) = network.value() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match n.connection_type.value() {
        Some(ConnectionType::Wifi) => {
            let band = match n.wifi_band.value() {
                Some(WifiBand::Frequency24GHz) => " 2.4 GHz",
                Some(WifiBand::Frequency50GHz) => " 5 GHz",
                Some(WifiBand::Frequency60GHz) => " 60 GHz",
                _ => "",
            };
            let signal = n
                .wifi_signal_strength
                .value()
                .map(|s| format!(", signal {s} %"))
                .unwrap_or_default();
            out.push(format!("Wi-Fi{band}{signal}"));
        }
        Some(ConnectionType::Wired) => out.push("wired".to_owned()),
        Some(ConnectionType::Mobile) => out.push("mobile".to_owned()),
        Some(ConnectionType::Tunnel) => out.push("VPN or tunnel".to_owned()),
        Some(ConnectionType::Other(raw)) => out.push(raw.clone()),
        _ => {}
    }
    match n.transport.value() {
        Some(TransportProtocol::Udp) => out.push("UDP".to_owned()),
        Some(TransportProtocol::Tcp) => out.push("TCP".to_owned()),
        _ => {}
    }
    if n.relay_ip_address
        .value()
        .is_some_and(|r| !r.trim().is_empty())
    {
        out.push("relay".to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tests::report_of as report;

    #[test]
    fn one_row_per_party_with_what_was_seen() {
        let json = r#"{"value": [
          {"startDateTime": "2024-01-01T09:00:00Z",
           "caller": {"associatedIdentity": {"displayName": "Ana", "userPrincipalName": "ana@contoso.example"},
                      "userAgent": {"platform": "windows", "productFamily": "teams", "applicationVersion": "1.6.00.1381"}},
           "callee": {"userAgent": {"role": "skypeForBusinessAudioVideoMcu"}},
           "media": [{"label": "main-audio",
             "callerNetwork": {"connectionType": "wifi", "wifiBand": "frequency50GHz", "wifiSignalStrength": 35, "networkTransportProtocol": "tcp", "relayIPAddress": "52.114.1.1"},
             "streams": [{"streamDirection": "calleeToCaller", "packetUtilization": 900, "averageJitter": "PT0.066S", "averagePacketLossRate": 0, "averageRoundTripTime": "PT0.05S"},
                         {"streamDirection": "callerToCallee", "packetUtilization": 900, "averageJitter": "PT0.01S", "averagePacketLossRate": 0, "averageRoundTripTime": "PT0.05S"}]}]},
          {"startDateTime": "2024-01-01T09:05:00Z",
           "caller": {"associatedIdentity": {"displayName": "Ana"}, "userAgent": {"platform": "web"}},
           "callee": {"userAgent": {"role": "skypeForBusinessAudioVideoMcu"}},
           "media": [{"label": "main-audio", "callerNetwork": {"connectionType": "wired", "networkTransportProtocol": "udp"}}]}
        ]}"#;
        let rows = participants(&report(json));
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ana", "Conferencing server"],
            "people first, one row each"
        );

        let ana = &rows[0];
        assert_eq!(ana.segments, 2, "Ana was in both segments");
        assert_eq!(ana.platform, ["Windows", "Web"], "every platform seen");
        assert_eq!(ana.client, ["Teams 1.6.00.1381"]);
        assert_eq!(
            ana.network,
            ["Wi-Fi 5 GHz, signal 35 %", "TCP", "relay", "wired", "UDP"],
            "every network sign seen, once"
        );
        assert!(ana.detail.contains(&"ana@contoso.example".to_owned()));
        assert_eq!(
            (ana.received.poor, ana.received.good),
            (1, 0),
            "Ana received the poor stream; the good one went to the server"
        );
        assert_eq!(rows[1].received.good, 1, "the server received the good one");
    }
}
