using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;
using SearchFirm.Features.Conflicts;

namespace SearchFirm.Features.Candidacies;

/// <summary>
/// POST /api/candidacies/{id}/transitions: moves a candidacy through the pipeline under the rules
/// of <see cref="PipelineRules"/>. Two people moving the same candidacy at once: the version in the
/// UPDATE lets exactly one win; the other gets 409 and nothing is lost. The rules are checked on
/// what was read before the transaction (conflicts, consent, the search's status), and the UPDATE
/// re-checks the version and the search's status, so the write lock is held only for the writes.
/// </summary>
public sealed record TransitionCandidacy : ICommand<CandidacyState>, ICandidacyScoped, IAudited, IDecidesBeforeWriting
{
    [JsonIgnore]
    public Guid CandidacyId { get; init; }

    public Stage? To { get; init; }
    public string? Reason { get; init; }
    public string? ReasonCode { get; init; }
    public DecidedBy? DecidedBy { get; init; }
    public int? ExpectedVersion { get; init; }
    public bool? Override { get; init; }

    [JsonIgnore]
    public string EntityType => "Candidacy";

    [JsonIgnore]
    Guid? IAudited.EntityId => CandidacyId;
}

public sealed record CandidacyState(Guid Id, Stage Stage, int Version, DateTimeOffset StageEnteredAt, bool OverrideUsed);

public sealed class TransitionCandidacyValidator : AbstractValidator<TransitionCandidacy>
{
    public TransitionCandidacyValidator()
    {
        RuleFor(x => x.To).NotNull().IsInEnum();
        RuleFor(x => x.ExpectedVersion).NotNull().GreaterThan(0);
        RuleFor(x => x.Reason).MaximumLength(1000);
        RuleFor(x => x.ReasonCode).MaximumLength(60).Matches("^[a-z0-9][a-z0-9-]*$").When(x => x.ReasonCode is not null)
            .WithMessage("'reasonCode' uses lower-case letters, digits and hyphens, e.g. 'compensation' or 'relocation'.");
        RuleFor(x => x.DecidedBy).IsInEnum();
    }
}

internal sealed class TransitionCandidacyHandler(DbSession session, ICurrentUser user, ConflictChecker conflicts, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<TransitionCandidacy, CandidacyState>
{
    private const string LoadSql = """
        SELECT c.Id, c.SearchId, c.CandidateId, c.Stage, c.Version, s.Status AS SearchStatus
        FROM Candidacies c JOIN Searches s ON s.Id = c.SearchId
        WHERE c.Id = @CandidacyId
        """;

    private const string UpdateSql = """
        UPDATE Candidacies SET Stage = @Stage, Version = Version + 1, StageEnteredAt = @Now, UpdatedAt = @Now,
            ExitReasonCode = @ExitReasonCode, DecidedBy = @DecidedBy
        WHERE Id = @CandidacyId AND Version = @ExpectedVersion
          AND EXISTS (SELECT 1 FROM Searches s WHERE s.Id = Candidacies.SearchId AND s.Status = @SearchStatus)
        """;

    private const string VersionSql = "SELECT Version FROM Candidacies WHERE Id = @CandidacyId";

    private const string FillSearchSql = """
        UPDATE Searches SET Status = 'Filled', Version = Version + 1, UpdatedAt = @Now, ClosedAt = @Now WHERE Id = @SearchId
        """;

    // Filled by nobody once its placement is undone: open again (unless someone else is placed).
    private const string ReopenFilledSql = """
        UPDATE Searches SET Status = 'Open', Version = Version + 1, UpdatedAt = @Now, ClosedAt = NULL
        WHERE Id = @SearchId AND Status = 'Filled'
          AND NOT EXISTS (SELECT 1 FROM Candidacies c WHERE c.SearchId = @SearchId AND c.Stage = 'Placed')
        """;

    public async ValueTask<CandidacyState> Handle(TransitionCandidacy command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var current = await connection.QuerySingleAsync<Row>(new CommandDefinition(LoadSql, command, session.Transaction, cancellationToken: cancellationToken));
        if (current.Version != command.ExpectedVersion)
            throw ConflictException.StaleVersion("candidacy", current.Version);

        var from = Enum.Parse<Stage>(current.Stage);
        var to = command.To!.Value;
        // Undoing a placement (a partner correcting a mistake; PipelineRules asks for one and a
        // reason) reopens the search it filled, so the candidacy may go back into the pipeline.
        var unplacing = from == Stage.Placed && current.SearchStatus == nameof(SearchStatus.Filled);
        if (SearchStatusRules.IsClosed(Enum.Parse<SearchStatus>(current.SearchStatus)) && Stages.IsActive(to) && !unplacing)
            throw new RuleViolationException("search-closed", $"The search is {current.SearchStatus}; its candidacies can only be closed.");

        var now = clock.GetUtcNow();
        var consent = await Consents.ConsentQueries.HasPresentConsentAsync(connection, session.Transaction, current.CandidateId, current.SearchId, cancellationToken);
        TransitionRequest Request(bool clean, bool clearToPresent) => new(from, to, command.Reason, command.ReasonCode, command.DecidedBy,
            ActorIsPartner: user.Role == Role.Partner, ActorIsAdmin: user.IsAdmin, Override: command.Override == true,
            ConflictCheckClean: clean, HasConsentToPresent: consent, ClearToPresent: clearToPresent);

        // The conflict check reads the firm's clients and searches; run it only when it can matter:
        // a move allowed even if the check failed, and without an override, crosses no conflict gate.
        var decision = PipelineRules.Decide(Request(clean: false, clearToPresent: false));
        if (!decision.Allowed || decision.OverrideUsed)
        {
            var check = await conflicts.CheckAsync(current.CandidateId, current.SearchId, now, cancellationToken);
            decision = PipelineRules.Decide(Request(check.Clean, clearToPresent: check.Reasons.All(r => r.Code != Domain.OffLimits.ConflictCodes.PresentedElsewhere)));
        }
        // A recruiter on the team may see the candidacy but not override: 403 (an action they may not take), not a rule's 422.
        if (decision.RuleCode == RuleCodes.OverrideNeedsPartner)
            throw new ForbiddenException(decision.Message!, decision.RuleCode);
        if (!decision.Allowed)
            throw new RuleViolationException(decision.RuleCode!, decision.Message!);

        var tx = await session.EnsureTransactionAsync(cancellationToken);
        var closing = Stages.IsClosed(to);
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new
        {
            command.CandidacyId,
            command.ExpectedVersion,
            current.SearchStatus,
            Stage = to.ToString(),
            Now = now,
            ExitReasonCode = closing ? command.ReasonCode : null,
            DecidedBy = closing ? command.DecidedBy?.ToString() : null,
        }, tx, cancellationToken: cancellationToken));
        // Someone else moved it, or the search closed (a placement elsewhere), since it was read.
        if (changed == 0)
        {
            var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(VersionSql, command, tx, cancellationToken: cancellationToken));
            throw version != current.Version
                ? ConflictException.StaleVersion("candidacy", version)
                : new RuleViolationException("search-closed", "The search was closed while this move was being made; its candidacies can only be closed.");
        }

        await CandidacyHistory.RecordAsync(connection, tx, command.CandidacyId, from, to, command.Reason, command.ReasonCode,
            command.DecidedBy, decision.OverrideUsed, user.Id, now, cancellationToken);
        if (decision.OverrideUsed)
            await audit.RecordAsync("OverrideConflictCheck", "Candidacy", command.CandidacyId, current.SearchId, cancellationToken);
        if (to == Stage.Placed)
            await connection.ExecuteAsync(new CommandDefinition(FillSearchSql, new { current.SearchId, Now = now }, tx, cancellationToken: cancellationToken));
        if (unplacing)
            await connection.ExecuteAsync(new CommandDefinition(ReopenFilledSql, new { current.SearchId, Now = now }, tx, cancellationToken: cancellationToken));
        // A referral's outcome follows the candidacy: presented, then placed.
        if (Stages.IsPresented(to))
            await Network.ReferralOutcomes.RecordAsync(connection, tx, current.CandidateId, current.SearchId,
                presented: true, placed: to == Stage.Placed, now, cancellationToken);

        return new CandidacyState(command.CandidacyId, to, current.Version + 1, now, decision.OverrideUsed);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid SearchId { get; init; }
        public Guid CandidateId { get; init; }
        public string Stage { get; init; } = "";
        public string SearchStatus { get; init; } = "";
        public int Version { get; init; }
    }
}
