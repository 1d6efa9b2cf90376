using System.Text.Json;
using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidates;

/// <summary>
/// GET /api/candidates/{id}: the full profile for staff. It lists only the candidacies in searches
/// the caller is on (an admin sees all), and every read is an audit event.
/// </summary>
public sealed record GetCandidate(Guid CandidateId) : IQuery<CandidateDetail>;

public sealed class CandidateDetail
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Location { get; init; }
    public string? CurrentTitle { get; init; }
    public string? CurrentEmployer { get; init; }
    public Guid? CurrentEmployerClientId { get; init; }
    public string? Summary { get; init; }
    public int ClinicalYears { get; init; }
    public RoleLevel? HighestRoleLevel { get; init; }
    public IReadOnlyList<EducationInput> Education { get; set; } = [];
    public IReadOnlyList<CredentialInput> Credentials { get; set; } = [];
    public IReadOnlyList<PositionInput> Positions { get; set; } = [];
    public IReadOnlyList<CommitteeInput> Committees { get; set; } = [];
    public IReadOnlyList<CompetencyInput> Competencies { get; set; } = [];
    public CompensationInput? Compensation { get; set; }
    public IReadOnlyList<CandidacySummary> Candidacies { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    // Read by Dapper, unpacked by the handler; not part of the answer.
    internal string ProfileJson { get; init; } = "{}";
    internal string? CompensationJson { get; init; }
}

public sealed class CandidacySummary
{
    public Guid Id { get; init; }
    public Guid SearchId { get; init; }
    public string CodeName { get; init; } = "";
    public string Stage { get; init; } = "";
    public int Version { get; init; }
}

internal sealed class GetCandidateHandler(DbSession session, ICurrentUser user, AuditTrail audit) : IQueryHandler<GetCandidate, CandidateDetail>
{
    private const string CandidateSql = """
        SELECT Id, Version, FirstName, LastName, Email, Phone, Location, CurrentTitle, CurrentEmployer,
               CurrentEmployerClientId, Summary, ClinicalYears, HighestRoleLevel, ProfileJson, CompensationJson, CreatedAt, UpdatedAt
        FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL
        """;

    // Need-to-know: candidacies in searches the caller is not on are not even counted.
    private const string CandidaciesSql = """
        SELECT cy.Id, cy.SearchId, s.CodeName, cy.Stage, cy.Version
        FROM Candidacies cy JOIN Searches s ON s.Id = cy.SearchId
        WHERE cy.CandidateId = @CandidateId
          AND (@IsAdmin = 1 OR EXISTS (SELECT 1 FROM SearchTeamMembers t WHERE t.SearchId = cy.SearchId AND t.UserId = @UserId))
        ORDER BY cy.CreatedAt
        """;

    public async ValueTask<CandidateDetail> Handle(GetCandidate query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CandidateDetail>(new CommandDefinition(CandidateSql, query, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("candidate");
        var document = JsonSerializer.Deserialize<ProfileDocument>(row.ProfileJson, CandidateWriter.Json)!;
        row.Education = document.Education;
        row.Credentials = document.Credentials;
        row.Positions = document.Positions;
        row.Committees = document.Committees;
        row.Competencies = document.Competencies;
        row.Compensation = row.CompensationJson is null ? null : JsonSerializer.Deserialize<CompensationInput>(row.CompensationJson, CandidateWriter.Json);
        row.Candidacies = (await connection.QueryAsync<CandidacySummary>(new CommandDefinition(CandidaciesSql,
            new { query.CandidateId, UserId = user.Id, IsAdmin = user.IsAdmin ? 1 : 0 }, cancellationToken: cancellationToken))).AsList();
        await audit.RecordAsync("ReadCandidate", "Candidate", query.CandidateId, null, cancellationToken);
        return row;
    }
}
