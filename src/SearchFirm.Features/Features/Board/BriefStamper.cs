using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SearchFirm.Features.Board;

/// <summary>Marks every page of a stored PDF with one line of text, at download; the PDF is never rendered again.</summary>
public interface IBriefStamper
{
    byte[] Stamp(byte[] pdf, string line);
}

/// <summary>
/// Copies each page with PdfPig and writes the line over it, near the top, in a TrueType font it
/// embeds (Liberation Sans, else DejaVu Sans; Helvetica only where neither is installed).
/// The result is a new file rather than an incremental update, so cutting the file back to its
/// original length cannot remove the mark.
/// </summary>
internal sealed class PdfPigStamper : IBriefStamper
{
    private static readonly string[] FontFiles =
    [
        // PdfPig 0.1.16 subsets Liberation and DejaVu well; its subsetter fails on Lato's glyph table.
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ];

    private static readonly Lazy<byte[]?> Font = new(() => FontFiles.Where(File.Exists).Select(File.ReadAllBytes).FirstOrDefault());

    // 19.5 mm from the top edge, 19 mm from the left: between the running header and the text.
    private const double Left = 53.9;
    private const double FromTop = 55.3;

    public byte[] Stamp(byte[] pdf, string line)
    {
        using var source = PdfDocument.Open(pdf);
        var builder = new PdfDocumentBuilder();
        var font = Font.Value is { } bytes ? builder.AddTrueTypeFont(bytes) : builder.AddStandard14Font(Standard14Font.Helvetica);
        var text = WinAnsi(line);
        for (var number = 1; number <= source.NumberOfPages; number++)
        {
            var original = source.GetPage(number);
            var page = builder.AddPage(original.Width, original.Height);
            page.CopyFrom(original);
            // Before the page's own content: Chromium leaves its page transform in force at the end of
            // its content stream, so text added after it would land off the page.
            page.NewContentStreamBefore();
            page.SetTextAndFillColor(140, 28, 19);
            page.AddText(text, 7, new PdfPoint(Left, original.Height - FromTop), font);
        }

        return builder.Build();
    }

    /// <summary>
    /// The embedded font is addressed through WinAnsi encoding: letters outside it lose their
    /// accents ("Łukasz" → "Lukasz"), and what still does not fit becomes '?'.
    /// </summary>
    internal static string WinAnsi(string text)
    {
        const string extras = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
        static bool Fits(char c) => c is >= ' ' and <= '~' || c is >= '\u00A0' and <= '\u00FF' || extras.Contains(c, StringComparison.Ordinal);
        var result = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Fits(c)) { result.Append(c); continue; }
            var bare = c.ToString().Normalize(System.Text.NormalizationForm.FormD)[0];
            result.Append(Fits(bare) ? bare : c switch { 'Ł' => 'L', 'ł' => 'l', 'Đ' => 'D', 'đ' => 'd', 'ı' => 'i', _ => '?' });
        }

        return result.ToString();
    }
}
