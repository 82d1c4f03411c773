//! Graph's enumerations, each with an `Other` member that keeps unknown values verbatim.
//!
//! Graph's enums are evolvable: new members arrive as `unknownFutureValue` or, with the right
//! `Prefer` header, under their new name. The viewer must show whatever came, so parsing never
//! fails; matching ignores ASCII case because the documentation and the API disagree on some
//! spellings (`xmsRTA` vs `xmsRta`).

use super::reading::{is_placeholder, FromJson, Invalid, Reading, Why};

/// What every Graph enum offers, for code that shows any of them.
pub trait GraphEnum {
    /// The value as Graph spells it, or as the input had it.
    fn wire(&self) -> &str;
    /// False for values outside the documented members.
    fn recognised(&self) -> bool;
}

/// Declares an evolvable Graph enum: its members with their wire names, plus `Other(String)`.
macro_rules! graph_enum {
    ($(#[$doc:meta])* $name:ident { $($member:ident = $wire:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum $name {
            $($member,)*
            /// A value outside the documented members, kept as written.
            Other(String),
        }

        impl $name {
            /// Reads a wire value; unknown values become `Other`.
            pub fn parse(text: &str) -> Self {
                $(if text.eq_ignore_ascii_case($wire) { return $name::$member; })*
                $name::Other(text.to_owned())
            }

            /// The value as Graph spells it (or as the input had it, for `Other`).
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$member => $wire,)*
                    $name::Other(text) => text,
                }
            }

            /// False for values outside the documented members.
            pub fn is_recognised(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl GraphEnum for $name {
            fn wire(&self) -> &str {
                self.as_str()
            }

            fn recognised(&self) -> bool {
                self.is_recognised()
            }
        }

        impl FromJson for $name {
            fn from_text(text: &str) -> Reading<Self> {
                if is_placeholder(text) {
                    Reading::Invalid(Invalid::new(Why::Placeholder, text))
                } else {
                    Reading::Present($name::parse(text))
                }
            }
        }
    };
}

graph_enum!(
    /// `callType`.
    CallType {
        Unknown = "unknown",
        GroupCall = "groupCall",
        PeerToPeer = "peerToPeer",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `modality`.
    Modality {
        Unknown = "unknown",
        Audio = "audio",
        Video = "video",
        VideoBasedScreenSharing = "videoBasedScreenSharing",
        Data = "data",
        ScreenSharing = "screenSharing",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `mediaStreamDirection`.
    StreamDirection {
        CallerToCallee = "callerToCallee",
        CalleeToCaller = "calleeToCaller",
    }
);

graph_enum!(
    /// `networkConnectionType`.
    ConnectionType {
        Unknown = "unknown",
        Wired = "wired",
        Wifi = "wifi",
        Mobile = "mobile",
        Tunnel = "tunnel",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `networkTransportProtocol`.
    TransportProtocol {
        Unknown = "unknown",
        Udp = "udp",
        Tcp = "tcp",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `wifiBand`.
    WifiBand {
        Unknown = "unknown",
        Frequency24GHz = "frequency24GHz",
        Frequency50GHz = "frequency50GHz",
        Frequency60GHz = "frequency60GHz",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `wifiRadioType`.
    WifiRadioType {
        Unknown = "unknown",
        Wifi80211a = "wifi80211a",
        Wifi80211b = "wifi80211b",
        Wifi80211g = "wifi80211g",
        Wifi80211n = "wifi80211n",
        Wifi80211ac = "wifi80211ac",
        Wifi80211ax = "wifi80211ax",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `failureStage`.
    FailureStage {
        Unknown = "unknown",
        CallSetup = "callSetup",
        Midcall = "midcall",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `productFamily`.
    ProductFamily {
        Unknown = "unknown",
        Teams = "teams",
        SkypeForBusiness = "skypeForBusiness",
        Lync = "lync",
        UnknownFutureValue = "unknownFutureValue",
        AzureCommunicationServices = "azureCommunicationServices",
    }
);

graph_enum!(
    /// `clientPlatform`.
    ClientPlatform {
        Unknown = "unknown",
        Windows = "windows",
        MacOs = "macOS",
        Ios = "iOS",
        Android = "android",
        Web = "web",
        IpPhone = "ipPhone",
        RoomSystem = "roomSystem",
        SurfaceHub = "surfaceHub",
        HoloLens = "holoLens",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `serviceRole`.
    ServiceRole {
        Unknown = "unknown",
        CustomBot = "customBot",
        SkypeForBusinessMicrosoftTeamsGateway = "skypeForBusinessMicrosoftTeamsGateway",
        SkypeForBusinessAudioVideoMcu = "skypeForBusinessAudioVideoMcu",
        SkypeForBusinessApplicationSharingMcu = "skypeForBusinessApplicationSharingMcu",
        SkypeForBusinessCallQueues = "skypeForBusinessCallQueues",
        SkypeForBusinessAutoAttendant = "skypeForBusinessAutoAttendant",
        MediationServer = "mediationServer",
        MediationServerCloudConnectorEdition = "mediationServerCloudConnectorEdition",
        ExchangeUnifiedMessagingService = "exchangeUnifiedMessagingService",
        MediaController = "mediaController",
        ConferencingAnnouncementService = "conferencingAnnouncementService",
        ConferencingAttendant = "conferencingAttendant",
        AudioTeleconferencerController = "audioTeleconferencerController",
        SkypeForBusinessUnifiedCommunicationApplicationPlatform =
            "skypeForBusinessUnifiedCommunicationApplicationPlatform",
        ResponseGroupServiceAnnouncementService = "responseGroupServiceAnnouncementService",
        Gateway = "gateway",
        SkypeTranslator = "skypeTranslator",
        SkypeForBusinessAttendant = "skypeForBusinessAttendant",
        ResponseGroupService = "responseGroupService",
        Voicemail = "voicemail",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `audioCodec`.
    AudioCodec {
        Unknown = "unknown",
        Invalid = "invalid",
        Cn = "cn",
        Pcma = "pcma",
        Pcmu = "pcmu",
        AmrWide = "amrWide",
        G722 = "g722",
        G7221 = "g7221",
        G7221c = "g7221c",
        G729 = "g729",
        MultiChannelAudio = "multiChannelAudio",
        Muchv2 = "muchv2",
        Opus = "opus",
        Satin = "satin",
        SatinFullband = "satinFullband",
        RtAudio8 = "rtAudio8",
        RtAudio16 = "rtAudio16",
        Silk = "silk",
        SilkNarrow = "silkNarrow",
        SilkWide = "silkWide",
        Siren = "siren",
        XmsRta = "xmsRta",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `videoCodec`.
    VideoCodec {
        Unknown = "unknown",
        Invalid = "invalid",
        Av1 = "av1",
        H263 = "h263",
        H264 = "h264",
        H264s = "h264s",
        H264uc = "h264uc",
        H265 = "h265",
        Rtvc1 = "rtvc1",
        RtVideo = "rtVideo",
        Xrtvc1 = "xrtvc1",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `userFeedbackRating`.
    FeedbackRating {
        NotRated = "notRated",
        Bad = "bad",
        Poor = "poor",
        Fair = "fair",
        Good = "good",
        Excellent = "excellent",
        UnknownFutureValue = "unknownFutureValue",
    }
);

graph_enum!(
    /// `endpointType` of a communications identity set.
    EndpointType {
        Default = "default",
        Voicemail = "voicemail",
        SkypeForBusiness = "skypeForBusiness",
        SkypeForBusinessVoipPhone = "skypeForBusinessVoipPhone",
        UnknownFutureValue = "unknownFutureValue",
    }
);

impl AudioCodec {
    /// `unknown`, `invalid` and the future-value marker name no codec.
    pub fn names_a_codec(&self) -> bool {
        !matches!(
            self,
            AudioCodec::Unknown | AudioCodec::Invalid | AudioCodec::UnknownFutureValue
        )
    }
}

impl VideoCodec {
    /// `unknown`, `invalid` and the future-value marker name no codec.
    pub fn names_a_codec(&self) -> bool {
        !matches!(
            self,
            VideoCodec::Unknown | VideoCodec::Invalid | VideoCodec::UnknownFutureValue
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_members_are_kept_verbatim() {
        let got = ConnectionType::parse("satelliteExample");
        assert_eq!(got, ConnectionType::Other("satelliteExample".into()));
        assert_eq!(got.as_str(), "satelliteExample");
        assert!(!got.is_recognised());
    }

    #[test]
    fn matching_ignores_case_but_display_uses_graph_spelling() {
        assert_eq!(AudioCodec::parse("xmsRTA"), AudioCodec::XmsRta);
        assert_eq!(AudioCodec::parse("xmsRTA").as_str(), "xmsRta");
        assert!(ProductFamily::parse("azureCommunicationServices").is_recognised());
        assert!(CallType::parse("unknownFutureValue").is_recognised());
    }

    #[test]
    fn placeholders_are_not_enum_values() {
        let got: Reading<FailureStage> = serde_json::from_str("\"String\"").expect("reads");
        assert_eq!(got.invalid().map(|i| i.why), Some(Why::Placeholder));
    }
}
