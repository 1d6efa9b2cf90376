using Dapper;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Audit;

/// <summary>
/// Appends audit events: who did or read what, when, from where. Only ids are stored, never
/// personal data. There is deliberately no method that changes or removes an event, and the
/// database refuses UPDATE and DELETE on the table (triggers in V0002). A candidate's own network
/// address is personal data that their erasure could not take back out of an append-only trail, so
/// what a candidate does (in the portal, or opening its session) is kept without a source address.
/// </summary>
public sealed class AuditTrail(DbSession session, ICurrentUser user, ICurrentBoardMember board, ICurrentCandidate candidate, TimeProvider clock)
{
    private const string InsertSql = """
        INSERT INTO AuditEvents (Id, OccurredAt, ActorId, ActorKind, Action, EntityType, EntityId, SearchId, SourceIp)
        VALUES (@Id, @OccurredAt, @ActorId, @ActorKind, @Action, @EntityType, @EntityId, @SearchId, @SourceIp)
        """;

    private Guid? signingIn;

    /// <summary>
    /// This request is the candidate opening their portal session with their link: from now on its
    /// events are theirs (they have no session yet to say so).
    /// </summary>
    public void CandidateSigningIn(Guid candidateId) => signingIn = candidateId;

    public Task RecordAsync(string action, string? entityType, Guid? entityId, Guid? searchId, CancellationToken cancellationToken)
    {
        var candidateId = candidate.IsSignedIn ? candidate.CandidateId : signingIn;
        return InsertAsync(
            candidateId ?? (board.IsSignedIn ? board.MemberId : user.IsAuthenticated ? user.Id : null),
            candidateId is not null ? "Candidate" : board.IsSignedIn ? "BoardMember" : user.IsAuthenticated ? "Staff" : "Anonymous",
            candidateId is null ? user.IpAddress : null,
            action, entityType, entityId, searchId, cancellationToken);
    }

    /// <summary>An event of the firm's own background work (retention), which no person sent.</summary>
    public Task RecordBySystemAsync(string action, string? entityType, Guid? entityId, CancellationToken cancellationToken) =>
        InsertAsync(null, "System", null, action, entityType, entityId, null, cancellationToken);

    private async Task InsertAsync(Guid? actorId, string actorKind, string? sourceIp, string action, string? entityType, Guid? entityId, Guid? searchId,
        CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = Ids.New(),
            OccurredAt = clock.GetUtcNow(),
            ActorId = actorId,
            ActorKind = actorKind,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            SearchId = searchId,
            SourceIp = sourceIp,
        }, session.Transaction, cancellationToken: cancellationToken));
    }
}

/// <summary>Names what a command acts on, for its audit event.</summary>
public interface IAudited
{
    string EntityType { get; }

    Guid? EntityId { get; }
}

/// <summary>
/// An answer that names what its command created, for the command's audit event, when the request
/// cannot (the handler makes the id): the new document, the new consent record.
/// </summary>
public interface IAuditedResult
{
    string EntityType { get; }

    Guid EntityId { get; }

    /// <summary>The search the new thing belongs to, if any.</summary>
    Guid? SearchId => null;
}
