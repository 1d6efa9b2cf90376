using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>
/// MBA, MHA or MMM (seed 000). Another master's (an MPH) or an executive-education certificate
/// shows management training without the degree the C-suite expects, so it counts half.
/// </summary>
internal static class ManagementEducationRule
{
    public static Assessment Assess(ScoringContext c)
    {
        var education = c.Profile.Education;
        var management = education.Where(e => Degrees.IsManagement(e.Degree)).Select(Wording.Of).ToList();
        if (management.Count > 0)
        {
            return Assessment.Met(string.Join("; ", management));
        }

        var related = education
            .Where(e => Degrees.IsOtherMasters(e.Degree) || Degrees.IsExecutiveCertificate(e.Degree))
            .ToList();
        if (related.Count > 0)
        {
            return Assessment.Partial(string.Join("; ", related.Select(Wording.Of)),
                $"no MBA, MHA or MMM; has {Wording.List([.. related.Select(e => e.Degree)])}");
        }

        return Assessment.Missing("no management degree or executive education recorded", "no management degree (MBA, MHA or MMM)");
    }
}
