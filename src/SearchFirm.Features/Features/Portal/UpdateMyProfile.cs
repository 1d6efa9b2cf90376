using System.Text.Json;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Portal;

/// <summary>
/// PUT /api/portal/profile: the candidate keeps their own profile current (expectedVersion; 409
/// when stale). They replace what <see cref="GetMyProfile"/> shows them; the e-mail (where sign-in
/// links go), the recruiter's assessments, compensation and the employer's link to a client are
/// kept as the team left them. Same rules as the staff update, same scoring afterwards.
/// </summary>
public sealed record UpdateMyProfile : ICommand<PortalProfileVersion>, ICandidateRequest
{
    public int? ExpectedVersion { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Phone { get; init; }
    public string? Location { get; init; }
    public string? CurrentTitle { get; init; }
    public string? CurrentEmployer { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<EducationInput>? Education { get; init; }
    public IReadOnlyList<CredentialInput>? Credentials { get; init; }
    public IReadOnlyList<PositionInput>? Positions { get; init; }
    public IReadOnlyList<CommitteeInput>? Committees { get; init; }

    /// <summary>The whole profile to store: the candidate's part from this request, the firm's part as it was.</summary>
    internal UpdateCandidate Merged(Guid candidateId, Kept kept) => new()
    {
        CandidateId = candidateId,
        ExpectedVersion = ExpectedVersion,
        FirstName = FirstName,
        LastName = LastName,
        Email = kept.Email,
        Phone = Phone,
        Location = Location,
        CurrentTitle = CurrentTitle,
        CurrentEmployer = CurrentEmployer,
        CurrentEmployerClientId = kept.CurrentEmployerClientId,
        Summary = Summary,
        Education = Education,
        Credentials = Credentials,
        Positions = Positions,
        Committees = Committees,
        Competencies = kept.Competencies,
        Compensation = kept.Compensation,
    };

    internal sealed record Kept(string? Email, Guid? CurrentEmployerClientId, IReadOnlyList<CompetencyInput> Competencies, CompensationInput? Compensation)
    {
        public static readonly Kept Nothing = new(null, null, [], null);
    }
}

public sealed record PortalProfileVersion(Guid CandidateId, int Version) : IAuditedResult
{
    string IAuditedResult.EntityType => "Candidate";

    Guid IAuditedResult.EntityId => CandidateId;
}

/// <summary>The staff update's rules, field by field under the same JSON names.</summary>
public sealed class UpdateMyProfileValidator : AbstractValidator<UpdateMyProfile>
{
    private static readonly UpdateCandidateValidator Profile = new();

    public UpdateMyProfileValidator() => RuleFor(x => x).Custom((change, context) =>
    {
        foreach (var failure in Profile.Validate(change.Merged(Guid.Empty, UpdateMyProfile.Kept.Nothing)).Errors)
            context.AddFailure(failure);
    });
}

internal sealed class UpdateMyProfileHandler(DbSession session, ICurrentCandidate candidate, TimeProvider clock)
    : ICommandHandler<UpdateMyProfile, PortalProfileVersion>
{
    private const string KeptSql = "SELECT Email, CurrentEmployerClientId, ProfileJson, CompensationJson FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";

    public async ValueTask<PortalProfileVersion> Handle(UpdateMyProfile command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeptRow>(new CommandDefinition(KeptSql,
            new { candidate.CandidateId }, session.Transaction, cancellationToken: cancellationToken)) ?? throw new NotFoundException("candidate");
        var kept = new UpdateMyProfile.Kept(row.Email, row.CurrentEmployerClientId,
            JsonSerializer.Deserialize<ProfileDocument>(row.ProfileJson, CandidateWriter.Json)!.Competencies,
            row.CompensationJson is null ? null : JsonSerializer.Deserialize<CompensationInput>(row.CompensationJson, CandidateWriter.Json));
        var version = await UpdateCandidateHandler.ReplaceAsync(connection, session.Transaction, candidate.CandidateId, command.ExpectedVersion!.Value,
            command.Merged(candidate.CandidateId, kept), clock.GetUtcNow(), cancellationToken);
        return new PortalProfileVersion(candidate.CandidateId, version.Version);
    }

    private sealed class KeptRow
    {
        public string? Email { get; init; }
        public Guid? CurrentEmployerClientId { get; init; }
        public string ProfileJson { get; init; } = "{}";
        public string? CompensationJson { get; init; }
    }
}
