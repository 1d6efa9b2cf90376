using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// PUT /api/candidacies/{id}/brief-notes: what the team writes for the committee about this
/// candidacy — the recruiter's summary, the areas the committee should probe, a summary of the
/// references. Written for the client's eyes: nothing here is an internal note.
/// </summary>
public sealed record WriteBriefNotes : ICommand<BriefNotes>, ICandidacyScoped, IAudited
{
    [JsonIgnore]
    public Guid CandidacyId { get; init; }

    public string? Summary { get; init; }
    public IReadOnlyList<string>? AreasToProbe { get; init; }
    public string? ReferencesSummary { get; init; }

    [JsonIgnore]
    public string EntityType => "Candidacy";

    [JsonIgnore]
    Guid? IAudited.EntityId => CandidacyId;
}

public sealed record BriefNotes(Guid CandidacyId, string? Summary, IReadOnlyList<string> AreasToProbe, string? ReferencesSummary, int Version);

public sealed class WriteBriefNotesValidator : AbstractValidator<WriteBriefNotes>
{
    public WriteBriefNotesValidator()
    {
        RuleFor(x => x.Summary).MaximumLength(4000);
        RuleFor(x => x.ReferencesSummary).MaximumLength(4000);
        RuleFor(x => x.AreasToProbe).Must(a => a is null || a.Count <= 12).WithMessage("At most 12 areas to probe.");
        RuleForEach(x => x.AreasToProbe).NotEmpty().MaximumLength(400);
    }
}

internal sealed class WriteBriefNotesHandler(DbSession session, ICurrentUser user, TimeProvider clock) : ICommandHandler<WriteBriefNotes, BriefNotes>
{
    private const string VersionSql = "SELECT Version FROM BriefNotes WHERE CandidacyId = @CandidacyId";
    private const string InsertSql = """
        INSERT INTO BriefNotes (CandidacyId, Summary, AreasToProbeJson, ReferencesSummary, Version, UpdatedBy, UpdatedAt)
        VALUES (@CandidacyId, @Summary, @AreasToProbeJson, @ReferencesSummary, 1, @UserId, @Now)
        """;
    private const string UpdateSql = """
        UPDATE BriefNotes SET Summary = @Summary, AreasToProbeJson = @AreasToProbeJson, ReferencesSummary = @ReferencesSummary,
            Version = Version + 1, UpdatedBy = @UserId, UpdatedAt = @Now
        WHERE CandidacyId = @CandidacyId
        """;

    public async ValueTask<BriefNotes> Handle(WriteBriefNotes command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var current = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(VersionSql, command, tx, cancellationToken: cancellationToken));
        var areas = (command.AreasToProbe ?? []).Select(a => a.Trim()).ToList();
        var row = new
        {
            command.CandidacyId,
            Summary = string.IsNullOrWhiteSpace(command.Summary) ? null : command.Summary.Trim(),
            AreasToProbeJson = JsonSerializer.Serialize(areas),
            ReferencesSummary = string.IsNullOrWhiteSpace(command.ReferencesSummary) ? null : command.ReferencesSummary.Trim(),
            UserId = user.Id,
            Now = clock.GetUtcNow(),
        };
        await connection.ExecuteAsync(new CommandDefinition(current is null ? InsertSql : UpdateSql, row, tx, cancellationToken: cancellationToken));
        return new BriefNotes(command.CandidacyId, row.Summary, areas, row.ReferencesSummary, (current ?? 0) + 1);
    }
}
