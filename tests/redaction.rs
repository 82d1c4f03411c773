//! The Redact switch's engine (`callscope::redact`) against the samples and against inputs
//! built to break it: no personal value survives anywhere in the text, the same original gets
//! the same pseudonym, the text keeps its structure and layout, and the app reads the redacted
//! record with the same counts and verdicts as the original.

use std::collections::{BTreeSet, HashSet};
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Instant;

use callscope::analysis::{analyse, Report};
use callscope::load::{load, Outcome};
use callscope::redact::redact;
use serde_json::Value;

fn sample_dir() -> PathBuf {
    match std::env::var_os("CALLSCOPE_SAMPLES") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples"),
    }
}

/// Every sample that is well-formed JSON, by file name.
fn json_samples() -> Vec<(String, String)> {
    let dir = sample_dir();
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut samples: Vec<(String, String)> = entries
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("a readable sample");
            (name, text)
        })
        .filter(|(_, text)| serde_json::from_str::<Value>(text).is_ok())
        .collect();
    samples.sort();
    samples
}

fn report(text: &str) -> Option<Report> {
    match load(text) {
        Outcome::Document(doc) => Some(analyse(*doc)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Personal values, found without `redact`'s own code

fn is_mac_placeholder(s: &str) -> bool {
    let hex: String = s.chars().filter(char::is_ascii_hexdigit).collect();
    hex.chars().all(|c| c == '0') || hex == "020000000000"
}

fn looks_like_mac(s: &str) -> bool {
    let parts: Vec<&str> = s.split([':', '-']).collect();
    matches!(parts.len(), 6 | 8)
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn looks_like_phone(s: &str) -> bool {
    let s = s.strip_prefix("tel:").unwrap_or(s);
    let Some(rest) = s.strip_prefix('+') else {
        return false;
    };
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
}

fn looks_like_email(s: &str) -> bool {
    let no_space = |part: &str| !part.is_empty() && !part.contains(char::is_whitespace);
    s.split_once('@')
        .is_some_and(|(local, domain)| no_space(local) && no_space(domain) && domain.contains('.'))
}

fn is_kept_ip(ip: IpAddr) -> bool {
    ip.is_loopback() || ip.is_unspecified()
}

/// Every display name, principal name, email, phone number, IP and MAC address (but the
/// privacy placeholders) and machine name in a JSON value, picked by key and by shape.
fn personal_values(value: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, key: &str, parent: &str, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, &k.to_ascii_lowercase(), key, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    walk(item, key, parent, out);
                }
            }
            Value::String(s) if !s.trim().is_empty() => {
                let by_key = matches!(
                    key,
                    "displayname"
                        | "givenname"
                        | "surname"
                        | "userprincipalname"
                        | "email"
                        | "mail"
                        | "mobilephone"
                        | "businessphones"
                        | "ipaddress"
                        | "subnet"
                        | "reflexiveipaddress"
                        | "relayipaddress"
                ) || (key == "id" && parent == "phone")
                    || (key == "name" && matches!(parent, "caller" | "callee"))
                    || (matches!(key, "macaddress" | "basicservicesetidentifier")
                        && !is_mac_placeholder(s));
                let by_shape = looks_like_email(s)
                    || looks_like_phone(s)
                    || (looks_like_mac(s) && !is_mac_placeholder(s))
                    || s.parse::<IpAddr>().is_ok_and(|ip| !is_kept_ip(ip));
                if by_key || by_shape {
                    out.insert(s.clone());
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(value, "", "", &mut out);
    out
}

/// Fails when an original value is still in the text, as written or JSON-escaped.
fn assert_none_survives(what: &str, originals: &BTreeSet<String>, text: &str) {
    // Searching a 10 MB text once per original would take minutes unoptimised, so the text's
    // 6-byte windows are indexed first; only an original whose windows are all there is
    // searched for.
    const W: usize = 6;
    let windows: HashSet<&[u8]> = text.as_bytes().windows(W).collect();
    let might_contain = |needle: &str| {
        needle.len() < W || needle.as_bytes().windows(W).all(|w| windows.contains(w))
    };
    for original in originals {
        let escaped = serde_json::to_string(original).unwrap();
        let escaped = &escaped[1..escaped.len() - 1];
        for needle in [original.as_str(), escaped] {
            assert!(
                !(might_contain(needle) && text.contains(needle)),
                "{what}: no personal value survives redaction, but {original:?} did"
            );
        }
    }
}

fn parse(what: &str, text: &str) -> Value {
    serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("{what}: redacted text is valid JSON, but: {e}"))
}

// ---------------------------------------------------------------------------------------------
// The samples

#[test]
fn no_personal_value_of_any_sample_survives() {
    let samples = json_samples();
    assert!(samples.len() >= 10, "the samples are found");
    for (name, text) in samples {
        let originals = personal_values(&serde_json::from_str(&text).unwrap());
        let redacted = redact(&text);
        parse(&name, &redacted.text);
        assert_none_survives(&name, &originals, &redacted.text);
        assert!(
            originals.is_empty() || redacted.replaced > 0,
            "{name}: values were replaced"
        );
    }
}

#[test]
fn the_samples_collect_the_kinds_of_personal_value_they_hold() {
    // Guards the test above: a collector that finds nothing would let every leak through.
    let text = std::fs::read_to_string(sample_dir().join("01-full-expand-p2p-audio.json"))
        .expect("sample 01");
    let originals = personal_values(&serde_json::from_str(&text).unwrap());
    for expected in [
        "Dana Whitfield",
        "dana.whitfield@fabrikam.example",
        "MBP-ROKONKWO",
        "02:00:5e:10:00:01",
        "203.0.113.45",
    ] {
        assert!(
            originals.contains(expected),
            "the collector finds {expected:?} in sample 01"
        );
    }
    assert!(
        !originals.contains("02:00:00:00:00:00"),
        "the MAC privacy placeholder is not personal"
    );
}

#[test]
fn redacted_samples_read_with_the_same_counts_and_verdicts() {
    let mut documents = 0;
    for (name, text) in json_samples() {
        let Some(before) = report(&text) else {
            continue;
        };
        let after = report(&redact(&text).text)
            .unwrap_or_else(|| panic!("{name}: the redacted text still loads as a document"));
        documents += 1;
        assert_eq!(
            after.totals, before.totals,
            "{name}: the same sessions, segments, streams and roll-ups"
        );
        assert_eq!(after.shape, before.shape, "{name}: the same shape");
        assert_eq!(
            verdicts(&after),
            verdicts(&before),
            "{name}: every stream keeps its verdict and reason"
        );
        assert_eq!(
            after.log.findings.len(),
            before.log.findings.len(),
            "{name}: redaction makes no value unreadable"
        );
    }
    assert!(
        documents >= 8,
        "the call-record samples load, got {documents}"
    );
}

fn verdicts(report: &Report) -> Vec<String> {
    let streams = report
        .sessions
        .iter()
        .flat_map(|s| &s.segments)
        .flat_map(|g| &g.media)
        .flat_map(|m| &m.streams);
    streams.map(|s| s.verdict.explain()).collect()
}

#[test]
fn a_pretty_printed_record_keeps_its_lines_and_every_line_without_personal_values() {
    let text = std::fs::read_to_string(sample_dir().join("01-full-expand-p2p-audio.json"))
        .expect("sample 01");
    let originals = personal_values(&serde_json::from_str(&text).unwrap());
    let redacted = redact(&text).text;
    assert_eq!(
        redacted.lines().count(),
        text.lines().count(),
        "the layout is kept: the same number of lines"
    );
    for (before, after) in text.lines().zip(redacted.lines()) {
        let personal = originals.iter().any(|o| before.contains(o.as_str()));
        if !personal {
            assert_eq!(
                after, before,
                "a line without personal values is byte-identical"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Built inputs

fn at<'v>(value: &'v Value, pointer: &str) -> &'v str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("a string at {pointer} in {value}"))
}

#[test]
fn the_same_person_gets_the_same_pseudonym_and_others_another() {
    let text = r#"{"sessions": [
        {"caller": {"associatedIdentity": {"displayName": "Dana Whitfield",
            "userPrincipalName": "dana.whitfield@fabrikam.example"}},
         "callee": {"identity": {"user": {"displayName": "Ravi Okonkwo"}}}},
        {"caller": {"identity": {"user": {"displayName": "Dana Whitfield"}}},
         "callee": {"identity": {"guest": {"DisplayName": "Ravi Okonkwo",
            "Email": "RAVI@example.org"}}},
         "failureInfo": {"reason": "Dana Whitfield left; mail dana.whitfield@fabrikam.example"}}
    ]}"#;
    let out = parse("consistency", &redact(text).text);

    let dana = at(&out, "/sessions/0/caller/associatedIdentity/displayName");
    let dana_upn = at(
        &out,
        "/sessions/0/caller/associatedIdentity/userPrincipalName",
    );
    let ravi = at(&out, "/sessions/0/callee/identity/user/displayName");
    assert!(
        dana.starts_with("Person "),
        "a name becomes Person N, got {dana}"
    );
    assert_eq!(
        at(&out, "/sessions/1/caller/identity/user/displayName"),
        dana,
        "the same name in two sessions gets the same pseudonym"
    );
    assert_ne!(dana, ravi, "different names get different pseudonyms");
    let n = dana.trim_start_matches("Person ");
    assert_eq!(
        dana_upn,
        format!("person{n}@redacted.invalid"),
        "the name and principal name of one identity share N"
    );
    assert_eq!(
        at(&out, "/sessions/1/callee/identity/guest/DisplayName"),
        ravi,
        "PascalCase keys are matched"
    );
    let ravi_n = ravi.trim_start_matches("Person ");
    assert_eq!(
        at(&out, "/sessions/1/callee/identity/guest/Email"),
        format!("person{ravi_n}@redacted.invalid"),
        "an email joins the name already known"
    );
    assert_eq!(
        at(&out, "/sessions/1/failureInfo/reason"),
        format!("{dana} left; mail {dana_upn}"),
        "names and addresses in free text get the same pseudonyms"
    );
}

#[test]
fn phone_numbers_keep_their_country_code_and_last_two_digits() {
    let cases = [
        ("+14255550123", "+1•••••••23"),
        ("+442071234567", "+44•••••••67"),
        ("+353861234567", "+353•••••••67"),
        ("+79161234567", "+7•••••••67"),
        ("14255550123", "•••••••23"),
        ("+1 425-555-0199", "+1•••••••99"),
        ("tel:+442071234567", "tel:+44•••••••67"),
    ];
    for (number, expected) in cases {
        let text = format!(r#"{{"identity": {{"phone": {{"id": "{number}"}}}}}}"#);
        let out = parse(number, &redact(&text).text);
        assert_eq!(
            at(&out, "/identity/phone/id"),
            expected,
            "{number}: the phone identity's id is masked"
        );
    }
}

#[test]
fn numbers_that_mask_alike_stay_apart_and_repeat_alike() {
    let text = r#"{"organizer_v2": {"id": "+14255550123",
        "identity": {"phone": {"id": "+14255550123", "displayName": "+14255550123"}}},
      "participants_v2": [{"id": "+14255559923"}],
      "note": "called +1 425 555 9923 twice"}"#;
    let out = parse("phones", &redact(text).text);
    assert_eq!(at(&out, "/organizer_v2/id"), "+1•••••••23");
    assert_eq!(
        at(&out, "/organizer_v2/identity/phone/id"),
        "+1•••••••23",
        "the same number masks the same everywhere"
    );
    assert_eq!(
        at(&out, "/organizer_v2/identity/phone/displayName"),
        "+1•••••••23",
        "a display name that is a number is masked as one"
    );
    assert_eq!(
        at(&out, "/participants_v2/0/id"),
        "+1•••••••23 (2)",
        "another number that masks alike gets a suffix"
    );
    assert_eq!(
        at(&out, "/note"),
        "called +1•••••••23 (2) twice",
        "a number in free text, written with spaces, is the same number"
    );
}

#[test]
fn addresses_become_pseudonyms_that_say_what_kind_they_were() {
    let text = r#"{"callerNetwork": {"ipAddress": "10.0.0.5", "subnet": "10.0.0.0",
        "reflexiveIPAddress": "52.112.9.9", "relayIPAddress": "fe80::1",
        "macAddress": "00-1A-2B-3C-4D-5E", "basicServiceSetIdentifier": "02:00:00:00:00:00",
        "traceRouteHops": [{"ipAddress": "100.64.0.1"}, {"ipAddress": "10.0.0.5"}]},
      "calleeNetwork": {"ipAddress": "2001:db8::7", "macAddress": "001a2b3c4d5e",
        "dnsSuffix": "corp.fabrikam.example"},
      "feedback": {"text": "from 52.112.9.9 via [2001:DB8:0::7]:443, NIC 00:1a:2b:3c:4d:5e"}}"#;
    let out = parse("addresses", &redact(text).text);
    let cases = [
        ("/callerNetwork/ipAddress", "private-ip-1"),
        ("/callerNetwork/subnet", "private-ip-2"),
        ("/callerNetwork/reflexiveIPAddress", "public-ip-1"),
        ("/callerNetwork/relayIPAddress", "link-local-ipv6-1"),
        ("/callerNetwork/macAddress", "mac-1"),
        (
            "/callerNetwork/basicServiceSetIdentifier",
            "02:00:00:00:00:00",
        ),
        ("/callerNetwork/traceRouteHops/0/ipAddress", "cgnat-ip-1"),
        ("/callerNetwork/traceRouteHops/1/ipAddress", "private-ip-1"),
        ("/calleeNetwork/ipAddress", "public-ipv6-1"),
        ("/calleeNetwork/macAddress", "mac-1"),
        ("/calleeNetwork/dnsSuffix", "corp.fabrikam.example"),
        (
            "/feedback/text",
            "from public-ip-1 via [public-ipv6-1]:443, NIC mac-1",
        ),
    ];
    for (pointer, expected) in cases {
        assert_eq!(
            at(&out, pointer),
            expected,
            "{pointer}: the same address always gets the same pseudonym of its kind"
        );
    }
}

#[test]
fn hostile_strings_are_replaced_and_the_output_stays_valid_json() {
    let names = [
        r#"Zoë \"Quote\" O'Brien"#,
        r"Back\\slash Person",
        r"</script><script>alert(1)</script>",
        r"Emoji \ud83d\ude00 Person",
        r"Ren\u00e9e Fa\u00e7ade",
    ];
    for name in names {
        let text = format!(
            r#"{{"user": {{"displayName": "{name}"}}, "feedback": {{"text": "hello {name}!"}}}}"#
        );
        let decoded: String = serde_json::from_str(&format!("\"{name}\"")).unwrap();
        let redacted = redact(&text);
        let out = parse(name, &redacted.text);
        assert_eq!(
            at(&out, "/user/displayName"),
            "Person 1",
            "{name}: the name is replaced"
        );
        assert_eq!(
            at(&out, "/feedback/text"),
            "hello Person 1!",
            "{name}: the name in free text is replaced"
        );
        assert!(
            !redacted.text.contains(name) && !redacted.text.contains(decoded.as_str()),
            "{name}: neither the escaped nor the decoded name survives"
        );
        assert_eq!(redacted.replaced, 2, "{name}: two values changed");
    }
}

#[test]
fn text_without_personal_values_is_copied_byte_for_byte() {
    let cases = [
        r#"{"a" : "PT0.02S",	"b":[1, 2.50e3, true, null, -0], "c": "caf\u00e9 \"x\""}"#,
        r#"{"id": "c0ffee05-5a1e-4e57-9a11-0000000000e5", "version": 1.10, "x": {}}"#,
        r#"{"headerValue": "UCCAPI/16.0.12527.20122 OC/16.0.12527.20194 (Skype for Business)"}"#,
        r#"{"display\u004eame": "", "endDateTime": "2024-07-02T16:34:47+03:00"}"#,
        r#"["not", "an", "object", 7]"#,
        r#""a string alone""#,
    ];
    for text in cases {
        let redacted = redact(text);
        assert_eq!(
            redacted.text, text,
            "nothing personal: the text is unchanged"
        );
        assert_eq!(redacted.replaced, 0, "{text}: no value counted as replaced");
    }
}

#[test]
fn duplicate_and_escaped_keys_and_unknown_properties_are_redacted_too() {
    let text = r#"{"user": {"displayName": "First Copy", "displayName": "Second Copy",
        "display\u004eame": "Third Copy"},
      "futureProperty": {"ownerUpn": "owner@fabrikam.example", "ssid": "Dana's Phone"}}"#;
    let out = redact(text).text;
    for original in [
        "First Copy",
        "Second Copy",
        "Third Copy",
        "owner@fabrikam.example",
    ] {
        assert!(!out.contains(original), "{original:?} does not survive");
    }
    assert_eq!(
        out.matches("\"display").count(),
        3,
        "keys are never changed, even duplicates"
    );
}

#[test]
fn device_names_lose_the_words_of_their_owners_names() {
    let text = r#"{"caller": {"name": "IPHONE-TBRENNAN",
        "associatedIdentity": {"displayName": "Tomasz Brennan"}},
      "media": [{"callerDevice": {"captureDeviceName": "Headset (Tomasz's AirPods)",
        "renderDeviceName": "Speakers (Realtek Audio)"}}],
      "note": "seen on IPHONE-TBRENNAN"}"#;
    let out = parse("device names", &redact(text).text);
    assert_eq!(
        at(&out, "/caller/name"),
        "machine-1",
        "a machine name is masked"
    );
    assert_eq!(
        at(&out, "/media/0/callerDevice/captureDeviceName"),
        "Headset (Person 1's AirPods)",
        "a device named after its owner loses the name, not the model"
    );
    assert_eq!(
        at(&out, "/media/0/callerDevice/renderDeviceName"),
        "Speakers (Realtek Audio)",
        "a device name without a person's name is kept"
    );
    assert_eq!(
        at(&out, "/note"),
        "seen on machine-1",
        "machine names in free text"
    );
}

// ---------------------------------------------------------------------------------------------
// A large record

const FIRST: [&str; 40] = [
    "Aiko", "Bram", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hamid", "Ines", "Jonas",
    "Kaveh", "Lucia", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sanjay", "Tilde",
    "Umar", "Vera", "Wouter", "Ximena", "Yusuf", "Zofia", "Amara", "Bjorn", "Carmen", "Dario",
    "Esme", "Felix", "Gideon", "Hana", "Ivo", "Jana", "Kofi", "Leila", "Milo", "Noor",
];
const LAST: [&str; 50] = [
    "Abbott",
    "Baptiste",
    "Castellano",
    "Dufresne",
    "Eriksen",
    "Fontaine",
    "Galloway",
    "Haddad",
    "Ivanova",
    "Jansen",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Oyelaran",
    "Petrov",
    "Quigley",
    "Rahman",
    "Santoro",
    "Takahashi",
    "Ulrich",
    "Valdez",
    "Whitaker",
    "Xu",
    "Yilmaz",
    "Zeller",
    "Achebe",
    "Brandt",
    "Calloway",
    "Delacroix",
    "Engel",
    "Ferreira",
    "Gallagher",
    "Holm",
    "Ibarra",
    "Jovanovic",
    "Kruger",
    "Lombardi",
    "Mwangi",
    "Novak",
    "Okafor",
    "Pereira",
    "Rasmussen",
    "Sorensen",
    "Tanaka",
    "Underwood",
    "Vasquez",
    "Wojcik",
    "Yamamoto",
    "Zimmer",
];

/// A group call of `people` sessions, each a person's leg with two segments and full network
/// details, pretty-printed: about 5 kB a session.
fn large_record(people: usize) -> String {
    let mut sessions = Vec::with_capacity(people);
    for i in 0..people {
        let (first, last) = (FIRST[i % FIRST.len()], LAST[i / FIRST.len() % LAST.len()]);
        let name = format!("{first} {last}");
        let upn = format!(
            "{}.{}@contoso.example",
            first.to_lowercase(),
            last.to_lowercase()
        );
        let host = format!("10.{}.{}.{}", i / 65536 % 256, i / 256 % 256, i % 256);
        let public = format!("198.51.{}.{}", i / 256 % 256, i % 256);
        let mac = format!(
            "3c-22-fb-{:02x}-{:02x}-{:02x}",
            i / 65536 % 256,
            i / 256 % 256,
            i % 256
        );
        let phone = format!("+4420{:08}", i);
        let segment = format!(
            r##"{{
          "id": "5e9e{i:04x}-0001-4b00-9000-000000000001",
          "startDateTime": "2024-08-19T07:45:00.8120411Z",
          "endDateTime": "2024-08-19T07:52:41.6600193Z",
          "caller": {{
            "@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
            "name": "LT-{machine}",
            "userAgent": {{ "headerValue": "ExampleTeamsClient/24102.2223", "platform": "windows", "productFamily": "teams" }},
            "associatedIdentity": {{ "id": "0b1a7e22-2222-4c0a-8000-{i:012}", "displayName": "{name}", "userPrincipalName": "{upn}" }}
          }},
          "callee": {{
            "@odata.type": "#microsoft.graph.callRecords.serviceEndpoint",
            "userAgent": {{ "headerValue": "ExampleConferencingServer/2024.33", "role": "skypeForBusinessAudioVideoMcu" }}
          }},
          "media": [
            {{
              "label": "main-audio",
              "callerNetwork": {{ "ipAddress": "{host}", "subnet": "10.0.0.0", "reflexiveIPAddress": "{public}", "relayIPAddress": "203.0.113.45", "macAddress": "{mac}", "dnsSuffix": "corp.contoso.example", "connectionType": "wifi", "port": 50012 }},
              "calleeNetwork": {{ "ipAddress": "52.112.1.{last_octet}", "connectionType": "wired", "port": 3478 }},
              "callerDevice": {{ "captureDeviceName": "Headset ({first}'s Jabra)", "renderDeviceName": "Speakers (Realtek Audio)" }},
              "streams": [
                {{ "streamId": "1{i}", "streamDirection": "callerToCallee", "audioCodec": "satin", "averageJitter": "PT0.012S", "averagePacketLossRate": 0.01, "averageRoundTripTime": "PT0.061S", "packetUtilization": 9000 }},
                {{ "streamId": "2{i}", "streamDirection": "calleeToCaller", "audioCodec": "satin", "averageJitter": "PT0.066S", "averagePacketLossRate": 0.02, "averageRoundTripTime": "PT0.071S", "packetUtilization": 9100 }}
              ]
            }}
          ]
        }}"##,
            machine = last.to_uppercase(),
            last_octet = i % 250 + 1,
        );
        sessions.push(format!(
            r#"{{
      "id": "5e5510e7-{i:04x}-4b00-9000-000000000107",
      "startDateTime": "2024-08-19T07:45:00.8120411Z",
      "endDateTime": "2024-08-19T07:52:41.6600193Z",
      "caller": {{ "identity": {{ "user": {{ "displayName": "{name}" }}, "phone": {{ "id": "{phone}" }} }} }},
      "failureInfo": {{ "stage": "midcall", "reason": "Example: {name} ({upn}) lost media from {public}" }},
      "segments": [{segment}, {segment}]
    }}"#
        ));
    }
    format!(
        r#"{{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords/$entity",
  "id": "c0ffee07-5a1e-4e57-9a11-000000000107",
  "type": "groupCall",
  "startDateTime": "2024-08-19T07:45:00.8120411Z",
  "endDateTime": "2024-08-19T08:01:33.0007704Z",
  "sessions": [
    {}
  ]
}}"#,
        sessions.join(",\n    ")
    )
}

#[test]
fn a_large_record_with_thousands_of_people_loses_every_name() {
    let text = large_record(2400);
    assert!(
        text.len() > 9_000_000,
        "about 10 MB, got {} bytes",
        text.len()
    );

    let started = Instant::now();
    let redacted = redact(&text);
    let took = started.elapsed();
    eprintln!(
        "redacted {} bytes in {:.0} ms ({} values)",
        text.len(),
        took.as_secs_f64() * 1000.0,
        redacted.replaced
    );

    let originals = personal_values(&serde_json::from_str(&text).unwrap());
    assert!(
        originals.len() > 8000,
        "the record holds thousands of personal values"
    );
    assert_none_survives("large record", &originals, &redacted.text);
    assert_eq!(
        redacted.text.lines().count(),
        text.lines().count(),
        "the large record keeps its layout"
    );
    let (before, after) = (report(&text).unwrap(), report(&redacted.text).unwrap());
    assert_eq!(
        after.totals, before.totals,
        "the large record counts the same"
    );
}

/// What a first look at the redacted example still showed: a first name alone in feedback
/// text, numbers written the national way, and a room's version read as an address.
#[test]
fn first_names_national_numbers_and_versions_in_free_text() {
    let json = r#"{"sessions": [{"caller": {
        "associatedIdentity": {"displayName": "Priya Raman", "userPrincipalName": "priya.raman@contoso.example"},
        "userAgent": {"headerValue": "TeamsRooms/5.5.141.0 (os=windows)", "applicationVersion": "5.5.141.0"},
        "feedback": {"text": {"content": "I missed half of what Priya said. Call me on (425) 555-0177 or tel:4255550180, not 425-555-0178."}}},
      "segments": [{"startDateTime": "2026-11-24T14:02:11Z", "media": [{"streams": [{"streamId": "2750194386"}]}]}]}]}"#;
    let out = callscope::redact::redact(json).text;
    for original in ["Priya", "555-0177", "4255550180", "555-0178"] {
        assert!(!out.contains(original), "{original} survives in {out}");
    }
    for kept in [
        "TeamsRooms/5.5.141.0",
        "\"5.5.141.0\"",
        "2750194386",
        "2026-11-24T14:02:11Z",
    ] {
        assert!(
            out.contains(kept),
            "{kept} is not personal and stays: {out}"
        );
    }
    serde_json::from_str::<serde_json::Value>(&out).expect("still JSON");
}
