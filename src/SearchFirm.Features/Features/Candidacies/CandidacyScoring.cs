using System.Data.Common;
using Dapper;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Scorecards;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Candidates;

namespace SearchFirm.Features.Candidacies;

/// <summary>
/// Scores candidacies against their search's specification and keeps the total on the candidacy,
/// so the pipeline board reads a column instead of scoring every profile.
/// </summary>
internal static class CandidacyScoring
{
    private const string InputsSql = """
        SELECT c.ProfileJson, cl.Kind AS ClientKind
        FROM Searches s
        JOIN Clients cl ON cl.Id = s.ClientId
        JOIN Candidates c ON c.Id = @CandidateId
        WHERE s.Id = @SearchId
        """;
    private const string CriteriaSql = """
        SELECT CriterionKey, Label, Weight, Required FROM SearchCriteria WHERE SearchId = @SearchId ORDER BY Position
        """;
    private const string StoreSql = "UPDATE Candidacies SET Score = @Score WHERE SearchId = @SearchId AND CandidateId = @CandidateId";
    private const string CandidaciesOfSearchSql = "SELECT CandidateId FROM Candidacies WHERE SearchId = @SearchId";
    private const string CandidaciesOfCandidateSql = "SELECT SearchId FROM Candidacies WHERE CandidateId = @CandidateId";

    public static async Task<ScorecardResult> ScoreAsync(DbConnection connection, DbTransaction? transaction, Guid searchId, Guid candidateId,
        DateOnly today, CancellationToken cancellationToken)
    {
        var inputs = await connection.QuerySingleAsync<Inputs>(new CommandDefinition(InputsSql,
            new { SearchId = searchId, CandidateId = candidateId }, transaction, cancellationToken: cancellationToken));
        var criteria = (await connection.QueryAsync<CriterionRow>(new CommandDefinition(CriteriaSql,
                new { SearchId = searchId }, transaction, cancellationToken: cancellationToken)))
            .Select(c => new Criterion(c.CriterionKey, c.Label, c.Weight, c.Required)).ToList();
        return Scorecard.Score(ProfileMapping.FromJson(inputs.ProfileJson), criteria, Enum.Parse<ClientKind>(inputs.ClientKind), today);
    }

    public static async Task<ScorecardResult> ScoreAndStoreAsync(DbConnection connection, DbTransaction? transaction, Guid searchId, Guid candidateId,
        DateOnly today, CancellationToken cancellationToken)
    {
        var result = await ScoreAsync(connection, transaction, searchId, candidateId, today, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(StoreSql,
            new { Score = result.WeightedTotal, SearchId = searchId, CandidateId = candidateId }, transaction, cancellationToken: cancellationToken));
        return result;
    }

    /// <summary>After a specification changes: every candidacy of the search.</summary>
    public static async Task RescoreSearchAsync(DbConnection connection, DbTransaction? transaction, Guid searchId, DateOnly today, CancellationToken cancellationToken)
    {
        foreach (var candidateId in await connection.QueryAsync<Guid>(new CommandDefinition(CandidaciesOfSearchSql, new { SearchId = searchId }, transaction, cancellationToken: cancellationToken)))
            await ScoreAndStoreAsync(connection, transaction, searchId, candidateId, today, cancellationToken);
    }

    /// <summary>After a profile changes: every candidacy of the candidate.</summary>
    public static async Task RescoreCandidateAsync(DbConnection connection, DbTransaction? transaction, Guid candidateId, DateOnly today, CancellationToken cancellationToken)
    {
        foreach (var searchId in await connection.QueryAsync<Guid>(new CommandDefinition(CandidaciesOfCandidateSql, new { CandidateId = candidateId }, transaction, cancellationToken: cancellationToken)))
            await ScoreAndStoreAsync(connection, transaction, searchId, candidateId, today, cancellationToken);
    }

    private sealed class Inputs
    {
        public string ProfileJson { get; init; } = "{}";
        public string ClientKind { get; init; } = "";
    }

    private sealed class CriterionRow
    {
        public string CriterionKey { get; init; } = "";
        public string Label { get; init; } = "";
        public int Weight { get; init; }
        public bool Required { get; init; }
    }
}
