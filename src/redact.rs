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
//! - a MAC address or BSSID becomes `mac-N`, and so does any other value under those keys. The privacy placeholders `02:00:00:00:00:00` and
//!   the all-zero MAC (six or eight bytes) are kept: they are not personal and tell the reader
//!   the operating system hid the address.
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
const PHONE_MASK: &str = "•••••••";
/// Collected values shorter than this are not searched for inside other strings: two letters
/// match too much text that has nothing to do with anyone.
const MIN_SEARCHED: usize = 3;

// ---------------------------------------------------------------------------------------------
// The scanner

/// What a key says about the value under it, decided once when the key is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    /// Structural and enumerated values the loader reads as they are: never changed.
    Keep,
    Id,
    DisplayName,
    /// `givenName`, `surname`.
    NamePart,
    /// `userPrincipalName`, `email`, `mail`.
    Address,
    /// `phone` (an identity, or a number in unknown properties), `mobilePhone`, `businessPhones`.
    Phone,
    /// `macAddress`, `basicServiceSetIdentifier`.
    Mac,
    /// `ipAddress`, `subnet`, `reflexiveIPAddress`, `relayIPAddress`.
    Ip,
    /// `captureDeviceName`, `renderDeviceName`.
    DeviceName,
    Name,
    Application,
    Device,
    /// `caller`, `callee`.
    Endpoint,
    Other,
}

fn classify(key: &str) -> Key {
    let mut buf = [0u8; 48];
    let bytes = key.as_bytes();
    if bytes.len() > buf.len() {
        let lower = key.to_ascii_lowercase();
        return if lower.contains("@odata") {
            Key::Keep
        } else {
            Key::Other
        };
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &buf[..bytes.len()];
    match lower {
        b"displayname" => Key::DisplayName,
        b"givenname" | b"surname" => Key::NamePart,
        b"userprincipalname" | b"email" | b"mail" | b"emailaddress" => Key::Address,
        b"phone" | b"mobilephone" | b"businessphones" | b"telephonenumber" | b"phonenumber" => {
            Key::Phone
        }
        b"macaddress" | b"basicservicesetidentifier" => Key::Mac,
        b"ipaddress" | b"subnet" | b"reflexiveipaddress" | b"relayipaddress" => Key::Ip,
        b"capturedevicename" | b"renderdevicename" => Key::DeviceName,
        b"name" => Key::Name,
        b"id" => Key::Id,
        b"application"
        | b"applicationinstance"
        | b"acsapplicationinstance"
        | b"spoolapplicationinstance" => Key::Application,
        b"device" => Key::Device,
        b"caller" | b"callee" => Key::Endpoint,
        _ if is_kept(lower) => Key::Keep,
        _ => Key::Other,
    }
}

/// Keys whose values are never personal and must reach the loader unchanged.
fn is_kept(lower: &[u8]) -> bool {
    const KEPT: &[&[u8]] = &[
        b"joinweburl",
        b"tenantid",
        b"streamid",
        b"streamdirection",
        b"audiocodec",
        b"videocodec",
        b"platform",
        b"productfamily",
        b"role",
        b"stage",
        b"connectiontype",
        b"networktransportprotocol",
        b"wifiband",
        b"wifiradiotype",
        b"rating",
        b"type",
        b"calltype",
        b"modalities",
        b"endpointtype",
        b"label",
        b"azureadappid",
        b"communicationserviceid",
    ];
    lower.starts_with(b"@odata")
        || lower.windows(7).any(|w| w == b"@odata.")
        || lower.ends_with(b"datetime")
        || lower.ends_with(b"version")
        || KEPT.contains(&lower)
}

/// A string value as the scanner found it.
struct Token<'t> {
    /// The string with its quotes, as written in the text.
    quoted: &'t str,
    /// Where `quoted` starts in the text.
    start: usize,
    /// The key the value sits under (an array's key for its elements).
    key: Key,
    /// The key of the container around the value's object or array.
    parent: Key,
    /// True when the value is a property of an object, not an element of an array.
    in_object: bool,
}

/// What each pass does with what the scanner finds.
trait Visit {
    fn object_start(&mut self, key: Key);
    fn object_end(&mut self);
    fn string(&mut self, token: Token<'_>);
}

struct Frame {
    is_object: bool,
    key: Key,
    parent: Key,
    /// The key of the property being read, in an object.
    current: Key,
    expect_key: bool,
}

/// Walks the text once, calling `visit` for every object and string value, without recursion.
fn walk(text: &str, visit: &mut impl Visit) {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::with_capacity(32);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            open @ (b'{' | b'[') => {
                let (key, parent) = match stack.last() {
                    Some(f) if f.is_object => (f.current, f.key),
                    Some(f) => (f.key, f.parent),
                    None => (Key::Other, Key::Other),
                };
                let is_object = open == b'{';
                if is_object {
                    visit.object_start(key);
                }
                stack.push(Frame {
                    is_object,
                    key,
                    parent,
                    current: Key::Other,
                    expect_key: is_object,
                });
            }
            b'}' | b']' => {
                let closed = stack.pop();
                if closed.is_some_and(|f| f.is_object) {
                    visit.object_end();
                }
            }
            b',' => {
                if let Some(f) = stack.last_mut().filter(|f| f.is_object) {
                    f.expect_key = true;
                }
            }
            b'"' => {
                let Some(end) = string_end(bytes, i + 1) else {
                    return;
                };
                let quoted = &text[i..=end];
                match stack.last_mut() {
                    Some(f) if f.is_object && f.expect_key => {
                        f.current = classify(&decode(quoted));
                        f.expect_key = false;
                    }
                    frame => {
                        let (key, parent, in_object) = match frame {
                            Some(f) if f.is_object => (f.current, f.key, true),
                            Some(f) => (f.key, f.parent, false),
                            None => (Key::Other, Key::Other, false),
                        };
                        visit.string(Token {
                            quoted,
                            start: i,
                            key,
                            parent,
                            in_object,
                        });
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
}

/// The index of the quote that closes the string whose content starts at `from`.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?;
        if bytes[at] == b'"' {
            return Some(at);
        }
        from = at + 2;
    }
}

/// The value of a quoted JSON string; escapes are decoded only when there are any.
fn decode(quoted: &str) -> Cow<'_, str> {
    let inner = &quoted[1..quoted.len() - 1];
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    // A bad escape cannot occur in text the loader parsed; keeping the raw text is the safe
    // reading if it does, since it is still searched for personal values.
    serde_json::from_str::<String>(quoted).map_or(Cow::Borrowed(inner), Cow::Owned)
}

// ---------------------------------------------------------------------------------------------
// Pass 1: identities

/// The identity fields of one open object.
#[derive(Default)]
struct Identity {
    key: Option<Key>,
    name: Option<String>,
    parts: Vec<String>,
    address: Option<String>,
    id: Option<String>,
}

struct Collector<'b> {
    book: &'b mut Pseudonyms,
    open: Vec<Identity>,
}

impl Visit for Collector<'_> {
    fn object_start(&mut self, key: Key) {
        self.open.push(Identity {
            key: Some(key),
            ..Identity::default()
        });
    }

    fn object_end(&mut self) {
        if let Some(identity) = self.open.pop() {
            self.book.register(identity);
        }
    }

    fn string(&mut self, token: Token<'_>) {
        let wanted = matches!(
            token.key,
            Key::DisplayName | Key::NamePart | Key::Address | Key::Id | Key::Phone | Key::Name
        );
        if !wanted {
            return;
        }
        let value = decode(token.quoted);
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        match token.key {
            Key::Phone => {
                self.book.whole_phone(value);
            }
            Key::Name if token.parent == Key::Endpoint && token.in_object => {
                self.book.machine(value);
            }
            _ => {}
        }
        let Some(identity) = self.open.last_mut().filter(|_| token.in_object) else {
            return;
        };
        let slot = match token.key {
            Key::DisplayName => &mut identity.name,
            Key::Address => &mut identity.address,
            Key::Id => &mut identity.id,
            Key::NamePart => {
                identity.parts.push(value.to_owned());
                return;
            }
            _ => return,
        };
        slot.get_or_insert_with(|| value.to_owned());
    }
}

// ---------------------------------------------------------------------------------------------
// Pass 2: rewriting

struct Writer<'t> {
    text: &'t str,
    out: String,
    /// The text before this offset is in `out` already.
    copied: usize,
    replaced: usize,
    book: Pseudonyms,
    everywhere: Table,
    name_words: Table,
}

impl Visit for Writer<'_> {
    fn object_start(&mut self, _: Key) {}

    fn object_end(&mut self) {}

    fn string(&mut self, token: Token<'_>) {
        if token.key == Key::Keep {
            return;
        }
        let value = decode(token.quoted);
        let changed = self.rewrite(&value, &token);
        let Some(new) = changed.filter(|new| new.as_str() != value.as_ref()) else {
            return;
        };
        self.out.push_str(&self.text[self.copied..token.start]);
        let encoded = serde_json::to_string(&new).expect("a string always encodes");
        self.out.push_str(&encoded);
        self.copied = token.start + token.quoted.len();
        self.replaced += 1;
    }
}

impl Writer<'_> {
    /// The new value of a string, or `None` to keep it.
    fn rewrite(&mut self, value: &str, token: &Token<'_>) -> Option<String> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return None;
        }
        let book = &mut self.book;
        match token.key {
            Key::DisplayName | Key::NamePart => {
                let whole = book
                    .whole_phone(trimmed)
                    .or_else(|| is_email(trimmed).then(|| book.address(trimmed)));
                Some(whole.unwrap_or_else(|| match token.parent {
                    Key::Application => book.application(trimmed),
                    Key::Device => book.device(trimmed),
                    _ => book.person(trimmed),
                }))
            }
            Key::Address => Some(book.address(trimmed)),
            Key::Id if token.parent == Key::Phone => book.whole_phone(trimmed),
            Key::Id if trimmed.starts_with('+') || starts_with_tel(trimmed) => {
                book.whole_phone(trimmed)
            }
            Key::Id if is_email(trimmed) => Some(book.address(trimmed)),
            Key::Id => None,
            Key::Name if token.parent == Key::Endpoint && token.in_object => {
                Some(book.machine(trimmed))
            }
            Key::Phone => book
                .whole_phone(trimmed)
                .or_else(|| self.scrub(value, false)),
            // Whatever stands under an address key is masked, even when it is not an address
            // (a host name, a template's "Ip Address value"): when unsure, mask.
            Key::Mac => match whole_mac_hex(trimmed) {
                Some(hex) => book.mac(hex),
                None => Some(self.scrub(value, false).unwrap_or_else(|| {
                    let other = self.book.mac(trimmed.to_ascii_lowercase());
                    other.unwrap_or_else(|| trimmed.to_owned())
                })),
            },
            Key::Ip => Some(
                self.scrub(value, false)
                    .unwrap_or_else(|| self.book.other_address(trimmed)),
            ),
            Key::DeviceName => self.scrub(value, true),
            _ => self.scrub(value, false),
        }
    }

    /// Free text with every collected value and every address, number or MAC found in it
    /// replaced; `None` when nothing was found.
    fn scrub(&mut self, s: &str, with_name_words: bool) -> Option<String> {
        let hay = s.as_bytes();
        let emails = if memchr::memchr(b'@', hay).is_some() {
            find_emails(hay)
        } else {
            Vec::new()
        };
        let mut emails = emails.into_iter().peekable();
        let mut out = String::new();
        let mut copied = 0;
        let mut i = 0;
        while i < hay.len() {
            while emails.next_if(|&(start, _)| start < i).is_some() {}
            let at_word = i == 0 || !hay[i - 1].is_ascii_alphanumeric();
            if at_word && s.is_char_boundary(i) {
                let hit = if let Some((start, end)) = emails.next_if(|&(start, _)| start == i) {
                    Some((end, Some(self.book.address(&s[start..end]))))
                } else if let Some((end, with)) = self.everywhere.longest_at(hay, i) {
                    Some((end, Some(with.to_owned())))
                } else if let Some((end, with)) = self
                    .name_words
                    .longest_at(hay, i)
                    .filter(|_| with_name_words)
                {
                    Some((end, Some(with.to_owned())))
                } else {
                    self.book.detect_at(s, i)
                };
                if let Some((end, with)) = hit {
                    if let Some(with) = with {
                        out.push_str(&s[copied..i]);
                        out.push_str(&with);
                        copied = end;
                    }
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        if copied == 0 {
            return None;
        }
        out.push_str(&s[copied..]);
        Some(out)
    }
}

// ---------------------------------------------------------------------------------------------
// Pseudonyms

/// Every pseudonym handed out so far, so the same original always gets the same one.
#[derive(Default)]
struct Pseudonyms {
    /// Person numbers by display name and by address, both ASCII-lowercased.
    names: HashMap<String, usize>,
    addresses: HashMap<String, usize>,
    /// Whether person N (index N - 1) already has a name, an address.
    has_name: Vec<bool>,
    has_address: Vec<bool>,
    /// The words of display names, given names and surnames, by person number.
    words: HashMap<String, usize>,
    applications: HashMap<String, usize>,
    devices: HashMap<String, usize>,
    machines: HashMap<String, usize>,
    /// Masks by number (its digits, after a `+` when it had one).
    phones: HashMap<String, String>,
    /// How many numbers share each mask, for the suffix that keeps them apart.
    masks: HashMap<String, usize>,
    /// Numbers as they were written, with their masks, for the search in other strings.
    phones_written: Vec<(String, String)>,
    ips: HashMap<IpAddr, String>,
    ip_counts: HashMap<&'static str, usize>,
    /// Values under IP keys that are not addresses.
    others: HashMap<String, usize>,
    /// MAC pseudonyms by the address's hex digits, lowercased.
    macs: HashMap<String, String>,
}

fn numbered(map: &mut HashMap<String, usize>, value: &str) -> usize {
    let next = map.len() + 1;
    *map.entry(value.to_ascii_lowercase()).or_insert(next)
}

impl Pseudonyms {
    /// Gives the identity found in one object its numbers.
    fn register(&mut self, identity: Identity) {
        let Identity {
            key,
            name,
            parts,
            address,
            id,
        } = identity;
        if key == Some(Key::Phone) {
            if let Some(id) = &id {
                self.whole_phone(id);
            }
        }
        let name = name.filter(|n| !is_email(n) && self.whole_phone(n).is_none());
        match key {
            Some(Key::Application) => {
                if let Some(name) = name {
                    self.application(&name);
                }
            }
            Some(Key::Device) => {
                if let Some(name) = name {
                    self.device(&name);
                }
            }
            _ if name.is_some() || address.is_some() || !parts.is_empty() => {
                let n = self.link(name.as_deref(), address.as_deref());
                let words = name.iter().flat_map(|n| n.split_whitespace());
                for word in words.chain(parts.iter().map(String::as_str)) {
                    let searchable = word.len() >= MIN_SEARCHED
                        && word.chars().any(char::is_alphabetic)
                        && !word.contains('@');
                    if searchable {
                        self.words.entry(word.to_ascii_lowercase()).or_insert(n);
                    }
                }
            }
            _ => {}
        }
    }

    /// The person number shared by a name and an address of one identity. Each name and each
    /// address has one number; the two share it unless that number already went to another
    /// name or address, so different people never look alike.
    fn link(&mut self, name: Option<&str>, address: Option<&str>) -> usize {
        let name = name.map(str::to_ascii_lowercase);
        let address = address.map(str::to_ascii_lowercase);
        let by_name = name.as_ref().and_then(|k| self.names.get(k).copied());
        let by_address = address
            .as_ref()
            .and_then(|k| self.addresses.get(k).copied());

        let name_n = match (name, by_name) {
            (Some(key), None) => {
                let n = match by_address {
                    Some(n) if !self.has_name[n - 1] => n,
                    _ => self.new_person(),
                };
                self.names.insert(key, n);
                self.has_name[n - 1] = true;
                Some(n)
            }
            (_, known) => known,
        };
        let address_n = match (address, by_address) {
            (Some(key), None) => {
                let n = match name_n {
                    Some(n) if !self.has_address[n - 1] => n,
                    _ => self.new_person(),
                };
                self.addresses.insert(key, n);
                self.has_address[n - 1] = true;
                Some(n)
            }
            (_, known) => known,
        };
        name_n.or(address_n).unwrap_or_else(|| self.new_person())
    }

    fn new_person(&mut self) -> usize {
        self.has_name.push(false);
        self.has_address.push(false);
        self.has_name.len()
    }

    fn person(&mut self, name: &str) -> String {
        let key = name.to_ascii_lowercase();
        let n = match self.names.get(&key).or_else(|| self.words.get(&key)) {
            Some(&n) => n,
            None => self.link(Some(name), None),
        };
        format!("Person {n}")
    }

    fn address(&mut self, address: &str) -> String {
        let n = match self.addresses.get(&address.to_ascii_lowercase()) {
            Some(&n) => n,
            None => self.link(None, Some(address)),
        };
        format!("person{n}@redacted.invalid")
    }

    fn application(&mut self, name: &str) -> String {
        format!("Application {}", numbered(&mut self.applications, name))
    }

    fn device(&mut self, name: &str) -> String {
        format!("Device {}", numbered(&mut self.devices, name))
    }

    fn machine(&mut self, name: &str) -> String {
        format!("machine-{}", numbered(&mut self.machines, name))
    }

    /// The mask of a value that is a phone number as a whole (with or without `+` or `tel:`),
    /// or `None` when it is not one.
    fn whole_phone(&mut self, value: &str) -> Option<String> {
        let (prefix, rest) = if starts_with_tel(value) {
            value.split_at(4)
        } else {
            ("", value)
        };
        let plus = rest.starts_with('+');
        let body = rest.strip_prefix('+').unwrap_or(rest);
        let allowed = |b: &u8| b.is_ascii_digit() || b" -().".contains(b);
        if !body.bytes().all(|b| allowed(&b)) {
            return None;
        }
        let digits: String = body.chars().filter(char::is_ascii_digit).collect();
        if !(3..=15).contains(&digits.len()) {
            return None;
        }
        let mask = self.phone(plus, &digits);
        if value.len() >= MIN_SEARCHED && !self.phones_written.iter().any(|(w, _)| w == value) {
            self.phones_written.push((value.to_owned(), mask.clone()));
        }
        Some(format!("{prefix}{mask}"))
    }

    /// The mask of a number given as its digits.
    fn phone(&mut self, plus: bool, digits: &str) -> String {
        let key = format!("{}{digits}", if plus { "+" } else { "" });
        if let Some(mask) = self.phones.get(&key) {
            return mask.clone();
        }
        let last_two = &digits[digits.len() - 2..];
        let mask = if plus {
            let code = country_code_len(digits).min(digits.len() - 2);
            format!("+{}{PHONE_MASK}{last_two}", &digits[..code])
        } else {
            format!("{PHONE_MASK}{last_two}")
        };
        let count = self.masks.entry(mask.clone()).or_insert(0);
        *count += 1;
        let mask = match *count {
            1 => mask,
            n => format!("{mask} ({n})"),
        };
        self.phones.insert(key, mask.clone());
        mask
    }

    /// A value under an IP key that holds no address.
    fn other_address(&mut self, value: &str) -> String {
        format!("address-{}", numbered(&mut self.others, value))
    }

    fn ip(&mut self, ip: IpAddr) -> Option<String> {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        if let Some(known) = self.ips.get(&ip) {
            return Some(known.clone());
        }
        let kind = ip_kind(ip)?;
        let count = self.ip_counts.entry(kind).or_insert(0);
        *count += 1;
        let pseudonym = format!("{kind}-{count}");
        self.ips.insert(ip, pseudonym.clone());
        Some(pseudonym)
    }

    /// The pseudonym of a MAC given by its hex digits, or `None` for a privacy placeholder.
    fn mac(&mut self, hex: String) -> Option<String> {
        if hex.bytes().all(|b| b == b'0') || hex == "020000000000" {
            return None;
        }
        let next = self.macs.len() + 1;
        Some(
            self.macs
                .entry(hex)
                .or_insert_with(|| format!("mac-{next}"))
                .clone(),
        )
    }

    /// An address, number or MAC starting at byte `i` of `s`: where it ends and its
    /// pseudonym, or `None` as the pseudonym when it is kept as it is.
    fn detect_at(&mut self, s: &str, i: usize) -> Option<(usize, Option<String>)> {
        let hay = s.as_bytes();
        let first = hay[i];
        if first == b'+' {
            let end = phone_run(hay, i)?;
            let digits: String = s[i..end].chars().filter(char::is_ascii_digit).collect();
            return Some((end, Some(self.phone(true, &digits))));
        }
        if !(first.is_ascii_hexdigit() || first == b':') {
            return None;
        }
        if let Some(end) = mac_run(hay, i) {
            return Some((end, self.mac(mac_hex(&s[i..end]))));
        }
        let previous = i.checked_sub(1).map(|p| hay[p]);
        if first.is_ascii_digit() && previous != Some(b'.') {
            if let Some((end, ip)) = ipv4_run(s, i) {
                return Some((end, self.ip(IpAddr::V4(ip))));
            }
        }
        if previous != Some(b':') {
            if let Some((end, ip)) = ipv6_run(s, i) {
                return Some((end, self.ip(IpAddr::V6(ip))));
            }
        }
        None
    }

    /// Every collected original with its pseudonym, for the search in other strings.
    fn originals(&self) -> Vec<(String, String)> {
        let mut all = Vec::new();
        let people = [
            (&self.names, "Person "),
            (&self.applications, "Application "),
            (&self.devices, "Device "),
            (&self.machines, "machine-"),
        ];
        for (map, prefix) in people {
            all.extend(map.iter().map(|(k, n)| (k.clone(), format!("{prefix}{n}"))));
        }
        let addresses = self.addresses.iter();
        all.extend(addresses.map(|(k, n)| (k.clone(), format!("person{n}@redacted.invalid"))));
        all.extend(self.phones_written.iter().cloned());
        all
    }

    fn name_words(&self) -> Vec<(String, String)> {
        let words = self.words.iter();
        words
            .map(|(k, n)| (k.clone(), format!("Person {n}")))
            .collect()
    }
}

fn starts_with_tel(value: &str) -> bool {
    value.len() > 4 && value.as_bytes()[..4].eq_ignore_ascii_case(b"tel:")
}

/// Digits of the country code at the start of an international number, by the ITU prefixes.
fn country_code_len(digits: &str) -> usize {
    let d = digits.as_bytes();
    if matches!(d.first(), Some(b'1' | b'7')) {
        return 1;
    }
    let Some(two) = d.get(..2) else {
        return d.len();
    };
    let two = (two[0] - b'0') * 10 + (two[1] - b'0');
    match two {
        20
        | 27
        | 30..=34
        | 36
        | 39
        | 40
        | 41
        | 43..=49
        | 51..=58
        | 60..=66
        | 81
        | 82
        | 84
        | 86
        | 90..=95
        | 98 => 2,
        _ => 3,
    }
}

/// What kind of address this is, as the pseudonym says it; `None` for addresses that say
/// nothing about anyone (loopback, unspecified, broadcast).
fn ip_kind(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            if v4.is_loopback() || v4.is_unspecified() || v4.is_broadcast() {
                None
            } else if v4.is_private() {
                Some("private-ip")
            } else if a == 100 && (64..128).contains(&b) {
                Some("cgnat-ip")
            } else if v4.is_link_local() {
                Some("link-local-ip")
            } else {
                Some("public-ip")
            }
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            if v6.is_loopback() || v6.is_unspecified() {
                None
            } else if first & 0xfe00 == 0xfc00 {
                Some("private-ipv6")
            } else if first & 0xffc0 == 0xfe80 {
                Some("link-local-ipv6")
            } else {
                Some("public-ipv6")
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Patterns in free text (no regex: each is a short run checked byte by byte)

fn is_email(s: &str) -> bool {
    find_emails(s.as_bytes()).first() == Some(&(0, s.len()))
}

/// The spans of email addresses: a local part, `@`, and a domain with a dot and a top-level
/// label of at least two letters.
fn find_emails(hay: &[u8]) -> Vec<(usize, usize)> {
    let is_local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-'".contains(&b);
    let is_domain = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    let mut found: Vec<(usize, usize)> = Vec::new();
    for at in memchr::memchr_iter(b'@', hay) {
        let mut start = at;
        while start > 0 && is_local(hay[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < hay.len() && is_domain(hay[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(hay[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &hay[at + 1..end];
        let top = domain.rsplit(|&b| b == b'.').next().unwrap_or_default();
        let valid = start < at
            && domain.contains(&b'.')
            && top.len() >= 2
            && top.iter().all(u8::is_ascii_alphabetic);
        if valid && found.last().is_none_or(|&(_, last)| last <= start) {
            found.push((start, end));
        }
    }
    found
}

fn ends_word(hay: &[u8], end: usize) -> bool {
    hay.get(end).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// The end of `+` and 7 to 15 digits, with single spaces, dashes, dots or brackets between them.
fn phone_run(hay: &[u8], i: usize) -> Option<usize> {
    if !hay.get(i + 1)?.is_ascii_digit() {
        return None;
    }
    let (mut digits, mut gap, mut end) = (0, 0, i + 1);
    for (j, &b) in hay.iter().enumerate().skip(i + 1) {
        if b.is_ascii_digit() {
            digits += 1;
            gap = 0;
            end = j + 1;
            if digits > 15 {
                return None;
            }
        } else if b" -.()".contains(&b) && gap < 2 {
            gap += 1;
        } else {
            break;
        }
    }
    ((7..=15).contains(&digits) && ends_word(hay, end)).then_some(end)
}

/// The end of 6 or 8 pairs of hex digits separated all by `:` or all by `-`.
fn mac_run(hay: &[u8], i: usize) -> Option<usize> {
    let pair = |at: usize| {
        hay.get(at..at + 2)
            .filter(|p| p.iter().all(u8::is_ascii_hexdigit))
    };
    pair(i)?;
    let separator = *hay.get(i + 2).filter(|&&b| b == b':' || b == b'-')?;
    let mut pairs = 1;
    let mut at = i + 2;
    while hay.get(at) == Some(&separator) && pair(at + 1).is_some() && pairs < 8 {
        pairs += 1;
        at += 3;
    }
    let next_is_more =
        hay.get(at) == Some(&separator) || hay.get(at).is_some_and(u8::is_ascii_hexdigit);
    (matches!(pairs, 6 | 8) && !next_is_more && ends_word(hay, at)).then_some(at)
}

/// The hex digits of a value that is a MAC address as a whole: with separators, or bare.
fn whole_mac_hex(value: &str) -> Option<String> {
    let bare = matches!(value.len(), 12 | 16) && value.bytes().all(|b| b.is_ascii_hexdigit());
    let separated = mac_run(value.as_bytes(), 0) == Some(value.len());
    (bare || separated).then(|| mac_hex(value))
}

fn mac_hex(mac: &str) -> String {
    mac.chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A dotted IPv4 address starting at `i`, not followed by more dotted digits.
fn ipv4_run(s: &str, i: usize) -> Option<(usize, Ipv4Addr)> {
    let hay = s.as_bytes();
    let mut end = i;
    let mut dots = 0;
    while end < hay.len() && (hay[end].is_ascii_digit() || hay[end] == b'.') {
        dots += usize::from(hay[end] == b'.');
        end += 1;
        if end - i > 16 {
            return None;
        }
    }
    // "1.2.3.4." ends a sentence; the address is the part before the dot.
    if hay[end - 1] == b'.' {
        end -= 1;
        dots -= 1;
    }
    if dots != 3 || !ends_word(hay, end) {
        return None;
    }
    s[i..end].parse().ok().map(|ip| (end, ip))
}

/// An IPv6 address starting at `i`: a run of hex digits, colons and dots that parses.
fn ipv6_run(s: &str, i: usize) -> Option<(usize, Ipv6Addr)> {
    let hay = s.as_bytes();
    let mut end = i;
    let mut colons = 0;
    while end < hay.len() && (hay[end].is_ascii_hexdigit() || matches!(hay[end], b':' | b'.')) {
        colons += usize::from(hay[end] == b':');
        end += 1;
        // The longest form (IPv4-mapped, no zeros left out) is 45 bytes.
        if end - i > 45 {
            return None;
        }
    }
    while end > i && hay[end - 1] == b'.' {
        end -= 1;
    }
    if colons < 2 || !ends_word(hay, end) {
        return None;
    }
    s[i..end].parse().ok().map(|ip| (end, ip))
}

// ---------------------------------------------------------------------------------------------
// The search for collected values

/// Collected originals indexed by their first two bytes (ASCII-lowercased), longest first, so
/// that each position of a string costs one table look-up.
struct Table {
    entries: Vec<(String, String)>,
    /// `entries[starts[b]..starts[b + 1]]` begin with the two bytes of bucket `b`.
    starts: Vec<u32>,
}

fn bucket(a: u8, b: u8) -> usize {
    usize::from(a.to_ascii_lowercase()) << 8 | usize::from(b.to_ascii_lowercase())
}

impl Table {
    fn new(mut entries: Vec<(String, String)>) -> Self {
        entries.retain(|(original, _)| original.len() >= MIN_SEARCHED);
        let key = |original: &str| {
            let b = original.as_bytes();
            bucket(b[0], b[1])
        };
        entries.sort_by(|(a, _), (b, _)| key(a).cmp(&key(b)).then(b.len().cmp(&a.len())));
        let mut starts = vec![0u32; if entries.is_empty() { 0 } else { 1 << 16 | 1 }];
        for (original, _) in &entries {
            starts[key(original) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        Table { entries, starts }
    }

    /// The longest collected original at byte `i` that ends a word, with its pseudonym.
    fn longest_at(&self, hay: &[u8], i: usize) -> Option<(usize, &str)> {
        if self.starts.is_empty() || i + 1 >= hay.len() {
            return None;
        }
        let b = bucket(hay[i], hay[i + 1]);
        let range = self.starts[b] as usize..self.starts[b + 1] as usize;
        self.entries[range].iter().find_map(|(original, with)| {
            let end = i + original.len();
            let matches = hay
                .get(i..end)
                .is_some_and(|here| here.eq_ignore_ascii_case(original.as_bytes()));
            let whole_word = !original.as_bytes()[original.len() - 1].is_ascii_alphanumeric()
                || ends_word(hay, end);
            (matches && whole_word).then_some((end, with.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
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
}
