using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Network;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;

namespace SearchFirm.Features.Network;

/// <summary>
/// POST /api/relationships: how two people know each other. A symmetric kind is stored once in a
/// canonical direction (the SQL picks it, so both dialects agree with their own key order); a
/// searchId ties the relationship to a confidential search, which only its team may name.
/// </summary>
public sealed record CreateRelationship(
    Guid? FromPersonId,
    Guid? ToPersonId,
    RelationshipKind? Kind,
    int? Strength,
    string? Source = null,
    DateTimeOffset? Since = null,
    Guid? SearchId = null) : ICommand<RelationshipCreated>;

public sealed record RelationshipCreated(Guid Id, Guid FromPersonId, Guid ToPersonId, RelationshipKind Kind, int Strength);

public sealed class CreateRelationshipValidator : AbstractValidator<CreateRelationship>
{
    public CreateRelationshipValidator()
    {
        RuleFor(x => x.FromPersonId).Id();
        RuleFor(x => x.ToPersonId).Id()
            .NotEqual(x => x.FromPersonId).When(x => x.FromPersonId is not null).WithMessage("A person cannot have a relationship with themselves.");
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.Strength).NotNull().InclusiveBetween(RelationshipKinds.MinStrength, RelationshipKinds.MaxStrength);
        RuleFor(x => x.Source).Text(200).When(x => x.Source is not null);
        RuleFor(x => x.SearchId).NotEqual(Guid.Empty);
    }
}

internal sealed class CreateRelationshipHandler(DbSession session, ISqlDialect dialect, SearchAccess searchAccess, TimeProvider clock)
    : ICommandHandler<CreateRelationship, RelationshipCreated>
{
    private const string PersonExistsSql = "SELECT COUNT(*) FROM People WHERE Id = @Id AND ErasedAt IS NULL";

    // For a symmetric kind the smaller id goes first, in the database's own order; the CHECK
    // constraint on the table holds the same rule, so the key (From, To, Kind) is unique both ways.
    internal const string InsertSql = """
        INSERT INTO Relationships (FromPersonId, ToPersonId, Kind, Strength, Id, Source, Since, SearchId, CreatedAt, UpdatedAt)
        SELECT CASE WHEN @Symmetric = 1 AND @ToPersonId < @FromPersonId THEN @ToPersonId ELSE @FromPersonId END,
               CASE WHEN @Symmetric = 1 AND @ToPersonId < @FromPersonId THEN @FromPersonId ELSE @ToPersonId END,
               @Kind, @Strength, @Id, @Source, @Since, @SearchId, @Now, @Now
        """;

    private const string StoredSql = "SELECT FromPersonId, ToPersonId FROM Relationships WHERE Id = @Id AND Kind = @Kind AND (FromPersonId = @A OR FromPersonId = @B)";

    public async ValueTask<RelationshipCreated> Handle(CreateRelationship command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var failures = new List<ValidationFailure>();
        foreach (var (field, personId) in new[] { ("fromPersonId", command.FromPersonId!.Value), ("toPersonId", command.ToPersonId!.Value) })
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(PersonExistsSql, new { Id = personId }, session.Transaction, cancellationToken: cancellationToken)) == 0)
                failures.Add(new ValidationFailure(field, "No person has this id."));
        if (failures.Count > 0) throw new ValidationException(failures);

        // Off the team, a search does not exist: the same 404 as any search-scoped request.
        if (command.SearchId is { } searchId && !await searchAccess.CanSeeAsync(searchId, cancellationToken))
            throw new NotFoundException("search");

        var id = Ids.New();
        var kind = command.Kind!.Value;
        var now = clock.GetUtcNow();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                command.FromPersonId,
                command.ToPersonId,
                Symmetric = RelationshipKinds.IsSymmetric(kind) ? 1 : 0,
                Kind = kind.ToString(),
                command.Strength,
                Id = id,
                Source = command.Source?.Trim(),
                command.Since,
                command.SearchId,
                Now = now,
            }, session.Transaction, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            throw new ConflictException("duplicate-relationship", $"These two people already have a {kind} relationship.");
        }

        var stored = await connection.QuerySingleAsync<StoredEnds>(new CommandDefinition(StoredSql,
            new { Id = id, Kind = kind.ToString(), A = command.FromPersonId, B = command.ToPersonId }, session.Transaction, cancellationToken: cancellationToken));
        // In the same transaction: every instance's in-memory graph re-reads these two people's ties.
        await NetworkChangeLog.RecordAsync(connection, session.Transaction, stored.FromPersonId, stored.ToPersonId, now, cancellationToken);
        return new RelationshipCreated(id, stored.FromPersonId, stored.ToPersonId, kind, command.Strength!.Value);
    }

    private sealed class StoredEnds
    {
        public Guid FromPersonId { get; init; }
        public Guid ToPersonId { get; init; }
    }
}
