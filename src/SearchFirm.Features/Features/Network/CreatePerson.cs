using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Network;

/// <summary>
/// POST /api/people: someone the firm knows, with their employment history. Staff only.
/// Linking a staff account (userId) makes the person a starting point of warm paths, so only an
/// admin or that user may do it; flagging someone off-limits is a partner's or admin's call.
/// </summary>
public sealed record CreatePerson(
    string? FullName,
    string? Email = null,
    string? ExternalId = null,
    string? CurrentTitle = null,
    string? CurrentOrganisation = null,
    Guid? CandidateId = null,
    Guid? UserId = null,
    bool? OffLimits = null,
    IReadOnlyList<EmploymentInput>? Employment = null) : ICommand<Created>;

/// <summary>One position; no <c>to</c> means current.</summary>
public sealed record EmploymentInput(string? Organisation, string? Title = null, DateTimeOffset? From = null, DateTimeOffset? To = null, Guid? ClientId = null);

public sealed class CreatePersonValidator : AbstractValidator<CreatePerson>
{
    public const int MaxPositions = 50;

    public CreatePersonValidator()
    {
        RuleFor(x => x.FullName).Text(200);
        RuleFor(x => x.Email).ValidEmail().When(x => x.Email is not null);
        RuleFor(x => x.ExternalId).Text(100).When(x => x.ExternalId is not null);
        RuleFor(x => x.CurrentTitle).Text(200).When(x => x.CurrentTitle is not null);
        RuleFor(x => x.CurrentOrganisation).Text(200).When(x => x.CurrentOrganisation is not null);
        RuleFor(x => x.CandidateId).NotEqual(Guid.Empty);
        RuleFor(x => x.UserId).NotEqual(Guid.Empty);
        RuleFor(x => x.Employment).Must(e => e is null || e.Count <= MaxPositions)
            .WithMessage($"A person has at most {MaxPositions} positions.");
        RuleForEach(x => x.Employment).NotNull().ChildRules(p =>
        {
            p.RuleFor(x => x.Organisation).Text(200);
            p.RuleFor(x => x.Title).Text(200).When(x => x.Title is not null);
            p.RuleFor(x => x.ClientId).NotEqual(Guid.Empty);
            p.RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From!.Value).When(x => x.From is not null && x.To is not null)
                .WithMessage("'to' must not be before 'from'.");
        });
    }
}

internal sealed class CreatePersonHandler(DbSession session, ISqlDialect dialect, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<CreatePerson, Created>
{
    private const string EmailTakenSql = "SELECT COUNT(*) FROM People WHERE Email = @Email";
    private const string ExternalIdTakenSql = "SELECT COUNT(*) FROM People WHERE ExternalId = @ExternalId";
    private const string UserLinkedSql = "SELECT COUNT(*) FROM People WHERE UserId = @UserId";
    private const string UserExistsSql = "SELECT COUNT(*) FROM Users WHERE Id = @UserId";
    private const string ClientExistsSql = "SELECT COUNT(*) FROM Clients WHERE Id = @ClientId";
    // An erased candidate is no one: a person may not be tied to them again.
    private const string CandidateExistsSql = "SELECT COUNT(*) FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";
    internal const string InsertPersonSql = """
        INSERT INTO People (Id, ExternalId, FullName, Email, CurrentTitle, CurrentOrganisation, CandidateId, UserId, IsOffLimits, CreatedAt, UpdatedAt)
        VALUES (@Id, @ExternalId, @FullName, @Email, @CurrentTitle, @CurrentOrganisation, @CandidateId, @UserId, @IsOffLimits, @Now, @Now)
        """;
    internal const string InsertEmploymentSql = """
        INSERT INTO Employment (Id, PersonId, Organisation, ClientId, Title, StartDate, EndDate)
        VALUES (@Id, @PersonId, @Organisation, @ClientId, @Title, @StartDate, @EndDate)
        """;

    public async ValueTask<Created> Handle(CreatePerson command, CancellationToken cancellationToken)
    {
        if (command.UserId is { } linked && !user.IsAdmin && linked != user.Id)
            throw new ForbiddenException("Only an admin or the user themselves may link a staff account to a person.");
        if (command.OffLimits == true && user.Role is not (Role.Partner or Role.Admin))
            throw new ForbiddenException("Only a partner or an admin may flag a person off-limits.");

        var connection = await session.ConnectionAsync(cancellationToken);
        var email = command.Email?.Trim();
        var externalId = command.ExternalId?.Trim();
        var positions = command.Employment ?? [];

        var failures = new List<ValidationFailure>();
        if (command.UserId is { } userId && await CountAsync(UserExistsSql, new { UserId = userId }, cancellationToken) == 0)
            failures.Add(new ValidationFailure("userId", "No user has this id."));
        if (command.CandidateId is { } candidateId && await CountAsync(CandidateExistsSql, new { CandidateId = candidateId }, cancellationToken) == 0)
            failures.Add(new ValidationFailure("candidateId", "No candidate has this id."));
        for (var i = 0; i < positions.Count; i++)
            if (positions[i].ClientId is { } clientId && await CountAsync(ClientExistsSql, new { ClientId = clientId }, cancellationToken) == 0)
                failures.Add(new ValidationFailure($"employment[{i}].clientId", "No client has this id."));
        if (failures.Count > 0) throw new ValidationException(failures);

        if (email is not null && await CountAsync(EmailTakenSql, new { Email = email }, cancellationToken) > 0)
            throw new ConflictException("duplicate-person-email", "A person with this e-mail already exists.");
        if (externalId is not null && await CountAsync(ExternalIdTakenSql, new { ExternalId = externalId }, cancellationToken) > 0)
            throw new ConflictException("duplicate-person-external-id", "A person with this external id already exists.");
        if (command.UserId is { } toLink && await CountAsync(UserLinkedSql, new { UserId = toLink }, cancellationToken) > 0)
            throw new ConflictException("user-already-linked", "This user is already linked to a person.");

        // Without an explicit current position, the latest position without an end date is it.
        var current = positions.Where(p => p.To is null).OrderByDescending(p => p.From ?? DateTimeOffset.MinValue).FirstOrDefault();
        var id = Ids.New();
        var now = clock.GetUtcNow();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertPersonSql, new
            {
                Id = id,
                ExternalId = externalId,
                FullName = command.FullName!.Trim(),
                Email = email,
                CurrentTitle = command.CurrentTitle?.Trim() ?? current?.Title?.Trim(),
                CurrentOrganisation = command.CurrentOrganisation?.Trim() ?? current?.Organisation?.Trim(),
                command.CandidateId,
                command.UserId,
                IsOffLimits = command.OffLimits == true ? 1 : 0,
                Now = now,
            }, session.Transaction, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            throw new ConflictException("duplicate-person", "A person with this e-mail, external id or user already exists.");
        }

        var rows = positions.Select(p => new
        {
            Id = Ids.New(),
            PersonId = id,
            Organisation = p.Organisation!.Trim(),
            p.ClientId,
            Title = p.Title?.Trim(),
            StartDate = p.From,
            EndDate = p.To,
        });
        await connection.ExecuteAsync(new CommandDefinition(InsertEmploymentSql, rows, session.Transaction, cancellationToken: cancellationToken));
        return new Created(id);
    }

    private async Task<long> CountAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: cancellationToken));
    }
}
