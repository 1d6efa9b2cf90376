using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Documents;

namespace SearchFirm.Api.Endpoints;

internal static class DocumentEndpoints
{
    /// <summary>The upload's shape, for the OpenAPI document only: the endpoint reads the body itself.</summary>
    public sealed record DocumentUploadBody(IFormFile File, DocumentKind Kind);

    public static void MapDocuments(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<DocumentOptions>>().Value;
        // Staff, or the candidate for their own documents; the mediator checks whose they are.
        var api = app.MapGroup("/api").WithTags("Documents").RequireAuthorization(Hosting.ServiceRegistration.StaffOrCandidatePolicy);

        api.MapPost("/candidates/{id}/documents", async (Guid id, HttpRequest request, IOptions<DocumentOptions> options, ISender sender, CancellationToken ct) =>
            {
                await using var form = await DocumentUploadForm.ReadAsync(request, options.Value, ct);
                var document = await sender.Send(new UploadDocument(id, form.Kind, form.File), ct);
                return TypedResults.Created($"/api/documents/{document.Id}/content", document);
            })
            // The server stops reading past this (413); the file's own limit is enforced while it streams.
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes))
            .Accepts<DocumentUploadBody>("multipart/form-data")
            .WithSummary($"Upload a candidate's document (multipart: file, kind; staff, or the candidate for their own); PDF, DOCX or UTF-8 text up to {limits.MaxBytes:N0} bytes, decided by content")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/candidates/{id}/documents", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCandidateDocuments(id), ct)))
            .WithSummary("A candidate's documents, newest first (staff, or the candidate for their own)")
            .WithProblems(StatusCodes.Status404NotFound);

        api.MapGet("/documents/{id}/content", async (Guid id, HttpResponse response, ISender sender, CancellationToken ct) =>
            {
                var document = await sender.Send(new DownloadDocument(id), ct);
                // Always a download, never rendered or sniffed by the browser, never cached on the way.
                response.Headers.XContentTypeOptions = "nosniff";
                response.Headers.CacheControl = "no-store";
                response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(document.Sha256))}:";
                return TypedResults.File(document.Content, document.ContentType, document.FileName);
            })
            .Produces<Stream>(StatusCodes.Status200OK, DocumentInspector.Pdf.ContentType, DocumentInspector.Docx.ContentType, DocumentInspector.Text.ContentType)
            .WithSummary("Download a document as an attachment (RFC 6266 file name, nosniff; staff, or the candidate for their own)")
            .WithProblems(StatusCodes.Status404NotFound);
    }
}
