using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Documents;

/// <summary>
/// GET /api/candidates/{id}/documents: a candidate's documents, newest first; staff, or the candidate
/// for their own. Every read is an audit event.
/// </summary>
public sealed record ListCandidateDocuments(Guid CandidateId) : IQuery<IReadOnlyList<DocumentDto>>, IAlsoForTheCandidate
{
    Guid? IAlsoForTheCandidate.AboutCandidate => CandidateId;
}

internal sealed class ListCandidateDocumentsHandler(DbSession session, AuditTrail audit)
    : IQueryHandler<ListCandidateDocuments, IReadOnlyList<DocumentDto>>
{
    private const string Sql = """
        SELECT Id, CandidateId, Kind, FileName, ContentType, SizeBytes, Sha256, UploadedAt, UploadedBy
        FROM CandidateDocuments
        WHERE CandidateId = @CandidateId
        ORDER BY UploadedAt DESC, Id DESC
        """;

    public async ValueTask<IReadOnlyList<DocumentDto>> Handle(ListCandidateDocuments query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await CandidateRules.EnsureExistsAsync(connection, null, query.CandidateId, cancellationToken);
        var documents = (await connection.QueryAsync<DocumentDto>(new CommandDefinition(Sql, query, cancellationToken: cancellationToken))).AsList();
        await audit.RecordAsync("ListCandidateDocuments", "Candidate", query.CandidateId, null, cancellationToken);
        return documents;
    }
}
