using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

/// <summary>
/// POST /api/board/candidacies/{id}/conflict-of-interest: a member declares a conflict with one
/// presented candidate (worked together, related, competing interest). From then on they do not
/// score that candidate; feedback they gave before is withdrawn in the same transaction, so that
/// no conflicted score ever counts (the audit trail keeps that it was given). Declaring again
/// replaces the description. Allowed after the decision deadline: a conflict is never late.
/// </summary>
public sealed record DeclareConflictOfInterest : ICommand<ConflictDeclaration>, IPresentedCandidacyScoped, IAudited
{
    [JsonIgnore]
    public Guid CandidacyId { get; init; }

    public string? Description { get; init; }

    [JsonIgnore]
    public string EntityType => "Candidacy";

    [JsonIgnore]
    Guid? IAudited.EntityId => CandidacyId;
}

public sealed record ConflictDeclaration(Guid CandidacyId, string Description, DateTimeOffset DeclaredAt, bool FeedbackWithdrawn);

public sealed class DeclareConflictOfInterestValidator : AbstractValidator<DeclareConflictOfInterest>
{
    public DeclareConflictOfInterestValidator()
    {
        RuleFor(x => x.Description).NotEmpty().WithMessage("Say in a sentence what the conflict is.").MaximumLength(2000)
            .Must(s => s is null || s.All(c => !char.IsControl(c) || c is '\n' or '\r' or '\t'))
            .WithMessage("'description' must not contain control characters.");
    }
}

internal sealed class DeclareConflictOfInterestHandler(DbSession session, ICurrentBoardMember member, TimeProvider clock)
    : ICommandHandler<DeclareConflictOfInterest, ConflictDeclaration>
{
    private const string ExistingSql = "SELECT Id FROM CommitteeConflicts WHERE MemberId = @MemberId AND CandidacyId = @CandidacyId";
    private const string InsertSql = """
        INSERT INTO CommitteeConflicts (Id, MemberId, CandidacyId, SearchId, Description, DeclaredAt)
        VALUES (@Id, @MemberId, @CandidacyId, @SearchId, @Description, @Now)
        """;
    private const string UpdateSql = "UPDATE CommitteeConflicts SET Description = @Description, DeclaredAt = @Now WHERE Id = @Id";
    private const string DeleteScoresSql = """
        DELETE FROM CommitteeScores WHERE FeedbackId IN
            (SELECT Id FROM CommitteeFeedback WHERE MemberId = @MemberId AND CandidacyId = @CandidacyId)
        """;
    private const string DeleteFeedbackSql = "DELETE FROM CommitteeFeedback WHERE MemberId = @MemberId AND CandidacyId = @CandidacyId";

    public async ValueTask<ConflictDeclaration> Handle(DeclareConflictOfInterest command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;

        var now = clock.GetUtcNow();
        var keys = new { member.MemberId, command.CandidacyId };
        var existing = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(ExistingSql, keys, tx, cancellationToken: cancellationToken));
        var row = new { Id = existing ?? Ids.New(), member.MemberId, command.CandidacyId, member.SearchId, Description = command.Description!.Trim(), Now = now };
        await connection.ExecuteAsync(new CommandDefinition(existing is null ? InsertSql : UpdateSql, row, tx, cancellationToken: cancellationToken));

        await connection.ExecuteAsync(new CommandDefinition(DeleteScoresSql, keys, tx, cancellationToken: cancellationToken));
        var withdrawn = await connection.ExecuteAsync(new CommandDefinition(DeleteFeedbackSql, keys, tx, cancellationToken: cancellationToken));
        return new ConflictDeclaration(command.CandidacyId, row.Description, now, withdrawn > 0);
    }
}
