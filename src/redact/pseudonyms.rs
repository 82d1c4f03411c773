//! Pseudonyms: the book of originals and what each became, so the same original always gets the
//! same one; phone masks and IP kinds.

use super::*;

/// Every pseudonym handed out so far, so the same original always gets the same one.
#[derive(Default)]
pub(super) struct Pseudonyms {
    /// Person numbers by display name and by address, both ASCII-lowercased.
    pub(super) names: HashMap<String, usize>,
    pub(super) addresses: HashMap<String, usize>,
    /// Whether person N (index N - 1) already has a name, an address.
    pub(super) has_name: Vec<bool>,
    pub(super) has_address: Vec<bool>,
    /// The words of display names, given names and surnames, by person number.
    pub(super) words: HashMap<String, usize>,
    pub(super) applications: HashMap<String, usize>,
    pub(super) devices: HashMap<String, usize>,
    pub(super) machines: HashMap<String, usize>,
    /// Masks by number (its digits, after a `+` when it had one).
    pub(super) phones: HashMap<String, String>,
    /// How many numbers share each mask, for the suffix that keeps them apart.
    pub(super) masks: HashMap<String, usize>,
    /// Numbers as they were written, with their masks, for the search in other strings.
    pub(super) phones_written: Vec<(String, String)>,
    pub(super) ips: HashMap<IpAddr, String>,
    pub(super) ip_counts: HashMap<&'static str, usize>,
    /// Values under IP keys that are not addresses.
    pub(super) others: HashMap<String, usize>,
    /// MAC pseudonyms by the address's hex digits, lowercased.
    pub(super) macs: HashMap<String, String>,
}

pub(super) fn numbered(map: &mut HashMap<String, usize>, value: &str) -> usize {
    let next = map.len() + 1;
    *map.entry(value.to_ascii_lowercase()).or_insert(next)
}

impl Pseudonyms {
    /// Gives the identity found in one object its numbers.
    pub(super) fn register(&mut self, identity: Identity) {
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
    pub(super) fn link(&mut self, name: Option<&str>, address: Option<&str>) -> usize {
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

    pub(super) fn new_person(&mut self) -> usize {
        self.has_name.push(false);
        self.has_address.push(false);
        self.has_name.len()
    }

    pub(super) fn person(&mut self, name: &str) -> String {
        let key = name.to_ascii_lowercase();
        let n = match self.names.get(&key).or_else(|| self.words.get(&key)) {
            Some(&n) => n,
            None => self.link(Some(name), None),
        };
        format!("Person {n}")
    }

    pub(super) fn address(&mut self, address: &str) -> String {
        let n = match self.addresses.get(&address.to_ascii_lowercase()) {
            Some(&n) => n,
            None => self.link(None, Some(address)),
        };
        format!("person{n}@redacted.invalid")
    }

    pub(super) fn application(&mut self, name: &str) -> String {
        format!("Application {}", numbered(&mut self.applications, name))
    }

    pub(super) fn device(&mut self, name: &str) -> String {
        format!("Device {}", numbered(&mut self.devices, name))
    }

    pub(super) fn machine(&mut self, name: &str) -> String {
        format!("machine-{}", numbered(&mut self.machines, name))
    }

    /// The mask of a value that is a phone number as a whole (with or without `+` or `tel:`),
    /// or `None` when it is not one.
    pub(super) fn whole_phone(&mut self, value: &str) -> Option<String> {
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
    pub(super) fn phone(&mut self, plus: bool, digits: &str) -> String {
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
    pub(super) fn other_address(&mut self, value: &str) -> String {
        format!("address-{}", numbered(&mut self.others, value))
    }

    pub(super) fn ip(&mut self, ip: IpAddr) -> Option<String> {
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
    pub(super) fn mac(&mut self, hex: String) -> Option<String> {
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
    pub(super) fn detect_at(&mut self, s: &str, i: usize) -> Option<(usize, Option<String>)> {
        let hay = s.as_bytes();
        let first = hay[i];
        if first == b'+' {
            let end = phone_run(hay, i)?;
            let digits: String = s[i..end].chars().filter(char::is_ascii_digit).collect();
            return Some((end, Some(self.phone(true, &digits))));
        }
        let previous = i.checked_sub(1).map(|p| hay[p]);
        // "Teams/1.6.0.1" and "TeamsRooms/5.5.141.0" are versions, not addresses or numbers;
        // "http://10.1.2.3" is an address (its slash follows a slash).
        let after_product = previous == Some(b'/')
            && i.checked_sub(2)
                .is_some_and(|p| hay[p].is_ascii_alphanumeric());
        if after_product {
            return None;
        }
        if first == b'(' || first.is_ascii_digit() {
            let after_tel = i >= 4 && hay[i - 4..i].eq_ignore_ascii_case(b"tel:");
            if let Some(end) = national_phone_run(hay, i, after_tel) {
                let digits: String = s[i..end].chars().filter(char::is_ascii_digit).collect();
                return Some((end, Some(self.phone(false, &digits))));
            }
        }
        if !(first.is_ascii_hexdigit() || first == b':') {
            return None;
        }
        if let Some(end) = mac_run(hay, i) {
            return Some((end, self.mac(mac_hex(&s[i..end]))));
        }
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
    pub(super) fn originals(&self) -> Vec<(String, String)> {
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

    pub(super) fn name_words(&self) -> Vec<(String, String)> {
        let words = self.words.iter();
        words
            .map(|(k, n)| (k.clone(), format!("Person {n}")))
            .collect()
    }
}

pub(super) fn starts_with_tel(value: &str) -> bool {
    value.len() > 4 && value.as_bytes()[..4].eq_ignore_ascii_case(b"tel:")
}

/// Digits of the country code at the start of an international number, by the ITU prefixes.
pub(super) fn country_code_len(digits: &str) -> usize {
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
pub(super) fn ip_kind(ip: IpAddr) -> Option<&'static str> {
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
