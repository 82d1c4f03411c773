//! Who an endpoint is: participant or service, and the name a person recognises.
//!
//! Graph marks the kind with `@odata.type`, but exports made with `odata.metadata=none` drop it,
//! so the kind is inferred from the shape as `quality-rules.md` says. The name is the best of
//! what the endpoint carries: a display name, a phone number, a service role, a platform.

use crate::model::{
    items, CallRecord, ClientPlatform, Endpoint, Identity, IdentitySet, Participant, Reading,
    ServiceRole,
};

/// Participant (a client) or service endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointKind {
    Participant,
    Service,
    Unknown,
}

/// Reads the kind from `@odata.type`, or from the shape when the type is absent or names
/// neither kind.
pub fn endpoint_kind(endpoint: &Endpoint) -> EndpointKind {
    if let Some(t) = endpoint.odata_type.value() {
        let t = t.to_ascii_lowercase();
        if t.ends_with("participantendpoint") {
            return EndpointKind::Participant;
        }
        if t.ends_with("serviceendpoint") {
            return EndpointKind::Service;
        }
    }

    let agent = endpoint.user_agent.value();
    let agent_is_service = agent.is_some_and(|a| {
        !a.role.is_missing()
            || a.odata_type
                .value()
                .is_some_and(|t| t.to_ascii_lowercase().ends_with("serviceuseragent"))
    });
    if agent_is_service {
        return EndpointKind::Service;
    }
    let agent_is_client =
        agent.is_some_and(|a| !a.platform.is_missing() || !a.product_family.is_missing());
    let has_participant_fields = !endpoint.feedback.is_missing()
        || !endpoint.associated_identity.is_missing()
        || !endpoint.identity.is_missing()
        || !endpoint.name.is_missing()
        || !endpoint.cpu_name.is_missing();
    if agent_is_client || has_participant_fields {
        EndpointKind::Participant
    } else {
        EndpointKind::Unknown
    }
}

/// An endpoint as the screen names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// "Dana Whitfield", "+14255550123", "Conferencing server", "Web client", …
    pub name: String,
    /// What else identifies it: platform, role, machine name, user principal name.
    pub detail: Vec<String>,
    pub kind: EndpointKind,
    /// False when the input has no endpoint object at all.
    pub is_reported: bool,
}

impl Party {
    /// The party for an endpoint that is `null` or absent.
    pub fn not_reported(side: &str) -> Self {
        Party {
            name: format!("{side} not reported"),
            detail: Vec::new(),
            kind: EndpointKind::Unknown,
            is_reported: false,
        }
    }
}

/// Names an endpoint. `side` ("caller" or "callee") words the missing case.
pub fn party(endpoint: &Reading<Endpoint>, side: &str) -> Party {
    let Some(endpoint) = endpoint.value() else {
        return Party::not_reported(side);
    };
    let kind = endpoint_kind(endpoint);
    let agent = endpoint.user_agent.value();
    let role = agent.and_then(|a| a.role.value());
    let platform = agent.and_then(|a| a.platform.value());

    let person = endpoint
        .associated_identity
        .value()
        .and_then(identity_name)
        .or_else(|| endpoint.identity.value().and_then(identity_set_name));
    let role_name = role.filter(|r| **r != ServiceRole::Unknown).map(role_name);
    let platform_label = platform
        .filter(|p| **p != ClientPlatform::Unknown)
        .map(|p| format!("{} client", platform_name(p)));
    let machine = endpoint
        .name
        .value()
        .filter(|n| !n.trim().is_empty())
        .cloned();

    let name = person
        .clone()
        .or_else(|| role_name.clone())
        .or_else(|| platform_label.clone())
        .or_else(|| machine.clone())
        .unwrap_or_else(|| "unknown endpoint".to_owned());

    // Details: whatever the name did not already say.
    let mut detail = Vec::new();
    if let Some(role) = role {
        if person.is_some() || role_name.is_some() {
            detail.push(role.as_str().to_owned());
        }
    }
    if let Some(p) = platform.filter(|p| **p != ClientPlatform::Unknown) {
        if person.is_some() {
            detail.push(platform_name(p));
        }
    }
    if let Some(upn) = endpoint
        .associated_identity
        .value()
        .and_then(|i| i.user_principal_name.value())
    {
        detail.push(upn.clone());
    }
    if let Some(machine_name) = machine.filter(|m| *m != name) {
        detail.push(machine_name);
    }
    Party {
        name,
        detail,
        kind,
        is_reported: true,
    }
}

/// The name of an identity: display name, else a phone-looking id, else user principal name.
pub fn identity_name(identity: &Identity) -> Option<String> {
    let non_empty = |r: &Reading<String>| r.value().filter(|s| !s.trim().is_empty()).cloned();
    non_empty(&identity.display_name)
        .or_else(|| non_empty(&identity.id).filter(|id| looks_like_phone(id)))
        .or_else(|| non_empty(&identity.user_principal_name))
        .or_else(|| non_empty(&identity.email))
}

/// The name of the first identity in a set that has one; a phone member's id is its number.
pub fn identity_set_name(set: &IdentitySet) -> Option<String> {
    set.members.iter().find_map(|(key, member)| {
        let identity = member.value()?;
        identity_name(identity).or_else(|| {
            let is_phone = key.eq_ignore_ascii_case("phone");
            identity.id.value().filter(|_| is_phone).cloned()
        })
    })
}

/// E.164 numbers: a plus and digits, perhaps with spaces.
pub fn looks_like_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    text.starts_with('+')
        && digits >= 6
        && text[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
}

/// The organizer's name from `organizer_v2`, or from the deprecated `organizer` in older
/// exports; the flag says whether both were present and named the same person.
pub fn organizer(record: &CallRecord) -> Option<(String, Option<bool>)> {
    let current = record.organizer_v2.value().and_then(participant_name);
    let deprecated = record.organizer.value().and_then(identity_set_name);
    let agree = current
        .as_ref()
        .zip(deprecated.as_ref())
        .map(|(a, b)| a == b);
    current.or(deprecated).map(|name| (name, agree))
}

/// A `participant`'s name: its identity's, or its id when that is a phone number.
pub fn participant_name(p: &Participant) -> Option<String> {
    p.identity
        .value()
        .and_then(identity_set_name)
        .or_else(|| p.id.value().filter(|id| looks_like_phone(id)).cloned())
}

/// The participants a record lists: `participants_v2` when present, else the deprecated list.
/// `None` when neither lists anyone, which is not the same as a call without participants.
pub fn participants(record: &CallRecord) -> Option<Vec<String>> {
    let current: Vec<String> = items(&record.participants_v2)
        .map(|p| participant_name(p).unwrap_or_else(|| "unnamed participant".to_owned()))
        .collect();
    if !current.is_empty() {
        return Some(current);
    }
    let deprecated: Vec<String> = items(&record.participants)
        .map(|set| identity_set_name(set).unwrap_or_else(|| "unnamed participant".to_owned()))
        .collect();
    (!deprecated.is_empty()).then_some(deprecated)
}

/// A service role as a helpdesk engineer says it.
pub fn role_name(role: &ServiceRole) -> String {
    let name = match role {
        ServiceRole::SkypeForBusinessAudioVideoMcu => "Conferencing server",
        ServiceRole::SkypeForBusinessApplicationSharingMcu => "Screen-sharing server",
        ServiceRole::MediationServer | ServiceRole::MediationServerCloudConnectorEdition => {
            "Media processor"
        }
        ServiceRole::Gateway => "PSTN gateway (SBC)",
        ServiceRole::SkypeForBusinessMicrosoftTeamsGateway => "Teams–Skype gateway",
        ServiceRole::CustomBot => "Bot",
        ServiceRole::SkypeForBusinessCallQueues => "Call queue",
        ServiceRole::SkypeForBusinessAutoAttendant => "Auto attendant",
        ServiceRole::ExchangeUnifiedMessagingService | ServiceRole::Voicemail => "Voicemail",
        ServiceRole::MediaController => "Media controller",
        ServiceRole::ConferencingAnnouncementService => "Announcement service",
        ServiceRole::ConferencingAttendant | ServiceRole::SkypeForBusinessAttendant => {
            "Conferencing attendant"
        }
        ServiceRole::AudioTeleconferencerController => "Audio conferencing",
        ServiceRole::SkypeTranslator => "Translator",
        ServiceRole::ResponseGroupService
        | ServiceRole::ResponseGroupServiceAnnouncementService => "Response group",
        ServiceRole::SkypeForBusinessUnifiedCommunicationApplicationPlatform => "UCMA application",
        other => return format!("Service ({})", other.as_str()),
    };
    name.to_owned()
}

/// A platform as people write it.
pub fn platform_name(platform: &ClientPlatform) -> String {
    let name = match platform {
        ClientPlatform::Windows => "Windows",
        ClientPlatform::MacOs => "macOS",
        ClientPlatform::Ios => "iOS",
        ClientPlatform::Android => "Android",
        ClientPlatform::Web => "Web",
        ClientPlatform::IpPhone => "IP phone",
        ClientPlatform::RoomSystem => "Room system",
        ClientPlatform::SurfaceHub => "Surface Hub",
        ClientPlatform::HoloLens => "HoloLens",
        other => return other.as_str().to_owned(),
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(json: &str) -> Reading<Endpoint> {
        serde_json::from_str(json).expect("an endpoint reads")
    }

    #[test]
    fn kinds_come_from_the_type_with_or_without_hash() {
        let cases: &[(&str, EndpointKind)] = &[
            (
                r##"{"@odata.type": "#microsoft.graph.callRecords.participantEndpoint"}"##,
                EndpointKind::Participant,
            ),
            (
                r#"{"@odata.type": "microsoft.graph.callRecords.serviceEndpoint"}"#,
                EndpointKind::Service,
            ),
            (
                r#"{"userAgent": {"role": "skypeForBusinessAudioVideoMcu"}}"#,
                EndpointKind::Service,
            ),
            (
                r##"{"userAgent": {"@odata.type": "#microsoft.graph.callRecords.serviceUserAgent"}}"##,
                EndpointKind::Service,
            ),
            (
                r#"{"userAgent": {"platform": "windows"}}"#,
                EndpointKind::Participant,
            ),
            (r#"{"cpuName": "x"}"#, EndpointKind::Participant),
            (
                r#"{"feedback": {"rating": "good"}}"#,
                EndpointKind::Participant,
            ),
            (
                r#"{"userAgent": {"headerValue": "x"}}"#,
                EndpointKind::Unknown,
            ),
            (r#"{}"#, EndpointKind::Unknown),
        ];
        for (json, kind) in cases {
            let ep = endpoint(json);
            assert_eq!(endpoint_kind(ep.value().expect("object")), *kind, "{json}");
        }
    }

    #[test]
    fn names_prefer_people_then_phones_then_roles() {
        let phone = endpoint(
            r#"{"identity": {"user": null, "phone": {"id": "+14255550123", "displayName": null}}, "userAgent": {"role": "gateway"}}"#,
        );
        assert_eq!(party(&phone, "caller").name, "+14255550123");

        let mcu = endpoint(r#"{"userAgent": {"role": "skypeForBusinessAudioVideoMcu"}}"#);
        let got = party(&mcu, "callee");
        assert_eq!(got.name, "Conferencing server");
        assert_eq!(got.detail, vec!["skypeForBusinessAudioVideoMcu".to_owned()]);

        let acs = endpoint(r#"{"identity": {"acsUser": {"displayName": "Kiosk 3 (ACS)"}}}"#);
        assert_eq!(party(&acs, "callee").name, "Kiosk 3 (ACS)");

        let bare =
            endpoint(r#"{"userAgent": {"platform": "unknown", "productFamily": "unknown"}}"#);
        assert_eq!(party(&bare, "callee").name, "unknown endpoint");

        assert_eq!(
            party(&Reading::Missing, "caller").name,
            "caller not reported"
        );
    }
}
