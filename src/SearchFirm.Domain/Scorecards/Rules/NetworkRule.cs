namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>
/// "Relationships with current healthcare executives, board members and industry leaders" (seed
/// 000), counted in the firm's referral network. Ten is a working C-suite network; any is half.
/// </summary>
internal static class NetworkRule
{
    public const int Expected = 10;

    public static Assessment Assess(ScoringContext c)
    {
        var count = c.Profile.RelationshipCount;
        var evidence = count == 1 ? "1 relationship in the firm's network" : $"{count} relationships in the firm's network";
        if (count >= Expected)
        {
            return Assessment.Met(evidence);
        }

        var gap = $"{evidence}, {Expected} expected";
        return count > 0 ? Assessment.Partial(evidence, gap) : Assessment.Missing(evidence, gap);
    }
}
