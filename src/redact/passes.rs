//! The two passes: pass 1 collects identities, pass 2 rewrites string values and copies everything
//! else byte for byte.

use super::*;

/// The identity fields of one open object.
#[derive(Default)]
pub(super) struct Identity {
    pub(super) key: Option<Key>,
    pub(super) name: Option<String>,
    pub(super) parts: Vec<String>,
    pub(super) address: Option<String>,
    pub(super) id: Option<String>,
}

pub(super) struct Collector<'b> {
    pub(super) book: &'b mut Pseudonyms,
    pub(super) open: Vec<Identity>,
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

pub(super) struct Writer<'t> {
    pub(super) text: &'t str,
    pub(super) out: String,
    /// The text before this offset is in `out` already.
    pub(super) copied: usize,
    pub(super) replaced: usize,
    pub(super) book: Pseudonyms,
    pub(super) everywhere: Table,
    pub(super) name_words: Table,
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
    pub(super) fn rewrite(&mut self, value: &str, token: &Token<'_>) -> Option<String> {
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
            // Free text (device names, feedback, reasons, user agents, unknown properties) also
            // loses a collected name's words: "I missed half of what Priya said".
            _ => self.scrub(value, true),
        }
    }

    /// Free text with every collected value and every address, number or MAC found in it
    /// replaced; `None` when nothing was found.
    pub(super) fn scrub(&mut self, s: &str, with_name_words: bool) -> Option<String> {
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
