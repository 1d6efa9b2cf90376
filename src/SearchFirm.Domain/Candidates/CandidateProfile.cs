namespace SearchFirm.Domain.Candidates;

/// <summary>
/// What the readiness scorecard reads about a candidate: no contact details, compensation or
/// documents, so a profile can be scored without touching personal data the board must not see.
/// </summary>
/// <param name="ClinicalPracticeStartYear">
/// The recruiter's shortcut when the career history has no clinical positions yet ("in practice
/// since 2011"); clinical positions, when recorded, are the evidence and win.
/// </param>
/// <param name="RelationshipCount">The candidate's relationships in the firm's referral network.</param>
public sealed record CandidateProfile(
    IReadOnlyList<Education> Education,
    IReadOnlyList<Credential> Credentials,
    IReadOnlyList<Position> Positions,
    IReadOnlyList<Committee> Committees,
    IReadOnlyList<Competency> Competencies,
    int? ClinicalPracticeStartYear,
    int RelationshipCount)
{
    public static CandidateProfile Empty { get; } = new([], [], [], [], [], null, 0);

    /// <summary>
    /// Whole years of clinical practice on <paramref name="today"/>: the clinical positions' spans
    /// with overlaps merged (two part-time posts at once are one year, not two), or, when no
    /// clinical position is recorded, the years since <see cref="ClinicalPracticeStartYear"/>.
    /// </summary>
    public static int YearsOfClinicalPractice(CandidateProfile profile, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var spans = ClinicalPractice.Spans(profile, today);
        if (spans.Count > 0)
        {
            return ClinicalPractice.WholeMonths(spans) / 12;
        }

        return profile.ClinicalPracticeStartYear is int start && start <= today.Year ? today.Year - start : 0;
    }
}
