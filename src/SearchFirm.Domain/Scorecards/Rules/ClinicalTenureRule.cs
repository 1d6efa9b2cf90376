using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>
/// "A decade or more of substantial clinical practice" (seed 000) is met; five to nine years is
/// half, because the credibility with peers is there but thinner; under five is missing.
/// </summary>
internal static class ClinicalTenureRule
{
    public const int ExpectedYears = 10;
    public const int PartialFromYears = 5;

    public static Assessment Assess(ScoringContext c)
    {
        var years = CandidateProfile.YearsOfClinicalPractice(c.Profile, c.Today);
        var evidence = Evidence(c, years);
        if (years >= ExpectedYears)
        {
            return Assessment.Met(evidence);
        }

        var gap = $"clinical tenure {Wording.Years(years)}, specification asks {ExpectedYears}";
        return years >= PartialFromYears ? Assessment.Partial(evidence, gap) : Assessment.Missing(evidence, gap);
    }

    private static string Evidence(ScoringContext c, int years)
    {
        var clinical = c.Profile.Positions.Where(p => p.IsClinical && p.From <= c.Today).ToList();
        if (ClinicalPractice.Spans(c.Profile, c.Today).Count > 0)
        {
            var positions = clinical.Count == 1 ? "1 clinical position" : $"{clinical.Count} clinical positions";
            return $"{Wording.Years(years)} of clinical practice across {positions}, overlaps counted once";
        }

        return c.Profile.ClinicalPracticeStartYear is int start
            ? $"{Wording.Years(years)} of clinical practice since {start} (start year; no clinical positions recorded)"
            : "no clinical practice recorded";
    }
}
