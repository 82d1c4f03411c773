//! Bytes → text: UTF-8 with or without a byte-order mark, and UTF-16 as Windows PowerShell 5.1
//! writes it (`Out-File` and `>` default to UTF-16 LE with a BOM). Anything else is named, not
//! guessed: a misread character in an id or a name would be worse than a clear refusal.

use thiserror::Error;

/// How the bytes were encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8WithBom,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// A note for the UI, or `None` for plain UTF-8.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Encoding::Utf8 => None,
            Encoding::Utf8WithBom => Some("UTF-8 with a byte-order mark"),
            Encoding::Utf16Le => {
                Some("UTF-16 little-endian (as Windows PowerShell 5.1 writes files), decoded")
            }
            Encoding::Utf16Be => Some("UTF-16 big-endian, decoded"),
        }
    }
}

/// Bytes that are not text this viewer can read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error(
        "the file is not UTF-8: byte {offset} (0x{byte:02X}) starts no valid character. \
         It may be in a legacy code page such as Windows-1252; save it as UTF-8 and open it again"
    )]
    NotUtf8 { offset: usize, byte: u8 },
    #[error("the file looks like UTF-16 but has an odd number of bytes ({len}); it is cut off")]
    OddUtf16 { len: usize },
    #[error("the file looks like UTF-16 but holds an invalid character near byte {offset}")]
    BadUtf16 { offset: usize },
}

/// Decodes a file's bytes. UTF-8 is taken over without a copy: for a large record the bytes
/// are the biggest thing in memory while it is read.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Encoding), DecodeError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        let mut text = utf8(bytes)?;
        text.replace_range(..3, "");
        return Ok((text, Encoding::Utf8WithBom));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(|t| (t, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(|t| (t, Encoding::Utf16Be));
    }

    // Without a BOM, JSON in UTF-16 starts with an ASCII character and a zero byte.
    match bytes[..] {
        [a, 0, ..] if a != 0 => utf16(&bytes, u16::from_le_bytes).map(|t| (t, Encoding::Utf16Le)),
        [0, b, ..] if b != 0 => utf16(&bytes, u16::from_be_bytes).map(|t| (t, Encoding::Utf16Be)),
        _ => utf8(bytes).map(|t| (t, Encoding::Utf8)),
    }
}

fn utf8(bytes: Vec<u8>) -> Result<String, DecodeError> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        DecodeError::NotUtf8 {
            offset,
            byte: e.as_bytes()[offset],
        }
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if bytes.len() % 2 != 0 {
        return Err(DecodeError::OddUtf16 { len: bytes.len() });
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => text.push(c),
            Err(_) => return Err(DecodeError::BadUtf16 { offset: i * 2 }),
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn powershell_utf16_is_decoded_with_or_without_bom() {
        let json = "{\"id\": \"Zoë 😀\"}";
        assert_eq!(
            decode(utf16le(json, true)),
            Ok((json.to_owned(), Encoding::Utf16Le))
        );
        assert_eq!(
            decode(utf16le(json, false)),
            Ok((json.to_owned(), Encoding::Utf16Le))
        );
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(json.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be), Ok((json.to_owned(), Encoding::Utf16Be)));
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF{}".to_vec()),
            Ok(("{}".to_owned(), Encoding::Utf8WithBom))
        );
        assert_eq!(
            decode(b"{}".to_vec()),
            Ok(("{}".to_owned(), Encoding::Utf8))
        );
    }

    #[test]
    fn legacy_code_pages_are_named_not_guessed() {
        // "Zoë" in Windows-1252.
        let got = decode(b"{\"n\": \"Zo\xEB\"}".to_vec());
        assert_eq!(
            got,
            Err(DecodeError::NotUtf8 {
                offset: 9,
                byte: 0xEB
            })
        );
        assert!(got.unwrap_err().to_string().contains("Windows-1252"));
    }

    #[test]
    fn cut_utf16_is_reported() {
        let mut bytes = utf16le("{}", true);
        bytes.pop();
        assert_eq!(decode(bytes), Err(DecodeError::OddUtf16 { len: 3 }));
    }
}
