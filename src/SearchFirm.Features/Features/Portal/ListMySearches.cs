using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Portal;

/// <summary>
/// GET /api/portal/searches: where the signed-in candidate stands in each search they know of,
/// in their words (<see cref="PortalStatus"/>). The code name and an anonymised description until
/// the team discloses the client to them; never internal stages, scores, notes or other candidates.
/// </summary>
public sealed record ListMySearches : IQuery<IReadOnlyList<PortalSearch>>, ICandidateRequest;

/// <param name="ClientName">Null until the team discloses the client to this candidate.</param>
public sealed record PortalSearch(Guid CandidacyId, Guid SearchId, string CodeName, string Description, string? ClientName, PortalStatus Status,
    string StatusText, bool CanWithdraw)
{
    /// <summary>What happens next, in plain words; null once the search is over for the candidate.</summary>
    public string? NextStep => PortalCandidacies.NextStep(Status);
}

internal sealed class ListMySearchesHandler(DbSession session, ICurrentCandidate candidate, AuditTrail audit)
    : IQueryHandler<ListMySearches, IReadOnlyList<PortalSearch>>
{
    // The client's name leaves the database only for a candidacy it was disclosed to.
    private const string Sql = """
        SELECT cy.Id AS CandidacyId, cy.SearchId, s.CodeName, s.Title, s.Status AS SearchStatus, c.Kind AS ClientKind, c.Name AS ClientName,
               CASE WHEN cy.ClientDisclosedAt IS NULL THEN NULL ELSE c.Name END AS DisclosedClientName, cy.Stage, cy.DecidedBy
        FROM Candidacies cy JOIN Searches s ON s.Id = cy.SearchId JOIN Clients c ON c.Id = s.ClientId
        WHERE cy.CandidateId = @CandidateId AND
        """ + " " + PortalCandidacies.KnownToCandidate + " ORDER BY cy.CreatedAt, cy.Id";

    public async ValueTask<IReadOnlyList<PortalSearch>> Handle(ListMySearches query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { candidate.CandidateId }, cancellationToken: cancellationToken));
        var searches = rows.Select(Project).ToList();
        await audit.RecordAsync("PortalListSearches", "Candidate", candidate.CandidateId, null, cancellationToken);
        return searches;
    }

    internal static PortalSearch Project(Row r)
    {
        var stage = Enum.Parse<Stage>(r.Stage);
        var search = Enum.Parse<SearchStatus>(r.SearchStatus);
        var status = PortalCandidacies.StatusOf(stage, r.DecidedBy is null ? null : Enum.Parse<DecidedBy>(r.DecidedBy), search);
        var description = r.DisclosedClientName is null
            ? PortalCandidacies.Description(r.Title, Enum.Parse<ClientKind>(r.ClientKind), r.ClientName)
            : r.Title;
        return new PortalSearch(r.CandidacyId, r.SearchId, r.CodeName, description, r.DisclosedClientName, status, PortalCandidacies.Words(status),
            PortalCandidacies.CanWithdraw(stage, search));
    }

    internal record Row
    {
        public Guid CandidacyId { get; init; }
        public Guid SearchId { get; init; }
        public string CodeName { get; init; } = "";
        public string Title { get; init; } = "";
        public string SearchStatus { get; init; } = "";
        public string ClientKind { get; init; } = "";
        public string ClientName { get; init; } = "";
        public string? DisclosedClientName { get; init; }
        public string Stage { get; init; } = "";
        public string? DecidedBy { get; init; }
    }
}
