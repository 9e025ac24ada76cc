//! Why a file could not be read or written: nianbao's own reasons and the system's.

use std::io;

use super::Lang;
use crate::read::ReadError;

impl ReadError {
    /// The reason in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ReadError::Io(e) => io_text(e, lang),
            ReadError::NotRegular(kind) => {
                let zh = match *kind {
                    "folder" => "文件夹",
                    "FIFO" => "命名管道（FIFO）",
                    "device" => "设备文件",
                    "socket" => "套接字",
                    _ => "特殊文件",
                };
                lang.pick(
                    &format!("这是{zh}，不是普通文件"),
                    &format!("it is a {kind}, not a regular file"),
                )
                .to_string()
            }
            ReadError::TooLarge { limit } => lang
                .pick(
                    &format!("文件超过 {} MiB 的上限", limit >> 20),
                    &format!("the file is larger than the limit of {} MiB", limit >> 20),
                )
                .to_string(),
        }
    }
}

/// An operating system error in the user's language. The system words its errors in English
/// (`strerror`); in Chinese the common ones are translated and any other is named by its number,
/// so a Chinese reader never gets an English sentence.
pub fn io_text(e: &io::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    let zh = match e.kind() {
        io::ErrorKind::NotFound => "没有这个文件",
        io::ErrorKind::PermissionDenied => "没有权限",
        io::ErrorKind::StorageFull => "磁盘已满",
        io::ErrorKind::QuotaExceeded => "超出磁盘配额",
        io::ErrorKind::ReadOnlyFilesystem => "文件系统是只读的",
        io::ErrorKind::IsADirectory => "这是文件夹",
        io::ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        io::ErrorKind::AlreadyExists => "文件已存在",
        io::ErrorKind::DirectoryNotEmpty => "文件夹不是空的",
        io::ErrorKind::FileTooLarge => "文件太大",
        io::ErrorKind::InvalidFilename => "文件名无效或太长",
        io::ErrorKind::TooManyLinks => "链接太多",
        io::ErrorKind::CrossesDevices => "不能跨文件系统移动",
        io::ErrorKind::ResourceBusy => "文件正忙",
        io::ErrorKind::Interrupted => "操作被中断",
        io::ErrorKind::TimedOut => "操作超时",
        io::ErrorKind::BrokenPipe => "管道已关闭",
        io::ErrorKind::UnexpectedEof => "文件意外结束",
        io::ErrorKind::OutOfMemory => "内存不足",
        io::ErrorKind::InvalidData => "数据无效",
        _ => {
            return match e.raw_os_error() {
                Some(code) => match linux_reason(code) {
                    Some(reason) => reason.to_string(),
                    None => format!("系统错误（错误码 {code}）"),
                },
                None => "系统错误".to_string(),
            };
        }
    };
    zh.to_string()
}

/// Errors a reviewer's folder on a server meets that the standard library has no stable kind
/// for, by their Linux numbers (a link pointing at itself, a failing disk or network share).
fn linux_reason(code: i32) -> Option<&'static str> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    Some(match code {
        5 => "读写出错（磁盘或网络文件系统故障）",
        24 | 23 => "打开的文件太多",
        40 => "符号链接循环（链接最终指向自己）",
        116 => "网络文件系统上的文件已失效，请重新挂载或再试",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_system_error_is_english_in_chinese() {
        for code in 1..=133 {
            let text = io_text(&io::Error::from_raw_os_error(code), Lang::Zh);
            assert!(
                !text.chars().any(|c| c.is_ascii_alphabetic()),
                "{code}: {text}"
            );
        }
        if cfg!(target_os = "linux") {
            let eloop = io_text(&io::Error::from_raw_os_error(40), Lang::Zh);
            assert!(eloop.contains("符号链接循环"), "{eloop}");
        }
        let en = io_text(&io::Error::from_raw_os_error(2), Lang::En);
        assert!(en.contains("No such file"), "{en}");
    }
}
