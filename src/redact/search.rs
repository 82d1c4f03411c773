//! Finding personal values inside free text: patterns checked byte by byte (no regex), and the
//! table of collected originals.

use super::*;

pub(super) fn is_email(s: &str) -> bool {
    find_emails(s.as_bytes()).first() == Some(&(0, s.len()))
}

/// The spans of email addresses: a local part, `@`, and a domain with a dot and a top-level
/// label of at least two letters.
pub(super) fn find_emails(hay: &[u8]) -> Vec<(usize, usize)> {
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

pub(super) fn ends_word(hay: &[u8], end: usize) -> bool {
    hay.get(end).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// The end of `+` and 7 to 15 digits, with single spaces, dashes, dots or brackets between them.
pub(super) fn phone_run(hay: &[u8], i: usize) -> Option<usize> {
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

/// The end of a number written the national way, without `+`: "(425) 555-0177",
/// "425-555-0177", "0044 20 7946 0960". It needs 9 to 15 digits in at least three groups
/// (spaces, dashes or brackets between them), or no groups at all right after `tel:`. Dots are
/// not separators (versions, addresses), and a run that goes on with `:` or looks like a date
/// (`2026-11-24 14:02`) is a time, not a number.
pub(super) fn national_phone_run(hay: &[u8], i: usize, after_tel: bool) -> Option<usize> {
    let (mut digits, mut groups, mut gap, mut end) = (0, 0, 1, i);
    for (j, &b) in hay.iter().enumerate().skip(i) {
        if b.is_ascii_digit() {
            digits += 1;
            groups += usize::from(gap > 0);
            gap = 0;
            end = j + 1;
        } else if b" -()".contains(&b) && gap < 2 {
            gap += 1;
        } else {
            break;
        }
    }
    let run = &hay[i..end];
    let looks_like_date = run.len() >= 10
        && run[..4].iter().all(u8::is_ascii_digit)
        && run[4] == b'-'
        && run[7] == b'-';
    let shaped = groups >= 3 || after_tel && groups == 1;
    // A sentence may end right after the number; a dot before more digits is not an end.
    let goes_on = match hay.get(end) {
        Some(b':' | b'/') => true,
        Some(b'.') => hay.get(end + 1).is_some_and(u8::is_ascii_digit),
        _ => false,
    };
    ((9..=15).contains(&digits) && shaped && !looks_like_date && !goes_on && ends_word(hay, end))
        .then_some(end)
}

/// The end of 6 or 8 pairs of hex digits separated all by `:` or all by `-`.
pub(super) fn mac_run(hay: &[u8], i: usize) -> Option<usize> {
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
pub(super) fn whole_mac_hex(value: &str) -> Option<String> {
    let bare = matches!(value.len(), 12 | 16) && value.bytes().all(|b| b.is_ascii_hexdigit());
    let separated = mac_run(value.as_bytes(), 0) == Some(value.len());
    (bare || separated).then(|| mac_hex(value))
}

pub(super) fn mac_hex(mac: &str) -> String {
    mac.chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A dotted IPv4 address starting at `i`, not followed by more dotted digits.
pub(super) fn ipv4_run(s: &str, i: usize) -> Option<(usize, Ipv4Addr)> {
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
pub(super) fn ipv6_run(s: &str, i: usize) -> Option<(usize, Ipv6Addr)> {
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
pub(super) struct Table {
    pub(super) entries: Vec<(String, String)>,
    /// `entries[starts[b]..starts[b + 1]]` begin with the two bytes of bucket `b`.
    pub(super) starts: Vec<u32>,
}

pub(super) fn bucket(a: u8, b: u8) -> usize {
    usize::from(a.to_ascii_lowercase()) << 8 | usize::from(b.to_ascii_lowercase())
}

impl Table {
    pub(super) fn new(mut entries: Vec<(String, String)>) -> Self {
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
    pub(super) fn longest_at(&self, hay: &[u8], i: usize) -> Option<(usize, &str)> {
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
