using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Common;
using SearchFirm.Features.Documents;
using SearchFirm.Web.Portal;

namespace SearchFirm.Api.Endpoints;

/// <summary>
/// The candidate portal's plain multi-file form (POST /portal/documents): the antiforgery token, the
/// kind, then any number of files, read section by section and each streamed into its own
/// <see cref="StagedUpload"/> and sent as the API's <see cref="UploadDocument"/>. One file refused
/// (too large, the wrong type, empty) is reported in words and leaves the others stored.
/// </summary>
internal static class PortalDocumentUploads
{
    /// <summary>A batch may hold this many files at the document size limit.</summary>
    public const int MaxFiles = 10;

    public static async Task<IReadOnlyList<UploadOutcome>> ReceiveAsync(HttpContext context, DocumentOptions options, IAntiforgery antiforgery, ISender sender,
        Guid candidateId, CancellationToken ct)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
            throw new UnsupportedContentException("unsupported-media-type", "Send the documents as multipart/form-data.");

        var outcomes = new List<UploadOutcome>();
        DocumentKind? kind = null;
        var checkedOrigin = false;
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 8, HeadersLengthLimit = 8 * 1024 };
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                switch (HeaderUtilities.RemoveQuotes(disposition.Name).Value)
                {
                    case "__RequestVerificationToken":
                        // The form's token comes first: validated as if sent in the header, so the files are never buffered to check it.
                        request.Headers["RequestVerificationToken"] = await FieldAsync(section.Body, ct);
                        await antiforgery.ValidateRequestAsync(context);
                        checkedOrigin = true;
                        break;
                    case "kind":
                        kind = Enum.TryParse<DocumentKind>(await FieldAsync(section.Body, ct), ignoreCase: true, out var k) ? k : null;
                        break;
                    case "files" when checkedOrigin:
                        var name = DocumentUploadForm.FileNameOf(disposition);
                        if (string.IsNullOrEmpty(name)) continue; // the picker sent nothing
                        if (outcomes.Count >= MaxFiles)
                        {
                            outcomes.Add(new UploadOutcome(name, false, $"Send at most {MaxFiles} files at once."));
                            continue;
                        }
                        outcomes.Add(await UploadAsync(section.Body, name, kind, options, sender, candidateId, ct));
                        break;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            outcomes.Add(new UploadOutcome("", false, "The upload was cut off before it finished; send the files again."));
        }

        if (!checkedOrigin) throw new AntiforgeryValidationException("The form's antiforgery token is missing.");
        return outcomes;
    }

    private static async Task<UploadOutcome> UploadAsync(Stream body, string name, DocumentKind? kind, DocumentOptions options, ISender sender, Guid candidateId, CancellationToken ct)
    {
        try
        {
            await using var file = await StagedUpload.CreateAsync(body, name, options.MaxBytes, options.StagingDirectory, ct);
            await sender.Send(new UploadDocument(candidateId, kind, file), ct);
            return new UploadOutcome(name, true, null);
        }
        catch (PayloadTooLargeException)
        {
            return new UploadOutcome(name, false, $"This file is larger than the {options.MaxBytes / (1024 * 1024)} MB limit.");
        }
        catch (UnsupportedContentException e)
        {
            return new UploadOutcome(name, false, e.Message);
        }
        catch (ValidationException e)
        {
            return new UploadOutcome(name, false, string.Join(" ", e.Errors.Select(f => f.ErrorMessage)));
        }
    }

    private static async Task<string> FieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[1025];
        var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return length > 1024 ? "" : System.Text.Encoding.UTF8.GetString(buffer, 0, length).Trim();
    }

}
