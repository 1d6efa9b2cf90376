using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidacies;

/// <summary>GET /api/searches/{id}/pipeline: every stage, in order, with its candidacies (team only).</summary>
public sealed record GetPipelineBoard(Guid SearchId) : IQuery<PipelineBoard>, ISearchScoped;

public sealed record PipelineBoard(Guid SearchId, string CodeName, IReadOnlyList<PipelineColumn> Stages);

public sealed record PipelineColumn(Stage Stage, int Count, IReadOnlyList<PipelineCard> Candidacies);

/// <param name="DecidedBy">Who ended a closed candidacy (the firm, the client or the candidate); null while active.</param>
public sealed record PipelineCard(Guid CandidacyId, Guid CandidateId, string CandidateName, Stage Stage, int DaysInStage, decimal? Score, int Version,
    DecidedBy? DecidedBy = null, string? ExitReasonCode = null);

internal sealed class GetPipelineBoardHandler(DbSession session, TimeProvider clock) : IQueryHandler<GetPipelineBoard, PipelineBoard>
{
    private const string CodeNameSql = "SELECT CodeName FROM Searches WHERE Id = @SearchId";
    private const string CardsSql = """
        SELECT c.Id, c.CandidateId, p.FirstName, p.LastName, c.Stage, c.StageEnteredAt, c.Score, c.Version, c.DecidedBy, c.ExitReasonCode
        FROM Candidacies c JOIN Candidates p ON p.Id = c.CandidateId
        WHERE c.SearchId = @SearchId AND p.ErasedAt IS NULL
        """;

    private static readonly Stage[] Columns = [.. Stages.Active, Stage.Declined, Stage.Withdrawn, Stage.NotSelected];

    public async ValueTask<PipelineBoard> Handle(GetPipelineBoard query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var codeName = await connection.QuerySingleAsync<string>(new CommandDefinition(CodeNameSql, query, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        var cards = (await connection.QueryAsync<Row>(new CommandDefinition(CardsSql, query, cancellationToken: cancellationToken)))
            .Select(r => new PipelineCard(r.Id, r.CandidateId, $"{r.FirstName} {r.LastName}", Enum.Parse<Stage>(r.Stage),
                DaysInStage.Between(r.StageEnteredAt, now), r.Score, r.Version,
                r.DecidedBy is null ? null : Enum.Parse<DecidedBy>(r.DecidedBy), r.ExitReasonCode))
            .ToLookup(c => c.Stage);
        // Longest-waiting first within a stage: they are the ones to chase.
        var columns = Columns.Select(stage =>
        {
            var inStage = cards[stage].OrderByDescending(c => c.DaysInStage).ThenByDescending(c => c.Score).ToList();
            return new PipelineColumn(stage, inStage.Count, inStage);
        }).ToList();
        return new PipelineBoard(query.SearchId, codeName, columns);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid CandidateId { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateTimeOffset StageEnteredAt { get; init; }
        public decimal? Score { get; init; }
        public int Version { get; init; }
        public string? DecidedBy { get; init; }
        public string? ExitReasonCode { get; init; }
    }
}
