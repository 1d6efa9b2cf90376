using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>
/// An active licence and a current board certification on the day of scoring. A licence with no
/// expiry date recorded is not taken on trust: US licences expire, so the missing date is a gap
/// for the team to close, and it earns half at most.
/// </summary>
internal static class LicenceAndBoardRule
{
    public static Assessment Assess(ScoringContext c)
    {
        var licences = c.Profile.Credentials.Where(k => k.Kind == CredentialKind.MedicalLicence).ToList();
        var boards = c.Profile.Credentials.Where(k => k.Kind == CredentialKind.BoardCertification).ToList();

        var activeLicence = licences.Any(l => l.ExpiresOn is DateOnly e && e >= c.Today);
        var undatedLicence = licences.Any(l => l.ExpiresOn is null);
        var currentBoard = boards.Any(b => b.IsCurrentOn(c.Today));

        var facts = licences.Select(l => Licence(l, c.Today)).Concat(boards.Select(b => Board(b, c.Today))).ToList();
        var evidence = facts.Count == 0 ? "no licence or board certification recorded" : string.Join("; ", facts);
        if (activeLicence && currentBoard)
        {
            return Assessment.Met(evidence);
        }

        var gaps = new List<string>();
        if (!activeLicence)
        {
            gaps.Add(undatedLicence ? "medical licence has no expiry date recorded"
                : licences.Count > 0 ? $"medical licence expired on {Wording.Date(licences.Max(l => l.ExpiresOn!.Value))}"
                : "no medical licence recorded");
        }

        if (!currentBoard)
        {
            gaps.Add(boards.Count > 0 ? $"board certification expired on {Wording.Date(boards.Max(b => b.ExpiresOn!.Value))}"
                : "no board certification recorded");
        }

        var gap = string.Join("; ", gaps);
        return activeLicence || currentBoard || undatedLicence ? Assessment.Partial(evidence, gap) : Assessment.Missing(evidence, gap);
    }

    private static string Licence(Credential l, DateOnly today)
    {
        var where = string.IsNullOrWhiteSpace(l.Issuer) ? "medical licence" : $"medical licence ({l.Issuer})";
        return l.ExpiresOn switch
        {
            null => $"{where}, no expiry date recorded",
            DateOnly e when e >= today => $"{where} active until {Wording.Date(e)}",
            DateOnly e => $"{where} expired on {Wording.Date(e)}",
        };
    }

    private static string Board(Credential b, DateOnly today)
    {
        var what = string.IsNullOrWhiteSpace(b.Issuer) ? $"board certified in {b.Name}" : $"board certified in {b.Name} ({b.Issuer})";
        return b.ExpiresOn switch
        {
            null => what,
            DateOnly e when e >= today => $"{what} until {Wording.Date(e)}",
            DateOnly e => $"{what}, expired on {Wording.Date(e)}",
        };
    }
}
