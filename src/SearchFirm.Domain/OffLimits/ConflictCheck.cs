namespace SearchFirm.Domain.OffLimits;

/// <summary>The verdict: clean when there is no reason; otherwise every reason, for the partner who may override.</summary>
public sealed record ConflictCheck(bool Clean, IReadOnlyList<ConflictReason> Reasons)
{
    public static ConflictCheck Of(IReadOnlyList<ConflictReason> reasons) => new(reasons.Count == 0, reasons);
}

/// <summary>
/// One reason a candidate is off-limits. <see cref="Explanation"/> is safe for any member of the
/// target search's team: it names the candidate's employer (their own data) and a search only by
/// its code name, never the client behind it. <see cref="ClientId"/> and <see cref="SearchId"/>
/// let a caller who may see that search say more.
/// </summary>
/// <param name="Code">One of <see cref="ConflictCodes"/>.</param>
public sealed record ConflictReason(string Code, string Explanation, Guid? ClientId, Guid? SearchId);
