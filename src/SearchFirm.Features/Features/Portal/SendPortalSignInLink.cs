using System.Net;
using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Common;
using SearchFirm.Features.Common.Email;

namespace SearchFirm.Features.Portal;

/// <summary>
/// "Send me a new link" for a candidate whose link or session ran out: a fresh one-time link to the
/// address, if a candidate the team invited to the portal has it (not erased). The answer is the
/// same either way, so nobody learns whom the firm knows; at most three links in fifteen minutes
/// (the team's invitations included), so the form cannot flood an inbox. The new link carries the
/// inviter of the last one: the team member who opened the portal to this candidate.
/// </summary>
[AllowAnonymous]
public sealed record SendPortalSignInLink(string? Email) : ICommand<SignInLinkSent>;

public sealed record SignInLinkSent(string Message)
{
    internal static SignInLinkSent Sent => new("If the search team invited that address to the portal, a new sign-in link is on its way. It works once; check your inbox in a minute.");
}

public sealed class SendPortalSignInLinkValidator : AbstractValidator<SendPortalSignInLink>
{
    public SendPortalSignInLinkValidator() => RuleFor(x => x.Email).ValidEmail();
}

internal sealed class SendPortalSignInLinkHandler(DbSession session, AfterCommit afterCommit, IEmailSender email, IOptions<PortalOptions> options,
    IOptions<BriefsOptions> briefs, IPublicAddress publicAddress, TimeProvider clock) : ICommandHandler<SendPortalSignInLink, SignInLinkSent>
{
    private const string CandidatesSql = """
        SELECT c.Id, c.FirstName, c.LastName, c.Email,
               (SELECT COUNT(*) FROM CandidatePortalLinks l WHERE l.CandidateId = c.Id AND l.CreatedAt > @Since) AS RecentLinks,
               (SELECT l.InvitedBy FROM CandidatePortalLinks l WHERE l.CandidateId = c.Id
                  AND l.CreatedAt = (SELECT MAX(m.CreatedAt) FROM CandidatePortalLinks m WHERE m.CandidateId = c.Id)) AS InvitedBy
        FROM Candidates c
        WHERE c.Email = @Email AND c.ErasedAt IS NULL
          AND EXISTS (SELECT 1 FROM CandidatePortalLinks e WHERE e.CandidateId = c.Id)
        """;

    public async ValueTask<SignInLinkSent> Handle(SendPortalSignInLink command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var now = clock.GetUtcNow();
        var candidates = await connection.QueryAsync<CandidateRow>(new CommandDefinition(CandidatesSql,
            new { Email = command.Email!.Trim(), Since = now - OneTimeLinks.LimitWindow }, tx, cancellationToken: cancellationToken));
        foreach (var candidate in candidates.Where(c => c.RecentLinks < OneTimeLinks.LimitPerWindow && c.InvitedBy is not null))
        {
            var (_, token) = await PortalLinks.IssueAsync(connection, tx, candidate.Id, candidate.InvitedBy!.Value, now, now + options.Value.LinkLifetime, cancellationToken);
            var message = Message(candidate, PortalLinks.Url(publicAddress, options.Value, token));
            afterCommit.Add(ct => email.SendAsync(message, ct));
        }
        return SignInLinkSent.Sent;
    }

    private EmailMessage Message(CandidateRow candidate, string link)
    {
        var firm = briefs.Value.FirmName;
        var name = $"{candidate.FirstName} {candidate.LastName}".Trim();
        var text = $"""
            Dear {name},

            Here is a new sign-in link to your confidential candidate portal at {firm}. It works once:
            {link}

            If you did not ask for it, you can ignore this e-mail. Please do not forward it: the link is yours alone.

            {firm}
            """;
        var html = $"""
            <p>Dear {WebUtility.HtmlEncode(name)},</p>
            <p>Here is a new sign-in link to your confidential candidate portal at {WebUtility.HtmlEncode(firm)}: <a href="{WebUtility.HtmlEncode(link)}">sign in to your portal</a>. It works once.</p>
            <p>If you did not ask for it, you can ignore this e-mail. Please do not forward it: the link is yours alone.</p>
            <p>{WebUtility.HtmlEncode(firm)}</p>
            """;
        return new EmailMessage(candidate.Email, name, $"Your new sign-in link to {firm}'s candidate portal", text, html);
    }

    private sealed class CandidateRow
    {
        public Guid Id { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string Email { get; init; } = "";
        public long RecentLinks { get; init; }
        public Guid? InvitedBy { get; init; }
    }
}
