using System.Data.Common;
using Dapper;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Portal;

/// <summary>
/// Issuing a candidate's one-time portal link: the unused ones before it are voided, so only the
/// newest e-mail works. Used by the team's invitation and by "send me a new link".
/// </summary>
internal static class PortalLinks
{
    private const string VoidSql = "UPDATE CandidatePortalLinks SET RevokedAt = @Now WHERE CandidateId = @CandidateId AND UsedAt IS NULL AND RevokedAt IS NULL";
    private const string InsertSql = """
        INSERT INTO CandidatePortalLinks (Id, CandidateId, TokenHash, InvitedBy, CreatedAt, ExpiresAt)
        VALUES (@Id, @CandidateId, @TokenHash, @InvitedBy, @Now, @ExpiresAt)
        """;

    /// <param name="invitedBy">The member of staff who opened the portal to the candidate.</param>
    /// <returns>The link's id and token, to e-mail once the transaction commits.</returns>
    public static async Task<(Guid Id, string Token)> IssueAsync(DbConnection connection, DbTransaction? tx, Guid candidateId, Guid invitedBy,
        DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var token = PortalTokens.NewLink();
        var id = Ids.New();
        await connection.ExecuteAsync(new CommandDefinition(VoidSql, new { CandidateId = candidateId, Now = now }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id, CandidateId = candidateId, TokenHash = PortalTokens.Hash(token), InvitedBy = invitedBy, Now = now, ExpiresAt = expiresAt,
        }, tx, cancellationToken: ct));
        return (id, token);
    }

    public static string Url(IPublicAddress address, PortalOptions options, string token) =>
        $"{address.BaseUrl(options.PublicBaseUrl)}/portal/sign-in?token={Uri.EscapeDataString(token)}";
}
