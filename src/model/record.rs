//! The call-record types of Graph v1.0 (`microsoft.graph.callRecords`), property by property.
//!
//! Names follow Graph; the wire name of each property is written beside its field. Types that
//! Graph splits by `@odata.type` (participant and service endpoints, client and service user
//! agents) are one struct each here, holding the union of their properties, because the type
//! annotation is often missing and the kind has to be inferred from the shape (`analysis`).

use serde::de::{IgnoredAny, MapAccess};

use super::audit::{Audit, Log, Trail};
use super::enums::*;
use super::reading::{FromJson, List, Reading};
use super::time::{Instant, Millis};
use super::{wire_object, Key};

wire_object!(
    /// A top-level JSON object or an element of a top-level `value` list, before it is known
    /// which resource it is. It declares the union of the properties that tell the shapes
    /// apart, so the input is read once whatever it turns out to be; `load` classifies it and
    /// converts it.
    Node {
        "@odata.context" => odata_context: Reading<String>,
        "@odata.type" => odata_type: Reading<String>,
        "@odata.nextLink" => next_link: Reading<String>,
        "value" => value: List<Node>,
        "error" => error: Reading<GraphError>,
        "id" => id: Reading<String>,
        "version" => version: Reading<f64>,
        "type" => call_type: Reading<CallType>,
        "modalities" => modalities: List<Modality>,
        "lastModifiedDateTime" => last_modified: Reading<Instant>,
        "startDateTime" => start: Reading<Instant>,
        "endDateTime" => end: Reading<Instant>,
        "joinWebUrl" => join_web_url: Reading<String>,
        "organizer" => organizer: Reading<IdentitySet>,
        "participants" => participants: List<IdentitySet>,
        "organizer_v2" => organizer_v2: Reading<Participant>,
        "participants_v2" => participants_v2: List<Participant>,
        "participants_v2@odata.nextLink" => participants_v2_next_link: Reading<String>,
        "sessions" => sessions: List<Session>,
        "sessions@odata.nextLink" => sessions_next_link: Reading<String>,
        "caller" => caller: Reading<Endpoint>,
        "callee" => callee: Reading<Endpoint>,
        "failureInfo" => failure_info: Reading<FailureInfo>,
        "isTest" => is_test: Reading<bool>,
        "segments" => segments: List<Segment>,
        "segments@odata.nextLink" => segments_next_link: Reading<String>,
        "media" => media: List<Media>,
        "subscriptionId" => subscription_id: Reading<String>,
        "changeType" => change_type: Reading<String>,
        "resource" => resource: Reading<String>,
        "resourceData" => resource_data: Reading<ResourceData>,
    }
);

/// A call record: the whole call.
#[derive(Debug, Clone, Default)]
pub struct CallRecord {
    pub id: Reading<String>,
    pub version: Reading<f64>,
    pub call_type: Reading<CallType>,
    pub modalities: List<Modality>,
    pub last_modified: Reading<Instant>,
    pub start: Reading<Instant>,
    pub end: Reading<Instant>,
    pub join_web_url: Reading<String>,
    /// Deprecated by Graph (June 2026) but the only organizer in older exports.
    pub organizer: Reading<IdentitySet>,
    /// Deprecated by Graph (June 2026); see `participants_v2`.
    pub participants: List<IdentitySet>,
    pub organizer_v2: Reading<Participant>,
    pub participants_v2: List<Participant>,
    pub participants_v2_next_link: Reading<String>,
    /// Only present when the request expanded sessions.
    pub sessions: List<Session>,
    pub sessions_next_link: Reading<String>,
    pub extra: super::Extra,
}

wire_object!(
    /// One participant's leg of the call (or the whole of a peer-to-peer call).
    Session {
        "id" => id: Reading<String>,
        "@odata.type" => odata_type: Reading<String>,
        "modalities" => modalities: List<Modality>,
        "startDateTime" => start: Reading<Instant>,
        "endDateTime" => end: Reading<Instant>,
        "isTest" => is_test: Reading<bool>,
        "failureInfo" => failure_info: Reading<FailureInfo>,
        "caller" => caller: Reading<Endpoint>,
        "callee" => callee: Reading<Endpoint>,
        "segments" => segments: List<Segment>,
        "segments@odata.nextLink" => segments_next_link: Reading<String>,
    }
);

wire_object!(
    /// A stretch of a session between two endpoints.
    Segment {
        "id" => id: Reading<String>,
        "@odata.type" => odata_type: Reading<String>,
        "startDateTime" => start: Reading<Instant>,
        "endDateTime" => end: Reading<Instant>,
        "failureInfo" => failure_info: Reading<FailureInfo>,
        "caller" => caller: Reading<Endpoint>,
        "callee" => callee: Reading<Endpoint>,
        "media" => media: List<Media>,
    }
);

wire_object!(
    /// A participant or service endpoint; `@odata.type` or the shape says which.
    Endpoint {
        "@odata.type" => odata_type: Reading<String>,
        "userAgent" => user_agent: Reading<UserAgent>,
        "associatedIdentity" => associated_identity: Reading<Identity>,
        "identity" => identity: Reading<IdentitySet>,
        "feedback" => feedback: Reading<UserFeedback>,
        "name" => name: Reading<String>,
        "cpuName" => cpu_name: Reading<String>,
        "cpuCoresCount" => cpu_cores_count: Reading<f64>,
        "cpuProcessorSpeedInMhz" => cpu_processor_speed_mhz: Reading<f64>,
    }
);

wire_object!(
    /// A client or service user agent.
    UserAgent {
        "@odata.type" => odata_type: Reading<String>,
        "headerValue" => header_value: Reading<String>,
        "applicationVersion" => application_version: Reading<String>,
        "platform" => platform: Reading<ClientPlatform>,
        "productFamily" => product_family: Reading<ProductFamily>,
        "azureADAppId" => azure_ad_app_id: Reading<String>,
        "communicationServiceId" => communication_service_id: Reading<String>,
        "role" => role: Reading<ServiceRole>,
    }
);

wire_object!(
    /// Why a session or segment failed.
    FailureInfo {
        "@odata.type" => odata_type: Reading<String>,
        "stage" => stage: Reading<FailureStage>,
        "reason" => reason: Reading<String>,
    }
);

wire_object!(
    /// A user's rating of the call.
    UserFeedback {
        "@odata.type" => odata_type: Reading<String>,
        "rating" => rating: Reading<FeedbackRating>,
        "text" => text: Reading<String>,
        "tokens" => tokens: Reading<TokenSet>,
    }
);

/// `feedbackTokenSet`: an open set of named booleans (`DistortedSound`, …), in input order.
#[derive(Debug, Clone, Default)]
pub struct TokenSet {
    pub tokens: Vec<(String, Reading<bool>)>,
}

impl FromJson for TokenSet {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Reading<Self>, A::Error> {
        let mut set = TokenSet::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0.starts_with("@odata.") {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            set.tokens.push((key.0.into_owned(), map.next_value()?));
        }
        Ok(Reading::Present(set))
    }
}

wire_object!(
    /// One media stream pair (audio, video, screen sharing, data) of a segment.
    Media {
        "@odata.type" => odata_type: Reading<String>,
        "label" => label: Reading<String>,
        "callerNetwork" => caller_network: Reading<NetworkInfo>,
        "calleeNetwork" => callee_network: Reading<NetworkInfo>,
        "callerDevice" => caller_device: Reading<DeviceInfo>,
        "calleeDevice" => callee_device: Reading<DeviceInfo>,
        "streams" => streams: List<MediaStream>,
    }
);

wire_object!(
    /// One direction of a media: the quality metrics, reported by the receiving endpoint.
    MediaStream {
        "@odata.type" => odata_type: Reading<String>,
        "streamId" => stream_id: Reading<String>,
        "streamDirection" => stream_direction: Reading<StreamDirection>,
        "startDateTime" => start: Reading<Instant>,
        "endDateTime" => end: Reading<Instant>,
        "audioCodec" => audio_codec: Reading<AudioCodec>,
        "videoCodec" => video_codec: Reading<VideoCodec>,
        "averageAudioDegradation" => average_audio_degradation: Reading<f64>,
        "averageJitter" => average_jitter: Reading<Millis>,
        "maxJitter" => max_jitter: Reading<Millis>,
        "averageAudioNetworkJitter" => average_audio_network_jitter: Reading<Millis>,
        "maxAudioNetworkJitter" => max_audio_network_jitter: Reading<Millis>,
        "averagePacketLossRate" => average_packet_loss_rate: Reading<f64>,
        "maxPacketLossRate" => max_packet_loss_rate: Reading<f64>,
        "averageRatioOfConcealedSamples" => average_ratio_of_concealed_samples: Reading<f64>,
        "maxRatioOfConcealedSamples" => max_ratio_of_concealed_samples: Reading<f64>,
        "averageRoundTripTime" => average_round_trip_time: Reading<Millis>,
        "maxRoundTripTime" => max_round_trip_time: Reading<Millis>,
        "averageBandwidthEstimate" => average_bandwidth_estimate: Reading<f64>,
        "packetUtilization" => packet_utilization: Reading<f64>,
        "postForwardErrorCorrectionPacketLossRate" =>
            post_fec_packet_loss_rate: Reading<f64>,
        "isAudioForwardErrorCorrectionUsed" => is_audio_fec_used: Reading<bool>,
        "averageVideoFrameLossPercentage" => average_video_frame_loss_percentage: Reading<f64>,
        "averageVideoFrameRate" => average_video_frame_rate: Reading<f64>,
        "averageReceivedFrameRate" => average_received_frame_rate: Reading<f64>,
        "averageVideoPacketLossRate" => average_video_packet_loss_rate: Reading<f64>,
        "lowFrameRateRatio" => low_frame_rate_ratio: Reading<f64>,
        "lowVideoProcessingCapabilityRatio" => low_video_processing_capability_ratio: Reading<f64>,
        "averageFreezeDuration" => average_freeze_duration: Reading<Millis>,
        "rmsFreezeDuration" => rms_freeze_duration: Reading<Millis>,
        "wasMediaBypassed" => was_media_bypassed: Reading<bool>,
    }
);

wire_object!(
    /// The network one endpoint used for a media.
    NetworkInfo {
        "@odata.type" => odata_type: Reading<String>,
        "connectionType" => connection_type: Reading<ConnectionType>,
        "networkTransportProtocol" => transport: Reading<TransportProtocol>,
        "ipAddress" => ip_address: Reading<String>,
        "subnet" => subnet: Reading<String>,
        "reflexiveIPAddress" => reflexive_ip_address: Reading<String>,
        "relayIPAddress" => relay_ip_address: Reading<String>,
        "relayPort" => relay_port: Reading<f64>,
        "port" => port: Reading<f64>,
        "linkSpeed" => link_speed: Reading<f64>,
        "macAddress" => mac_address: Reading<String>,
        "dnsSuffix" => dns_suffix: Reading<String>,
        "basicServiceSetIdentifier" => bssid: Reading<String>,
        "wifiBand" => wifi_band: Reading<WifiBand>,
        "wifiRadioType" => wifi_radio_type: Reading<WifiRadioType>,
        "wifiChannel" => wifi_channel: Reading<f64>,
        "wifiSignalStrength" => wifi_signal_strength: Reading<f64>,
        "wifiBatteryCharge" => wifi_battery_charge: Reading<f64>,
        "wifiMicrosoftDriver" => wifi_microsoft_driver: Reading<String>,
        "wifiMicrosoftDriverVersion" => wifi_microsoft_driver_version: Reading<String>,
        "wifiVendorDriver" => wifi_vendor_driver: Reading<String>,
        "wifiVendorDriverVersion" => wifi_vendor_driver_version: Reading<String>,
        "sentQualityEventRatio" => sent_quality_event_ratio: Reading<f64>,
        "receivedQualityEventRatio" => received_quality_event_ratio: Reading<f64>,
        "delayEventRatio" => delay_event_ratio: Reading<f64>,
        "bandwidthLowEventRatio" => bandwidth_low_event_ratio: Reading<f64>,
        "traceRouteHops" => trace_route_hops: List<TraceRouteHop>,
    }
);

wire_object!(
    /// One hop of a trace route.
    TraceRouteHop {
        "@odata.type" => odata_type: Reading<String>,
        "hopCount" => hop_count: Reading<f64>,
        "ipAddress" => ip_address: Reading<String>,
        "roundTripTime" => round_trip_time: Reading<Millis>,
    }
);

wire_object!(
    /// The audio and video devices one endpoint used for a media.
    DeviceInfo {
        "@odata.type" => odata_type: Reading<String>,
        "captureDeviceName" => capture_device_name: Reading<String>,
        "captureDeviceDriver" => capture_device_driver: Reading<String>,
        "renderDeviceName" => render_device_name: Reading<String>,
        "renderDeviceDriver" => render_device_driver: Reading<String>,
        "sentSignalLevel" => sent_signal_level: Reading<f64>,
        "receivedSignalLevel" => received_signal_level: Reading<f64>,
        "sentNoiseLevel" => sent_noise_level: Reading<f64>,
        "receivedNoiseLevel" => received_noise_level: Reading<f64>,
        "initialSignalLevelRootMeanSquare" => initial_signal_level_rms: Reading<f64>,
        "micGlitchRate" => mic_glitch_rate: Reading<f64>,
        "speakerGlitchRate" => speaker_glitch_rate: Reading<f64>,
        "howlingEventCount" => howling_event_count: Reading<f64>,
        "cpuInsufficentEventRatio" => cpu_insufficient_event_ratio: Reading<f64>,
        "captureNotFunctioningEventRatio" => capture_not_functioning_event_ratio: Reading<f64>,
        "renderNotFunctioningEventRatio" => render_not_functioning_event_ratio: Reading<f64>,
        "deviceGlitchEventRatio" => device_glitch_event_ratio: Reading<f64>,
        "deviceClippingEventRatio" => device_clipping_event_ratio: Reading<f64>,
        "lowSpeechLevelEventRatio" => low_speech_level_event_ratio: Reading<f64>,
        "lowSpeechToNoiseEventRatio" => low_speech_to_noise_event_ratio: Reading<f64>,
        "renderZeroVolumeEventRatio" => render_zero_volume_event_ratio: Reading<f64>,
        "renderMuteEventRatio" => render_mute_event_ratio: Reading<f64>,
    }
);

wire_object!(
    /// `identity` and its kinds (`userIdentity`, `communicationsUserIdentity`, …).
    Identity {
        "@odata.type" => odata_type: Reading<String>,
        "id" => id: Reading<String>,
        "displayName" => display_name: Reading<String>,
        "tenantId" => tenant_id: Reading<String>,
        "userPrincipalName" => user_principal_name: Reading<String>,
        "email" => email: Reading<String>,
        "azureCommunicationServicesResourceId" => acs_resource_id: Reading<String>,
    }
);

/// `identitySet` / `communicationsIdentitySet`: named identities (`user`, `phone`, `guest`,
/// `acsUser`, …). Real payloads carry undocumented members, so any key holding an object is an
/// identity, kept in input order.
#[derive(Debug, Clone, Default)]
pub struct IdentitySet {
    pub members: Vec<(String, Reading<Identity>)>,
    pub endpoint_type: Reading<EndpointType>,
    pub odata_type: Reading<String>,
}

impl IdentitySet {
    /// The first member that holds an identity, with its key.
    pub fn first(&self) -> Option<(&str, &Identity)> {
        self.members
            .iter()
            .find_map(|(k, v)| v.value().map(|id| (k.as_str(), id)))
    }
}

impl Audit for TokenSet {
    fn audit(&self, trail: &mut Trail, out: &mut Log) {
        for (key, value) in &self.tokens {
            trail.owned_key(key);
            value.audit(trail, out);
            trail.pop();
        }
    }
}

impl Audit for IdentitySet {
    fn audit(&self, trail: &mut Trail, out: &mut Log) {
        for (key, value) in &self.members {
            trail.owned_key(key);
            value.audit(trail, out);
            trail.pop();
        }
        trail.key("endpointType");
        self.endpoint_type.audit(trail, out);
        trail.pop();
    }
}

impl Audit for CallRecord {
    fn audit(&self, trail: &mut Trail, out: &mut Log) {
        let fields: [(&'static str, &dyn Audit); 13] = [
            ("id", &self.id),
            ("version", &self.version),
            ("type", &self.call_type),
            ("modalities", &self.modalities),
            ("lastModifiedDateTime", &self.last_modified),
            ("startDateTime", &self.start),
            ("endDateTime", &self.end),
            ("joinWebUrl", &self.join_web_url),
            ("organizer", &self.organizer),
            ("participants", &self.participants),
            ("organizer_v2", &self.organizer_v2),
            ("participants_v2", &self.participants_v2),
            ("sessions", &self.sessions),
        ];
        for (key, field) in fields {
            trail.key(key);
            field.audit(trail, out);
            trail.pop();
        }
    }
}

impl FromJson for IdentitySet {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Reading<Self>, A::Error> {
        let mut set = IdentitySet::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.0.as_ref() {
                "endpointType" => set.endpoint_type = map.next_value()?,
                "@odata.type" => set.odata_type = map.next_value()?,
                k if k.contains('@') => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => set.members.push((key.0.into_owned(), map.next_value()?)),
            }
        }
        Ok(Reading::Present(set))
    }

    fn from_text(text: &str) -> Reading<Self> {
        Reading::Invalid(super::reading::text_instead_of_structure(text))
    }
}

wire_object!(
    /// `organizer` / `participant` (`participantBase`) of `organizer_v2` and `participants_v2`.
    Participant {
        "@odata.type" => odata_type: Reading<String>,
        "id" => id: Reading<String>,
        "identity" => identity: Reading<IdentitySet>,
        "administrativeUnitInfos" => administrative_unit_infos: List<AdministrativeUnitInfo>,
    }
);

wire_object!(
    /// An administrative unit a participant belongs to.
    AdministrativeUnitInfo {
        "id" => id: Reading<String>,
    }
);

wire_object!(
    /// A Graph error envelope's `error` object.
    GraphError {
        "code" => code: Reading<String>,
        "message" => message: Reading<String>,
        "innerError" => inner_error: Reading<InnerError>,
    }
);

wire_object!(
    /// Graph's `innerError`: when and which request.
    InnerError {
        "date" => date: Reading<String>,
        "request-id" => request_id: Reading<String>,
        "client-request-id" => client_request_id: Reading<String>,
    }
);

wire_object!(
    /// The `resourceData` of a change notification.
    ResourceData {
        "@odata.type" => odata_type: Reading<String>,
        "@odata.id" => odata_id: Reading<String>,
        "id" => id: Reading<String>,
    }
);

impl Node {
    /// This node read as a call record.
    pub fn into_call_record(self) -> CallRecord {
        CallRecord {
            id: self.id,
            version: self.version,
            call_type: self.call_type,
            modalities: self.modalities,
            last_modified: self.last_modified,
            start: self.start,
            end: self.end,
            join_web_url: self.join_web_url,
            organizer: self.organizer,
            participants: self.participants,
            organizer_v2: self.organizer_v2,
            participants_v2: self.participants_v2,
            participants_v2_next_link: self.participants_v2_next_link,
            sessions: self.sessions,
            sessions_next_link: self.sessions_next_link,
            extra: self.extra,
        }
    }

    /// This node read as a session.
    pub fn into_session(self) -> Session {
        Session {
            id: self.id,
            odata_type: self.odata_type,
            modalities: self.modalities,
            start: self.start,
            end: self.end,
            is_test: self.is_test,
            failure_info: self.failure_info,
            caller: self.caller,
            callee: self.callee,
            segments: self.segments,
            segments_next_link: self.segments_next_link,
            extra: self.extra,
        }
    }

    /// This node read as a segment.
    pub fn into_segment(self) -> Segment {
        Segment {
            id: self.id,
            odata_type: self.odata_type,
            start: self.start,
            end: self.end,
            failure_info: self.failure_info,
            caller: self.caller,
            callee: self.callee,
            media: self.media,
            extra: self.extra,
        }
    }
}
