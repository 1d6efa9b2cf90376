using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>MD or DO (seed 000): the foundation every other line builds on.</summary>
internal static class MedicalDegreeRule
{
    public static Assessment Assess(ScoringContext c)
    {
        var medical = c.Profile.Education.Where(e => Degrees.IsMedical(e.Degree)).Select(Wording.Of).ToList();
        if (medical.Count > 0)
        {
            return Assessment.Met(string.Join("; ", medical));
        }

        var others = c.Profile.Education.Select(e => e.Degree).ToList();
        var evidence = others.Count == 0 ? "no degree recorded" : $"no MD or DO recorded; degrees: {string.Join(", ", others)}";
        return Assessment.Missing(evidence, "no medical degree (MD or DO)");
    }
}
