using Mediator;
using SearchFirm.Features.Audit;

namespace SearchFirm.Api.Endpoints;

internal static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization();

        audit.MapGet("/", async (Guid? entityId, Guid? actorId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
                ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAuditEvents(entityId, actorId, from, to, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("The audit trail (admin): who did or read what, when, from where; newest first, paged; from inclusive, to exclusive")
            .WithProblems(StatusCodes.Status403Forbidden);
    }
}
