using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Documents;

/// <summary>
/// POST /api/candidates/{id}/documents (multipart: file, kind): staff add a candidate's CV, cover
/// letter, references or credential. The host streams the file into a <see cref="StagedUpload"/>
/// (413 past the limit); here its type is decided by content (415 otherwise), its name made safe,
/// and it is stored under a generated key with its SHA-256. A refused or failed upload leaves no
/// file and no row: the stored file is removed if the transaction does not commit.
/// A candidate signed in to the portal uploads their own (UploadedBy is then empty).
/// </summary>
public sealed record UploadDocument(Guid CandidateId, DocumentKind? Kind, StagedUpload? File) : ICommand<DocumentDto>, IAlsoForTheCandidate
{
    Guid? IAlsoForTheCandidate.AboutCandidate => CandidateId;
}

public sealed class DocumentDto : IAuditedResult
{
    public Guid Id { get; init; }
    public Guid CandidateId { get; init; }
    public DocumentKind Kind { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }
    public string Sha256 { get; init; } = "";
    public DateTimeOffset UploadedAt { get; init; }
    /// <summary>The member of staff who uploaded it; null when the candidate did, in the portal.</summary>
    public Guid? UploadedBy { get; init; }

    string IAuditedResult.EntityType => "Document";

    Guid IAuditedResult.EntityId => Id;
}

public sealed class UploadDocumentValidator : AbstractValidator<UploadDocument>
{
    public UploadDocumentValidator()
    {
        RuleFor(x => x.Kind).NotNull().WithMessage("'kind' is required: Cv, CoverLetter, References, Credential or Other.").IsInEnum();
        RuleFor(x => x.File).NotNull().WithMessage("'file' is required.");
        RuleFor(x => x.File!.Length).GreaterThan(0).OverridePropertyName("file").WithMessage("The file is empty.")
            .When(x => x.File is not null);
    }
}

internal sealed class UploadDocumentHandler(
    DbSession session, IDocumentStorage storage, OnRollback onRollback, IOptions<DocumentOptions> options, ICurrentUser user, ICurrentCandidate candidate, TimeProvider clock)
    : ICommandHandler<UploadDocument, DocumentDto>
{
    private const string InsertSql = """
        INSERT INTO CandidateDocuments (Id, CandidateId, Kind, FileName, ContentType, SizeBytes, Sha256, StorageKey, UploadedBy, UploadedAt)
        VALUES (@Id, @CandidateId, @Kind, @FileName, @ContentType, @SizeBytes, @Sha256, @StorageKey, @UploadedBy, @UploadedAt)
        """;

    public async ValueTask<DocumentDto> Handle(UploadDocument command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await CandidateRules.EnsureExistsAsync(connection, session.Transaction, command.CandidateId, cancellationToken);

        var file = command.File!;
        var kind = command.Kind!.Value;
        // On SQLite this runs inside the write transaction: tens of milliseconds for a 10 MB file,
        // acceptable for the embedded default (SQL Server locks nothing until the INSERT).
        var type = DocumentInspector.Inspect(file.Rewind(), options.Value);
        DocumentInspector.EnsureNameAgrees(type, file.ClientFileName);
        var key = await storage.SaveAsync(file.Rewind(), cancellationToken);
        onRollback.Add(() => storage.DeleteAsync(key, CancellationToken.None));

        var document = new DocumentDto
        {
            Id = Ids.New(),
            CandidateId = command.CandidateId,
            Kind = kind,
            FileName = DocumentFileName.Sanitise(file.ClientFileName, type, kind),
            ContentType = type.ContentType,
            SizeBytes = file.Length,
            Sha256 = file.Sha256,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = candidate.IsSignedIn ? null : user.Id,
        };
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            document.Id,
            document.CandidateId,
            Kind = kind.ToString(),
            document.FileName,
            document.ContentType,
            document.SizeBytes,
            document.Sha256,
            StorageKey = key,
            document.UploadedBy,
            document.UploadedAt,
        }, session.Transaction, cancellationToken: cancellationToken));
        return document;
    }
}
