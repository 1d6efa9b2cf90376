using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>P&amp;L literacy, payment models, strategic planning, change management, regulatory compliance (seed 000): three of five strong meets it.</summary>
internal static class ExecutiveCompetenciesRule
{
    public static Assessment Assess(ScoringContext c) => CompetencyRule.Assess(c, CompetencyKeys.Executive, "executive competencies");
}
