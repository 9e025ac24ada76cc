//! Why a Word document, a workbook or a PDF cannot be read: what failed, in the user's language,
//! then the library's or pdftotext's own reason as a detail (it is only in English).

use super::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileFailure {
    /// It begins as a zip archive (.docx, .xlsx) but the archive cannot be opened.
    ZipBroken,
    /// A part of the Word document cannot be read out of the archive.
    DocumentPart,
    /// The document's XML is broken at this byte.
    DocumentXml {
        at: u64,
    },
    /// The workbook cannot be opened.
    Workbook,
    /// An Office 97-2003 file (the compound format of .doc and .xls) in which neither a workbook
    /// nor a Word document can be made out: damaged, or not an office file at all.
    OfficeUnknown,
    /// One sheet of it cannot be read.
    Sheet(String),
    /// pdftotext could not be started, or did not finish.
    PdftotextRun,
    PdftotextTimeout {
        seconds: u64,
    },
    /// pdftotext refused the PDF.
    PdfBroken,
}

impl FileFailure {
    /// What failed; `detail` is the library's reason, kept after it.
    pub fn text(&self, detail: &str, lang: Lang) -> String {
        use FileFailure as F;
        let what = match (self, lang) {
            (F::ZipBroken, Lang::Zh) => "不是有效的 Word 或 Excel 文件（zip 无法打开）".to_string(),
            (F::ZipBroken, Lang::En) => {
                "not a valid Word or Excel file (the zip cannot be opened)".to_string()
            }
            (F::DocumentPart, Lang::Zh) => {
                "不是有效的 Word 文件（无法从 zip 中取出 word/document.xml）".to_string()
            }
            (F::DocumentPart, Lang::En) => {
                "not a valid Word file (word/document.xml cannot be taken out of the zip)"
                    .to_string()
            }
            (F::DocumentXml { at }, Lang::Zh) => {
                format!("Word 文件已损坏（word/document.xml 第 {at} 字节处的 XML 有误）")
            }
            (F::DocumentXml { at }, Lang::En) => {
                format!(
                    "the Word file is damaged (the XML of word/document.xml is wrong at byte {at})"
                )
            }
            (F::Workbook, Lang::Zh) => "不是有效的 Excel 文件（无法打开工作簿）".to_string(),
            (F::Workbook, Lang::En) => {
                "not a valid Excel file (the workbook cannot be opened)".to_string()
            }
            (F::OfficeUnknown, Lang::Zh) => {
                "不是可读的 Office 97-2003 文件（认不出其中的 Word 文档或 Excel 工作簿，可能已损坏）"
                    .to_string()
            }
            (F::OfficeUnknown, Lang::En) => {
                "not a readable Office 97-2003 file (neither a Word document nor an Excel workbook can be made out in it; it may be damaged)"
                    .to_string()
            }
            (F::Sheet(name), Lang::Zh) => format!("Excel 文件已损坏（无法读取工作表 {name:?}）"),
            (F::Sheet(name), Lang::En) => {
                format!("the Excel file is damaged (sheet {name:?} cannot be read)")
            }
            (F::PdftotextRun, Lang::Zh) => "无法运行 pdftotext 读取该 PDF".to_string(),
            (F::PdftotextRun, Lang::En) => "pdftotext could not be run to read the PDF".to_string(),
            (F::PdftotextTimeout { seconds }, Lang::Zh) => {
                format!("pdftotext 读取该 PDF 超过 {seconds} 秒，已停止")
            }
            (F::PdftotextTimeout { seconds }, Lang::En) => {
                format!("pdftotext took more than {seconds} s to read the PDF and was stopped")
            }
            (F::PdfBroken, Lang::Zh) => "不是有效的 PDF 文件（pdftotext 无法读取）".to_string(),
            (F::PdfBroken, Lang::En) => {
                "not a valid PDF file (pdftotext cannot read it)".to_string()
            }
        };
        if detail.is_empty() {
            what
        } else {
            format!(
                "{what}{}{detail}",
                lang.pick("；原始信息：", "; the reader says: ")
            )
        }
    }
}

impl crate::import::files::Unsupported {
    /// What the file is, that nianbao does not read it, and what to save it as.
    pub fn text(self, lang: Lang) -> String {
        use crate::import::files::Unsupported as U;
        let (zh, en, save_zh, save_en) = match self {
            U::WordBinary => (
                "这是 Word 97-2003 文档（.doc）",
                "this is a Word 97-2003 document (.doc)",
                "请用 Word 或 WPS 另存为 .docx 后再导入",
                "save it as .docx in Word or WPS, then import that",
            ),
            U::Encrypted => (
                "这是设有打开密码的 Office 文件",
                "this is an Office file protected by a password",
                "请在 Word、Excel 或 WPS 中取消密码并另存为 .docx 或 .xlsx 后再导入",
                "remove the password and save it as .docx or .xlsx in Word, Excel or WPS, then import that",
            ),
            U::OpenDocumentText => (
                "这是 OpenDocument 文本（.odt）",
                "this is an OpenDocument text (.odt)",
                "请用 WPS、LibreOffice 或 Word 另存为 .docx 后再导入",
                "save it as .docx in WPS, LibreOffice or Word, then import that",
            ),
            U::OpenDocumentSheet => (
                "这是 OpenDocument 电子表格（.ods）",
                "this is an OpenDocument spreadsheet (.ods)",
                "请用 WPS、LibreOffice 或 Excel 另存为 .xlsx 后再导入",
                "save it as .xlsx in WPS, LibreOffice or Excel, then import that",
            ),
            U::OpenDocumentOther => (
                "这是 OpenDocument 文件，但不是文本或电子表格",
                "this is an OpenDocument file, but not a text or a spreadsheet",
                "请另存为 .docx 或 .xlsx 后再导入",
                "save the report as .docx or .xlsx, then import that",
            ),
        };
        match lang {
            Lang::Zh => format!("{zh}，nianbao 不能读取；{save_zh}"),
            Lang::En => format!("{en}, which nianbao does not read; {save_en}"),
        }
    }
}

/// What a published report came as, for "imported from …" (`FileKind` of import).
pub fn format_name(kind: crate::import::files::FileKind, lang: Lang) -> &'static str {
    use crate::import::files::FileKind as K;
    match kind {
        K::Pdf => lang.pick("PDF 文件", "a PDF"),
        K::Document => lang.pick("Word 文档", "a Word document"),
        K::Workbook => lang.pick("Excel 工作簿", "an Excel workbook"),
        K::Text | K::BrokenZip | K::Unsupported(_) => lang.pick("网页或文字", "a page or text"),
    }
}
