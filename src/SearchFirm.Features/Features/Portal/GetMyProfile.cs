using System.Text.Json;
using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Portal;

/// <summary>
/// GET /api/portal/profile: the signed-in candidate's own profile, as they may keep it current:
/// contact details, education, credentials, positions and committees. Never the recruiter's
/// competency assessments and evidence, compensation notes or anything internal. Audited.
/// </summary>
public sealed record GetMyProfile : IQuery<PortalProfile>, ICandidateRequest;

public sealed class PortalProfile
{
    public Guid CandidateId { get; init; }
    public int Version { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";

    /// <summary>Where sign-in links go; changed by the search team only.</summary>
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Location { get; init; }
    public string? CurrentTitle { get; init; }
    public string? CurrentEmployer { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<EducationInput> Education { get; set; } = [];
    public IReadOnlyList<CredentialInput> Credentials { get; set; } = [];
    public IReadOnlyList<PositionInput> Positions { get; set; } = [];
    public IReadOnlyList<CommitteeInput> Committees { get; set; } = [];

    internal string ProfileJson { get; init; } = "{}";
}

internal sealed class GetMyProfileHandler(DbSession session, ICurrentCandidate candidate, AuditTrail audit) : IQueryHandler<GetMyProfile, PortalProfile>
{
    private const string Sql = """
        SELECT Id AS CandidateId, Version, FirstName, LastName, Email, Phone, Location, CurrentTitle, CurrentEmployer, Summary, ProfileJson
        FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL
        """;

    public async ValueTask<PortalProfile> Handle(GetMyProfile query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var profile = await connection.QuerySingleOrDefaultAsync<PortalProfile>(new CommandDefinition(Sql,
            new { candidate.CandidateId }, cancellationToken: cancellationToken)) ?? throw new NotFoundException("candidate");
        var document = JsonSerializer.Deserialize<ProfileDocument>(profile.ProfileJson, CandidateWriter.Json)!;
        profile.Education = document.Education;
        profile.Credentials = document.Credentials;
        profile.Positions = document.Positions;
        profile.Committees = document.Committees;
        await audit.RecordAsync("PortalReadProfile", "Candidate", candidate.CandidateId, null, cancellationToken);
        return profile;
    }
}
