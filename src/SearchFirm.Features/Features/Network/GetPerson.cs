using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Network;

/// <summary>GET /api/people/{id}: a person with their employment history. Staff only; an erased candidate's person is 404.</summary>
public sealed record GetPerson(Guid PersonId) : IQuery<PersonDetail>;

public sealed class PersonDetail
{
    public Guid Id { get; init; }
    public string FullName { get; init; } = "";
    public string? Email { get; init; }
    public string? ExternalId { get; init; }
    public string? CurrentTitle { get; init; }
    public string? CurrentOrganisation { get; init; }
    public Guid? CandidateId { get; init; }
    public Guid? UserId { get; init; }
    /// <summary>Flagged off-limits by hand. Client-based off-limits depends on live searches and is not shown here.</summary>
    public bool OffLimits { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<EmploymentDto> Employment { get; set; } = [];
}

public sealed class EmploymentDto
{
    public Guid Id { get; init; }
    public string Organisation { get; init; } = "";
    public Guid? ClientId { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
}

internal sealed class GetPersonHandler(DbSession session) : IQueryHandler<GetPerson, PersonDetail>
{
    private const string PersonSql = """
        SELECT Id, FullName, Email, ExternalId, CurrentTitle, CurrentOrganisation, CandidateId, UserId,
               IsOffLimits AS OffLimits, CreatedAt
        FROM People WHERE Id = @PersonId AND ErasedAt IS NULL
        """;
    // Current positions first, then the most recent.
    private const string EmploymentSql = """
        SELECT Id, Organisation, ClientId, Title, StartDate AS "From", EndDate AS "To"
        FROM Employment WHERE PersonId = @PersonId
        ORDER BY CASE WHEN EndDate IS NULL THEN 0 ELSE 1 END, EndDate DESC, StartDate DESC, Id
        """;

    public async ValueTask<PersonDetail> Handle(GetPerson query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        // A member of staff's or a candidate's own id finds the person linked to them.
        var id = (await PersonIds.FindAsync(connection, null, query.PersonId, cancellationToken))?.Id ?? throw new NotFoundException("person");
        var person = await connection.QuerySingleAsync<PersonDetail>(new CommandDefinition(PersonSql, new { PersonId = id }, cancellationToken: cancellationToken));
        person.Employment = (await connection.QueryAsync<EmploymentDto>(new CommandDefinition(EmploymentSql, new { PersonId = id }, cancellationToken: cancellationToken))).AsList();
        return person;
    }
}
