using System.Globalization;
using SearchFirm.Domain.Scorecards;

namespace SearchFirm.Features.Briefs.Templates;

/// <summary>How briefs write dates, money and outcomes: the same everywhere, as a board reads them side by side.</summary>
internal static class Format
{
    // The invariant culture writes English month names; the app runs with invariant globalization.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", English);

    public static string MonthYear(DateOnly day) => day.ToString("MMM yyyy", English);

    public static string Period(DateOnly from, DateOnly? to) =>
        $"{from.Year.ToString(CultureInfo.InvariantCulture)} – {(to is { } end ? end.Year.ToString(CultureInfo.InvariantCulture) : "present")}";

    public static string Years(int years) => years == 1 ? "1 year" : $"{years.ToString(CultureInfo.InvariantCulture)} years";

    public static string Score(decimal score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Money(decimal? amount, string currency) =>
        amount is { } a ? $"{currency} {a.ToString("#,0", CultureInfo.InvariantCulture)}" : "—";

    public static string Outcome(CriterionOutcome outcome) => outcome switch
    {
        CriterionOutcome.Met => "Met",
        CriterionOutcome.Partial => "Partly met",
        _ => "Not met",
    };

    public static string OutcomeClass(CriterionOutcome outcome) => outcome switch
    {
        CriterionOutcome.Met => "met",
        CriterionOutcome.Partial => "partial",
        _ => "missing",
    };

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"AO" for Amara Okafor: the matrix's column heads when names are long.</summary>
    public static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0])));

    /// <summary>Keys of the specification that are about credentials rather than experience.</summary>
    public static readonly IReadOnlySet<string> CredentialCriteria = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "medical-degree", "licence-board-certification", "management-education", "physician-executive-credential",
    };
}
