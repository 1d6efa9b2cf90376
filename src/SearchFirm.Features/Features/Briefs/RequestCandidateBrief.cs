using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// POST /api/candidacies/{id}/briefs: a board-ready brief about one candidate, rendered in the
/// background. A committee brief exists only once the candidate has consented to be presented to
/// this client (422 consent-required); an internal one may be made at any time. The same inputs
/// give the same brief.
/// </summary>
public sealed record RequestCandidateBrief : ICommand<BriefAccepted>, ICandidacyScoped, IAudited
{
    [JsonIgnore]
    public Guid CandidacyId { get; init; }

    /// <summary>Committee unless said otherwise.</summary>
    public BriefAudience? Audience { get; init; }

    [JsonIgnore]
    public string EntityType => "Candidacy";

    [JsonIgnore]
    Guid? IAudited.EntityId => CandidacyId;
}

public sealed class RequestCandidateBriefValidator : AbstractValidator<RequestCandidateBrief>
{
    public RequestCandidateBriefValidator() => RuleFor(x => x.Audience).IsInEnum();
}

internal sealed class RequestCandidateBriefHandler(DbSession session, ISqlDialect dialect, ICurrentUser user, AfterCommit afterCommit,
    IBriefQueue queue, IOptions<BriefsOptions> options, TimeProvider clock) : ICommandHandler<RequestCandidateBrief, BriefAccepted>
{
    private const string CandidacySql = """
        SELECT cy.SearchId, cy.CandidateId, s.ClientId
        FROM Candidacies cy JOIN Searches s ON s.Id = cy.SearchId JOIN Candidates p ON p.Id = cy.CandidateId
        WHERE cy.Id = @CandidacyId AND p.ErasedAt IS NULL
        """;

    public const string ConsentRequired = "consent-required";

    public async ValueTask<BriefAccepted> Handle(RequestCandidateBrief command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(CandidacySql, command, tx, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("candidacy");
        var audience = command.Audience ?? BriefAudience.Committee;
        if (audience == BriefAudience.Committee
            && await BriefInputs.ConsentGivenAsync(connection, tx, row.CandidateId, row.ClientId, cancellationToken) is null)
            throw new RuleViolationException(ConsentRequired,
                "The candidate has not consented to be presented to this client, so no committee brief can be made. Record their consent, or ask for an Internal brief.");

        var now = clock.GetUtcNow();
        var search = await BriefInputs.SearchAsync(connection, tx, row.SearchId, cancellationToken);
        var model = await BriefInputs.ModelAsync(connection, tx, search, BriefKind.Candidate, audience, [command.CandidacyId],
            options.Value.FirmName, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        return await BriefRequests.CreateOrReuseAsync(connection, tx, dialect, afterCommit, queue, row.SearchId, command.CandidacyId, model,
            user.Id, now, cancellationToken);
    }

    private sealed class Row
    {
        public Guid SearchId { get; init; }
        public Guid CandidateId { get; init; }
        public Guid ClientId { get; init; }
    }
}
