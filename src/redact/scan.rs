//! The scanner both passes share: a walk over the JSON text that reports each string with the key
//! it sits under, and how keys are classified.

use super::*;

/// What a key says about the value under it, decided once when the key is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
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

pub(super) fn classify(key: &str) -> Key {
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
pub(super) fn is_kept(lower: &[u8]) -> bool {
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
pub(super) struct Token<'t> {
    /// The string with its quotes, as written in the text.
    pub(super) quoted: &'t str,
    /// Where `quoted` starts in the text.
    pub(super) start: usize,
    /// The key the value sits under (an array's key for its elements).
    pub(super) key: Key,
    /// The key of the container around the value's object or array.
    pub(super) parent: Key,
    /// True when the value is a property of an object, not an element of an array.
    pub(super) in_object: bool,
}

/// What each pass does with what the scanner finds.
pub(super) trait Visit {
    fn object_start(&mut self, key: Key);
    fn object_end(&mut self);
    fn string(&mut self, token: Token<'_>);
}

pub(super) struct Frame {
    pub(super) is_object: bool,
    pub(super) key: Key,
    pub(super) parent: Key,
    /// The key of the property being read, in an object.
    pub(super) current: Key,
    pub(super) expect_key: bool,
}

/// Walks the text once, calling `visit` for every object and string value, without recursion.
pub(super) fn walk(text: &str, visit: &mut impl Visit) {
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
pub(super) fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?;
        if bytes[at] == b'"' {
            return Some(at);
        }
        from = at + 2;
    }
}

/// The value of a quoted JSON string; escapes are decoded only when there are any.
pub(super) fn decode(quoted: &str) -> Cow<'_, str> {
    let inner = &quoted[1..quoted.len() - 1];
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    // A bad escape cannot occur in text the loader parsed; keeping the raw text is the safe
    // reading if it does, since it is still searched for personal values.
    serde_json::from_str::<String>(quoted).map_or(Cow::Borrowed(inner), Cow::Owned)
}
