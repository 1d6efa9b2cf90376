namespace SearchFirm.Domain.Candidates;

/// <param name="Name">"Medical licence", "Internal Medicine", "CPE"…</param>
/// <param name="Issuer">The licensing state or the certifying board.</param>
/// <param name="ExpiresOn">The last day it is valid; null when it does not expire or the date is unknown.</param>
public sealed record Credential(CredentialKind Kind, string Name, string? Issuer, DateOnly? ExpiresOn)
{
    /// <summary>Valid through <see cref="ExpiresOn"/> inclusive; a credential without a date has no recorded end.</summary>
    public bool IsCurrentOn(DateOnly day) => ExpiresOn is not DateOnly expires || expires >= day;
}
