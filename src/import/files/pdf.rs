//! A PDF's text, through poppler's `pdftotext`. No Rust crate read the text of government-style
//! PDFs reliably (subset CID fonts and their ToUnicode maps: see issue-11 notes), poppler does,
//! and it is one package away on any system. Both its reading orders are taken: `-layout` keeps
//! each row on a line, the default order keeps paragraphs whole; the caller keeps the one that
//! places more cells.

use crate::i18n::files::FileFailure;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::import::ImportError;

/// A PDF taking longer than this to read is refused rather than waited for.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The text of a PDF in one of pdftotext's reading orders.
pub struct PdfText {
    /// "-layout", or "" for the default order.
    pub mode: &'static str,
    pub text: Vec<u8>,
}

/// The PDF's text in both reading orders.
pub fn pdf_texts(bytes: &[u8]) -> Result<Vec<PdfText>, ImportError> {
    let mut out = Vec::new();
    for mode in ["-layout", ""] {
        let text = run(bytes, mode)?;
        out.push(PdfText { mode, text });
    }
    Ok(out)
}

fn run(bytes: &[u8], mode: &str) -> Result<Vec<u8>, ImportError> {
    let mut command = Command::new("pdftotext");
    if !mode.is_empty() {
        command.arg(mode);
    }
    let mut child = command
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                ImportError::NoPdftotext
            } else {
                ImportError::File(FileFailure::PdftotextRun, e.to_string())
            }
        })?;
    // Feed and drain on threads: a large PDF fills the pipes both ways.
    let mut stdin = child.stdin.take().expect("piped");
    let input = bytes.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stdout
            .take(super::super::MAX_INPUT_BYTES as u64)
            .read_to_end(&mut text);
        text
    });
    let stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.take(4096).read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ImportError::File(
                    FileFailure::PdftotextTimeout {
                        seconds: TIMEOUT.as_secs(),
                    },
                    String::new(),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(ImportError::File(FileFailure::PdftotextRun, e.to_string())),
        }
    };
    let _ = feeder.join();
    let text = reader.join().unwrap_or_default();
    let errors = errors.join().unwrap_or_default();
    if !status.success() {
        let why = errors.lines().next().unwrap_or("").trim().to_string();
        let why = if why.is_empty() {
            status.to_string()
        } else {
            why
        };
        return Err(ImportError::File(FileFailure::PdfBroken, why));
    }
    Ok(text)
}
