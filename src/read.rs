//! Reading the files nianbao is given, safely: only regular files, and only up to a limit.
//!
//! A path can name anything: `/dev/zero` never ends, a FIFO blocks the reader until someone writes
//! to it, a 25 MB "report" is an attack, not a report. Every file nianbao reads (reports, last
//! year's report, templates, lists of files, its own lock and recovery files, imported pages) goes
//! through here, so none of them can hang it or exhaust its memory.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use crate::i18n::Lang;

/// The largest report, template, lock or recovery file read: real reports are 10–30 KB and the
/// largest template a few hundred lines, so 4 MiB is over a hundred times the longest report seen,
/// while every check and every keystroke in the editor stays fast.
pub const REPORT_LIMIT: u64 = 4 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed (not found, permission denied, …).
    Io(io::Error),
    /// Not a regular file: a folder, a FIFO, a device or a socket.
    NotRegular(&'static str),
    /// Larger than the limit (in bytes).
    TooLarge { limit: u64 },
}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// An operating system error in the user's language (worded in the catalogue, src/i18n/io.rs).
pub use crate::i18n::io::io_text;

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Opens `path` for reading if it is a regular file. Opened without blocking, so a FIFO planted
/// under the name returns at once instead of waiting for a writer.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    open_sized(path).map(|(file, _)| file)
}

/// [`open_regular`], and the file's size when opened.
fn open_sized(path: &Path) -> Result<(File, u64), ReadError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    let meta = file.metadata()?;
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok((file, meta.len()));
    } else if kind.is_dir() {
        "folder"
    } else if kind.is_fifo() {
        "FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "device"
    } else if kind.is_socket() {
        "socket"
    } else {
        "special file"
    };
    Err(ReadError::NotRegular(what))
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_sized(path)?;
    // Room for what the file holds and the byte that tells it grew: read in one go, not grown
    // from nothing by doubling, a copy and a read call at every step.
    read_into(
        file,
        limit,
        Vec::with_capacity(size.min(limit) as usize + 1),
    )
}

/// Everything `reader` holds, if that is at most `limit` bytes (standard input, a file).
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_into(reader, limit, Vec::new())
}

fn read_into(reader: impl Read, limit: u64, mut bytes: Vec<u8>) -> Result<Vec<u8>, ReadError> {
    // One byte more than allowed tells a file at the limit from a larger one (or one that grows).
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The longest line of a list of files: far longer than any path (PATH_MAX is 4096).
pub const LINE_LIMIT: usize = 64 << 10;

/// The lines of a list (one file name per line), each at most [`LINE_LIMIT`] bytes: a stream
/// without line ends (`/dev/zero` on standard input) is an error, not an endless line.
pub fn lines(mut reader: impl BufRead) -> impl Iterator<Item = io::Result<String>> {
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut line = Vec::new();
        let result = (&mut reader)
            .take(LINE_LIMIT as u64 + 1)
            .read_until(b'\n', &mut line);
        match result {
            Ok(0) => None,
            Ok(_) if line.len() > LINE_LIMIT => {
                done = true;
                Some(Err(io::Error::other(format!(
                    "a line is longer than {LINE_LIMIT} bytes"
                ))))
            }
            Ok(_) => {
                while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    line.pop();
                }
                Some(String::from_utf8(line).map_err(|_| {
                    done = true;
                    io::Error::new(io::ErrorKind::InvalidData, "a line is not UTF-8 text")
                }))
            }
            Err(e) => {
                done = true;
                Some(Err(e))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_bytes(&fifo, 10),
            Err(ReadError::NotRegular("FIFO"))
        ));
        assert!(matches!(
            read_bytes(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular("device"))
        ));
        assert!(matches!(
            read_bytes(dir.path(), 10),
            Err(ReadError::NotRegular("folder"))
        ));
        let file = dir.path().join("f");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read_bytes(&file, 5).unwrap(), b"12345");
        assert!(matches!(
            read_bytes(&file, 4),
            Err(ReadError::TooLarge { limit: 4 })
        ));
        assert!(
            read_bytes(&dir.path().join("none"), 4)
                .unwrap_err()
                .is_not_found()
        );
    }

    #[test]
    fn a_list_without_line_ends_is_an_error_not_an_endless_line() {
        let zeros = io::BufReader::new(io::repeat(0));
        let mut lines = lines(zeros);
        assert!(lines.next().unwrap().is_err());
        assert!(lines.next().is_none());
        let list = "a.toml\r\nb.toml\n\nc.toml";
        let got: Vec<String> = super::lines(list.as_bytes()).map(Result::unwrap).collect();
        assert_eq!(got, ["a.toml", "b.toml", "", "c.toml"]);
    }
}
