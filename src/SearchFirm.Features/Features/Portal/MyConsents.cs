using System.Text.Json.Serialization;
using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Portal;

/// <summary>
/// GET /api/portal/consents: the candidate's own consent records, newest first, withdrawn ones
/// included. A consent to be presented names its search by code name, and only for searches the
/// candidate knows of. Candidates give consent at POST /api/candidates/{id}/consents.
/// </summary>
public sealed record ListMyConsents : IQuery<IReadOnlyList<PortalConsent>>, ICandidateRequest;

public sealed record PortalConsent(Guid Id, ConsentKind Kind, Guid? SearchId, string? CodeName, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt);

/// <summary>
/// POST /api/portal/consents/{id}/withdrawal: the candidate withdraws a consent of theirs. The record
/// stays (when it was given and withdrawn is the evidence); from now on it no longer counts, so a
/// brief for that client is refused until consent is given again. Withdrawing twice changes nothing.
/// </summary>
public sealed record WithdrawConsent : ICommand<PortalConsent>, ICandidateRequest, IAudited
{
    [JsonIgnore]
    public Guid ConsentId { get; init; }

    [JsonIgnore]
    public string EntityType => "Consent";

    [JsonIgnore]
    Guid? IAudited.EntityId => ConsentId;
}

internal static class MyConsentsSql
{
    public const string Select = """
        SELECT k.Id, k.Kind, k.SearchId, s.CodeName, k.GivenAt, k.WithdrawnAt
        FROM Consents k LEFT JOIN Searches s ON s.Id = k.SearchId
        WHERE k.CandidateId = @CandidateId
          AND (k.SearchId IS NULL OR EXISTS (SELECT 1 FROM Candidacies cy WHERE cy.SearchId = k.SearchId AND cy.CandidateId = k.CandidateId AND
        """ + " " + PortalCandidacies.KnownToCandidate + "))";
}

internal sealed class ListMyConsentsHandler(DbSession session, ICurrentCandidate candidate, AuditTrail audit)
    : IQueryHandler<ListMyConsents, IReadOnlyList<PortalConsent>>
{
    public async ValueTask<IReadOnlyList<PortalConsent>> Handle(ListMyConsents query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var consents = (await connection.QueryAsync<PortalConsent>(new CommandDefinition(MyConsentsSql.Select + " ORDER BY k.GivenAt DESC, k.Id DESC",
            new { candidate.CandidateId }, cancellationToken: cancellationToken))).AsList();
        await audit.RecordAsync("PortalListConsents", "Candidate", candidate.CandidateId, null, cancellationToken);
        return consents;
    }
}

internal sealed class WithdrawConsentHandler(DbSession session, ICurrentCandidate candidate, TimeProvider clock)
    : ICommandHandler<WithdrawConsent, PortalConsent>
{
    private const string WithdrawSql = "UPDATE Consents SET WithdrawnAt = @Now WHERE Id = @ConsentId AND CandidateId = @CandidateId AND WithdrawnAt IS NULL";

    public async ValueTask<PortalConsent> Handle(WithdrawConsent command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var args = new { command.ConsentId, candidate.CandidateId, Now = clock.GetUtcNow() };
        var find = MyConsentsSql.Select + " AND k.Id = @ConsentId";
        _ = await connection.QuerySingleOrDefaultAsync<PortalConsent>(new CommandDefinition(find, args, session.Transaction, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("consent");
        await connection.ExecuteAsync(new CommandDefinition(WithdrawSql, args, session.Transaction, cancellationToken: cancellationToken));
        return await connection.QuerySingleAsync<PortalConsent>(new CommandDefinition(find, args, session.Transaction, cancellationToken: cancellationToken));
    }
}
