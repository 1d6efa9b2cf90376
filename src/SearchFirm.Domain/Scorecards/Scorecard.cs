using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Scorecards.Rules;
using SearchFirm.Domain.Searches;

namespace SearchFirm.Domain.Scorecards;

/// <summary>
/// The readiness scorecard: each criterion of a search's specification met, partly
/// met or missing, with the evidence and the gap in words, and a weighted total. Every line is
/// decided by one small rule in <c>Rules/</c> so that a board's "why?" has a readable answer.
/// </summary>
public static class Scorecard
{
    public const string UnscoredEvidence = "no rule scores this criterion; assess by hand";

    private static readonly Dictionary<string, Func<ScoringContext, Assessment>> Rules = new(StringComparer.OrdinalIgnoreCase)
    {
        [DefaultSpecification.MedicalDegree] = MedicalDegreeRule.Assess,
        [DefaultSpecification.LicenceAndBoard] = LicenceAndBoardRule.Assess,
        [DefaultSpecification.ManagementEducation] = ManagementEducationRule.Assess,
        [DefaultSpecification.PhysicianExecutive] = PhysicianExecutiveRule.Assess,
        [DefaultSpecification.ClinicalTenure] = ClinicalTenureRule.Assess,
        [DefaultSpecification.AdministrativeExposure] = AdministrativeExposureRule.Assess,
        [DefaultSpecification.LeadershipLadder] = LeadershipLadderRule.Assess,
        [DefaultSpecification.ExecutiveCompetencies] = ExecutiveCompetenciesRule.Assess,
        [DefaultSpecification.SettingFit] = SettingFitRule.Assess,
        [DefaultSpecification.Network] = NetworkRule.Assess,
    };

    /// <summary>Whether a criterion key has a rule; the others are scored Missing and left to the team.</summary>
    public static bool CanScore(string key) => Rules.ContainsKey(key);

    public static ScorecardResult Score(CandidateProfile p, IReadOnlyList<Criterion> spec, ClientKind kind, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Any(c => c.Weight < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), "Criterion weights cannot be negative.");
        }

        var context = new ScoringContext(p, kind, today);
        var criteria = spec.Select(c => ScoreOne(c, context)).ToList();

        var weight = spec.Sum(c => (decimal)c.Weight);
        var total = weight == 0 ? 0m : Math.Round(criteria.Sum(c => c.Points) / weight * 100m, 1, MidpointRounding.AwayFromZero);

        return new ScorecardResult(
            criteria,
            total,
            [.. criteria.Where(c => c.Gap is not null).Select(c => c.Gap!)],
            criteria.Where(c => c.Required).All(c => c.Outcome == CriterionOutcome.Met));
    }

    private static CriterionScore ScoreOne(Criterion criterion, ScoringContext context)
    {
        // A custom criterion ("bilingual in Spanish") is not guessed at from keywords: a wrong
        // "met" in front of a board is worse than an honest "assess by hand".
        var assessment = Rules.TryGetValue(criterion.Key, out var rule)
            ? rule(context)
            : Assessment.Missing(UnscoredEvidence, $"{criterion.Label}: {UnscoredEvidence}");

        var factor = assessment.Outcome switch
        {
            CriterionOutcome.Met => 1m,
            CriterionOutcome.Partial => 0.5m,
            _ => 0m,
        };

        return new CriterionScore(criterion.Key, criterion.Label, criterion.Weight, criterion.Required,
            assessment.Outcome, assessment.Evidence, assessment.Gap, criterion.Weight * factor);
    }
}
