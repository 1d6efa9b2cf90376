using Microsoft.AspNetCore.Antiforgery;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using SearchFirm.Api.Hosting;
using SearchFirm.Features.Board;
using SearchFirm.Features.Committees;
using SearchFirm.Web.Board;

namespace SearchFirm.Api.Endpoints;

/// <summary>The committee: the team invites and follows it (staff routes); members review (board routes).</summary>
internal static class CommitteeEndpoints
{
    public sealed record SessionBody(string? Token);

    public static void MapCommittee(this IEndpointRouteBuilder app)
    {
        var team = app.MapGroup("/api/searches/{id}/committee").WithTags("Committee").RequireAuthorization();

        team.MapPost("/", async (Guid id, InviteCommitteeMember body, ISender sender, CancellationToken ct) =>
            {
                var invited = await sender.Send(body with { SearchId = id }, ct);
                // No route reads one alone: no Location rather than one that answers 404.
                return TypedResults.Created((string?)null, invited);
            })
            .WithSummary("Invite a board member: a one-time, expiring sign-in link by e-mail (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        team.MapGet("/feedback", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCommitteeFeedback(id), ct)))
            .WithSummary("Every member's scores; voting members' means and recommendations with advisory ones apart; conflicts declared; how long each member took and whether before the deadline (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        team.MapPut("/settings", async (Guid id, ChangeCommitteeSettings body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { SearchId = id }, ct)))
            .WithSummary("How results show to members after they score (PerMemberWithMean, TotalsOnly, UnrankedFinalists) and the decision deadline (lead partner, admin)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        team.MapPut("/members/{memberId}/role", async (Guid id, Guid memberId, ChangeCommitteeMemberRole body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { SearchId = id, MemberId = memberId }, ct)))
            .WithSummary("Make a committee member Voting or Advisory (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        var board = app.MapGroup("/api/board").WithTags("Board").RequireAuthorization(ServiceRegistration.BoardPolicy);

        board.MapPost("/sessions", async (SessionBody body, ISender sender, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await OpenAsync(body.Token, sender, context, ct)))
            .AllowAnonymous()
            .WithSummary("Exchange a one-time sign-in link for a session scoped to its search; 401 says why a link is refused")
            .WithProblems();

        board.MapGet("/searches/{id}/shortlist", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetBoardShortlist(id), ct)))
            .WithSummary("The candidates presented to this committee, the criteria to score and the briefs ready (committee member)")
            .WithProblems(StatusCodes.Status404NotFound);

        board.MapGet("/briefs/{id}/pdf", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                var file = await sender.Send(new GetBoardBriefPdf(id), ct);
                return TypedResults.File(file.Content, "application/pdf", file.FileName);
            })
            .WithSummary("A committee brief, stamped on every page with the member's name and the time (committee member)")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithProblems(StatusCodes.Status404NotFound);

        board.MapPost("/candidacies/{id}/feedback", async (Guid id, SubmitFeedback body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { CandidacyId = id }, ct)))
            .WithSummary("Score a presented candidate on every criterion (1-5), rate (1-5), recommend Advance, Hold or Decline; 422 conflict-of-interest-declared or deadline-passed (committee member)")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        board.MapPost("/candidacies/{id}/conflict-of-interest", async (Guid id, DeclareConflictOfInterest body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { CandidacyId = id }, ct)))
            .WithSummary("Declare a conflict of interest with a presented candidate: the member no longer scores them, and feedback already given is withdrawn (committee member)")
            .WithProblems(StatusCodes.Status404NotFound);

        board.MapGet("/candidacies/{id}/feedback", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetBoardFeedback(id), ct)))
            .WithSummary("The member's own feedback; colleagues' only after submitting one's own (committee member)")
            .WithProblems(StatusCodes.Status404NotFound);

        // The link in the e-mail (SignInLinks).
        app.MapSignInLink<BoardSession, SignInPage>("/board", BoardSessionAuthentication.BoardCookie, async (token, sender, ct) =>
        {
            var session = await sender.Send(new OpenBoardSession(token), ct);
            return (session, session.AccessToken, session.ExpiresAt);
        });
        app.MapPost("/board/sign-out", async (HttpContext context, ISender sender, IAntiforgery antiforgery, CancellationToken ct) =>
            {
                await antiforgery.ValidateRequestAsync(context);
                if (context.Request.Cookies[BoardSessionAuthentication.BoardCookie] is { Length: > 0 } token && context.User.Identity?.IsAuthenticated == true)
                    await sender.Send(new EndBoardSession(token), ct);
                SignInLinks.ClearCookie(context, BoardSessionAuthentication.BoardCookie);
                return TypedResults.Redirect("/board/signed-out");
            })
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<BoardSession> OpenAsync(string? token, ISender sender, HttpContext context, CancellationToken ct)
    {
        var session = await sender.Send(new OpenBoardSession(token), ct);
        SignInLinks.SetCookie(context, BoardSessionAuthentication.BoardCookie, session.AccessToken, session.ExpiresAt);
        return session;
    }
}
