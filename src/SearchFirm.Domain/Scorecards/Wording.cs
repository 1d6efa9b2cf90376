using System.Globalization;
using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Scorecards;

/// <summary>The scorecard's words, kept alike from line to line because a board reads them side by side.</summary>
internal static class Wording
{
    public static string Years(int n) => n == 1 ? "1 year" : $"{n} years";

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Period(DateOnly from, DateOnly? to) => $"{from.Year}–{(to is DateOnly end ? end.Year.ToString(CultureInfo.InvariantCulture) : "present")}";

    public static string Of(Position p) => $"{p.Title} at {p.Organisation} ({Period(p.From, p.To)})";

    public static string Of(Education e)
    {
        var text = e.Degree;
        if (!string.IsNullOrWhiteSpace(e.Institution))
        {
            text += $", {e.Institution}";
        }

        return e.Year is int year ? $"{text} ({year})" : text;
    }

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string List(IReadOnlyList<string> items, string conjunction = "and") => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}",
    };
}
