namespace SearchFirm.Domain.Scorecards;

/// <summary>
/// A weighted readiness total in the words a board reads on its shortlist. The bands are the firm's:
/// 80 and over is a close match, 60 to 79 a match with gaps worth discussing, below 60 a partial match.
/// </summary>
public static class Readiness
{
    public static string InWords(decimal? weightedTotal) => weightedTotal switch
    {
        null => "Not yet assessed against the specification",
        >= 80m => "Closely matches the specification",
        >= 60m => "Matches the specification, with gaps to discuss",
        _ => "Partly matches the specification",
    };

    /// <summary>Out of 100, as a whole number: a board compares candidates, not decimals.</summary>
    public static int Points(decimal weightedTotal) => (int)Math.Round(weightedTotal, MidpointRounding.AwayFromZero);
}
