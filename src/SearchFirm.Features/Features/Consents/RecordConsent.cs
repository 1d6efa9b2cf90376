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
/// otherwise, as for every search). Records are never changed: a new one is added.
/// Staff only for now; the candidate portal will add candidates giving their own.
/// </summary>
public sealed record RecordConsent : ICommand<ConsentDto>
{
    /// <summary>From the route, never from the body.</summary>
    [JsonIgnore]
    public Guid CandidateId { get; init; }

    public ConsentKind? Kind { get; init; }

    public Guid? SearchId { get; init; }

    /// <summary>How the consent was given ("e-mail of 3 March", "call with the candidate"); default <see cref="DefaultSource"/>.</summary>
    public string? Source { get; init; }

    public const string DefaultSource = "recorded by staff";
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

internal sealed class RecordConsentHandler(DbSession session, SearchAccess searchAccess, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RecordConsent, ConsentDto>
{
    private const string InsertSql = """
        INSERT INTO Consents (Id, CandidateId, Kind, SearchId, Source, RecordedBy, GivenAt, WithdrawnAt)
        VALUES (@Id, @CandidateId, @Kind, @SearchId, @Source, @RecordedBy, @GivenAt, NULL)
        """;

    public async ValueTask<ConsentDto> Handle(RecordConsent command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await CandidateRules.EnsureExistsAsync(connection, session.Transaction, command.CandidateId, cancellationToken);
        // Need-to-know: a search the caller is not on does not exist for them.
        if (command.SearchId is { } searchId && !await searchAccess.CanSeeAsync(searchId, cancellationToken))
            throw new NotFoundException("search");

        var consent = new ConsentDto
        {
            Id = Ids.New(),
            CandidateId = command.CandidateId,
            Kind = command.Kind!.Value,
            SearchId = command.SearchId,
            GivenAt = clock.GetUtcNow(),
            Source = command.Source?.Trim() ?? RecordConsent.DefaultSource,
            RecordedBy = user.Id,
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
}
