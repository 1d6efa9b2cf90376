using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Common;
using SearchFirm.Features.Documents;

namespace SearchFirm.Api.Endpoints;

/// <summary>
/// Reads a document upload (multipart: <c>file</c>, <c>kind</c>) section by section, streaming the
/// file straight into a <see cref="StagedUpload"/>: no form binding, so nothing is buffered in
/// memory and the size limit stops the upload as soon as it is passed. A body that announces
/// itself as too large is refused before a byte of it is read.
/// </summary>
internal sealed class DocumentUploadForm : IAsyncDisposable
{
    private const int MaxKindBytes = 64;

    public DocumentKind? Kind { get; private set; }

    public StagedUpload? File { get; private set; }

    public static async Task<DocumentUploadForm> ReadAsync(HttpRequest request, DocumentOptions options, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedContentException("unsupported-media-type", "Send the document as multipart/form-data with a 'file' part and a 'kind' part.");
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
            throw Invalid("body", "The multipart boundary is missing or longer than 70 characters.");
        if (request.ContentLength > options.MaxRequestBytes)
            throw new PayloadTooLargeException(options.MaxBytes);

        var form = new DocumentUploadForm();
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 8, HeadersLengthLimit = 8 * 1024 };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                // Parts that are not form fields, and fields other than these two, are skipped unread.
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    continue;
                switch (HeaderUtilities.RemoveQuotes(disposition.Name).Value)
                {
                    case "file":
                        if (form.File is not null)
                            throw Invalid("file", "Send one file per request.");
                        form.File = await StagedUpload.CreateAsync(section.Body, FileNameOf(disposition), options.MaxBytes, options.StagingDirectory, cancellationToken);
                        break;
                    case "kind":
                        form.Kind = ParseKind(await ReadFieldAsync(section.Body, cancellationToken));
                        break;
                }
            }
        }
        catch (Exception e)
        {
            await form.DisposeAsync();
            if (e is InvalidDataException)
                throw Invalid("body", "The multipart body is malformed.");
            throw;
        }

        return form;
    }

    /// <summary>The name the client gave (RFC 5987 <c>filename*</c> first); only ever a hint for the display name.</summary>
    private static string? FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName;
        return name.HasValue ? HeaderUtilities.UnescapeAsQuotedString(name).Value : null;
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxKindBytes + 1];
        var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (length > MaxKindBytes)
            throw Invalid("kind", "'kind' is not valid: use Cv, CoverLetter, References, Credential or Other.");
        return System.Text.Encoding.UTF8.GetString(buffer, 0, length).Trim();
    }

    /// <summary>By name only, as JSON enums are: "1" is not a kind.</summary>
    private static DocumentKind? ParseKind(string value)
    {
        if (value.Length == 0) return null;
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            if (kind.ToString().Equals(value, StringComparison.OrdinalIgnoreCase))
                return kind;
        }

        throw Invalid("kind", "'kind' is not valid: use Cv, CoverLetter, References, Credential or Other.");
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);

    public async ValueTask DisposeAsync()
    {
        if (File is not null) await File.DisposeAsync();
    }
}
