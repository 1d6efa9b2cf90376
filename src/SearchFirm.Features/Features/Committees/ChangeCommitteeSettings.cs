using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;

namespace SearchFirm.Features.Committees;

/// <summary>What a member sees of colleagues once they have submitted their own feedback.</summary>
public enum ResultsDisplay
{
    /// <summary>Each colleague's scores and comment, and the mean.</summary>
    PerMemberWithMean,

    /// <summary>Only the committee's totals: responses, means and recommendations counted; no names.</summary>
    TotalsOnly,

    /// <summary>Only the finalists, alphabetically (no rank), with no scores at all.</summary>
    UnrankedFinalists,
}

/// <summary>
/// PUT /api/searches/{id}/committee/settings (lead partner, admin): how results show to the
/// committee, and the decision deadline after which feedback is refused. PUT replaces both: a
/// body without decisionDeadline removes the deadline.
/// </summary>
public sealed record ChangeCommitteeSettings : ICommand<CommitteeSettings>, ISearchScoped
{
    [JsonIgnore]
    public Guid SearchId { get; init; }

    public ResultsDisplay? ResultsDisplay { get; init; }
    public DateTimeOffset? DecisionDeadline { get; init; }
}

public sealed record CommitteeSettings(Guid SearchId, ResultsDisplay ResultsDisplay, DateTimeOffset? DecisionDeadline);

public sealed class ChangeCommitteeSettingsValidator : AbstractValidator<ChangeCommitteeSettings>
{
    public ChangeCommitteeSettingsValidator(TimeProvider clock)
    {
        RuleFor(x => x.ResultsDisplay).NotNull().IsInEnum();
        // A deadline already past would refuse every member at once: almost surely a typo. To close
        // feedback now, set one a few minutes ahead.
        RuleFor(x => x.DecisionDeadline).Must(d => d is null || d > clock.GetUtcNow())
            .WithMessage("'decisionDeadline' must be in the future.")
            .Must(d => d is null || d < clock.GetUtcNow().AddYears(2))
            .WithMessage("'decisionDeadline' must be within two years.");
    }
}

internal sealed class ChangeCommitteeSettingsHandler(DbSession session, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<ChangeCommitteeSettings, CommitteeSettings>
{
    private const string UpdateSql = """
        UPDATE Searches SET CommitteeResultsDisplay = @Display, DecisionDeadline = @DecisionDeadline, UpdatedAt = @Now
        WHERE Id = @SearchId
        """;

    public async ValueTask<CommitteeSettings> Handle(ChangeCommitteeSettings command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await SearchHeader.ForLeadAsync(connection, session.Transaction, command.SearchId, user, cancellationToken);
        var display = command.ResultsDisplay!.Value;
        var deadline = command.DecisionDeadline?.ToUniversalTime();
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new
        {
            command.SearchId, Display = display.ToString(), DecisionDeadline = deadline, Now = clock.GetUtcNow(),
        }, session.Transaction, cancellationToken: cancellationToken));
        return new CommitteeSettings(command.SearchId, display, deadline);
    }
}
