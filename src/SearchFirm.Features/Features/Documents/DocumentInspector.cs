using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Documents;

/// <summary>A type the firm accepts, as the bytes proved it to be.</summary>
public sealed record DetectedType(string Name, string ContentType, string Extension, IReadOnlyList<string> KnownExtensions);

/// <summary>
/// Decides what a document is from its bytes alone: the client's file name and Content-Type are
/// claims, not evidence. PDF, DOCX (without macros) and UTF-8 plain text are accepted; anything
/// else is a 415, and executables are named as such whatever they are called.
/// </summary>
internal static class DocumentInspector
{
    public static readonly DetectedType Pdf = new("PDF", "application/pdf", ".pdf", [".pdf"]);

    public static readonly DetectedType Docx = new("DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", [".docx"]);

    public static readonly DetectedType Text = new("plain text", "text/plain; charset=utf-8", ".txt", [".txt", ".text"]);

    /// <summary>The main part's content type of a Word document; macro-enabled documents and templates declare others.</summary>
    private const string DocxMainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    private const long RatioCheckedFrom = 1024 * 1024;

    public static DetectedType Inspect(Stream content, DocumentOptions limits)
    {
        var head = new byte[HeadBytes];
        var headLength = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;

        if (IsExecutable(head.AsSpan(0, headLength)))
            throw new UnsupportedContentException("executable-file", "Programs and scripts are not accepted, whatever the file is called.");
        if (head.AsSpan(0, headLength).StartsWith("%PDF-"u8))
        {
            PdfActiveContent.EnsureInert(content, limits);
            return Pdf;
        }
        if (head.StartsWith(ZipMagic))
        {
            InspectDocx(content, limits);
            return Docx;
        }

        if (IsUtf8Text(content))
            return Text;
        throw new UnsupportedContentException("unsupported-file-type", "Only PDF, Word (.docx) and UTF-8 plain text documents are accepted.");
    }

    private static readonly DetectedType[] Accepted = [Pdf, Docx, Text];

    /// <summary>
    /// The name claims one accepted type and the bytes prove another ("cv.pdf" that is plain text):
    /// refused, since the sender meant to upload something else. A name with no such claim
    /// ("cv", "cv.rtf.txt") is given the proven type's extension instead.
    /// </summary>
    public static void EnsureNameAgrees(DetectedType type, string? clientFileName)
    {
        var extension = Path.GetExtension(clientFileName ?? "");
        var claimed = Accepted.FirstOrDefault(t => t.KnownExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
        if (claimed is not null && claimed != type)
            throw new UnsupportedContentException("type-mismatch", $"The file is called {extension} but its content is {type.Name}, not {claimed.Name}.");
    }

    /// <summary>How far into a file a program is looked for: a header such as <c>%PDF-</c> in front of one hides nothing.</summary>
    private const int HeadBytes = 4096;

    /// <summary>
    /// Windows PE (MZ followed by a binary DOS header), ELF, Mach-O (thin and fat) and scripts with
    /// a #! line at the start; anywhere in the first bytes, ELF and Mach-O headers, and an MZ header
    /// whose e_lfanew points at a PE signature. A text that merely holds the letters "MZ" is not a program.
    /// </summary>
    private static bool IsExecutable(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("MZ"u8) && head[..Math.Min(head.Length, 64)].Contains((byte)0))
            return true;
        if (head.StartsWith("#!"u8))
            return true;
        foreach (var magic in ExecutableMagic)
        {
            if (head.IndexOf(magic) >= 0)
                return true;
        }

        for (var at = head.IndexOf("MZ"u8); at >= 0; at = NextIndexOf(head, "MZ"u8, at + 1))
        {
            if (at + 0x40 > head.Length) break;
            var peOffset = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(head[(at + 0x3C)..]);
            if (peOffset > 0 && peOffset <= head.Length - at - 4 && head[(at + peOffset)..].StartsWith("PE\0\0"u8))
                return true;
        }

        return false;
    }

    private static int NextIndexOf(ReadOnlySpan<byte> span, ReadOnlySpan<byte> value, int from)
    {
        var found = span[from..].IndexOf(value);
        return found < 0 ? -1 : from + found;
    }

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    private static readonly byte[][] ExecutableMagic =
    [
        [0x7F, 0x45, 0x4C, 0x46], // ELF
        [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE], // Mach-O
        [0xCA, 0xFE, 0xBA, 0xBE], // Mach-O universal (and Java classes)
    ];

    /// <summary>
    /// A Word document is a ZIP with [Content_Types].xml declaring a Word main part and
    /// word/document.xml. Every entry is inflated, counted and checked against its CRC-32 rather
    /// than trusting the sizes the archive declares, so a zip bomb is refused however it lies about
    /// itself (.NET stops inflating at the declared size; the CRC shows what was cut off).
    /// </summary>
    private static void InspectDocx(Stream content, DocumentOptions limits)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var entries = zip.Entries;
            if (entries.Count > limits.MaxDocxEntries)
                throw OutOfBounds($"it has more than {limits.MaxDocxEntries:N0} parts");

            var types = zip.Entries.FirstOrDefault(e => e.FullName.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase));
            var body = zip.Entries.FirstOrDefault(e => e.FullName.Equals("word/document.xml", StringComparison.OrdinalIgnoreCase));
            if (types is null || body is null)
                throw NotADocx();

            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in entries)
            {
                if (entry.Length > RatioCheckedFrom && entry.Length > (long)limits.MaxDocxCompressionRatio * Math.Max(1, entry.CompressedLength))
                    throw OutOfBounds("it is compressed beyond any real document");

                using var inflated = entry.Open();
                var crc = new Crc32();
                long length = 0;
                int read;
                while ((read = inflated.Read(buffer)) > 0)
                {
                    length += read;
                    total += read;
                    if (length > entry.Length)
                        throw OutOfBounds("a part is larger than the archive declares");
                    if (total > limits.MaxDocxUncompressedBytes)
                        throw OutOfBounds($"it inflates to more than {limits.MaxDocxUncompressedBytes:N0} bytes");
                    crc.Append(buffer.AsSpan(0, read));
                }

                if (length != entry.Length || crc.GetCurrentHashAsUInt32() != entry.Crc32)
                    throw OutOfBounds("a part is damaged or not what the archive declares");
            }

            if (!DeclaresWordMainPart(types))
                throw new UnsupportedContentException("unsupported-file-type",
                    "Only Word documents (.docx) are accepted; macro-enabled documents and templates are not.");
        }
        catch (InvalidDataException)
        {
            throw NotADocx();
        }
    }

    private static bool DeclaresWordMainPart(ZipArchiveEntry types)
    {
        // Bounded by the inflation checks above; the file is small XML.
        using var reader = new StreamReader(types.Open(), Encoding.UTF8);
        return reader.ReadToEnd().Contains(DocxMainContentType, StringComparison.OrdinalIgnoreCase);
    }

    private static UnsupportedContentException NotADocx() =>
        new("unsupported-file-type", "Only PDF, Word (.docx) and UTF-8 plain text documents are accepted; this ZIP is not a Word document.");

    private static UnsupportedContentException OutOfBounds(string why) =>
        new("docx-out-of-bounds", $"The Word document is refused: {why}.");

    /// <summary>
    /// Valid UTF-8 (a BOM is fine) with no NUL byte, read to the end. Decoded as one stream: the
    /// decoder keeps a character split across two reads, and the final flush refuses one cut off at the end.
    /// (GetCharCount would not do: it leaves the decoder's state as it was.)
    /// </summary>
    private static bool IsUtf8Text(Stream content)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var decoder = utf8.GetDecoder();
        var buffer = new byte[81920];
        var chars = new char[utf8.GetMaxCharCount(buffer.Length)];
        try
        {
            int read;
            while ((read = content.Read(buffer)) > 0)
            {
                if (buffer.AsSpan(0, read).Contains((byte)0))
                    return false;
                decoder.GetChars(buffer.AsSpan(0, read), chars, flush: false);
            }

            decoder.GetChars([], chars, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            content.Position = 0;
        }
    }
}
