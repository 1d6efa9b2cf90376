namespace SearchFirm.Domain.Candidates;

/// <param name="Key">One of <see cref="CompetencyKeys"/>, or the firm's own key.</param>
/// <param name="Assessment">The recruiter's judgement, 1 (none) to 5 (exemplary); 4 or more is strong.</param>
/// <param name="Evidence">What the judgement rests on, in the recruiter's words.</param>
public sealed record Competency(string Key, string Name, int Assessment, string? Evidence)
{
    public const int Strong = 4;

    public bool IsStrong => Assessment >= Strong;
}
