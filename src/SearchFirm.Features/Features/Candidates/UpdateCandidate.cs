using System.Data.Common;
using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidates;

/// <summary>PUT /api/candidates/{id}: replaces the profile; a stale expectedVersion is a 409 and changes nothing.</summary>
public sealed record UpdateCandidate : CandidateFields, ICommand<CandidateVersion>, IAudited
{
    /// <summary>From the route, never from the body.</summary>
    [JsonIgnore]
    public Guid CandidateId { get; init; }

    public int? ExpectedVersion { get; init; }

    [JsonIgnore]
    public string EntityType => "Candidate";

    [JsonIgnore]
    Guid? IAudited.EntityId => CandidateId;
}

public sealed record CandidateVersion(Guid Id, int Version);

public sealed class UpdateCandidateValidator : CandidateFieldsValidator<UpdateCandidate>
{
    public UpdateCandidateValidator() => RuleFor(x => x.ExpectedVersion).NotNull().GreaterThan(0);
}

internal sealed class UpdateCandidateHandler(DbSession session, TimeProvider clock) : ICommandHandler<UpdateCandidate, CandidateVersion>
{
    private const string VersionSql = "SELECT Version FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";
    private const string UpdateSql = """
        UPDATE Candidates SET FirstName = @FirstName, LastName = @LastName, Email = @Email, Phone = @Phone,
            Location = @Location, CurrentTitle = @CurrentTitle, CurrentEmployer = @CurrentEmployer,
            CurrentEmployerClientId = @CurrentEmployerClientId, Summary = @Summary, ProfileJson = @ProfileJson,
            CompensationJson = @CompensationJson, ClinicalYears = @ClinicalYears, HighestRoleLevel = @HighestRoleLevel,
            Version = Version + 1, UpdatedAt = @Now
        WHERE Id = @Id AND Version = @ExpectedVersion AND ErasedAt IS NULL
        """;

    public async ValueTask<CandidateVersion> Handle(UpdateCandidate command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await ReplaceAsync(connection, session.Transaction, command.CandidateId, command.ExpectedVersion!.Value, command, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Replaces the profile at <paramref name="expectedVersion"/> (409 when stale); the candidate portal shares it.</summary>
    internal static async Task<CandidateVersion> ReplaceAsync(DbConnection connection, DbTransaction? transaction, Guid candidateId, int expectedVersion,
        CandidateFields input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(VersionSql, new { CandidateId = candidateId }, transaction, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("candidate");
        if (current != expectedVersion)
            throw ConflictException.StaleVersion("candidate", current);

        await CandidateRules.EnsureEmailIsFreeAsync(connection, transaction, input.Email, candidateId, cancellationToken);
        await CandidateRules.EnsureClientExistsAsync(connection, transaction, input.CurrentEmployerClientId, cancellationToken);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql,
            CandidateRules.Row(candidateId, input, today, new { ExpectedVersion = expectedVersion, Now = now }),
            transaction, cancellationToken: cancellationToken));
        if (changed == 0) throw ConflictException.StaleVersion("candidate", current + 1);
        await CandidateWriter.WriteDerivedAsync(connection, transaction, candidateId, input, isNew: false, cancellationToken);
        await Candidacies.CandidacyScoring.RescoreCandidateAsync(connection, transaction, candidateId, today, cancellationToken);
        return new CandidateVersion(candidateId, current + 1);
    }
}
