using System.IO.Compression;
using System.Text;

namespace SearchFirm.Tests.Documents;

/// <summary>Files for upload tests, good and hostile, built in memory. Linked into Features.Tests and Api.Tests.</summary>
public static class Samples
{
    public static byte[] Pdf(string text = "Dr Amara Okafor, Chief Quality Officer") => Encoding.ASCII.GetBytes(
        "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        $"% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A PDF whose catalog carries <paramref name="catalogExtra"/> and whose file holds <paramref name="objects"/> after it.</summary>
    public static byte[] PdfWith(string catalogExtra, string objects = "") => Encoding.Latin1.GetBytes(
        $"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R {catalogExtra} >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        $"{objects}trailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A PDF 1.5 object stream (Flate-compressed, as writers make them) holding <paramref name="objects"/>.</summary>
    public static byte[] PdfWithObjectStream(string objects)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(Encoding.Latin1.GetBytes(objects));
        var data = compressed.ToArray();
        var head = Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >> endobj\n" +
            $"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n4 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {data.Length} >>\nstream\n");
        var tail = Encoding.Latin1.GetBytes("\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        return [.. head, .. data, .. tail];
    }

    /// <summary><c>%PDF-</c> and a few lines, then a program: the probe's disguise.</summary>
    public static byte[] PdfHeaderThen(byte[] program) => [.. "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8, .. program];

    public static byte[] Text(string text = "Amara Okafor — curriculum vitae\nChief Quality Officer, Lakeside Health\n") => Encoding.UTF8.GetBytes(text);

    /// <summary>A minimal Word document: [Content_Types].xml, the package relationships and word/document.xml.</summary>
    public static byte[] Docx(string body = "Amara Okafor", string mainContentType = WordMain, int bodyRepeat = 1, int extraEntries = 0,
        CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                  <Default Extension="xml" ContentType="application/xml"/>
                  <Override PartName="/word/document.xml" ContentType="{mainContentType}"/>
                </Types>
                """, level);
            Write(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                </Relationships>
                """, level);
            var entry = zip.CreateEntry("word/document.xml", level);
            using (var stream = entry.Open())
            {
                var head = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
                stream.Write(head);
                var paragraph = Encoding.UTF8.GetBytes($"<w:p><w:r><w:t>{body}</w:t></w:r></w:p>");
                for (var i = 0; i < bodyRepeat; i++) stream.Write(paragraph);
                stream.Write("</w:body></w:document>"u8);
            }

            for (var i = 0; i < extraEntries; i++)
                Write(zip, $"customXml/item{i}.xml", "<x/>", level);
        }

        return buffer.ToArray();
    }

    public const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    public const string WordMacroEnabledMain = "application/vnd.ms-word.document.macroEnabled.main+xml";

    /// <summary>A Word document whose body inflates to <paramref name="megabytes"/> MB of the same paragraph.</summary>
    public static byte[] DocxBomb(int megabytes) => Docx("x", bodyRepeat: megabytes * 1024 * 1024 / 30);

    /// <summary>A Windows executable's first bytes (MZ and a DOS header) followed by noise.</summary>
    /// <summary>A DOS header whose e_lfanew (at 0x3C) points at the PE signature, as every Windows program's does.</summary>
    public static byte[] WindowsExecutable()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        byte[] header = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];
        header.CopyTo(bytes, 0);
        BitConverter.GetBytes(0x80).CopyTo(bytes, 0x3C);
        "PE\0\0"u8.ToArray().CopyTo(bytes, 0x80);
        return bytes;
    }

    public static byte[] LinuxExecutable()
    {
        var bytes = new byte[4096];
        byte[] header = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00];
        header.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Noise(int length = 4096)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private static void Write(ZipArchive zip, string name, string content, CompressionLevel level)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
