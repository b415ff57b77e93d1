//! Reading one file safely, whoever named it. Only a regular file (after following links) is
//! opened: a stat says what a path is without opening it (opening a FIFO waits for a writer,
//! and opening some devices does things). The open itself never waits, and the opened file is
//! asked again what it is, so a FIFO or device swapped in after the stat is refused too. At most
//! a limit is read, through `take`, whatever the file system says the size is: a device says 0
//! and never ends.
//!
//! Then [`decode`] tells the bytes apart: UTF-8 text, UTF-16 text (said so, with the command
//! that converts it), binary, or UTF-8 with bad bytes, which each caller repairs or refuses
//! (sources and the editor's drafts are repaired, as an editor shows them; the command line
//! refuses a draft it would otherwise report on a text that is not the file's).

use std::fmt;
use std::fs::{self, File, FileType, OpenOptions};
use std::io::{self, ErrorKind, Read as _};
use std::path::{Path, PathBuf};

/// A source larger than this is skipped: it is almost never prose.
pub const MAX_SOURCE_BYTES: u64 = 512 * 1024 * 1024;

/// A draft larger than this is refused, by the command line and the language server alike: it
/// is almost never prose, and checking it would hold a core for minutes.
pub const MAX_DRAFT_BYTES: u64 = 16 * 1024 * 1024;

/// A configuration file larger than this is refused: a factcheck.toml is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Bytes at the start of a file looked at to tell text from binary.
const SNIFF_BYTES: usize = 8192;

/// What a path is when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    Folder,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl Special {
    /// What a file of this type is, or `None` for a regular file.
    pub fn of(kind: FileType) -> Option<Special> {
        if kind.is_file() {
            return None;
        }
        if kind.is_dir() {
            return Some(Special::Folder);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if kind.is_fifo() {
                return Some(Special::Fifo);
            }
            if kind.is_socket() {
                return Some(Special::Socket);
            }
            if kind.is_char_device() {
                return Some(Special::CharDevice);
            }
            if kind.is_block_device() {
                return Some(Special::BlockDevice);
            }
        }
        Some(Special::Other)
    }
}

impl fmt::Display for Special {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Special::Folder => "a folder",
            Special::Fifo => "a named pipe (FIFO)",
            Special::Socket => "a socket",
            Special::CharDevice => "a character device",
            Special::BlockDevice => "a block device",
            Special::Other => "neither a file nor a folder",
        })
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Missing,
    /// A FIFO, device, socket or folder; `link` is where a symbolic link to it leads.
    NotAFile {
        what: Special,
        link: Option<PathBuf>,
    },
    /// Over `limit` bytes: `size` as the file system said, or `None` when the read found more
    /// than the limit that it had not said.
    TooLarge {
        size: Option<u64>,
        limit: u64,
    },
    Io(io::Error),
}

impl ReadError {
    pub fn from_io(e: io::Error) -> ReadError {
        match e.kind() {
            ErrorKind::NotFound => ReadError::Missing,
            _ => ReadError::Io(e),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing => f.write_str("no such file or folder"),
            ReadError::NotAFile { what, link: None } => {
                write!(f, "not a regular file: it is {what}")
            }
            ReadError::NotAFile {
                what,
                link: Some(to),
            } => write!(
                f,
                "not a regular file: it is a symbolic link to {}, {what}",
                to.display()
            ),
            ReadError::TooLarge {
                size: Some(size),
                limit,
            } => write!(f, "too large: {size} bytes, over the limit of {limit}"),
            ReadError::TooLarge { size: None, limit } => {
                write!(f, "too large: more than the limit of {limit} bytes")
            }
            ReadError::Io(e) => write!(f, "cannot read: {}", describe(e)),
        }
    }
}

/// An I/O error in words, without Rust's `(os error N)` suffix.
pub fn describe(e: &io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "no such file or folder".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = e.to_string();
            let text = text.find(" (os error").map_or(&*text, |i| &text[..i]);
            text.to_lowercase()
        }
    }
}

/// A path a stat found to be a regular file (following links), with its size then. Reading
/// starts from one: [`Regular::check`] for a path someone named, or the walk's own stat.
#[derive(Clone, Copy, Debug)]
pub struct Regular<'p> {
    path: &'p Path,
    len: u64,
}

impl<'p> Regular<'p> {
    /// Stats `path`, following links (a stat never blocks, and opens nothing).
    pub fn check(path: &'p Path) -> Result<Regular<'p>, ReadError> {
        let meta = fs::metadata(path).map_err(ReadError::from_io)?;
        match Special::of(meta.file_type()) {
            None => Ok(Regular {
                path,
                len: meta.len(),
            }),
            Some(what) => Err(ReadError::NotAFile {
                what,
                link: link_target(path),
            }),
        }
    }

    /// A file the walk's stat (from its folder's listing) found regular.
    pub(crate) fn seen(path: &'p Path, len: u64) -> Regular<'p> {
        Regular { path, len }
    }

    /// Reads the whole file, refusing it past `limit` bytes.
    pub fn read(self, limit: u64) -> Result<Vec<u8>, ReadError> {
        if self.len > limit {
            return Err(ReadError::TooLarge {
                size: Some(self.len),
                limit,
            });
        }
        // A stat found it: gone now, it is a file that could not be read, not a missing one.
        let file = open_without_waiting(self.path).map_err(ReadError::Io)?;
        // What was opened, which is what is read: the path may lead elsewhere since the stat.
        let meta = file.metadata().map_err(ReadError::Io)?;
        if let Some(what) = Special::of(meta.file_type()) {
            return Err(ReadError::NotAFile {
                what,
                link: link_target(self.path),
            });
        }
        if meta.len() > limit {
            return Err(ReadError::TooLarge {
                size: Some(meta.len()),
                limit,
            });
        }
        let mut bytes = Vec::new();
        // Room for one byte more than the size, so that the end is seen without growing.
        let room = meta.len().min(limit).saturating_add(1);
        bytes
            .try_reserve_exact(usize::try_from(room).unwrap_or(usize::MAX))
            .map_err(|e| ReadError::Io(io::Error::new(ErrorKind::OutOfMemory, e)))?;
        // Through `take`: the limit holds even if the file grew, and a `File`'s own
        // `read_to_end` would ask its size again.
        (&file)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge { size: None, limit });
        }
        Ok(bytes)
    }
}

/// Reads the file at `path` if it is a regular file of at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    Regular::check(path)?.read(limit)
}

/// Opens for reading without waiting: `O_NONBLOCK` makes the open of a FIFO return at once (it
/// is then refused as one), and changes nothing for a regular file.
fn open_without_waiting(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Where `path` leads, when it is a symbolic link: said in the message, since the name alone
/// (`notes.md`) does not tell why it is no file.
fn link_target(path: &Path) -> Option<PathBuf> {
    let link = fs::symlink_metadata(path).ok()?.file_type().is_symlink();
    link.then(|| fs::canonicalize(path).ok()).flatten()
}

/// Text read from a file.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    Utf8(String),
    /// UTF-8 but for bad bytes, read with U+FFFD in their place; `bad` is the first.
    Repaired {
        text: String,
        bad: BadUtf8,
    },
}

/// Where the first invalid UTF-8 is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadUtf8 {
    pub byte: usize,
    /// 1-based; the column counts characters.
    pub line: usize,
    pub column: usize,
}

/// Why bytes are not text factcheck reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotText {
    /// NUL bytes, in no pattern of UTF-16.
    Binary,
    Utf16 {
        order: ByteOrder,
        by: Evidence,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteOrder {
    Little,
    Big,
}

/// How UTF-16 was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// FF FE or FE FF at the start: certain.
    ByteOrderMark,
    /// No mark, but one byte of every pair where ASCII text in UTF-16 has its zero, and no
    /// control character when read so.
    ZeroBytes,
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotText::Binary => f.write_str("a binary file (it holds NUL bytes), not text"),
            NotText::Utf16 { order, by } => {
                let (endian, name) = match order {
                    ByteOrder::Little => ("little-endian", "UTF-16LE"),
                    ByteOrder::Big => ("big-endian", "UTF-16BE"),
                };
                // With a mark, `UTF-16` reads it and drops it; without one iconv would guess
                // the order, so it is named.
                let (why, from) = match by {
                    Evidence::ByteOrderMark => ("by its byte order mark", "UTF-16"),
                    Evidence::ZeroBytes => ("by its pattern of zero bytes", name),
                };
                write!(
                    f,
                    "UTF-16 text ({endian}, {why}), not UTF-8: convert it with \
                     `iconv -f {from} -t UTF-8`"
                )
            }
        }
    }
}

/// Tells the bytes of a file apart: UTF-8 text (a byte order mark kept: callers decide), UTF-8
/// with bad bytes (repaired, and where), UTF-16 or binary.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, NotText> {
    if let Some(utf16) = utf16(&bytes) {
        return Err(utf16);
    }
    if bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        return Err(NotText::Binary);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded::Utf8(text)),
        Err(e) => {
            let byte = e.utf8_error().valid_up_to();
            let before = std::str::from_utf8(&e.as_bytes()[..byte]).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Ok(Decoded::Repaired {
                text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                bad: BadUtf8 { byte, line, column },
            })
        }
    }
}

/// Whether `bytes` are UTF-16 text: by a byte order mark, or by zero bytes on one side of each
/// pair (ASCII in UTF-16) in a sample that reads as text in that order.
fn utf16(bytes: &[u8]) -> Option<NotText> {
    let by_mark = match bytes {
        [0xFF, 0xFE, ..] => Some(ByteOrder::Little),
        [0xFE, 0xFF, ..] => Some(ByteOrder::Big),
        _ => None,
    };
    if let Some(order) = by_mark {
        return Some(NotText::Utf16 {
            order,
            by: Evidence::ByteOrderMark,
        });
    }
    if bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let (mut high_zero, mut low_zero) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        high_zero += usize::from(pair[0] == 0);
        low_zero += usize::from(pair[1] == 0);
    }
    // Mostly ASCII, as text that has zero bytes in UTF-16 is: at least a quarter of the pairs.
    let pairs = sample.len() / 2;
    let order = match (high_zero, low_zero) {
        (0, zeros) if zeros > 0 && zeros * 4 >= pairs => ByteOrder::Little,
        (zeros, 0) if zeros > 0 && zeros * 4 >= pairs => ByteOrder::Big,
        _ => return None,
    };
    let units = sample.chunks_exact(2).map(|p| match order {
        ByteOrder::Little => u16::from_le_bytes([p[0], p[1]]),
        ByteOrder::Big => u16::from_be_bytes([p[0], p[1]]),
    });
    let texty = char::decode_utf16(units).enumerate().all(|(i, c)| match c {
        Ok(c) => !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c'),
        // A surrogate pair cut by the end of the sample.
        Err(_) => (i + 1) * 2 >= sample.len(),
    });
    texty.then_some(NotText::Utf16 {
        order,
        by: Evidence::ZeroBytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, mark: bool) -> Vec<u8> {
        let mut bytes = if mark { vec![0xFF, 0xFE] } else { vec![] };
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn utf16_is_told_by_its_mark_or_its_zero_bytes_and_binary_is_not_utf16() {
        let text = "The Kremlin rejected the report.\n";
        let message = |bytes: Vec<u8>| decode(bytes).unwrap_err().to_string();
        assert_eq!(
            message(utf16le(text, true)),
            "UTF-16 text (little-endian, by its byte order mark), not UTF-8: convert it with \
             `iconv -f UTF-16 -t UTF-8`"
        );
        assert_eq!(
            message(utf16le(text, false)),
            "UTF-16 text (little-endian, by its pattern of zero bytes), not UTF-8: convert it \
             with `iconv -f UTF-16LE -t UTF-8`"
        );
        let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(big),
            Err(NotText::Utf16 {
                order: ByteOrder::Big,
                by: Evidence::ZeroBytes
            })
        );
        // Zero bytes that are no UTF-16 text: control characters when read so.
        for binary in [
            &b"GIF89a\x00\x01\x02\x03"[..],
            b"\x00\x01\x02PK\x03\x04",
            b"ab\0cd",
        ] {
            assert_eq!(decode(binary.to_vec()), Err(NotText::Binary), "{binary:?}");
        }
    }

    #[test]
    fn bad_utf8_is_repaired_and_placed() {
        let decoded = decode(b"First line.\nThe caf\xe9 opened.".to_vec()).unwrap();
        assert_eq!(
            decoded,
            Decoded::Repaired {
                text: "First line.\nThe caf\u{fffd} opened.".into(),
                bad: BadUtf8 {
                    byte: 19,
                    line: 2,
                    column: 8
                }
            }
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_devices_are_refused_without_blocking_or_reading_without_end() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(
            read(&fifo, MAX_DRAFT_BYTES).unwrap_err().to_string(),
            "not a regular file: it is a named pipe (FIFO)"
        );
        let link = dir.path().join("notes.md");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(
            read(&link, MAX_DRAFT_BYTES).unwrap_err().to_string(),
            "not a regular file: it is a symbolic link to /dev/zero, a character device"
        );
        // Read as if a stat had said it was a regular file (a swap after the stat): the open
        // does not wait, and the opened file is refused for what it is.
        let err = Regular::seen(&fifo, 0).read(MAX_DRAFT_BYTES).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a regular file: it is a named pipe (FIFO)"
        );
        let err = Regular::seen(Path::new("/dev/zero"), 0)
            .read(10)
            .unwrap_err();
        assert!(matches!(err, ReadError::NotAFile { .. }), "{err:?}");
    }

    #[test]
    fn the_limit_holds_whatever_the_size_said() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("grown.txt");
        fs::write(&path, "0123456789").unwrap();
        assert_eq!(read(&path, 10).unwrap(), b"0123456789");
        assert_eq!(
            read(&path, 9).unwrap_err().to_string(),
            "too large: 10 bytes, over the limit of 9"
        );
        // The walk saw it smaller than it is now.
        assert_eq!(
            Regular::seen(&path, 3).read(5).unwrap_err().to_string(),
            "too large: 10 bytes, over the limit of 5"
        );
        // A file whose size says nothing (a device, /proc) is cut at the limit by the read.
        #[cfg(target_os = "linux")]
        assert_eq!(
            read(Path::new("/proc/self/status"), 5)
                .unwrap_err()
                .to_string(),
            "too large: more than the limit of 5 bytes"
        );
    }
}
