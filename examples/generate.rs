//! Writes synthetic call records of a chosen size, for the benchmarks and the counting test.
//!
//! `cargo run --release --example generate -- --target-bytes 10000000 --out FILE` grows a group
//! call session by session until the file reaches the size; `--sessions N` fixes the count
//! instead. Each session is one participant's leg to the conferencing service (as Graph reports
//! group calls), split into `--segments-per-session K` segments; every segment carries audio
//! (`main-audio`, two streams), most carry video (`main-video`) and some screen sharing
//! (`applicationsharing-video`). About 5 % of streams cross a CQD line (with more than 500
//! packets), about 2 % of audio streams stay under the packet gate, and about 2 % of sessions
//! fail mid-call. The output is pretty-printed like a Graph export and depends only on the
//! options and `--seed`.
//!
//! The generator predicts what `callscope::analysis` must count and prints it on one line
//! (`counts: bytes=… sessions=… segments=… …`); `tests/generated.rs` holds it to that.
//!
//! This file is also compiled as a module of `tests/generated.rs` and `benches/load.rs`
//! (`#[path]`), so the generator itself is plain functions and `main` only reads arguments.

use callscope::model::iso::civil_from_days;
use std::fmt::Write as _;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Seed of the random choices; the same options give the same bytes.
    pub seed: u64,
    /// Number of sessions, when `target_bytes` is `None`.
    pub sessions: usize,
    /// Segments in each session.
    pub segments_per_session: usize,
    /// Grow sessions until the text is at least this long.
    pub target_bytes: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            sessions: 10,
            segments_per_session: 1,
            target_bytes: None,
        }
    }
}

/// What the generated record holds, as `callscope::analysis` should count it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub bytes: usize,
    pub sessions: usize,
    pub segments: usize,
    pub media: usize,
    pub streams: usize,
    pub poor_streams: usize,
    pub unclassified_streams: usize,
    pub failed_sessions: usize,
    pub failed_segments: usize,
    pub device_problems: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "bytes={} sessions={} segments={} media={} streams={} poor_streams={} \
             unclassified_streams={} failed_sessions={} failed_segments={} device_problems={}",
            self.bytes,
            self.sessions,
            self.segments,
            self.media,
            self.streams,
            self.poor_streams,
            self.unclassified_streams,
            self.failed_sessions,
            self.failed_segments,
            self.device_problems
        )
    }
}

/// Share of streams that cross a CQD line.
const POOR_SHARE: f64 = 0.05;
/// Share of audio streams with 500 packets or fewer (a muted microphone): unclassified.
const MUTED_SHARE: f64 = 0.02;
/// Share of sessions that fail mid-call.
const FAILED_SHARE: f64 = 0.02;
/// Share of audio media whose microphone was not working (Call Analytics' device rule).
const BROKEN_MIC_SHARE: f64 = 0.01;
/// Graph lists at most 130 participants per page.
const MAX_PARTICIPANTS: usize = 130;
/// The meeting: 2026-11-24T14:00:00Z, three hours, in 100-ns ticks since the Unix epoch.
const MEETING_START: i64 = 1_795_528_800 * TICKS_PER_SECOND;
const MEETING_LENGTH: i64 = 3 * 3600 * TICKS_PER_SECOND;
const TICKS_PER_SECOND: i64 = 10_000_000;
const TENANT: &str = "3f6b2c1e-8a4d-4e7b-b1c9-6d0e2a5f7c31";

/// Generates a call record: the JSON text and what it holds.
pub fn generate(options: &Options) -> (String, Counts) {
    let mut rng = Rng::new(options.seed);
    let people_count = match options.target_bytes {
        Some(_) => MAX_PARTICIPANTS,
        None => options.sessions.clamp(1, MAX_PARTICIPANTS),
    };
    let people: Vec<Person> = (0..people_count)
        .map(|i| Person::new(i, &mut rng))
        .collect();
    let call_id = rng.guid();
    let capacity = options.target_bytes.unwrap_or(options.sessions * 12_000) + 4096;
    let mut g = Generator {
        json: Json::with_capacity(capacity),
        rng,
        counts: Counts::default(),
        next_stream_id: 3_318_250_471,
    };

    g.json.open_object(None);
    g.record_header(&call_id, &people);
    g.json.open_array(Some("sessions"));
    let segments = options.segments_per_session.max(1);
    let mut index = 0;
    loop {
        let done = match options.target_bytes {
            Some(bytes) => g.json.out.len() >= bytes,
            None => index >= options.sessions,
        };
        if done {
            break;
        }
        g.session(index, segments, &people);
        index += 1;
    }
    g.json.close();
    g.json.close();
    g.json.out.push('\n');

    g.counts.bytes = g.json.out.len();
    (g.json.out, g.counts)
}

struct Generator {
    json: Json,
    rng: Rng,
    counts: Counts,
    next_stream_id: u64,
}

impl Generator {
    fn record_header(&mut self, call_id: &str, people: &[Person]) {
        let j = &mut self.json;
        let base = "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords";
        j.string(
            "@odata.context",
            &format!("{base}(sessions(segments()))/$entity"),
        );
        j.string("id", call_id);
        j.raw("version", "3");
        j.string("type", "groupCall");
        j.strings("modalities", &["audio", "video", "videoBasedScreenSharing"]);
        j.string(
            "lastModifiedDateTime",
            &instant(MEETING_START + MEETING_LENGTH + 1_174_000_000),
        );
        j.string("startDateTime", &instant(MEETING_START));
        j.string("endDateTime", &instant(MEETING_START + MEETING_LENGTH));
        j.string(
            "joinWebUrl",
            &format!(
                "https://teams.example.invalid/l/meetup-join/19%3ameeting_{call_id}%40thread.v2/0"
            ),
        );
        j.string(
            "organizer_v2@odata.context",
            &format!("{base}('{call_id}')/organizer_v2/$entity"),
        );
        j.open_object(Some("organizer_v2"));
        participant_body(j, &people[0]);
        j.close();
        j.string(
            "participants_v2@odata.context",
            &format!("{base}('{call_id}')/participants_v2"),
        );
        j.open_array(Some("participants_v2"));
        for person in people {
            j.open_object(None);
            participant_body(j, person);
            j.close();
        }
        j.close();
        j.string(
            "sessions@odata.context",
            &format!("{base}('{call_id}')/sessions(segments())"),
        );
    }

    /// One participant's leg: the organizer's session spans the meeting and shares its
    /// screen, so the record's times and modalities are those of its sessions.
    fn session(&mut self, index: usize, segments: usize, people: &[Person]) {
        let person = match index {
            i if i < people.len() => &people[i],
            _ => &people[self.rng.below(people.len())],
        };
        let (start, end) = if index == 0 {
            (MEETING_START, MEETING_START + MEETING_LENGTH)
        } else {
            let start = MEETING_START + self.rng.range_i64(0, MEETING_LENGTH * 5 / 6);
            let length = self.rng.range_i64(
                60 * TICKS_PER_SECOND,
                MEETING_START + MEETING_LENGTH - start,
            );
            (start, start + length)
        };
        let has_video = index == 0 || self.rng.chance(0.6);
        let has_sharing = index == 0 || self.rng.chance(0.15);
        let failure = (index != 0 && self.rng.chance(FAILED_SHARE)).then(|| self.failure_reason());
        let session_id = self.rng.guid();

        self.counts.sessions += 1;
        self.counts.failed_sessions += usize::from(failure.is_some());
        let j = &mut self.json;
        j.open_object(None);
        j.string("id", &session_id);
        let mut modalities = vec!["audio"];
        if has_video {
            modalities.push("video");
        }
        if has_sharing {
            modalities.push("videoBasedScreenSharing");
        }
        j.strings("modalities", &modalities);
        j.string("startDateTime", &instant(start));
        j.string("endDateTime", &instant(end));
        j.raw("isTest", "false");
        failure_info(j, failure);
        j.open_object(Some("caller"));
        participant_endpoint(j, person, true);
        j.close();
        j.open_object(Some("callee"));
        service_endpoint(j);
        j.close();

        j.open_array(Some("segments"));
        let step = (end - start) / segments as i64;
        for k in 0..segments {
            let (from, to) = (start + step * k as i64, start + step * (k as i64 + 1));
            let is_last = k + 1 == segments;
            let fails = if is_last { failure } else { None };
            self.segment(person, (from, to), fails, has_video, has_sharing);
        }
        self.json.close();
        self.json.close();
    }

    fn failure_reason(&mut self) -> &'static str {
        const REASONS: [&str; 4] = [
            "Media timeout: no media received from the client for 30 s after a network change (call dropped)",
            "Network interruption: the client lost connectivity to the media relay",
            "Transport failure: ICE connectivity checks failed after a network change",
            "Call ended unexpectedly: the client stopped responding (application crash)",
        ];
        REASONS[self.rng.below(REASONS.len())]
    }

    fn segment(
        &mut self,
        person: &Person,
        (start, end): (i64, i64),
        failure: Option<&str>,
        has_video: bool,
        has_sharing: bool,
    ) {
        self.counts.segments += 1;
        self.counts.failed_segments += usize::from(failure.is_some());
        let id = self.rng.guid();
        let j = &mut self.json;
        j.open_object(None);
        j.string("id", &id);
        j.string("startDateTime", &instant(start));
        j.string("endDateTime", &instant(end));
        failure_info(j, failure);
        j.open_object(Some("caller"));
        participant_endpoint(j, person, false);
        j.close();
        j.open_object(Some("callee"));
        service_endpoint(j);
        j.close();

        j.open_array(Some("media"));
        let port = 50_000 + 2 * self.rng.below(2000) as u32;
        self.media(person, Kind::Audio, port);
        if has_video {
            self.media(person, Kind::Video, port + 2);
        }
        if has_sharing {
            self.media(person, Kind::Sharing, port + 4);
        }
        self.json.close();
        self.json.close();
    }

    fn media(&mut self, person: &Person, kind: Kind, port: u32) {
        self.counts.media += 1;
        // Video goes one way when the participant's camera is off.
        let directions: &[&str] = match kind {
            Kind::Audio => &["callerToCallee", "calleeToCaller"],
            _ if self.rng.chance(0.2) => &["calleeToCaller"],
            _ => &["callerToCallee", "calleeToCaller"],
        };
        let broken_mic = kind == Kind::Audio && self.rng.chance(BROKEN_MIC_SHARE);
        self.counts.device_problems += usize::from(broken_mic);

        self.json.open_object(None);
        self.json.string("label", kind.label());
        caller_network(&mut self.json, person, port, kind == Kind::Audio);
        self.json.open_object(Some("calleeNetwork"));
        self.json.string("ipAddress", "203.0.113.140");
        self.json.string("connectionType", "wired");
        self.json.raw("port", &(3479 + port % 3).to_string());
        self.json.string("networkTransportProtocol", "udp");
        self.json.close();
        if kind == Kind::Audio {
            self.audio_device(person, broken_mic);
        } else {
            self.json.raw("callerDevice", "null");
        }
        self.json.open_array(Some("streams"));
        for direction in directions {
            self.stream(kind, direction);
        }
        self.json.close();
        self.json.close();
    }

    fn audio_device(&mut self, person: &Person, broken_mic: bool) {
        let r = &mut self.rng;
        let capture_ratio = if broken_mic { r.range(0.01, 0.4) } else { 0.0 };
        let (sent_signal, received_signal) = (-r.range_i64(12, 26), -r.range_i64(14, 28));
        let (sent_noise, received_noise) = (-r.range_i64(60, 85), -r.range_i64(65, 90));
        let (rms, clipping) = (r.range(40.0, 160.0), r.range(0.0, 0.004));
        let (mic_glitches, speaker_glitches) = (r.below(20), r.below(40));

        let j = &mut self.json;
        j.open_object(Some("callerDevice"));
        j.string(
            "captureDeviceName",
            &format!("Microphone ({})", person.headset),
        );
        j.string("captureDeviceDriver", "Microsoft: 10.0.26100.2454");
        j.string(
            "renderDeviceName",
            &format!("Speakers ({})", person.headset),
        );
        j.string("renderDeviceDriver", "Microsoft: 10.0.26100.2454");
        j.raw("sentSignalLevel", &sent_signal.to_string());
        j.raw("receivedSignalLevel", &received_signal.to_string());
        j.raw("sentNoiseLevel", &sent_noise.to_string());
        j.raw("receivedNoiseLevel", &received_noise.to_string());
        j.raw("initialSignalLevelRootMeanSquare", &decimal(rms, 5));
        j.raw("cpuInsufficentEventRatio", "0");
        j.raw("renderNotFunctioningEventRatio", "0");
        j.raw(
            "captureNotFunctioningEventRatio",
            &decimal(capture_ratio, 4),
        );
        j.raw("deviceGlitchEventRatio", "0");
        j.raw("lowSpeechToNoiseEventRatio", "0");
        j.raw("lowSpeechLevelEventRatio", "0");
        j.raw("deviceClippingEventRatio", &decimal(clipping, 4));
        j.raw("howlingEventCount", "0");
        j.raw("renderZeroVolumeEventRatio", "0");
        j.raw("renderMuteEventRatio", "0");
        j.raw("micGlitchRate", &mic_glitches.to_string());
        j.raw("speakerGlitchRate", &speaker_glitches.to_string());
        j.close();
    }

    /// One stream with metrics that put it on a known side of every CQD line. Poor streams
    /// cross a line by a clear margin, so that rounding in the text cannot move them back.
    fn stream(&mut self, kind: Kind, direction: &str) {
        let draw = self.rng.unit();
        let quality = if draw < POOR_SHARE {
            Quality::Poor
        } else if kind == Kind::Audio && draw < POOR_SHARE + MUTED_SHARE {
            Quality::Muted
        } else {
            Quality::Good
        };
        self.counts.streams += 1;
        self.counts.poor_streams += usize::from(quality == Quality::Poor);
        self.counts.unclassified_streams += usize::from(quality == Quality::Muted);
        let id = self.next_stream_id;
        self.next_stream_id += 1;

        let r = &mut self.rng;
        let packets = match quality {
            Quality::Muted => r.range_i64(20, 480),
            _ if kind == Kind::Audio => r.range_i64(2_000, 150_000),
            _ => r.range_i64(5_000, 500_000),
        };
        let (mut jitter_ms, mut loss) = (r.range_i64(1, 20), r.range(0.0, 0.02));
        if quality == Quality::Poor && kind == Kind::Audio {
            match r.below(10) {
                0..=4 => jitter_ms = r.range_i64(35, 140),
                5..=7 => loss = r.range(0.12, 0.35),
                _ => (jitter_ms, loss) = (r.range_i64(35, 140), r.range(0.12, 0.35)),
            }
        }
        let round_trip_ms = r.range_i64(12, 180);
        let poor_video = quality == Quality::Poor && kind != Kind::Audio;
        let frame_loss = if poor_video {
            r.range(55.0, 95.0)
        } else {
            r.range(0.0, 4.0)
        };
        let frame_rate = match (kind, poor_video) {
            (Kind::Sharing, true) => r.range(0.1, 0.8),
            (Kind::Sharing, false) => r.range(2.0, 15.0),
            (_, true) => r.range(1.5, 6.0),
            (_, false) => r.range(15.0, 30.0),
        };
        let post_fec = if poor_video {
            r.range(0.16, 0.4)
        } else {
            r.range(0.0, 0.002)
        };
        let bandwidth = r.range_i64(1_000_000, 60_000_000);
        let (max_jitter, max_loss, max_rtt) = (
            jitter_ms + r.range_i64(2, 30),
            (loss * r.range(2.0, 8.0)).min(1.0),
            round_trip_ms + r.range_i64(5, 60),
        );
        let network_jitter = r.range_i64(2, 40);
        let codec_is_av1 = r.chance(0.3);

        let j = &mut self.json;
        j.open_object(None);
        j.string("streamId", &id.to_string());
        j.string("streamDirection", direction);
        match kind {
            Kind::Audio => {
                j.string("audioCodec", "satinFullband");
                j.string("videoCodec", "unknown");
            }
            Kind::Video => {
                j.string("audioCodec", "unknown");
                j.string("videoCodec", if codec_is_av1 { "av1" } else { "h264" });
            }
            Kind::Sharing => {
                j.string("audioCodec", "unknown");
                j.string("videoCodec", "h264");
            }
        }
        let audio = kind == Kind::Audio;
        j.raw_or_null("averageAudioDegradation", audio, &decimal(loss * 3.0, 2));
        j.string("averageJitter", &duration_ms(jitter_ms));
        j.string("maxJitter", &duration_ms(max_jitter));
        j.raw("averagePacketLossRate", &decimal(loss, 4));
        j.raw("maxPacketLossRate", &decimal(max_loss, 4));
        j.raw_or_null(
            "averageRatioOfConcealedSamples",
            audio,
            &decimal(loss / 2.0, 4),
        );
        j.raw_or_null(
            "maxRatioOfConcealedSamples",
            audio,
            &decimal(max_loss / 2.0, 4),
        );
        j.string("averageRoundTripTime", &duration_ms(round_trip_ms));
        j.string("maxRoundTripTime", &duration_ms(max_rtt));
        j.raw("packetUtilization", &packets.to_string());
        j.raw("averageBandwidthEstimate", &bandwidth.to_string());
        j.raw("wasMediaBypassed", "false");
        j.raw_or_null(
            "postForwardErrorCorrectionPacketLossRate",
            !audio,
            &decimal(post_fec, 4),
        );
        j.raw_or_null(
            "averageVideoFrameLossPercentage",
            !audio,
            &decimal(frame_loss, 2),
        );
        j.raw_or_null("averageReceivedFrameRate", !audio, &decimal(frame_rate, 2));
        j.raw_or_null("lowFrameRateRatio", !audio, &decimal(frame_loss / 400.0, 3));
        j.raw_or_null("averageVideoPacketLossRate", !audio, &decimal(loss, 4));
        j.raw_or_null("averageVideoFrameRate", !audio, &decimal(frame_rate, 2));
        j.raw_or_null("lowVideoProcessingCapabilityRatio", !audio, "0");
        if audio {
            j.string("averageAudioNetworkJitter", &duration_ms(network_jitter));
            j.string("maxAudioNetworkJitter", &duration_ms(network_jitter * 3));
        } else {
            j.raw("averageAudioNetworkJitter", "null");
            j.raw("maxAudioNetworkJitter", "null");
        }
        j.raw("rmsFreezeDuration", "null");
        j.raw("averageFreezeDuration", "null");
        j.raw_or_null("isAudioForwardErrorCorrectionUsed", audio, "false");
        j.close();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Audio,
    Video,
    Sharing,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Audio => "main-audio",
            Kind::Video => "main-video",
            Kind::Sharing => "applicationsharing-video",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quality {
    Good,
    Poor,
    Muted,
}

/// A participant with a client, a machine, a headset and a network.
struct Person {
    id: String,
    name: String,
    upn: String,
    machine: String,
    client: &'static Client,
    headset: &'static str,
    wifi: bool,
    host: u32,
}

struct Client {
    header: &'static str,
    version: &'static str,
    platform: &'static str,
    cpu: &'static str,
    cores: u32,
    mhz: u32,
}

const CLIENTS: [Client; 5] = [
    Client {
        header: "Teams/26.45.1102.3387 (os=windows; osVer=10.0.26100; deviceType=computer; clientType=desktop)",
        version: "26.45.1102.3387",
        platform: "windows",
        cpu: "Intel(R) Core(TM) Ultra 7 165U",
        cores: 12,
        mhz: 2688,
    },
    Client {
        header: "Teams/26.45.1102.3387 (os=mac; osVer=15.1.1; deviceType=computer; clientType=desktop)",
        version: "26.45.1102.3387",
        platform: "macOS",
        cpu: "Apple M3 Pro",
        cores: 11,
        mhz: 4050,
    },
    Client {
        header: "TeamsMobile/1416/1.0.0.2026204701 (os=android; osVer=15; deviceType=phone; clientType=mobile)",
        version: "1416/1.0.0.2026204701",
        platform: "android",
        cpu: "Qualcomm Technologies, Inc SM8650",
        cores: 8,
        mhz: 3302,
    },
    Client {
        header: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 Teams/web",
        version: "26.45.1102.3387",
        platform: "web",
        cpu: "Intel(R) Core(TM) i5-1345U",
        cores: 10,
        mhz: 1600,
    },
    Client {
        header: "TeamsRooms/5.5.141.0 (os=windows; osVer=10.0.22631; deviceType=meetingRoom; clientType=mtr)",
        version: "5.5.141.0",
        platform: "roomSystem",
        cpu: "Intel(R) Core(TM) i7-1185GRE @ 2.80GHz",
        cores: 8,
        mhz: 2803,
    },
];

const FIRST: [&str; 24] = [
    "Priya", "Jonas", "Amara", "Mateo", "Yuki", "Fatima", "Liam", "Chen", "Sofia", "Kwame",
    "Ingrid", "Ravi", "Elena", "Tomasz", "Aisha", "Noah", "Mei", "Diego", "Hanna", "Omar", "Leila",
    "Pieter", "Nia", "Sven",
];
const LAST: [&str; 23] = [
    "Raman",
    "Lindqvist",
    "Osei",
    "García",
    "Tanaka",
    "Haddad",
    "O'Brien",
    "Wei",
    "Rossi",
    "Mensah",
    "Berg",
    "Iyer",
    "Popescu",
    "Nowak",
    "Khan",
    "Fischer",
    "Lin",
    "Álvarez",
    "Virtanen",
    "Farouk",
    "Moreau",
    "de Vries",
    "Okafor",
];
const HEADSETS: [&str; 4] = [
    "Tailspin Voice 85 USB",
    "Contoso Headset 700",
    "Fabrikam Speakerphone 40",
    "Realtek(R) Audio",
];

impl Person {
    fn new(index: usize, rng: &mut Rng) -> Self {
        let first = FIRST[index % FIRST.len()];
        let last = LAST[(index / FIRST.len() + index) % LAST.len()];
        let ascii_last: String = last
            .chars()
            .filter_map(|c| match c {
                'á' => Some('a'),
                'Á' => Some('a'),
                c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
                _ => None,
            })
            .collect();
        let client = &CLIENTS[rng.below(CLIENTS.len())];
        let suffix = if index >= FIRST.len() * LAST.len() {
            index.to_string()
        } else {
            String::new()
        };
        Person {
            id: rng.guid(),
            name: format!("{first} {last}"),
            upn: format!(
                "{}.{ascii_last}{suffix}@contoso.example",
                first.to_ascii_lowercase()
            ),
            machine: format!("LT-{}{}", &first[..1], ascii_last.to_ascii_uppercase()),
            client,
            headset: HEADSETS[rng.below(HEADSETS.len())],
            wifi: rng.chance(0.4),
            host: 10 + index as u32 % 240,
        }
    }
}

fn participant_body(j: &mut Json, person: &Person) {
    j.string("id", &person.id);
    j.open_object(Some("identity"));
    j.string("endpointType", "default");
    for key in ["acsUser", "spoolUser", "phone", "guest"] {
        j.raw(key, "null");
    }
    j.open_object(Some("user"));
    identity(j, person, true);
    j.close();
    j.close();
    j.open_array(Some("administrativeUnitInfos"));
    j.close();
}

fn identity(j: &mut Json, person: &Person, with_upn: bool) {
    j.string("id", &person.id);
    j.string("displayName", &person.name);
    j.string("tenantId", TENANT);
    if with_upn {
        j.string("userPrincipalName", &person.upn);
    }
}

/// A client endpoint; sessions carry the full description, segments a shorter one.
fn participant_endpoint(j: &mut Json, person: &Person, full: bool) {
    let client = person.client;
    j.string(
        "@odata.type",
        "#microsoft.graph.callRecords.participantEndpoint",
    );
    j.string("name", &person.machine);
    if full {
        j.string("cpuName", client.cpu);
        j.raw("cpuCoresCount", &client.cores.to_string());
        j.raw("cpuProcessorSpeedInMhz", &client.mhz.to_string());
    }
    j.open_object(Some("userAgent"));
    j.string(
        "@odata.type",
        "#microsoft.graph.callRecords.clientUserAgent",
    );
    j.string("headerValue", client.header);
    j.string("applicationVersion", client.version);
    j.string("platform", client.platform);
    j.string("productFamily", "teams");
    if full {
        j.raw("azureADAppId", "null");
        j.raw("communicationServiceId", "null");
    }
    j.close();
    j.open_object(Some("identity"));
    j.string("@odata.type", "#microsoft.graph.identitySet");
    j.raw("application", "null");
    j.raw("device", "null");
    j.open_object(Some("user"));
    identity(j, person, false);
    j.close();
    j.close();
    j.open_object(Some("associatedIdentity"));
    identity(j, person, true);
    j.close();
    if full {
        j.open_object(Some("feedback"));
        j.raw("text", "null");
        j.string("rating", "notRated");
        j.open_object(Some("tokens"));
        j.close();
        j.close();
    }
}

fn service_endpoint(j: &mut Json) {
    j.string(
        "@odata.type",
        "#microsoft.graph.callRecords.serviceEndpoint",
    );
    j.open_object(Some("userAgent"));
    j.string(
        "@odata.type",
        "#microsoft.graph.callRecords.serviceUserAgent",
    );
    j.string(
        "headerValue",
        "AVMCU/2026.46.3.9 (conferencing; region=euno)",
    );
    j.string("applicationVersion", "2026.46.3.9");
    j.string("role", "skypeForBusinessAudioVideoMcu");
    j.close();
}

fn failure_info(j: &mut Json, reason: Option<&str>) {
    match reason {
        None => j.raw("failureInfo", "null"),
        Some(reason) => {
            j.open_object(Some("failureInfo"));
            j.string("stage", "midcall");
            j.string("reason", reason);
            j.close();
        }
    }
}

/// Audio media describe the caller's network in full; the others repeat only the basics.
fn caller_network(j: &mut Json, person: &Person, port: u32, full: bool) {
    j.open_object(Some("callerNetwork"));
    j.string("ipAddress", &format!("192.0.2.{}", person.host));
    j.string("subnet", "192.0.2.0");
    if full {
        let speed = if person.wifi {
            "866700000"
        } else {
            "1000000000"
        };
        j.raw("linkSpeed", speed);
    }
    j.string("connectionType", if person.wifi { "wifi" } else { "wired" });
    j.raw("port", &port.to_string());
    j.string("reflexiveIPAddress", "198.51.100.12");
    if full {
        j.raw("relayIPAddress", "null");
        j.raw("relayPort", "null");
        j.string("macAddress", "02:00:00:00:00:00");
        j.string("dnsSuffix", "corp.contoso.example");
        let (band, radio) = if person.wifi {
            ("frequency50GHz", "wifi80211ax")
        } else {
            ("unknown", "unknown")
        };
        j.string("wifiBand", band);
        j.string("wifiRadioType", radio);
        if person.wifi {
            j.raw("wifiChannel", "44");
            j.raw("wifiSignalStrength", "78");
        }
        for key in [
            "sentQualityEventRatio",
            "receivedQualityEventRatio",
            "delayEventRatio",
            "bandwidthLowEventRatio",
        ] {
            j.raw(key, "0");
        }
    }
    j.string("networkTransportProtocol", "udp");
    if full {
        j.open_array(Some("traceRouteHops"));
        j.close();
    }
    j.close();
}

/// A pretty printer in the layout of Graph Explorer's exports: two-space indent, `"key": value`,
/// empty collections as `[]` and `{}`. Keys keep the order they are written in.
struct Json {
    out: String,
    /// One entry per open collection: its closing bracket and whether it has an element yet.
    open: Vec<(char, bool)>,
}

impl Json {
    fn with_capacity(bytes: usize) -> Self {
        Json {
            out: String::with_capacity(bytes),
            open: Vec::new(),
        }
    }

    /// Starts an element: the comma, the line break and indent, and the key in an object.
    fn element(&mut self, key: Option<&str>) {
        if let Some((_, has_elements)) = self.open.last_mut() {
            if *has_elements {
                self.out.push(',');
            }
            *has_elements = true;
            self.out.push('\n');
            self.indent(self.open.len());
        }
        if let Some(key) = key {
            quote(&mut self.out, key);
            self.out.push_str(": ");
        }
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    fn open_object(&mut self, key: Option<&str>) {
        self.element(key);
        self.out.push('{');
        self.open.push(('}', false));
    }

    fn open_array(&mut self, key: Option<&str>) {
        self.element(key);
        self.out.push('[');
        self.open.push((']', false));
    }

    /// Closes the innermost collection.
    fn close(&mut self) {
        let (closer, has_elements) = self.open.pop().expect("close() matches an open");
        if has_elements {
            self.out.push('\n');
            self.indent(self.open.len());
        }
        self.out.push(closer);
    }

    fn raw(&mut self, key: &str, value: &str) {
        self.element(Some(key));
        self.out.push_str(value);
    }

    fn raw_or_null(&mut self, key: &str, present: bool, value: &str) {
        self.raw(key, if present { value } else { "null" });
    }

    fn string(&mut self, key: &str, value: &str) {
        self.element(Some(key));
        quote(&mut self.out, value);
    }

    fn strings(&mut self, key: &str, values: &[&str]) {
        self.open_array(Some(key));
        for value in values {
            self.element(None);
            quote(&mut self.out, value);
        }
        self.close();
    }
}

fn quote(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A number with at most `places` decimals and no trailing zeros: `0.0021`, `0`, `29.71`.
fn decimal(value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// An ISO 8601 duration in whole milliseconds, as Graph writes them: `PT0.031S`.
fn duration_ms(ms: i64) -> String {
    format!("PT{}.{:03}S", ms / 1000, ms % 1000)
}

/// An RFC 3339 UTC time with seven fraction digits, from 100-ns ticks since the Unix epoch.
fn instant(ticks: i64) -> String {
    let (seconds, fraction) = (
        ticks.div_euclid(TICKS_PER_SECOND),
        ticks.rem_euclid(TICKS_PER_SECOND),
    );
    let (days, in_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{fraction:07}Z",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

/// SplitMix64: tiny, fast and good enough for test data; the sequence depends only on the seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// Uniform in [low, high).
    fn range_i64(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low).max(1) as u64) as i64
    }

    fn guid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            (b >> 48) & 0x3fff | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }
}

fn parse_arguments() -> Result<(Options, Option<String>), String> {
    let mut options = Options::default();
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        let number = |text: String| {
            text.replace('_', "")
                .parse::<usize>()
                .map_err(|e| format!("{flag} {text}: {e}"))
        };
        match flag.as_str() {
            "--sessions" => options.sessions = number(value()?)?,
            "--segments-per-session" => options.segments_per_session = number(value()?)?,
            "--target-bytes" => options.target_bytes = Some(number(value()?)?),
            "--seed" => options.seed = number(value()?)? as u64,
            "--out" => out = Some(value()?),
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok((options, out))
}

const USAGE: &str = "usage: generate [--sessions N | --target-bytes B] [--segments-per-session K] \
                     [--seed S] [--out FILE]\n\
                     Writes a synthetic call record (to standard output without --out) and prints \
                     a `counts:` line with what it holds.";

fn main() {
    let (options, out) = match parse_arguments() {
        Ok(parsed) => parsed,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    let (text, counts) = generate(&options);
    match out {
        Some(path) => {
            if let Some(dir) = std::path::Path::new(&path).parent() {
                std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("creating {dir:?}: {e}"));
            }
            std::fs::write(&path, &text).unwrap_or_else(|e| panic!("writing {path}: {e}"));
            println!("counts: {counts} file={path}");
        }
        None => {
            print!("{text}");
            eprintln!("counts: {counts}");
        }
    }
}
