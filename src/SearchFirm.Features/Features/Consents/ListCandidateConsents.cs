using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Consents;

/// <summary>
/// GET /api/candidates/{id}/consents: a candidate's consent records, newest first, withdrawn ones
/// included. A consent to present names its search, so it is listed only to that search's team
/// (and admins): it would otherwise tell that the candidate is in a search the caller may not see.
/// Every read is an audit event.
/// </summary>
public sealed record ListCandidateConsents(Guid CandidateId) : IQuery<IReadOnlyList<ConsentDto>>;

internal sealed class ListCandidateConsentsHandler(DbSession session, ICurrentUser user, AuditTrail audit)
    : IQueryHandler<ListCandidateConsents, IReadOnlyList<ConsentDto>>
{
    private const string Sql = """
        SELECT c.Id, c.CandidateId, c.Kind, c.SearchId, c.GivenAt, c.Source, c.RecordedBy, c.WithdrawnAt
        FROM Consents c
        WHERE c.CandidateId = @CandidateId
          AND (c.SearchId IS NULL OR @IsAdmin = 1
               OR EXISTS (SELECT 1 FROM SearchTeamMembers t WHERE t.SearchId = c.SearchId AND t.UserId = @UserId))
        ORDER BY c.GivenAt DESC, c.Id DESC
        """;

    public async ValueTask<IReadOnlyList<ConsentDto>> Handle(ListCandidateConsents query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await CandidateRules.EnsureExistsAsync(connection, null, query.CandidateId, cancellationToken);
        var consents = (await connection.QueryAsync<ConsentDto>(new CommandDefinition(Sql,
            new { query.CandidateId, UserId = user.Id, IsAdmin = user.IsAdmin ? 1 : 0 }, cancellationToken: cancellationToken))).AsList();
        await audit.RecordAsync("ListCandidateConsents", "Candidate", query.CandidateId, null, cancellationToken);
        return consents;
    }
}
