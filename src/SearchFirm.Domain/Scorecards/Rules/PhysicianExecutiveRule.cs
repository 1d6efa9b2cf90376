using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>The Certified Physician Executive credential (seed 000); a lapsed one still shows the training, so half.</summary>
internal static class PhysicianExecutiveRule
{
    public static Assessment Assess(ScoringContext c)
    {
        var cpe = c.Profile.Credentials.Where(IsCpe).ToList();
        var current = cpe.FirstOrDefault(k => k.IsCurrentOn(c.Today));
        if (current is not null)
        {
            return Assessment.Met(string.IsNullOrWhiteSpace(current.Issuer) ? current.Name : $"{current.Name} ({current.Issuer})");
        }

        if (cpe.Count > 0)
        {
            var lapsed = $"CPE lapsed on {Wording.Date(cpe.Max(k => k.ExpiresOn!.Value))}";
            return Assessment.Partial(lapsed, lapsed);
        }

        return Assessment.Missing("no CPE recorded", "no Certified Physician Executive (CPE) credential");
    }

    // Recruiters sometimes file the CPE under Other; the name gives it away.
    private static bool IsCpe(Credential k) =>
        k.Kind == CredentialKind.CertifiedPhysicianExecutive
        || Keywords.HasAny(Keywords.Normalise(k.Name), "cpe", "certified physician executive");
}
