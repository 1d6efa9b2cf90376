using SearchFirm.Features.Board;

namespace SearchFirm.Features.Committees;

/// <summary>
/// The committee's figures over a set of feedback, shared by the team's report and what members
/// see after scoring, so that both always agree. Only voting members' feedback should be passed in
/// where the figure stands for the decision.
/// </summary>
internal static class CommitteeTotals
{
    public static FeedbackMeans? Means(IReadOnlyList<MemberFeedback> feedback, IReadOnlyList<CriterionHeading> criteria)
    {
        if (feedback.Count == 0) return null;
        // Criterion scores are optional: means over the members who scored; none, no means.
        var scored = feedback.Where(f => f.Scores.Count > 0).ToList();
        var means = scored.Count == 0 ? new Dictionary<string, double>() : criteria.ToDictionary(c => c.Key,
            c => Math.Round(scored.Select(f => f.Scores.TryGetValue(c.Key, out var s) ? s : (int?)null).OfType<int>().DefaultIfEmpty().Average(), 2),
            StringComparer.OrdinalIgnoreCase);
        var weight = criteria.Sum(c => c.Weight);
        double? weighted = weight == 0 || scored.Count == 0 ? null : Math.Round(criteria.Sum(c => means[c.Key] / 5.0 * c.Weight) / weight * 100, 1);
        return new FeedbackMeans(Math.Round(feedback.Average(f => f.Rating), 2), means, weighted);
    }

    /// <summary>Every recommendation named, with zero where nobody chose it.</summary>
    public static IReadOnlyDictionary<string, int> Recommendations(IEnumerable<MemberFeedback> feedback)
    {
        var list = feedback.ToList();
        return Enum.GetValues<Recommendation>().ToDictionary(r => r.ToString(), r => list.Count(f => f.Recommendation == r));
    }
}
