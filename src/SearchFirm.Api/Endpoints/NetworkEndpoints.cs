using System.ComponentModel;
using Mediator;
using FluentValidation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using FluentValidation.Results;
using SearchFirm.Features.Common;
using SearchFirm.Features.Network;

namespace SearchFirm.Api.Endpoints;

/// <summary>The referral network: people, relationships, referrals, warm paths, import.</summary>
internal static class NetworkEndpoints
{
    public sealed record ReferralBody([property: Description(PersonIds.Described)] Guid? ReferrerPersonId, Guid? CandidateId, Guid? SearchId, string? Note);

    public static void MapNetwork(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("Network").RequireAuthorization();

        people.MapPost("/", async (CreatePerson request, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(request, ct);
                return TypedResults.Created($"/api/people/{created.Id}", created);
            })
            .WithSummary("Add a person the firm knows, with their employment history")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        people.MapGet("/{id}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetPerson(id), ct)))
            .WithSummary("One person with their employment history (a person's id, or a member of staff's or candidate's id)")
            .WithProblems(StatusCodes.Status404NotFound);

        people.MapGet("/{id}/warm-paths", async ([Description(PersonIds.Described)] Guid id, int? maxHops, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FindWarmPaths(id, maxHops), ct)))
            .WithSummary("The best 3 introduction paths from the caller and their colleagues to this person, or candidate, by hops then weakest link (maxHops 1..4, default 3)")
            .WithProblems(StatusCodes.Status404NotFound);

        app.MapPost("/api/relationships", async (CreateRelationship request, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(request, ct);
                // No route reads one alone: no Location rather than one that answers 404.
                return TypedResults.Created((string?)null, created);
            })
            .RequireAuthorization()
            .WithTags("Network")
            .WithSummary("Record how two people know each other (kind, strength 1..5, source, since, searchId); a member of staff's or candidate's id is their person")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        app.MapPost("/api/referrals", async (ReferralBody body, ISender sender, CancellationToken ct) =>
            {
                // The search decides who may send this (team only), so it must be known before anything else.
                var searchId = body.SearchId ?? throw new ValidationException([new ValidationFailure("searchId", "'searchId' must not be empty.")]);
                var created = await sender.Send(new CreateReferral(searchId, body.ReferrerPersonId, body.CandidateId, body.Note), ct);
                // No route reads one alone: no Location rather than one that answers 404.
                return TypedResults.Created((string?)null, created);
            })
            .RequireAuthorization()
            .WithTags("Network")
            .WithSummary("Record who referred a candidate for a search (team only)")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        var network = app.MapGroup("/api/network").WithTags("Network").RequireAuthorization();

        network.MapGet("/referrers", async (int? top, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListReferrers(top), ct)))
            .WithSummary("Referrers with their referrals, presented and placed (on the caller's searches; all for an admin)")
            .WithProblems();

        var importMaxBytes = app.ServiceProvider.GetRequiredService<IOptions<NetworkOptions>>().Value.ImportMaxBytes;
        network.MapPost("/import", async (HttpRequest http, ISender sender, IOptions<NetworkOptions> options, CancellationToken ct) =>
            {
                if (!http.HasFormContentType)
                    throw new UnsupportedContentException("unsupported-media-type", "Send multipart/form-data with a people and/or a relationships file.");
                // Imports are big: raise this request's limits (the host's default is 1 MiB) to the configured cap.
                var limit = options.Value.ImportMaxBytes;
                if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
                http.HttpContext.Features.Set<IFormFeature>(new FormFeature(http, new FormOptions { MultipartBodyLengthLimit = limit }));
                var form = await http.ReadFormAsync(ct);
                await using var people = form.Files.GetFile("people")?.OpenReadStream();
                await using var relationships = form.Files.GetFile("relationships")?.OpenReadStream();
                return TypedResults.Ok(await sender.Send(new ImportNetwork(people, relationships), ct));
            })
            // The API's 1 MiB default would refuse any real import before it is read (413).
            .WithMetadata(new RequestSizeLimitAttribute(importMaxBytes))
            .WithSummary("Import people and relationships from CSV (multipart: people, relationships); rejected rows are reported (partner, admin)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        network.MapGet("/organisations/people", async (string? organisation, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FindPeopleAtOrganisation(organisation, limit), ct)))
            .WithSummary("Who we know there: people at an organisation within two hops of the firm's staff")
            .WithProblems();
    }
}
