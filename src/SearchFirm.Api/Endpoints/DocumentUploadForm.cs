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
            while (await ClientBody.ReadingAsync(() => reader.ReadNextSectionAsync(cancellationToken)) is { } section)
            {
                var body = new ClientBody(section.Body);
                // Parts that are not form fields, and fields other than these two, are skipped unread.
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    continue;
                switch (HeaderUtilities.RemoveQuotes(disposition.Name).Value)
                {
                    case "file":
                        if (form.File is not null)
                            throw Invalid("file", "Send one file per request.");
                        form.File = await StagedUpload.CreateAsync(body, FileNameOf(disposition), options.MaxBytes, options.StagingDirectory, cancellationToken);
                        break;
                    case "kind":
                        form.Kind = ParseKind(await ReadFieldAsync(body, cancellationToken));
                        break;
                }
            }
        }
        catch (Exception e)
        {
            await form.DisposeAsync();
            if (e is InvalidDataException)
                throw Invalid("body", "The multipart body is malformed.");
            if (e is ClientBody.CutOffException)
                throw Invalid("body", "The upload was cut off: the multipart body ended before its closing boundary. Nothing was stored; send the file again.");
            throw;
        }

        return form;
    }

    /// <summary>The name the client gave (RFC 5987 <c>filename*</c> first); only ever a hint for the display name.</summary>
    internal static string? FileNameOf(ContentDispositionHeaderValue disposition)
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

    /// <summary>
    /// The client's side of the body. An <see cref="IOException"/> while reading it is the client's doing (the
    /// body ended before its closing boundary, the connection dropped), never the server's disk, so it is told
    /// apart from one writing the staging file, which stays a 500.
    /// </summary>
    private sealed class ClientBody(Stream inner) : Stream
    {
        public sealed class CutOffException(IOException inner) : Exception("The request body ended early.", inner);

        public static async Task<T> ReadingAsync<T>(Func<Task<T>> read)
        {
            try
            {
                return await read();
            }
            catch (IOException e) when (e is not BadHttpRequestException { StatusCode: 413 })
            {
                throw new CutOffException(e);
            }
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(ReadingAsync(() => inner.ReadAsync(buffer, cancellationToken).AsTask()));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the upload asynchronously.");

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);

    public async ValueTask DisposeAsync()
    {
        if (File is not null) await File.DisposeAsync();
    }
}
