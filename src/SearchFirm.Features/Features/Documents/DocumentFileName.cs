using System.Globalization;
using System.Text;
using SearchFirm.Domain.Candidates;

namespace SearchFirm.Features.Documents;

/// <summary>
/// The name a document is shown and downloaded under. The client's name is a hint, never a path:
/// directories are dropped (<c>../</c>, <c>C:\</c>), control and invisible formatting characters
/// (bidi overrides that disguise "exe" as "pdf") removed, characters that are unsafe in a file name
/// replaced, and the extension made to match the type the bytes proved. A name is sanitised, never
/// refused; an empty one becomes the kind's ("cv.pdf").
/// </summary>
internal static class DocumentFileName
{
    public const int MaxLength = 255;

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Sanitise(string? clientName, DetectedType type, DocumentKind kind)
    {
        var name = Clean(LastSegment(clientName ?? ""));

        // Keep a matching extension (in its canonical case); otherwise keep the whole name and add the right one.
        var stem = name;
        var dot = name.LastIndexOf('.');
        if (dot >= 0 && type.KnownExtensions.Contains(name[dot..], StringComparer.OrdinalIgnoreCase))
            stem = name[..dot];
        stem = stem.TrimEnd(' ', '.');
        if (stem.Length == 0)
            stem = DefaultStem(kind);
        if (WindowsDeviceNames.Contains(stem.Split('.')[0]))
            stem = "_" + stem;

        return Truncate(stem, MaxLength - type.Extension.Length) + type.Extension;
    }

    private static string LastSegment(string name)
    {
        var separator = name.LastIndexOfAny(['/', '\\']);
        return separator >= 0 ? name[(separator + 1)..] : name;
    }

    private static string Clean(string name)
    {
        var clean = new StringBuilder(name.Length);
        var space = false;
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (rune == Rune.ReplacementChar || category is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                continue;
            if (Rune.IsWhiteSpace(rune) || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                space = clean.Length > 0;
                continue;
            }

            if (space)
            {
                clean.Append(' ');
                space = false;
            }

            if (rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' or ';' or '%')
                clean.Append('_');
            else
                clean.Append(rune.ToString());
        }

        return clean.ToString().Trim().TrimStart('.');
    }

    private static string DefaultStem(DocumentKind kind) => kind switch
    {
        DocumentKind.Cv => "cv",
        DocumentKind.CoverLetter => "cover-letter",
        DocumentKind.References => "references",
        DocumentKind.Credential => "credential",
        _ => "document",
    };

    /// <summary>At most <paramref name="max"/> UTF-16 units (the column's measure), never splitting a surrogate pair.</summary>
    private static string Truncate(string value, int max)
    {
        if (value.Length <= max) return value;
        var end = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..end].TrimEnd(' ', '.');
    }
}
