using System.IO.Compression;
using System.Text;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Documents;

/// <summary>
/// Refuses a PDF that can act when it is opened: JavaScript (<c>/JavaScript</c>, <c>/JS</c>), a launch
/// action that starts a program (<c>/Launch</c>) or files carried inside it (<c>/EmbeddedFile</c>,
/// <c>/EmbeddedFiles</c>), each with its own code. The file is read as PDF tokens, not searched as
/// bytes: names are decoded (<c>/J#61vaScript</c> is <c>/JavaScript</c>), strings and stream data are
/// skipped (a CV's text or an image's bytes may hold anything), and object streams, where a writer may
/// put the dictionaries themselves, are inflated (within bounds) and read the same way.
/// </summary>
internal static class PdfActiveContent
{
    private const int MaxNameLength = 127;

    public static void EnsureInert(Stream content, DocumentOptions limits)
    {
        try
        {
            var budget = new InflationBudget(limits.MaxDocxUncompressedBytes);
            Scan(new BufferedStream(content, 81920), budget, allowStreams: true);
        }
        finally
        {
            content.Position = 0;
        }
    }

    private sealed class InflationBudget(long bytes)
    {
        public long Left { get; set; } = bytes;
    }

    private static void Scan(Stream input, InflationBudget budget, bool allowStreams)
    {
        var token = new List<byte>(MaxNameLength + 1);
        var inObjectStreamDictionary = false;
        int b;
        while ((b = input.ReadByte()) >= 0)
        {
            if (IsRegular(b))
            {
                if (token.Count <= MaxNameLength) token.Add((byte)b);
                continue;
            }

            if (token.Count > 0)
            {
                var ended = Flush(token);
                if (ended == "/ObjStm")
                    inObjectStreamDictionary = true;
                else if (ended == "endobj")
                    inObjectStreamDictionary = false;
                else if (ended == "stream" && allowStreams && (b == '\r' || b == '\n'))
                {
                    if (b == '\r' && input.ReadByte() is var next && next != '\n' && next >= 0)
                        input.Seek(-1, SeekOrigin.Current);
                    var data = ReadStreamData(input, keep: inObjectStreamDictionary);
                    if (inObjectStreamDictionary)
                        Scan(Inflate(data, budget), budget, allowStreams: false);
                    inObjectStreamDictionary = false;
                    continue;
                }
            }

            if (b == '/')
                token.Add((byte)b);
            else if (b == '(')
                SkipLiteralString(input);
            else if (b == '%')
                SkipComment(input);
        }

        Flush(token);
    }

    /// <summary>Checks a finished token: a refused name throws. Returns names (decoded) and the keywords the scan follows.</summary>
    private static string? Flush(List<byte> token)
    {
        string? text = null;
        if (token.Count > 0 && token[0] == '/')
            text = DecodeName(token);
        else if (token.Count is 6)
            text = Encoding.Latin1.GetString(token.ToArray());
        token.Clear();
        switch (text)
        {
            case "/JavaScript" or "/JS":
                throw new UnsupportedContentException("pdf-javascript",
                    "The PDF carries JavaScript, which could run when it is opened. Save or print it to PDF again without scripts.");
            case "/Launch":
                throw new UnsupportedContentException("pdf-launch-action",
                    "The PDF carries a launch action, which could start a program when it is opened. Save or print it to PDF again.");
            case "/EmbeddedFile" or "/EmbeddedFiles":
                throw new UnsupportedContentException("pdf-embedded-file",
                    "The PDF carries files inside it. Upload each document on its own.");
        }

        return text;
    }

    /// <summary>A name's #xx escapes decoded (PDF 1.2+), so a spelled-out name cannot slip past.</summary>
    private static string DecodeName(List<byte> token)
    {
        var bytes = new List<byte>(token.Count);
        for (var i = 0; i < token.Count; i++)
        {
            if (token[i] == '#' && i + 2 < token.Count && IsHex(token[i + 1]) && IsHex(token[i + 2]))
            {
                bytes.Add((byte)(HexValue(token[i + 1]) * 16 + HexValue(token[i + 2])));
                i += 2;
            }
            else
            {
                bytes.Add(token[i]);
            }
        }

        return Encoding.Latin1.GetString(bytes.ToArray());
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    /// <summary>PDF's white-space and delimiter characters end a token; everything else is part of one.</summary>
    private static bool IsRegular(int b) => b is not (0 or '\t' or '\n' or '\f' or '\r' or ' '
        or '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%');

    /// <summary>A literal string, nested parentheses and backslash escapes included.</summary>
    private static void SkipLiteralString(Stream input)
    {
        var depth = 1;
        int b;
        while (depth > 0 && (b = input.ReadByte()) >= 0)
        {
            if (b == '\\') input.ReadByte();
            else if (b == '(') depth++;
            else if (b == ')') depth--;
        }
    }

    private static void SkipComment(Stream input)
    {
        int b;
        while ((b = input.ReadByte()) >= 0 && b != '\n' && b != '\r')
        {
        }
    }

    private static ReadOnlySpan<byte> EndStream => "endstream"u8;

    /// <summary>
    /// A stream's data up to its <c>endstream</c> keyword. Read rather than skipped by its /Length,
    /// which may be an indirect reference or a lie.
    /// </summary>
    private static MemoryStream ReadStreamData(Stream input, bool keep)
    {
        var data = new MemoryStream();
        var matched = 0;
        int b;
        while ((b = input.ReadByte()) >= 0)
        {
            if (keep) data.WriteByte((byte)b);
            // The only prefix of "endstream" that ends in another prefix is "endstre" (ending in "e"): after a
            // mismatch there, "en" may have begun; anywhere else the match restarts at an "e" or not at all.
            matched = b == EndStream[matched] ? matched + 1 : matched == 7 && b == 'n' ? 2 : b == 'e' ? 1 : 0;
            if (matched == EndStream.Length)
            {
                if (keep) data.SetLength(data.Length - EndStream.Length);
                break;
            }
        }

        data.Position = 0;
        return data;
    }

    /// <summary>An object stream's content, Flate-compressed as writers make them; counted against the budget.</summary>
    private static MemoryStream Inflate(MemoryStream data, InflationBudget budget)
    {
        var inflated = new MemoryStream();
        try
        {
            using var zlib = new ZLibStream(data, CompressionMode.Decompress);
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                budget.Left -= read;
                if (budget.Left < 0)
                    throw new UnsupportedContentException("pdf-out-of-bounds", "The PDF's objects inflate beyond any real document.");
                inflated.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            // Not Flate (or damaged): the raw bytes are read as they are.
            inflated = new MemoryStream(data.ToArray());
        }

        inflated.Position = 0;
        return inflated;
    }
}
