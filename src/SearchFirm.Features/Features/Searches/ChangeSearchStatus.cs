using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Searches;

/// <summary>POST /api/searches/{id}/status: the lead partner opens, holds or cancels a search. Filled comes only from a placement.</summary>
public sealed record ChangeSearchStatus(Guid SearchId, SearchStatus? Status, int? ExpectedVersion) : ICommand<SearchStatusChanged>, ISearchScoped;

public sealed record SearchStatusChanged(Guid Id, SearchStatus Status, int Version);

public sealed class ChangeSearchStatusValidator : AbstractValidator<ChangeSearchStatus>
{
    public ChangeSearchStatusValidator()
    {
        RuleFor(x => x.Status).NotNull().IsInEnum();
        RuleFor(x => x.ExpectedVersion).NotNull().GreaterThan(0);
    }
}

internal sealed class ChangeSearchStatusHandler(DbSession session, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<ChangeSearchStatus, SearchStatusChanged>
{
    // The version in the WHERE clause makes the check and the write one atomic step.
    private const string UpdateSql = """
        UPDATE Searches SET Status = @Status, Version = Version + 1, UpdatedAt = @Now, ClosedAt = @ClosedAt
        WHERE Id = @SearchId AND Version = @ExpectedVersion
        """;

    public async ValueTask<SearchStatusChanged> Handle(ChangeSearchStatus command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var search = await SearchHeader.ForLeadAsync(connection, session.Transaction, command.SearchId, user, cancellationToken);
        if (search.Version != command.ExpectedVersion)
            throw ConflictException.StaleVersion("search", search.Version);

        var to = command.Status!.Value;
        if (to == SearchStatus.Filled)
            throw new RuleViolationException("filled-by-placement", "A search becomes Filled when a candidate is placed, not by hand.");
        if (!SearchStatusRules.CanMoveByHand(search.Status, to))
            throw new RuleViolationException("search-status-transition", $"A search cannot move from {search.Status} to {to}.");

        var now = clock.GetUtcNow();
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new
        {
            command.SearchId,
            command.ExpectedVersion,
            Status = to.ToString(),
            Now = now,
            ClosedAt = SearchStatusRules.IsClosed(to) ? now : (DateTimeOffset?)null,
        }, session.Transaction, cancellationToken: cancellationToken));
        if (changed == 0)
            throw ConflictException.StaleVersion("search", search.Version + 1);
        return new SearchStatusChanged(command.SearchId, to, command.ExpectedVersion!.Value + 1);
    }
}
