using System.Data.Common;
using Dapper;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidacies;

/// <summary>
/// The full history of a candidacy: one row per move, never changed. A move is made by a member of
/// staff (<paramref name="actorId"/>), or by the candidate in the portal (no staff actor).
/// </summary>
internal static class CandidacyHistory
{
    private const string InsertSql = """
        INSERT INTO CandidacyTransitions (Id, CandidacyId, FromStage, ToStage, Reason, ReasonCode, DecidedBy, OverrideUsed, ActorId, ActorKind, OccurredAt)
        VALUES (@Id, @CandidacyId, @FromStage, @ToStage, @Reason, @ReasonCode, @DecidedBy, @OverrideUsed, @ActorId, @ActorKind, @OccurredAt)
        """;

    public static Task RecordAsync(DbConnection connection, DbTransaction? transaction, Guid candidacyId, Stage? from, Stage to,
        string? reason, string? reasonCode, DecidedBy? decidedBy, bool overrideUsed, Guid? actorId, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = Ids.New(),
            CandidacyId = candidacyId,
            FromStage = from?.ToString(),
            ToStage = to.ToString(),
            Reason = reason,
            ReasonCode = reasonCode,
            DecidedBy = decidedBy?.ToString(),
            OverrideUsed = overrideUsed,
            ActorId = actorId,
            ActorKind = actorId is null ? "Candidate" : "Staff",
            OccurredAt = at,
        }, transaction, cancellationToken: cancellationToken));
}
