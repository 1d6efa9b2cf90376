using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// GET /api/briefs/{id}/pdf: the stored PDF exactly as rendered (its SHA-256 is the brief's), for
/// the team. Every read is an audit event. Not ready yet: 422 brief-not-ready.
/// </summary>
public sealed record GetBriefPdf(Guid BriefId) : IQuery<BriefFile>, IBriefScoped;

public sealed record BriefFile(byte[] Content, string FileName);

internal sealed class GetBriefPdfHandler(DbSession session, IBriefStore store, AuditTrail audit) : IQueryHandler<GetBriefPdf, BriefFile>
{
    public const string NotReady = "brief-not-ready";

    private const string Sql = """
        SELECT b.Id, b.SearchId, b.Kind, b.Status, b.StorageKey, b.Sha256, s.CodeName
        FROM Briefs b JOIN Searches s ON s.Id = b.SearchId
        WHERE b.Id = @BriefId
        """;

    public async ValueTask<BriefFile> Handle(GetBriefPdf query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StoredBrief>(new CommandDefinition(Sql, query, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("brief");
        var file = await ReadAsync(store, row, cancellationToken);
        await audit.RecordAsync("ReadBrief", "Brief", row.Id, row.SearchId, cancellationToken);
        return file;
    }

    internal static async Task<BriefFile> ReadAsync(IBriefStore store, StoredBrief row, CancellationToken cancellationToken)
    {
        if (row.Status != nameof(BriefStatus.Ready) || row.StorageKey is null || row.Sha256 is null)
            throw new RuleViolationException(NotReady, $"The brief is {row.Status}, not Ready; its PDF is not available yet.");
        var bytes = await store.ReadAsync(row.StorageKey, row.Sha256, cancellationToken);
        return new BriefFile(bytes, FileName(row));
    }

    /// <summary>"project-cedar-candidate-brief-1a2b3c4d.pdf": the code name, never a person's name.</summary>
    internal static string FileName(StoredBrief row)
    {
        var code = new string(row.CodeName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var kind = row.Kind == nameof(BriefKind.ShortlistBook) ? "shortlist-book" : "candidate-brief";
        return $"{code}-{kind}-{row.Sha256![..8]}.pdf";
    }

    internal sealed class StoredBrief
    {
        public Guid Id { get; init; }
        public Guid SearchId { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public string? StorageKey { get; init; }
        public string? Sha256 { get; init; }
        public string CodeName { get; init; } = "";
    }
}
