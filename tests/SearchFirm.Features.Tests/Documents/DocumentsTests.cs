using System.Security.Cryptography;
using Dapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;
using SearchFirm.Features.Documents;
using SearchFirm.Features.Tests.Candidates;
using SearchFirm.Features.Tests.Infrastructure;
using SearchFirm.Tests.Documents;

namespace SearchFirm.Features.Tests.Documents;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class DocumentsTests(DatabaseProvider provider) : Slice(provider)
{
    private Actor recruiter = null!;
    private Guid candidateId;

    private DocumentOptions Options => Services.GetRequiredService<IOptions<DocumentOptions>>().Value;

    [SetUp]
    public async Task AddCandidate()
    {
        recruiter = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Recruiter);
        candidateId = (await SendAs(recruiter, CandidatesTests.Amara())).Id;
    }

    private async Task<DocumentDto> UploadAsync(byte[] content, string? fileName, DocumentKind? kind = DocumentKind.Cv, Guid? candidate = null)
    {
        await using var staged = await StagedUpload.CreateAsync(new MemoryStream(content), fileName, Options.MaxBytes, Options.StagingDirectory, CancellationToken.None);
        return await SendAs(recruiter, new UploadDocument(candidate ?? candidateId, kind, staged));
    }

    private int StoredFiles() =>
        (Directory.Exists(Options.Directory) ? Directory.GetFiles(Options.Directory, "*", SearchOption.AllDirectories).Length : 0)
        + (Directory.Exists(Options.StagingDirectory) ? Directory.GetFiles(Options.StagingDirectory, "*", SearchOption.AllDirectories).Length : 0);

    private Task<long> Rows() => Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM CandidateDocuments"));

    [Test]
    public async Task An_upload_is_stored_under_a_generated_name_with_its_hash()
    {
        var pdf = Samples.Pdf();

        var document = await UploadAsync(pdf, "Okafor CV.pdf");

        Assert.Multiple(() =>
        {
            Assert.That(document.FileName, Is.EqualTo("Okafor CV.pdf"));
            Assert.That(document.ContentType, Is.EqualTo("application/pdf"));
            Assert.That(document.SizeBytes, Is.EqualTo(pdf.Length));
            Assert.That(document.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(pdf))));
            Assert.That(document.Kind, Is.EqualTo(DocumentKind.Cv));
        });
        var files = Directory.GetFiles(Options.Directory, "*", SearchOption.AllDirectories);
        Assert.That(files, Has.Length.EqualTo(1));
        Assert.That(Path.GetFileName(files[0]), Does.Match("^[0-9a-f]{32}$"), "stored under a generated name, not the client's");
        Assert.That(await File.ReadAllBytesAsync(files[0]), Is.EqualTo(pdf));
        Assert.That(Directory.GetFiles(Options.StagingDirectory), Is.Empty, "the staged copy is gone");
    }

    [Test]
    public async Task The_list_and_the_download_return_what_was_stored()
    {
        var letter = await UploadAsync(Samples.Docx(), "letter.docx", DocumentKind.CoverLetter);
        var cv = await UploadAsync(Samples.Text(), "cv.txt");

        var list = await SendAs(recruiter, new ListCandidateDocuments(candidateId));
        var download = await SendAs(recruiter, new DownloadDocument(letter.Id));
        await using var content = download.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);

        Assert.That(list.Select(d => d.Id), Is.EqualTo(new[] { cv.Id, letter.Id }), "newest first");
        Assert.That(list[0].ContentType, Is.EqualTo("text/plain; charset=utf-8"));
        Assert.That(download.FileName, Is.EqualTo("letter.docx"));
        Assert.That(download.ContentType, Is.EqualTo(DocumentInspector.Docx.ContentType));
        Assert.That(copy.ToArray(), Is.EqualTo(Samples.Docx()));
    }

    [Test]
    public async Task Upload_list_and_download_are_each_an_audit_event()
    {
        var document = await UploadAsync(Samples.Pdf(), "cv.pdf");
        await SendAs(recruiter, new ListCandidateDocuments(candidateId));
        await (await SendAs(recruiter, new DownloadDocument(document.Id))).Content.DisposeAsync();

        var events = (await Db(c => c.QueryAsync<(string Action, string EntityType, Guid EntityId, Guid ActorId)>(
            "SELECT Action, EntityType, EntityId, ActorId FROM AuditEvents WHERE Action IN ('UploadDocument', 'ListCandidateDocuments', 'DownloadDocument') ORDER BY OccurredAt"))).ToList();

        Assert.That(events, Is.EqualTo(new[]
        {
            ("UploadDocument", "Document", document.Id, recruiter.Id),
            ("ListCandidateDocuments", "Candidate", candidateId, recruiter.Id),
            ("DownloadDocument", "Document", document.Id, recruiter.Id),
        }));
    }

    [Test]
    public async Task Refused_uploads_leave_no_file_and_no_row()
    {
        Assert.ThrowsAsync<UnsupportedContentException>(() => UploadAsync(Samples.WindowsExecutable(), "cv.pdf"));
        Assert.ThrowsAsync<UnsupportedContentException>(() => UploadAsync(Samples.Noise(), "cv.pdf"));
        var mismatch = Assert.ThrowsAsync<UnsupportedContentException>(() => UploadAsync(Samples.Text(), "cv.pdf"));
        Assert.That(mismatch!.Code, Is.EqualTo("type-mismatch"));
        Assert.ThrowsAsync<UnsupportedContentException>(() => UploadAsync(Samples.Pdf(), "letter.docx"));
        Assert.ThrowsAsync<UnsupportedContentException>(() => UploadAsync(Samples.DocxBomb(20), "cv.docx"));
        Assert.ThrowsAsync<ValidationException>(() => UploadAsync([], "cv.pdf"));
        Assert.ThrowsAsync<ValidationException>(() => UploadAsync(Samples.Pdf(), "cv.pdf", kind: null));
        Assert.ThrowsAsync<NotFoundException>(() => UploadAsync(Samples.Pdf(), "cv.pdf", candidate: Guid.NewGuid()));
        Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            StagedUpload.CreateAsync(new MemoryStream(new byte[Options.MaxBytes + 1]), "cv.pdf", Options.MaxBytes, Options.StagingDirectory, CancellationToken.None));

        Assert.That(StoredFiles(), Is.Zero);
        Assert.That(await Rows(), Is.Zero);
    }

    [Test]
    public async Task A_stored_file_is_removed_when_the_transaction_rolls_back()
    {
        // The row is refused after the file was stored: the command's rollback must take the file with it.
        await Db(c => c.ExecuteAsync(Provider == DatabaseProvider.Sqlite
            ? "CREATE TRIGGER TR_Test_RefuseDocuments BEFORE INSERT ON CandidateDocuments BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
            : "CREATE TRIGGER TR_Test_RefuseDocuments ON dbo.CandidateDocuments INSTEAD OF INSERT AS THROW 51000, 'refused by the test', 1;"));

        Assert.ThrowsAsync(Is.InstanceOf<System.Data.Common.DbException>(), () => UploadAsync(Samples.Pdf(), "cv.pdf"));

        Assert.That(StoredFiles(), Is.Zero);
        Assert.That(await Rows(), Is.Zero);
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'UploadDocument'")), Is.Zero);
    }

    [Test]
    public async Task Unknown_or_erased_candidates_and_unknown_documents_are_not_found()
    {
        var document = await UploadAsync(Samples.Pdf(), "cv.pdf");
        await Db(c => c.ExecuteAsync("UPDATE Candidates SET ErasedAt = @Now WHERE Id = @Id", new { Now = DateTimeOffset.UtcNow, Id = candidateId }));

        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new ListCandidateDocuments(Guid.NewGuid())));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new ListCandidateDocuments(candidateId)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new DownloadDocument(document.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new DownloadDocument(Guid.NewGuid())));
    }

    [Test]
    public void Documents_are_for_signed_in_staff() =>
        Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(null, new ListCandidateDocuments(candidateId)));
}
