using System.Data.Common;
using Dapper;
using SearchFirm.Domain.Candidates;

namespace SearchFirm.Features.Consents;

/// <summary>Consent questions other slices ask inside their own transaction (the pipeline's move to PresentedToClient).</summary>
internal static class ConsentQueries
{
    private const string PresentConsentSql = """
        SELECT COUNT(*) FROM Consents
        WHERE CandidateId = @CandidateId AND SearchId = @SearchId AND Kind = @Kind AND WithdrawnAt IS NULL
        """;

    /// <summary>True when the candidate has consented to be presented to this search's client and has not withdrawn it.</summary>
    public static async Task<bool> HasPresentConsentAsync(DbConnection connection, DbTransaction? transaction, Guid candidateId, Guid searchId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(PresentConsentSql,
            new { CandidateId = candidateId, SearchId = searchId, Kind = nameof(ConsentKind.PresentToClient) },
            transaction, cancellationToken: cancellationToken)) > 0;
}
