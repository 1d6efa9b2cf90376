using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>
/// Shared by the executive-competency and setting-fit lines: a competency is strong at an
/// assessment of 4 or more; the line is met when most of its competencies are strong (a strict
/// majority), half when at least one is.
/// </summary>
internal static class CompetencyRule
{
    public static Assessment Assess(ScoringContext c, IReadOnlyList<string> keys, string subject)
    {
        // The best assessment counts when a recruiter recorded a competency twice.
        var assessed = keys.ToDictionary(k => k, k => c.Profile.Competencies
            .Where(x => CompetencyKeys.Matches(x, k))
            .MaxBy(x => x.Assessment));

        var strong = keys.Where(k => assessed[k] is { IsStrong: true }).ToList();
        var evidence = string.Join("; ", keys.Select(k => Describe(k, assessed[k])));
        if (strong.Count * 2 > keys.Count)
        {
            return Assessment.Met(evidence);
        }

        var weak = keys.Where(k => !strong.Contains(k))
            .Select(k => assessed[k] is { } x ? $"{CompetencyKeys.Name(k)} ({x.Assessment}/5)" : $"{CompetencyKeys.Name(k)} (not assessed)")
            .ToList();
        var gap = $"{subject} not yet strong: {Wording.List(weak)}";
        return strong.Count > 0 ? Assessment.Partial(evidence, gap) : Assessment.Missing(evidence, gap);
    }

    private static string Describe(string key, Competency? c) => c switch
    {
        null => $"{CompetencyKeys.Name(key)} not assessed",
        { Evidence: { Length: > 0 } e } => $"{CompetencyKeys.Name(key)} {c.Assessment}/5 ({e})",
        _ => $"{CompetencyKeys.Name(key)} {c.Assessment}/5",
    };
}
