using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

public enum Recommendation
{
    Advance,
    Hold,
    Decline,
}

/// <summary>
/// POST /api/board/candidacies/{id}/feedback: a member rates a presented candidate overall (1–5),
/// recommends Advance, Hold or Decline, may comment, and may score every criterion of the
/// specification (1–5; all of them or none, so that means compare like with like). Submitting
/// again replaces the member's own feedback. Refused (422) once the member declared a conflict of
/// interest with the candidate (<c>conflict-of-interest-declared</c>) or after the search's
/// decision deadline (<c>deadline-passed</c>).
/// </summary>
public sealed record SubmitFeedback : ICommand<FeedbackReceipt>, IPresentedCandidacyScoped, IAudited
{
    [JsonIgnore]
    public Guid CandidacyId { get; init; }

    /// <summary>Criterion key → score 1..5, for every criterion of the search's specification; optional.</summary>
    public IReadOnlyDictionary<string, int>? Scores { get; init; }
    public int? Rating { get; init; }
    public Recommendation? Recommendation { get; init; }
    public string? Comment { get; init; }

    /// <summary>
    /// The committee's page only: the form was for a first score, so a score saved meanwhile (another
    /// tab, a double click) is not silently replaced (409). API clients replace their feedback as before.
    /// </summary>
    [JsonIgnore]
    public bool OnlyIfFirst { get; init; }

    /// <summary>The committee's page only: the form changed the feedback last saved at this time; anything newer wins (409).</summary>
    [JsonIgnore]
    public DateTimeOffset? OnlyIfUpdatedAt { get; init; }

    [JsonIgnore]
    public string EntityType => "Candidacy";

    [JsonIgnore]
    Guid? IAudited.EntityId => CandidacyId;
}

public sealed record FeedbackReceipt(Guid CandidacyId, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt);

public sealed class SubmitFeedbackValidator : AbstractValidator<SubmitFeedback>
{
    public SubmitFeedbackValidator()
    {
        RuleForEach(x => x.Scores).Must(s => s.Value is >= 1 and <= 5)
            .WithMessage((_, s) => $"The score for '{s.Key}' must be from 1 to 5.");
        const string rating = "Give an overall rating from 1 to 5.", recommendation = "Choose a recommendation: Advance, Hold or Decline.";
        RuleFor(x => x.Rating).Cascade(CascadeMode.Stop).NotNull().WithMessage(rating).InclusiveBetween(1, 5).WithMessage(rating);
        RuleFor(x => x.Recommendation).Cascade(CascadeMode.Stop).NotNull().WithMessage(recommendation).IsInEnum().WithMessage(recommendation);
        RuleFor(x => x.Comment).MaximumLength(2000);
    }
}

internal sealed class SubmitFeedbackHandler(DbSession session, ICurrentBoardMember member, TimeProvider clock) : ICommandHandler<SubmitFeedback, FeedbackReceipt>
{
    private const string CriteriaSql = "SELECT CriterionKey FROM SearchCriteria WHERE SearchId = @SearchId ORDER BY Position";
    private const string RulesSql = """
        SELECT s.DecisionDeadline,
               CASE WHEN EXISTS (SELECT 1 FROM CommitteeConflicts k WHERE k.MemberId = @MemberId AND k.CandidacyId = @CandidacyId) THEN 1 ELSE 0 END AS Conflicted
        FROM Searches s WHERE s.Id = @SearchId
        """;
    private const string ExistingSql = "SELECT Id, SubmittedAt, UpdatedAt FROM CommitteeFeedback WHERE MemberId = @MemberId AND CandidacyId = @CandidacyId";
    private const string InsertSql = """
        INSERT INTO CommitteeFeedback (Id, MemberId, CandidacyId, SearchId, Rating, Recommendation, Comment, SubmittedAt, UpdatedAt)
        VALUES (@Id, @MemberId, @CandidacyId, @SearchId, @Rating, @Recommendation, @Comment, @Now, @Now)
        """;
    private const string UpdateSql = """
        UPDATE CommitteeFeedback SET Rating = @Rating, Recommendation = @Recommendation, Comment = @Comment, UpdatedAt = @Now WHERE Id = @Id
        """;
    private const string DeleteScoresSql = "DELETE FROM CommitteeScores WHERE FeedbackId = @Id";
    private const string InsertScoreSql = "INSERT INTO CommitteeScores (FeedbackId, CriterionKey, Score) VALUES (@FeedbackId, @CriterionKey, @Score)";

    public async ValueTask<FeedbackReceipt> Handle(SubmitFeedback command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var now = clock.GetUtcNow();
        var rules = await connection.QuerySingleAsync<Rules>(new CommandDefinition(RulesSql,
            new { member.SearchId, member.MemberId, command.CandidacyId }, tx, cancellationToken: cancellationToken));
        if (rules.Conflicted)
            throw new RuleViolationException("conflict-of-interest-declared", "You declared a conflict of interest with this candidate, so you do not score them.");
        if (rules.DecisionDeadline is { } deadline && now > deadline)
            throw new RuleViolationException("deadline-passed", "The committee's decision deadline has passed; feedback is closed. Ask the search team.");

        var keys = (await connection.QueryAsync<string>(new CommandDefinition(CriteriaSql, new { member.SearchId }, tx, cancellationToken: cancellationToken))).ToList();
        var scores = (command.Scores ?? new Dictionary<string, int>()).ToDictionary(s => s.Key.Trim(), s => s.Value, StringComparer.OrdinalIgnoreCase);
        var failures = scores.Keys.Where(k => !keys.Contains(k, StringComparer.OrdinalIgnoreCase))
            .Select(k => new ValidationFailure("scores", $"'{k}' is not a criterion of this search's specification."))
            .Concat(keys.Where(k => scores.Count > 0 && !scores.ContainsKey(k)).Select(k => new ValidationFailure("scores", $"'{k}' has no score; score every criterion.")))
            .ToList();
        if (failures.Count > 0) throw new ValidationException(failures);

        var existing = await connection.QuerySingleOrDefaultAsync<Existing>(new CommandDefinition(ExistingSql, new { member.MemberId, command.CandidacyId }, tx, cancellationToken: cancellationToken));
        if (existing is not null && (command.OnlyIfFirst || (command.OnlyIfUpdatedAt is { } seen && seen != existing.UpdatedAt)))
            throw new ConflictException("feedback-already-submitted", "Your feedback on this candidate was saved meanwhile (perhaps in another tab); nothing was changed.");
        var id = existing?.Id ?? Ids.New();
        var row = new
        {
            Id = id, member.MemberId, command.CandidacyId, member.SearchId, command.Rating, Recommendation = command.Recommendation!.Value.ToString(),
            Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(), Now = now,
        };
        await connection.ExecuteAsync(new CommandDefinition(existing is null ? InsertSql : UpdateSql, row, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(DeleteScoresSql, new { Id = id }, tx, cancellationToken: cancellationToken));
        if (scores.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertScoreSql,
                keys.Select(k => new { FeedbackId = id, CriterionKey = k, Score = scores[k] }), tx, cancellationToken: cancellationToken));
        }
        return new FeedbackReceipt(command.CandidacyId, existing?.SubmittedAt ?? now, now);
    }

    private sealed class Rules
    {
        public DateTimeOffset? DecisionDeadline { get; init; }
        public bool Conflicted { get; init; }
    }

    private sealed class Existing
    {
        public Guid Id { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
