using System.Data.Common;
using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

/// <summary>
/// What a committee may see of its search: candidacies presented to the client (PresentedToClient
/// or a later active stage) whose candidate still consents to be presented to this client.
/// Anything else does not exist for a board member (404).
/// </summary>
internal static class BoardAccess
{
    internal static readonly string PresentedFilter = $"""
        p.ErasedAt IS NULL
          AND cy.Stage IN ({StageSql.List(Stages.Presented)})
          AND EXISTS (SELECT 1 FROM Consents k JOIN Searches ks ON ks.Id = k.SearchId
                      WHERE k.CandidateId = cy.CandidateId AND k.Kind = 'PresentToClient' AND k.WithdrawnAt IS NULL AND ks.ClientId = s.ClientId)
        """;

    private static readonly string IsPresentedSql = """
        SELECT COUNT(*) FROM Candidacies cy
        JOIN Candidates p ON p.Id = cy.CandidateId
        JOIN Searches s ON s.Id = cy.SearchId
        WHERE cy.Id = @CandidacyId AND cy.SearchId = @SearchId AND
        """ + " " + PresentedFilter;

    public static async Task<bool> IsPresentedAsync(DbSession session, Guid searchId, Guid candidacyId, CancellationToken ct) =>
        await IsPresentedAsync(await session.ConnectionAsync(ct), session.Transaction, searchId, candidacyId, ct);

    public static async Task<bool> IsPresentedAsync(DbConnection connection, DbTransaction? tx, Guid searchId, Guid candidacyId, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(IsPresentedSql, new { SearchId = searchId, CandidacyId = candidacyId }, tx, cancellationToken: ct)) > 0;
}
