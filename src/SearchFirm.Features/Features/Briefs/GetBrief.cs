using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Briefs;

/// <summary>GET /api/briefs/{id}: where a brief stands (team only).</summary>
public sealed record GetBrief(Guid BriefId) : IQuery<BriefDetail>, IBriefScoped;

public sealed class BriefDetail
{
    public Guid Id { get; init; }
    public Guid SearchId { get; init; }
    public Guid? CandidacyId { get; init; }
    public BriefKind Kind { get; init; }
    public BriefAudience Audience { get; init; }
    public BriefStatus Status { get; init; }
    /// <summary>Why the last render failed, in words that carry no personal data.</summary>
    public string? Error { get; init; }
    public int Attempts { get; init; }
    public string TemplateVersion { get; init; } = "";
    public string InputHash { get; init; } = "";
    public string? Sha256 { get; init; }
    public long? SizeBytes { get; init; }
    public int? PageCount { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? ReadyAt { get; init; }
    public string? PdfUrl => Status == BriefStatus.Ready ? $"/api/briefs/{Id}/pdf" : null;
}

internal sealed class GetBriefHandler(DbSession session) : IQueryHandler<GetBrief, BriefDetail>
{
    internal const string Sql = """
        SELECT Id, SearchId, CandidacyId, Kind, Audience, Status, Error, Attempts, TemplateVersion, InputHash, Sha256,
               SizeBytes, PageCount, RequestedAt, ReadyAt
        FROM Briefs WHERE Id = @BriefId
        """;

    public async ValueTask<BriefDetail> Handle(GetBrief query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BriefDetail>(new CommandDefinition(Sql, query, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("brief");
    }
}
