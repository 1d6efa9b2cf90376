using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Portal;

/// <summary>
/// POST /api/portal/candidacies/{id}/withdrawal {reasonCode, reason?}: the candidate steps back from
/// a search. A pipeline exit like any other (Withdrawn, decided by the candidate, with a reason code),
/// under <see cref="PipelineRules"/>: a placed or closed candidacy answers 422. The candidate need
/// not know the candidacy's version: their decision stands whatever stage the team moved it to.
/// Another candidate's candidacy, or one they do not know of: 404.
/// </summary>
public sealed record WithdrawFromSearch : ICommand<PortalSearch>, ICandidateRequest, IAudited
{
    [JsonIgnore]
    public Guid CandidacyId { get; init; }

    /// <summary>One of <see cref="ReasonCodes"/>, in any case ("Other" is "other").</summary>
    public string? ReasonCode { get; init => field = value?.Trim().ToLowerInvariant(); }

    /// <summary>In the candidate's words, for the team; optional.</summary>
    public string? Reason { get; init; }

    public static readonly IReadOnlyList<string> ReasonCodes =
        ["accepted-other-offer", "staying-in-current-role", "compensation", "relocation", "timing", "role-fit", "personal", "other"];

    /// <summary>Each reason as the candidate reads it, in <see cref="ReasonCodes"/>' order.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReasonWords = new Dictionary<string, string>
    {
        ["accepted-other-offer"] = "I have accepted another offer",
        ["staying-in-current-role"] = "I am staying in my current role",
        ["compensation"] = "The compensation does not work for me",
        ["relocation"] = "I cannot relocate",
        ["timing"] = "The timing is wrong for me",
        ["role-fit"] = "The role is not the right fit",
        ["personal"] = "Personal reasons",
        ["other"] = "Another reason",
    };

    [JsonIgnore]
    public string EntityType => "Candidacy";

    [JsonIgnore]
    Guid? IAudited.EntityId => CandidacyId;
}

public sealed class WithdrawFromSearchValidator : AbstractValidator<WithdrawFromSearch>
{
    public WithdrawFromSearchValidator()
    {
        RuleFor(x => x.ReasonCode).NotEmpty().Must(c => c is null || WithdrawFromSearch.ReasonCodes.Contains(c))
            .WithMessage("'reasonCode' is one of: " + string.Join(", ", WithdrawFromSearch.ReasonCodes) + ".");
        RuleFor(x => x.Reason).MaximumLength(1000).Must(s => s is null || !s.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
            .WithMessage("'reason' must not contain control characters.");
    }
}

internal sealed class WithdrawFromSearchHandler(DbSession session, ICurrentCandidate candidate, TimeProvider clock)
    : ICommandHandler<WithdrawFromSearch, PortalSearch>
{
    private const string LoadSql = """
        SELECT cy.Id AS CandidacyId, cy.SearchId, s.CodeName, s.Title, s.Status AS SearchStatus, c.Kind AS ClientKind, c.Name AS ClientName,
               CASE WHEN cy.ClientDisclosedAt IS NULL THEN NULL ELSE c.Name END AS DisclosedClientName, cy.Stage, cy.DecidedBy, cy.Version
        FROM Candidacies cy JOIN Searches s ON s.Id = cy.SearchId JOIN Clients c ON c.Id = s.ClientId
        WHERE cy.Id = @CandidacyId AND cy.CandidateId = @CandidateId AND
        """ + " " + PortalCandidacies.KnownToCandidate;

    private const string UpdateSql = """
        UPDATE Candidacies SET Stage = 'Withdrawn', Version = Version + 1, StageEnteredAt = @Now, UpdatedAt = @Now,
            ExitReasonCode = @ReasonCode, DecidedBy = 'Candidate'
        WHERE Id = @CandidacyId AND Version = @Version
        """;

    public async ValueTask<PortalSearch> Handle(WithdrawFromSearch command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(LoadSql,
            new { command.CandidacyId, candidate.CandidateId }, tx, cancellationToken: cancellationToken)) ?? throw new NotFoundException("candidacy");
        var from = Enum.Parse<Stage>(row.Stage);
        if (SearchStatusRules.IsClosed(Enum.Parse<SearchStatus>(row.SearchStatus)) && Stages.IsActive(from) && from != Stage.Placed)
            throw new RuleViolationException("search-closed", "This search has closed; there is nothing to withdraw from.");
        if (Stages.IsClosed(from))
            throw new RuleViolationException(RuleCodes.ClosedIsFinal, "You are no longer in this search.");
        var decision = PipelineRules.Decide(new TransitionRequest(from, Stage.Withdrawn, command.Reason, command.ReasonCode, DecidedBy.Candidate,
            ActorIsPartner: false, ActorIsAdmin: false, Override: false, ConflictCheckClean: true, HasConsentToPresent: false));
        if (!decision.Allowed)
            throw new RuleViolationException(decision.RuleCode!, from == Stage.Placed
                ? "You have been appointed; please speak to the search team."
                : "You are no longer in this search.");

        var now = clock.GetUtcNow();
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql,
            new { command.CandidacyId, row.Version, command.ReasonCode, Now = now }, tx, cancellationToken: cancellationToken));
        if (changed == 0)
            throw new ConflictException("version-conflict", "The search team changed this candidacy at the same moment. Please try again.");
        await CandidacyHistory.RecordAsync(connection, tx, command.CandidacyId, from, Stage.Withdrawn, command.Reason?.Trim(), command.ReasonCode,
            DecidedBy.Candidate, overrideUsed: false, actorId: null, now, cancellationToken);

        return ListMySearchesHandler.Project(row with { Stage = nameof(Stage.Withdrawn), DecidedBy = nameof(DecidedBy.Candidate) });
    }

    // The list's row, and the version the withdrawal's UPDATE checks.
    private sealed record Row : ListMySearchesHandler.Row
    {
        public int Version { get; init; }
    }
}
