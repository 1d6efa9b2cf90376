using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Common;
using SearchFirm.Features.Conflicts;

namespace SearchFirm.Features.Candidacies;

/// <summary>
/// POST /api/searches/{id}/candidacies: the team adds a candidate at Identified. Conflicts do not
/// block identifying someone; they are reported now and enforced when the candidate is contacted.
/// </summary>
public sealed record AddCandidacy(Guid SearchId, Guid? CandidateId) : ICommand<CandidacyAdded>, ISearchScoped;

public sealed record CandidacyAdded(Guid Id, Stage Stage, int Version, decimal? Score, IReadOnlyList<ConflictReasonDto> Conflicts);

public sealed class AddCandidacyValidator : AbstractValidator<AddCandidacy>
{
    public AddCandidacyValidator() => RuleFor(x => x.CandidateId).Id();
}

internal sealed class AddCandidacyHandler(DbSession session, ISqlDialect dialect, ICurrentUser user, ConflictChecker conflicts, TimeProvider clock)
    : ICommandHandler<AddCandidacy, CandidacyAdded>
{
    private const string CandidateExistsSql = "SELECT COUNT(*) FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";
    private const string ExistingSql = "SELECT Id FROM Candidacies WHERE SearchId = @SearchId AND CandidateId = @CandidateId";
    private const string SearchStatusSql = "SELECT Status FROM Searches WHERE Id = @SearchId";
    private const string InsertSql = """
        INSERT INTO Candidacies (Id, SearchId, CandidateId, Stage, Version, StageEnteredAt, AddedBy, CreatedAt, UpdatedAt)
        VALUES (@Id, @SearchId, @CandidateId, @Stage, 1, @Now, @UserId, @Now, @Now)
        """;

    public async ValueTask<CandidacyAdded> Handle(AddCandidacy command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CandidateExistsSql, command, tx, cancellationToken: cancellationToken)) == 0)
            throw new NotFoundException("candidate");
        if (await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(ExistingSql, command, tx, cancellationToken: cancellationToken)) is { } existing)
            throw new ConflictException("already-in-search", "This candidate is already in this search.",
                new Dictionary<string, object?> { ["existingCandidacyId"] = existing });
        var status = Enum.Parse<SearchStatus>(await connection.QuerySingleAsync<string>(new CommandDefinition(SearchStatusSql, command, tx, cancellationToken: cancellationToken)));
        if (SearchStatusRules.IsClosed(status))
            throw new RuleViolationException("search-closed", $"The search is {status}; candidates can no longer be added.");

        var id = Ids.New();
        var now = clock.GetUtcNow();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                Id = id, command.SearchId, command.CandidateId, Stage = nameof(Stage.Identified), Now = now, UserId = user.Id,
            }, tx, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            throw new ConflictException("already-in-search", "This candidate is already in this search.");
        }

        await CandidacyHistory.RecordAsync(connection, tx, id, null, Stage.Identified, null, null, null, false, user.Id, now, cancellationToken);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var score = await CandidacyScoring.ScoreAndStoreAsync(connection, tx, command.SearchId, command.CandidateId!.Value, today, cancellationToken);
        var check = await conflicts.CheckAsync(command.CandidateId!.Value, command.SearchId, now, cancellationToken);
        return new CandidacyAdded(id, Stage.Identified, 1, score.WeightedTotal, check.Reasons);
    }
}
