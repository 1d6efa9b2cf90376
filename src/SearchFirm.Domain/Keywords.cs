namespace SearchFirm.Domain;

/// <summary>
/// Loose matching of free text typed by recruiters ("M.D.", "Utilization Review Cmte", "QI").
/// Text is folded to lower-case words padded with spaces, so a phrase matches whole words only
/// ("ma" does not match inside "mba").
/// </summary>
internal static class Keywords
{
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return " ";
        }

        var chars = new List<char>(text.Length + 2) { ' ' };
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is '.' or '\'' or '’')
            {
                continue; // "M.D." is "md", "Physicians' Council" is "physicians council".
            }

            var letterOrDigit = char.IsLetterOrDigit(c);
            if (letterOrDigit || chars[^1] != ' ')
            {
                chars.Add(letterOrDigit ? c : ' ');
            }
        }

        if (chars[^1] != ' ')
        {
            chars.Add(' ');
        }

        return new string([.. chars]);
    }

    /// <summary>Whether normalised text holds any of the phrases as whole words.</summary>
    public static bool HasAny(string normalised, params ReadOnlySpan<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            if (normalised.Contains(' ' + phrase + ' ', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
