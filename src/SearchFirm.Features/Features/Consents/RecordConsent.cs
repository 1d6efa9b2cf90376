using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;

namespace SearchFirm.Features.Consents;

/// <summary>
/// POST /api/candidates/{id}/consents: staff record what a candidate agreed to, when (UTC, now) and
/// how they learnt it. Processing is general; PresentToClient names the search whose client the
/// candidate may be presented to, and only someone on that search's team may record it (404
/// otherwise, as for every search). Records are never changed, except to mark them withdrawn.
/// The candidate gives their own in the portal: for a search they know of (404 otherwise), with
/// the source "given by the candidate in the portal" whatever they send.
/// </summary>
public sealed record RecordConsent : ICommand<ConsentDto>, IAlsoForTheCandidate
{
    /// <summary>From the route, never from the body.</summary>
    [JsonIgnore]
    public Guid CandidateId { get; init; }

    public ConsentKind? Kind { get; init; }

    public Guid? SearchId { get; init; }

    /// <summary>How the consent was given ("e-mail of 3 March", "call with the candidate"); default <see cref="DefaultSource"/>.</summary>
    public string? Source { get; init; }

    public const string DefaultSource = "recorded by staff";
    public const string PortalSource = "given by the candidate in the portal";

    [JsonIgnore]
    Guid? IAlsoForTheCandidate.AboutCandidate => CandidateId;
}

public sealed class ConsentDto : IAuditedResult
{
    public Guid Id { get; init; }
    public Guid CandidateId { get; init; }
    public ConsentKind Kind { get; init; }
    public Guid? SearchId { get; init; }
    public DateTimeOffset GivenAt { get; init; }
    public string Source { get; init; } = "";
    public Guid? RecordedBy { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }

    string IAuditedResult.EntityType => "Consent";

    Guid IAuditedResult.EntityId => Id;

    Guid? IAuditedResult.SearchId => SearchId;
}

public sealed class RecordConsentValidator : AbstractValidator<RecordConsent>
{
    public RecordConsentValidator()
    {
        RuleFor(x => x.Kind).NotNull().WithMessage("'kind' is required: Processing or PresentToClient.").IsInEnum();
        RuleFor(x => x.SearchId)
            .NotNull().WithMessage("Consent to be presented to a client names the search ('searchId').")
            .NotEqual(Guid.Empty).WithMessage("'searchId' is not a search.")
            .When(x => x.Kind == ConsentKind.PresentToClient);
        RuleFor(x => x.SearchId).Null().When(x => x.Kind == ConsentKind.Processing)
            .WithMessage("Consent to processing is not tied to a search; leave 'searchId' out.");
        RuleFor(x => x.Source).Text(200).When(x => x.Source is not null);
    }
}

internal sealed class RecordConsentHandler(DbSession session, SearchAccess searchAccess, ICurrentUser user, ICurrentCandidate candidate, TimeProvider clock)
    : ICommandHandler<RecordConsent, ConsentDto>
{
    private const string InsertSql = """
        INSERT INTO Consents (Id, CandidateId, Kind, SearchId, Source, RecordedBy, GivenAt, WithdrawnAt)
        VALUES (@Id, @CandidateId, @Kind, @SearchId, @Source, @RecordedBy, @GivenAt, NULL)
        """;
    // A candidate consents for any search they are in, even one still on the researchers' long list:
    // they can only name it because the firm told them of it, and the answer tells them nothing more.
    private const string KnownSearchSql = "SELECT COUNT(*) FROM Candidacies cy WHERE cy.SearchId = @SearchId AND cy.CandidateId = @CandidateId";

    public async ValueTask<ConsentDto> Handle(RecordConsent command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await CandidateRules.EnsureExistsAsync(connection, session.Transaction, command.CandidateId, cancellationToken);
        // Need-to-know: a search the caller is not on (or, for a candidate, not in) does not exist for them.
        if (command.SearchId is { } searchId && !await CanSeeAsync(connection, command.CandidateId, searchId, cancellationToken))
            throw new NotFoundException("search");

        var consent = new ConsentDto
        {
            Id = Ids.New(),
            CandidateId = command.CandidateId,
            Kind = command.Kind!.Value,
            SearchId = command.SearchId,
            GivenAt = clock.GetUtcNow(),
            Source = candidate.IsSignedIn ? RecordConsent.PortalSource : command.Source?.Trim() ?? RecordConsent.DefaultSource,
            RecordedBy = candidate.IsSignedIn ? null : user.Id,
        };
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            consent.Id,
            consent.CandidateId,
            Kind = consent.Kind.ToString(),
            consent.SearchId,
            consent.Source,
            consent.RecordedBy,
            consent.GivenAt,
        }, session.Transaction, cancellationToken: cancellationToken));
        return consent;
    }

    private async Task<bool> CanSeeAsync(System.Data.Common.DbConnection connection, Guid candidateId, Guid searchId, CancellationToken cancellationToken) =>
        candidate.IsSignedIn
            ? await connection.ExecuteScalarAsync<long>(new CommandDefinition(KnownSearchSql, new { SearchId = searchId, CandidateId = candidateId },
                session.Transaction, cancellationToken: cancellationToken)) > 0
            : await searchAccess.CanSeeAsync(searchId, cancellationToken);
}
