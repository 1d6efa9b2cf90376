using System.Reflection;
using Mediator;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;

namespace SearchFirm.Features.Pipeline;

/// <summary>
/// Enforces what the request declares: a board session for <see cref="IBoardRequest"/>; a candidate
/// session for <see cref="ICandidateRequest"/>, and for <see cref="IAlsoForTheCandidate"/> sent by a candidate about themselves; signed in (unless <see cref="AllowAnonymousAttribute"/>),
/// the roles of <see cref="RequireRoleAttribute"/>, and team membership for <see cref="ISearchScoped"/>
/// <see cref="ICandidacyScoped"/> and <see cref="IBriefScoped"/> requests. Team membership is checked before roles, so that someone off the team learns nothing (404).
/// An admin reading a search they are not on is let through and audited: admins see everything, and that is audited.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser user, ICurrentBoardMember board, ICurrentCandidate candidate, SearchAccess searchAccess,
    Audit.AuditTrail audit)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly bool Anonymous = typeof(TMessage).GetCustomAttribute<AllowAnonymousAttribute>() is not null;
    private static readonly IReadOnlyList<Role>? Roles = typeof(TMessage).GetCustomAttribute<RequireRoleAttribute>()?.Roles;

    /// <summary>The audit action of an admin reading a search they are not on: "AdminRead" and what they asked (AdminReadGetPipeline).</summary>
    private static readonly string AdminRead = "AdminRead" + typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Open to anyone, whoever else they are signed in as (a candidate opening a new link's session).
        if (Anonymous)
            return await next(message, cancellationToken);

        if (message is ICandidateRequest)
        {
            // Portal routes: a candidate session and nothing else. Handlers read only that candidate's data.
            if (!candidate.IsSignedIn)
                throw new UnauthorizedException("Sign in with the link the search team sent you.");
        }
        else if (candidate.IsSignedIn)
        {
            // A candidate on a staff route: only a request marked for "the candidate for their own" (IAlsoForTheCandidate).
            if (message is not IAlsoForTheCandidate own)
                throw new UnauthorizedException();
            if (own.AboutCandidate is { } about && about != candidate.CandidateId)
                throw new NotFoundException("candidate");
        }
        else if (message is IBoardRequest)
        {
            // Board routes: a board session and nothing else. What it may see of its search: BoardVisibilityBehaviour.
            if (!board.IsSignedIn)
                throw new UnauthorizedException("Sign in with the link the search team sent you.");
        }
        else
        {
            // Staff requests: a board member's session is not a staff sign-in.
            if (board.IsSignedIn || !user.IsAuthenticated || user.Role is null)
                throw new UnauthorizedException();

            (string Type, Guid Id, Guid SearchId)? read = null;
            if (message is ISearchScoped scoped)
            {
                if (!await searchAccess.CanSeeAsync(scoped.SearchId, cancellationToken)) throw new NotFoundException("search");
                read = ("Search", scoped.SearchId, scoped.SearchId);
            }

            if (message is ICandidacyScoped candidacy)
            {
                var search = await searchAccess.SearchOfCandidacyAsync(candidacy.CandidacyId, cancellationToken) ?? throw new NotFoundException("candidacy");
                read = ("Candidacy", candidacy.CandidacyId, search);
            }

            if (message is IBriefScoped brief)
            {
                var search = await searchAccess.SearchOfBriefAsync(brief.BriefId, cancellationToken) ?? throw new NotFoundException("brief");
                read = ("Brief", brief.BriefId, search);
            }

            if (user.IsAdmin && message is IBaseQuery && read is { } what && !await searchAccess.IsOnTeamAsync(what.SearchId, cancellationToken))
                await audit.RecordAsync(AdminRead, what.Type, what.Id, what.SearchId, cancellationToken);

            if (Roles is { Count: > 0 } && !Roles.Contains(user.Role.Value))
                throw new ForbiddenException();
        }

        return await next(message, cancellationToken);
    }
}
