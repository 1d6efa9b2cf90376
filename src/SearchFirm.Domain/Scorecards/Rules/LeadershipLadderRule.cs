using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>
/// The ladder of seed 000: Medical Director → VP Medical Affairs → Chief Quality Officer → CMO.
/// System-wide roles (VPMA, CQO, CMO, or the CEO and COO roles CMOs move on to) meet it;
/// departmental ones (Medical Director, department chair) are the first rung, half. Pharma reads
/// the ladder through medical affairs and clinical development (the default pharma label), so
/// there a VP Clinical Development meets it and a hospital CQO is the adjacent rung.
/// </summary>
internal static class LeadershipLadderRule
{
    private static readonly RoleLevel[] Top = [RoleLevel.ChiefMedicalOfficer, RoleLevel.ChiefExecutiveOfficer, RoleLevel.ChiefOperatingOfficer];

    public static Assessment Assess(ScoringContext c)
    {
        var (met, partial) = Rungs(c.Kind);
        // CEO and COO count when held, but the ladder being asked for stops at CMO.
        var asked = met.Except([RoleLevel.ChiefExecutiveOfficer, RoleLevel.ChiefOperatingOfficer]).Select(RoleLevels.Name).ToList();
        var asks = $"specification asks {Wording.List(asked, "or")} experience";

        var atMet = c.Profile.Positions.Where(p => met.Contains(p.Level)).ToList();
        if (atMet.Count > 0)
        {
            return Assessment.Met(string.Join("; ", atMet.Select(Wording.Of)));
        }

        var atPartial = c.Profile.Positions.Where(p => partial.Contains(p.Level)).ToList();
        if (atPartial.Count > 0)
        {
            var held = atPartial.Select(p => RoleLevels.Name(p.Level)).Distinct().ToList();
            return Assessment.Partial(string.Join("; ", atPartial.Select(Wording.Of)), $"leadership so far {Wording.List(held)}; {asks}");
        }

        return Assessment.Missing("no leadership position recorded", $"no medical leadership role; {asks}");
    }

    private static (RoleLevel[] Met, RoleLevel[] Partial) Rungs(ClientKind kind) => kind == ClientKind.PharmaOrBiotech
        ? ([RoleLevel.VicePresidentClinicalDevelopment, RoleLevel.VicePresidentMedicalAffairs, .. Top],
           [RoleLevel.MedicalDirector, RoleLevel.DepartmentChair, RoleLevel.ChiefQualityOfficer, RoleLevel.OtherExecutive])
        : ([RoleLevel.VicePresidentMedicalAffairs, RoleLevel.ChiefQualityOfficer, .. Top],
           [RoleLevel.MedicalDirector, RoleLevel.DepartmentChair, RoleLevel.VicePresidentClinicalDevelopment, RoleLevel.OtherExecutive]);
}
