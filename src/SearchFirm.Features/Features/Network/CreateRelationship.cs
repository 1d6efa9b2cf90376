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
/// canonical direction (the lower person number first, as the table's CHECK requires); a
/// searchId ties the relationship to a confidential search, which only its team may name.
/// </summary>
public sealed record CreateRelationship(
    [property: System.ComponentModel.Description(PersonIds.Described)] Guid? FromPersonId,
    [property: System.ComponentModel.Description(PersonIds.Described)] Guid? ToPersonId,
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
    internal const string InsertSql = """
        INSERT INTO Relationships (FromPersonNumber, ToPersonNumber, Kind, Strength, Id, Source, Since, SearchId, CreatedAt, UpdatedAt)
        VALUES (@FromNumber, @ToNumber, @Kind, @Strength, @Id, @Source, @Since, @SearchId, @Now, @Now)
        """;

    public async ValueTask<RelationshipCreated> Handle(CreateRelationship command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var failures = new List<ValidationFailure>();
        var people = new PersonIds.Person[2];
        var ends = new[] { ("fromPersonId", command.FromPersonId!.Value), ("toPersonId", command.ToPersonId!.Value) };
        var now = clock.GetUtcNow();
        // A person made for one end is rolled back with the command if the other end names no one.
        for (var i = 0; i < ends.Length; i++)
        {
            if (await PersonIds.FindOrAddAsync(connection, session.Transaction, ends[i].Item2, now, cancellationToken) is { } person) people[i] = person;
            else failures.Add(new ValidationFailure(ends[i].Item1, "No person has this id."));
        }

        if (failures.Count > 0) throw new ValidationException(failures);
        if (people[0].Id == people[1].Id)
            throw new ValidationException([new ValidationFailure("toPersonId", "A person cannot have a relationship with themselves.")]);

        // Off the team, a search does not exist: the same 404 as any search-scoped request.
        if (command.SearchId is { } searchId && !await searchAccess.CanSeeAsync(searchId, cancellationToken))
            throw new NotFoundException("search");

        // A symmetric kind is stored once, the lower person number first (the table's CHECK holds the
        // same rule), so the key (From, To, Kind) is unique whichever way round it was asked for.
        var kind = command.Kind!.Value;
        var (from, to) = (people[0].Id, people[1].Id);
        var (fromNumber, toNumber) = (people[0].Number, people[1].Number);
        if (RelationshipKinds.IsSymmetric(kind) && toNumber < fromNumber)
            (from, to, fromNumber, toNumber) = (to, from, toNumber, fromNumber);

        var id = Ids.New();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                FromNumber = fromNumber,
                ToNumber = toNumber,
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

        // In the same transaction: every instance's in-memory graph re-reads these two people's ties.
        await NetworkChangeLog.RecordAsync(connection, session.Transaction, from, to, now, cancellationToken);
        return new RelationshipCreated(id, from, to, kind, command.Strength!.Value);
    }
}
