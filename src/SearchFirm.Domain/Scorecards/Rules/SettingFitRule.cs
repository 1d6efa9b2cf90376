using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>
/// What a CMO does in the client's kind of organisation (seed 000), read from the setting
/// competencies. The seeds describe no "Other" setting, so there the team judges by hand.
/// </summary>
internal static class SettingFitRule
{
    public static Assessment Assess(ScoringContext c)
    {
        var keys = CompetencyKeys.ForSetting(c.Kind);
        if (keys.Count == 0)
        {
            return Assessment.Missing("no setting competencies are defined for this client kind; assess by hand",
                "setting fit: assess by hand");
        }

        return CompetencyRule.Assess(c, keys, $"{Setting(c.Kind)} setting fit");
    }

    private static string Setting(ClientKind kind) => kind switch
    {
        ClientKind.HospitalOrHealthSystem => "hospital",
        ClientKind.Payer => "payer",
        _ => "pharma",
    };
}
