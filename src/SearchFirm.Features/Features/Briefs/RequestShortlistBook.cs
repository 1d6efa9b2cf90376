using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// POST /api/searches/{id}/shortlist-book: one PDF with a cover, the comparison matrix (criteria ×
/// candidates) and every candidate's brief. For the committee it holds the candidates presented to
/// the client, each of whom must still have consented; the team's internal book holds everyone
/// shortlisted or further.
/// </summary>
public sealed record RequestShortlistBook : ICommand<BriefAccepted>, ISearchScoped
{
    [JsonIgnore]
    public Guid SearchId { get; init; }

    public BriefAudience? Audience { get; init; }
}

public sealed class RequestShortlistBookValidator : AbstractValidator<RequestShortlistBook>
{
    public RequestShortlistBookValidator() => RuleFor(x => x.Audience).IsInEnum();
}

internal sealed class RequestShortlistBookHandler(DbSession session, ISqlDialect dialect, ICurrentUser user, AfterCommit afterCommit,
    IBriefQueue queue, IOptions<BriefsOptions> options, TimeProvider clock) : ICommandHandler<RequestShortlistBook, BriefAccepted>
{
    public const string ShortlistEmpty = "shortlist-empty";

    public async ValueTask<BriefAccepted> Handle(RequestShortlistBook command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var audience = command.Audience ?? BriefAudience.Committee;
        var search = await BriefInputs.SearchAsync(connection, tx, command.SearchId, cancellationToken);
        var candidacies = await BriefInputs.BookCandidaciesAsync(connection, tx, command.SearchId, audience, cancellationToken);
        if (candidacies.Count == 0)
            throw new RuleViolationException(ShortlistEmpty, audience == BriefAudience.Committee
                ? "No candidate has been presented to the client yet, so there is no shortlist book for the committee."
                : "No candidate is shortlisted yet, so there is no shortlist book.");

        var now = clock.GetUtcNow();
        var model = await BriefInputs.ModelAsync(connection, tx, search, BriefKind.ShortlistBook, audience, candidacies,
            options.Value.FirmName, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        if (audience == BriefAudience.Committee && model.Candidates.Count(c => !c.Consented) is var missing and > 0)
            throw new RuleViolationException(RequestCandidateBriefHandler.ConsentRequired,
                $"{missing} presented candidate(s) no longer consent to be presented to this client. Move them out of the shortlist or record their consent first.");

        return await BriefRequests.CreateOrReuseAsync(connection, tx, dialect, afterCommit, queue, command.SearchId, null, model,
            user.Id, now, cancellationToken);
    }
}
