using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// PUT /api/searches/{id}/brief-settings (lead partner, admin): whether documents may name the
/// client (until then briefs say only the code name), and whom briefs are prepared for. Briefs
/// already made keep what they said; the next request renders anew because its inputs changed.
/// </summary>
public sealed record ChangeBriefSettings : ICommand<BriefSettings>, ISearchScoped
{
    [JsonIgnore]
    public Guid SearchId { get; init; }

    public bool? ClientDisclosed { get; init; }

    /// <summary>"the Board Search Committee"; empty means "the Search Committee".</summary>
    public string? CommitteeName { get; init; }
}

public sealed record BriefSettings(Guid SearchId, bool ClientDisclosed, string? CommitteeName);

public sealed class ChangeBriefSettingsValidator : AbstractValidator<ChangeBriefSettings>
{
    public ChangeBriefSettingsValidator()
    {
        RuleFor(x => x.ClientDisclosed).NotNull();
        RuleFor(x => x.CommitteeName).MaximumLength(200)
            .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("'committeeName' must not contain control characters.");
    }
}

internal sealed class ChangeBriefSettingsHandler(DbSession session, ICurrentUser user, TimeProvider clock) : ICommandHandler<ChangeBriefSettings, BriefSettings>
{
    private const string UpdateSql = """
        UPDATE Searches SET ClientDisclosed = @ClientDisclosed, CommitteeName = @CommitteeName, UpdatedAt = @Now
        WHERE Id = @SearchId
        """;

    public async ValueTask<BriefSettings> Handle(ChangeBriefSettings command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await SearchHeader.ForLeadAsync(connection, session.Transaction, command.SearchId, user, cancellationToken);
        var name = string.IsNullOrWhiteSpace(command.CommitteeName) ? null : command.CommitteeName.Trim();
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new
        {
            command.SearchId, ClientDisclosed = command.ClientDisclosed == true, CommitteeName = name, Now = clock.GetUtcNow(),
        }, session.Transaction, cancellationToken: cancellationToken));
        return new BriefSettings(command.SearchId, command.ClientDisclosed == true, name);
    }
}
