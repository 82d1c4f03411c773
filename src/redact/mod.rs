//! Redaction: the input text with every personal value replaced by a pseudonym, for the Redact
//! switch.
//!
//! This module owns the rewriting of the text only. The app loads and analyses the redacted text
//! exactly as it loads any input, so the screen, the raw JSON view, the CSV and the Markdown
//! summary all show pseudonyms without knowing about redaction.
//!
//! # How
//!
//! Two passes of a small scanner over the text (no tree is built, so a 50 MB record costs one
//! extra copy of the text). The scanner tracks the container stack and, for each string value,
//! the key it sits under and the key of the object around it, matched case-insensitively
//! (`DisplayName` is `displayName`). Pass 1 collects identities: every object that holds a
//! `displayName`, `userPrincipalName`, `email` or `mail`, or that sits under `phone`, becomes a
//! person (or an application or device), and machine names are collected from endpoints. Pass 2
//! rewrites string values and copies everything else byte for byte: keys, numbers, `true`,
//! `false`, `null`, whitespace and escapes of untouched strings. A changed value is re-encoded
//! with `serde_json`, so the output is valid JSON of the same structure and line count.
//!
//! # Pseudonyms
//!
//! Within one document the same original always gets the same pseudonym:
//! - a person's display name becomes `Person N`, their user principal name or email address
//!   `personN@redacted.invalid` with the same N when both appear in one identity object. Given
//!   name and surname (directory exports) become the `Person N` of their object;
//! - `displayName` of an `application` identity (a bot, an auto attendant, a call queue) becomes
//!   `Application N`, of a `device` identity `Device N`: they are not people, and saying so keeps
//!   the story readable, but their names are masked all the same because they can name people
//!   ("Dana's line") or the organisation's structure;
//! - an endpoint's `name` (the machine name, often built from its owner's name) becomes
//!   `machine-N`;
//! - a phone number keeps its country code (by the ITU prefix length: 1 and 7 are one digit,
//!   the two-digit codes of zones 2 to 9, otherwise three) and its last two digits; the rest is
//!   a fixed run of seven `•`, so even the length is hidden: `+14255550123` → `+1•••••••23`. A
//!   number without a `+` keeps only its last two digits. Two numbers that would mask alike get
//!   a suffix, `+1•••••••23 (2)`, so they stay two numbers. A `tel:` prefix is kept;
//! - an IP address becomes a name that says what matters for diagnosis and cannot be mistaken
//!   for a routable address: `private-ip-N` (RFC 1918), `cgnat-ip-N` (100.64.0.0/10),
//!   `link-local-ip-N`, `public-ip-N`, and for IPv6 `private-ipv6-N` (ULA), `link-local-ipv6-N`,
//!   `public-ipv6-N`, numbered per kind. An IPv4-mapped IPv6 address counts as its IPv4 address.
//!   Loopback and unspecified addresses are kept: they say nothing about anyone;
//!   A value under an IP key that is not an address (a host name, a documentation template's
//!   "Ip Address value") becomes `address-N`;
//! - a MAC address or BSSID becomes `mac-N`, and so does any other value under those keys. The
//!   privacy placeholders `02:00:00:00:00:00` and the all-zero MAC (six or eight bytes) are
//!   kept: they are not personal and tell the reader the operating system hid the address.
//!
//! Every other string value is searched for the names, addresses, numbers and machine names
//! collected in pass 1 (ASCII case-insensitively, at word boundaries, longest first, indexed by
//! their first two bytes), and for email addresses, IPv4 and IPv6 addresses, MAC addresses and
//! `+` followed by 7 to 15 digits (spaces, dashes, dots and brackets allowed between them),
//! even when never collected. Capture and render device names are also searched for the words
//! of collected names ("Dana's AirPods" → "Person 1's AirPods").
//!
//! Kept as they are: GUIDs and other ids (an `id` is changed only when it is a phone number or
//! an email address), tenant ids, timestamps, durations, versions, `joinWebUrl`, `@odata.*`
//! values, and the enumerations the analysis reads (codecs, roles, platforms, directions…).
//! `dnsSuffix` and user agents keep their text apart from any personal value found in them: a
//! company's domain is not personal data and helps recognise a VPN or a home network.
//!
//! # Speed
//!
//! Measured natively on a 2-core machine: the benchmark's 10 MB record (855 sessions) redacts
//! in about 50 ms and its 50 MB record in about 190 ms with optimisations; the 10.4 MB record of
//! `tests/redaction.rs` (2,400 people, 55,200 values replaced) in about 1.1 s unoptimised.
//!
//! FIXME: a phone number written without `+` in free text ("(425) 555-0123") is found only when
//! it was collected from a phone key first; and `@odata.nextLink` is kept whole, so a filter on
//! a participant's number in it would survive (Graph percent-encodes it, but it is still there).

use std::borrow::Cow;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

mod passes;
mod pseudonyms;
mod scan;
mod search;
#[cfg(test)]
mod tests;

use passes::*;
use pseudonyms::*;
use scan::*;
use search::*;

/// An input with its personal values replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    /// The redacted JSON text: the same structure, keys and layout as the input.
    pub text: String,
    /// How many string values were changed.
    pub replaced: usize,
}

/// Replaces every personal value in a JSON text by its pseudonym (see the module doc).
///
/// The input should be valid JSON; the function never fails, and on malformed input it still
/// rewrites the string values it can find.
pub fn redact(json: &str) -> Redacted {
    let mut book = Pseudonyms::default();
    let mut collector = Collector {
        book: &mut book,
        open: Vec::new(),
    };
    walk(json, &mut collector);

    let everywhere = Table::new(book.originals());
    let name_words = Table::new(book.name_words());
    let mut writer = Writer {
        text: json,
        out: String::with_capacity(json.len() + json.len() / 16),
        copied: 0,
        replaced: 0,
        book,
        everywhere,
        name_words,
    };
    walk(json, &mut writer);
    writer.out.push_str(&json[writer.copied..]);
    Redacted {
        text: writer.out,
        replaced: writer.replaced,
    }
}

/// The fixed run that stands for the hidden digits of a phone number.
pub(super) const PHONE_MASK: &str = "•••••••";
/// Collected values shorter than this are not searched for inside other strings: two letters
/// match too much text that has nothing to do with anyone.
pub(super) const MIN_SEARCHED: usize = 3;
