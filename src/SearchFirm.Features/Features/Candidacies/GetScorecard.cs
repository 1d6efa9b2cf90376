using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Scorecards;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidacies;

/// <summary>
/// GET /api/candidacies/{id}/scorecard: the candidate against the search's specification, each
/// criterion met, partly met or missing with the evidence that decided it, and the gaps in words.
/// </summary>
public sealed record GetScorecard(Guid CandidacyId) : IQuery<ScorecardResult>, ICandidacyScoped;

internal sealed class GetScorecardHandler(DbSession session, TimeProvider clock) : IQueryHandler<GetScorecard, ScorecardResult>
{
    private const string Sql = "SELECT SearchId, CandidateId FROM Candidacies WHERE Id = @CandidacyId";

    public async ValueTask<ScorecardResult> Handle(GetScorecard query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(Sql, query, cancellationToken: cancellationToken));
        return await CandidacyScoring.ScoreAsync(connection, null, row.SearchId, row.CandidateId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    private sealed class Row
    {
        public Guid SearchId { get; init; }
        public Guid CandidateId { get; init; }
    }
}
