using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Documents;

/// <summary>
/// GET /api/documents/{id}/content: the stored bytes with the name and type recorded at upload.
/// The host sends them as an attachment. Staff, or the candidate for their own documents (another's
/// is 404). Every download is an audit event.
/// </summary>
public sealed record DownloadDocument(Guid DocumentId) : IQuery<DocumentContent>, IAlsoForTheCandidate
{
    /// <summary>Not known from the request: the handler narrows a candidate to their own documents.</summary>
    Guid? IAlsoForTheCandidate.AboutCandidate => null;
}

/// <summary>An open stream the caller must dispose (the HTTP result does).</summary>
public sealed record DocumentContent(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256, Stream Content);

internal sealed class DownloadDocumentHandler(DbSession session, IDocumentStorage storage, ICurrentCandidate candidate, AuditTrail audit)
    : IQueryHandler<DownloadDocument, DocumentContent>
{
    // A document of an erased candidate is gone for everyone.
    private const string Sql = """
        SELECT d.Id, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.StorageKey
        FROM CandidateDocuments d JOIN Candidates c ON c.Id = d.CandidateId
        WHERE d.Id = @DocumentId AND c.ErasedAt IS NULL AND (@Own IS NULL OR d.CandidateId = @Own)
        """;

    public async ValueTask<DocumentContent> Handle(DownloadDocument query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StoredDocument>(new CommandDefinition(Sql,
            new { query.DocumentId, Own = candidate.IsSignedIn ? candidate.CandidateId : (Guid?)null }, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("document");
        var content = await storage.OpenReadAsync(row.StorageKey, cancellationToken)
            ?? throw new InvalidOperationException($"Document {row.Id} has a row but its content is missing from storage.");
        try
        {
            await audit.RecordAsync("DownloadDocument", "Document", row.Id, null, cancellationToken);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }

        return new DocumentContent(row.Id, row.FileName, row.ContentType, row.SizeBytes, row.Sha256, content);
    }

    private sealed class StoredDocument
    {
        public Guid Id { get; init; }
        public string FileName { get; init; } = "";
        public string ContentType { get; init; } = "";
        public long SizeBytes { get; init; }
        public string Sha256 { get; init; } = "";
        public string StorageKey { get; init; } = "";
    }
}
