//! Unit tests of the scanner, the patterns and the pseudonyms; whole samples are in
//! tests/redaction.rs.

use super::*;

#[test]
fn country_codes_follow_the_itu_prefix_lengths() {
    let cases = [
        ("14255550123", 1),
        ("79161234567", 1),
        ("442071234567", 2),
        ("2012345678", 2),
        ("861012345678", 2),
        ("353861234567", 3),
        ("2125551234", 3),
        ("97150123456", 3),
    ];
    for (digits, expected) in cases {
        assert_eq!(
            country_code_len(digits),
            expected,
            "{digits}: country code length"
        );
    }
}

#[test]
fn ip_kinds_keep_what_matters_for_diagnosis() {
    let cases = [
        ("10.1.2.3", Some("private-ip")),
        ("172.16.0.9", Some("private-ip")),
        ("192.168.1.20", Some("private-ip")),
        ("100.64.1.1", Some("cgnat-ip")),
        ("169.254.10.1", Some("link-local-ip")),
        ("52.112.0.1", Some("public-ip")),
        ("127.0.0.1", None),
        ("0.0.0.0", None),
        ("fd12:3456::1", Some("private-ipv6")),
        ("fe80::1", Some("link-local-ipv6")),
        ("2001:db8::5", Some("public-ipv6")),
        ("::1", None),
    ];
    for (ip, expected) in cases {
        let ip: IpAddr = ip.parse().expect("a valid address");
        assert_eq!(ip_kind(ip), expected, "{ip}: kind of address");
    }
}

#[test]
fn runs_in_free_text_are_found_only_where_they_are_whole() {
    // (text, start, expected end) for each detector.
    let macs = [
        ("00-1A-2b-3C-4d-5E", Some(17)),
        ("00:1a:2b:3c:4d:5e:6f:70 x", Some(23)),
        ("00:1a:2b:3c:4d", None),
        ("00:1a:2b:3c:4d:5e:6f", None),
        ("5e9e0001-0001-4b00", None),
        ("00:1a-2b:3c:4d:5e", None),
    ];
    for (text, expected) in macs {
        assert_eq!(mac_run(text.as_bytes(), 0), expected, "MAC in {text:?}");
    }
    let phones = [
        ("+14255550123", Some(12)),
        ("+1 (425) 555-0123.", Some(17)),
        ("+123456", None),
        ("+1234567890123456", None),
        ("+14255550123abc", None),
    ];
    for (text, expected) in phones {
        assert_eq!(phone_run(text.as_bytes(), 0), expected, "phone in {text:?}");
    }
    let ipv4 = [
        ("10.0.0.1", Some(8)),
        ("10.0.0.1.", Some(8)),
        ("10.0.0.1:3478", Some(8)),
        ("10.0.0.1.5", None),
        ("10.0.22621.2506", None),
        ("1.2.3", None),
    ];
    for (text, expected) in ipv4 {
        let end = ipv4_run(text, 0).map(|(end, _)| end);
        assert_eq!(end, expected, "IPv4 in {text:?}");
    }
    let ipv6 = [
        ("2001:db8::1]:443", Some(11)),
        ("07:45:00.8120411Z", None),
        ("c0ffee05-5a1e", None),
    ];
    for (text, expected) in ipv6 {
        let end = ipv6_run(text, 0).map(|(end, _)| end);
        assert_eq!(end, expected, "IPv6 in {text:?}");
    }
}

#[test]
fn emails_need_a_local_part_and_a_dotted_domain() {
    let cases = [
        ("mail dana.w+x@fabrikam.example.", vec![(5, 30)]),
        ("a@b", vec![]),
        ("@fabrikam.example", vec![]),
        ("x@y.example and z@w.example", vec![(0, 11), (16, 27)]),
        ("sip:+14255550123@gw.example:5061", vec![(4, 27)]),
    ];
    for (text, expected) in cases {
        assert_eq!(find_emails(text.as_bytes()), expected, "emails in {text:?}");
    }
}

#[test]
fn keys_are_matched_whatever_their_case() {
    let cases = [
        ("displayName", Key::DisplayName),
        ("DisplayName", Key::DisplayName),
        ("USERPRINCIPALNAME", Key::Address),
        ("IpAddress", Key::Ip),
        ("headerValue", Key::Other),
        ("sessions@odata.context", Key::Keep),
        ("@odata.type", Key::Keep),
        ("startDateTime", Key::Keep),
        ("wifiVendorDriverVersion", Key::Keep),
        ("acsApplicationInstance", Key::Application),
        ("Callee", Key::Endpoint),
    ];
    for (key, expected) in cases {
        assert_eq!(classify(key), expected, "{key:?}");
    }
}

#[test]
fn a_name_and_an_address_share_a_number_only_when_both_are_free() {
    let mut book = Pseudonyms::default();
    assert_eq!(book.link(Some("Dana W"), Some("dana@x.example")), 1);
    assert_eq!(book.link(Some("Ravi O"), None), 2);
    // Ravi's number has no address yet, so his address takes it.
    assert_eq!(book.link(Some("Ravi O"), Some("ravi@x.example")), 2);
    // A second person with Dana's address but another name cannot be "Person 1".
    assert_eq!(book.link(Some("Dana Other"), Some("dana@x.example")), 3);
    assert_eq!(book.address("DANA@x.example"), "person1@redacted.invalid");
    assert_eq!(
        book.person("dana w"),
        "Person 1",
        "names match whatever their case"
    );
}

#[test]
fn national_numbers_are_found_but_dates_versions_and_ids_are_not() {
    let cases: [(&str, bool, Option<usize>); 9] = [
        ("(425) 555-0177", false, Some(14)),
        ("425-555-0177 later", false, Some(12)),
        ("0044 20 7946 0960", false, Some(17)),
        ("4255550180", true, Some(10)),
        ("4255550180", false, None),
        ("2750194386", false, None),
        ("2026-11-24 14:02:11", false, None),
        ("2026-11-24", false, None),
        ("16.0.12527.20122", false, None),
    ];
    for (text, after_tel, expected) in cases {
        let got = national_phone_run(text.as_bytes(), 0, after_tel);
        assert_eq!(
            got, expected,
            "national number in {text:?} (after tel: {after_tel})"
        );
    }
}
