using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidacies;

/// <summary>GET /api/candidacies/{id}: stage, version and the full history (team only).</summary>
public sealed record GetCandidacy(Guid CandidacyId) : IQuery<CandidacyDetail>, ICandidacyScoped;

public sealed class CandidacyDetail
{
    public Guid Id { get; init; }
    public Guid SearchId { get; init; }
    public string CodeName { get; init; } = "";
    public Guid CandidateId { get; init; }
    public string CandidateName => $"{CandidateFirstName} {CandidateLastName}";
    public Stage Stage { get; init; }
    public int Version { get; init; }
    public DateTimeOffset StageEnteredAt { get; init; }
    public int DaysInStage { get; set; }
    public decimal? Score { get; init; }
    public string? ExitReasonCode { get; init; }
    public DecidedBy? DecidedBy { get; init; }
    public DateTimeOffset? ClientDisclosedAt { get; init; }
    public IReadOnlyList<TransitionDto> History { get; set; } = [];

    internal string CandidateFirstName { get; init; } = "";
    internal string CandidateLastName { get; init; } = "";
}

public sealed class TransitionDto
{
    public Stage? From { get; init; }
    public Stage To { get; init; }
    public string? Reason { get; init; }
    public string? ReasonCode { get; init; }
    public DecidedBy? DecidedBy { get; init; }
    public bool OverrideUsed { get; init; }
    /// <summary>The member of staff who made the move; null when the candidate made it in the portal.</summary>
    public Guid? ActorId { get; init; }
    public string ActorName { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
}

internal sealed class GetCandidacyHandler(DbSession session, TimeProvider clock) : IQueryHandler<GetCandidacy, CandidacyDetail>
{
    private const string CandidacySql = """
        SELECT c.Id, c.SearchId, s.CodeName, c.CandidateId, p.FirstName AS CandidateFirstName, p.LastName AS CandidateLastName,
               c.Stage, c.Version, c.StageEnteredAt, c.Score, c.ExitReasonCode, c.DecidedBy, c.ClientDisclosedAt
        FROM Candidacies c JOIN Searches s ON s.Id = c.SearchId JOIN Candidates p ON p.Id = c.CandidateId
        WHERE c.Id = @CandidacyId AND p.ErasedAt IS NULL
        """;
    private const string HistorySql = """
        SELECT t.FromStage AS "From", t.ToStage AS "To", t.Reason, t.ReasonCode, t.DecidedBy, t.OverrideUsed,
               t.ActorId, CASE WHEN t.ActorKind = 'Candidate' THEN 'The candidate' ELSE u.DisplayName END AS ActorName, t.OccurredAt
        FROM CandidacyTransitions t LEFT JOIN Users u ON u.Id = t.ActorId
        WHERE t.CandidacyId = @CandidacyId
        ORDER BY t.OccurredAt, t.Id
        """;

    public async ValueTask<CandidacyDetail> Handle(GetCandidacy query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var detail = await connection.QuerySingleAsync<CandidacyDetail>(new CommandDefinition(CandidacySql, query, cancellationToken: cancellationToken));
        detail.DaysInStage = DaysInStage.Between(detail.StageEnteredAt, clock.GetUtcNow());
        detail.History = (await connection.QueryAsync<TransitionDto>(new CommandDefinition(HistorySql, query, cancellationToken: cancellationToken))).AsList();
        return detail;
    }
}
