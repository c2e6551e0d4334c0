//! The text encoding of a file to import: UTF-8 with or without a byte-order mark, UTF-16
//! with one, or Windows-1252 when the bytes are not UTF-8 (what older spreadsheets and
//! Outlook write); `--encoding` forces one. Readers hand on UTF-8 whatever the file holds.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;

use super::error::TransferError;
use super::files::{Counting, ReadStats};

/// How the encoding of a file was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A byte-order mark names it.
    Bom,
    /// Every byte is valid UTF-8.
    Utf8,
    /// The bytes are not UTF-8, so they are read as Windows-1252.
    Fallback,
    /// UTF-16 recognised by its zero bytes, without a byte-order mark.
    Guessed,
    /// The person chose it with `--encoding`.
    Forced,
}

/// A file's encoding and how it was found.
#[derive(Debug, Clone, Copy)]
pub struct TextEncoding {
    pub encoding: &'static Encoding,
    pub found: Found,
}

impl TextEncoding {
    pub fn utf8() -> TextEncoding {
        TextEncoding { encoding: UTF_8, found: Found::Utf8 }
    }

    /// A sentence for the notices, when the choice is worth telling (anything but UTF-8).
    pub fn notice(&self, file: &str) -> Option<String> {
        let name = self.encoding.name();
        match self.found {
            Found::Utf8 | Found::Bom if self.encoding == UTF_8 => None,
            Found::Bom | Found::Utf8 => Some(format!("{file}: read as {name} (the file says so)")),
            Found::Forced => Some(format!("{file}: read as {name}, as --encoding asks")),
            Found::Guessed => Some(format!("{file}: read as {name}, recognised by its zero bytes")),
            Found::Fallback => Some(format!(
                "{file} is not UTF-8, so it was read as {name} (Western European); if letters look wrong, \
                 import again with --encoding NAME (for example --encoding iso-8859-2)"
            )),
        }
    }
}

/// The encoding `--encoding NAME` names (any WHATWG label: utf-8, utf-16le, windows-1252,
/// latin1, iso-8859-2, shift_jis, …).
pub fn named(label: &str) -> Result<&'static Encoding, TransferError> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        TransferError::Invalid(format!(
            "--encoding: '{}' is not an encoding rapport knows; try utf-8, utf-16le, utf-16be, windows-1252 or iso-8859-1",
            crate::text::fitted(label.trim(), 40)
        ))
    })
}

fn read_error(path: &Path) -> impl Fn(std::io::Error) -> TransferError + '_ {
    move |e| TransferError::reading(path, &e)
}

/// Settles the encoding of `path`: a byte-order mark wins, then `forced`, then UTF-16 by
/// its zero bytes, then UTF-8 when every byte is valid, else Windows-1252.
pub fn detect(path: &Path, forced: Option<&'static Encoding>) -> Result<TextEncoding, TransferError> {
    let mut file = File::open(path).map_err(read_error(path))?;
    let mut head = [0u8; 4096];
    let n = read_full(&mut file, &mut head).map_err(read_error(path))?;
    let head = &head[..n];
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return Ok(TextEncoding { encoding, found: Found::Bom });
    }
    if let Some(encoding) = forced {
        return Ok(TextEncoding { encoding, found: Found::Forced });
    }
    if let Some(encoding) = utf16_by_zeros(head) {
        return Ok(TextEncoding { encoding, found: Found::Guessed });
    }
    let file = File::open(path).map_err(read_error(path))?;
    let valid = is_utf8(BufReader::with_capacity(1 << 16, file)).map_err(read_error(path))?;
    Ok(if valid {
        TextEncoding { encoding: UTF_8, found: Found::Utf8 }
    } else {
        TextEncoding { encoding: WINDOWS_1252, found: Found::Fallback }
    })
}

fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Text in UTF-16 without a byte-order mark has a zero in every other byte (for the
/// Latin letters, digits and punctuation of a header).
fn utf16_by_zeros(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).take(pairs).filter(|b| **b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether everything `reader` gives is UTF-8, checked a block at a time.
fn is_utf8(mut reader: impl Read) -> std::io::Result<bool> {
    let mut buf = vec![0u8; 1 << 16];
    // Bytes of a character cut by the end of the previous block.
    let mut carry = 0;
    loop {
        let n = reader.read(&mut buf[carry..])?;
        if n == 0 {
            return Ok(carry == 0);
        }
        let filled = carry + n;
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => carry = 0,
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..filled, 0);
                carry = filled - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// A reader of `path` that gives UTF-8 (without a byte-order mark), counting the file's
/// bytes into `stats` as they are read. UTF-8 passes through as it is, so that a byte
/// that is not UTF-8 after all is reported with its line rather than replaced.
pub fn open(path: &Path, encoding: TextEncoding, stats: &ReadStats) -> Result<Box<dyn Read>, TransferError> {
    let file = File::open(path).map_err(read_error(path))?;
    let counted = Counting::new(BufReader::with_capacity(1 << 16, file), stats, None);
    if encoding.encoding == UTF_8 {
        let mut text = BufReader::with_capacity(1 << 16, counted);
        if text.fill_buf().map_err(read_error(path))?.starts_with(b"\xEF\xBB\xBF") {
            text.consume(3);
        }
        return Ok(Box::new(text));
    }
    let decoder = DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding.encoding))
        .bom_override(true)
        .utf8_passthru(true)
        .strip_bom(true)
        .build(counted);
    Ok(Box::new(decoder))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detected(bytes: &[u8]) -> (&'static str, Found) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, bytes).unwrap();
        let e = detect(&path, None).unwrap();
        (e.encoding.name(), e.found)
    }

    fn decoded(bytes: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, bytes).unwrap();
        let e = detect(&path, None).unwrap();
        let mut text = String::new();
        open(&path, e, &ReadStats::default()).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn encodings_are_told_by_their_marks_and_bytes() {
        assert_eq!(detected(b"name\nZo\xc3\xab\n"), ("UTF-8", Found::Utf8));
        assert_eq!(detected(b"\xef\xbb\xbfname\n"), ("UTF-8", Found::Bom));
        assert_eq!(detected(b"\xff\xfen\x00a\x00"), ("UTF-16LE", Found::Bom));
        assert_eq!(detected(b"\xfe\xff\x00n\x00a"), ("UTF-16BE", Found::Bom));
        assert_eq!(detected(b"name\nZo\xeb\n"), ("windows-1252", Found::Fallback));
        let utf16: Vec<u8> = "name,email\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(detected(&utf16), ("UTF-16LE", Found::Guessed));
    }

    #[test]
    fn every_encoding_reads_as_the_same_text() {
        assert_eq!(decoded(b"\xef\xbb\xbfZo\xc3\xab"), "Zoë");
        assert_eq!(decoded(b"Zo\xeb \x80"), "Zoë €");
        let utf16: Vec<u8> =
            [0xff, 0xfe].into_iter().chain("Zoë\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decoded(&utf16), "Zoë\n");
    }

    #[test]
    fn a_character_split_between_blocks_is_still_utf8() {
        let mut text = vec![b'a'; (1 << 16) - 1];
        text.extend_from_slice("ë".as_bytes());
        assert!(is_utf8(&text[..]).unwrap());
        text.push(0xff);
        assert!(!is_utf8(&text[..]).unwrap());
    }
}
