using System.Net;
using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Common;
using SearchFirm.Features.Common.Email;

namespace SearchFirm.Features.Committees;

/// <summary>
/// "Send me a new link": a committee member whose link or session has run out types their e-mail
/// address and gets a fresh one-time link for each committee they sit on (searches not cancelled).
/// The answer is the same whether or not the address is known, so that nobody learns who is on a
/// committee; a member gets at most three links (invitations included) in fifteen minutes, so the
/// form cannot be turned into a way to flood someone's inbox.
/// </summary>
[AllowAnonymous]
public sealed record SendBoardSignInLink(string? Email) : ICommand<SignInLinkRequested>;

public sealed record SignInLinkRequested(string Message)
{
    /// <summary>The one answer, whoever asked.</summary>
    internal static SignInLinkRequested Sent => new("If that address belongs to a member of a search committee, a new sign-in link is on its way. It works once; check your inbox in a minute.");
}

public sealed class SendBoardSignInLinkValidator : AbstractValidator<SendBoardSignInLink>
{
    public SendBoardSignInLinkValidator() => RuleFor(x => x.Email).ValidEmail();
}

internal sealed class SendBoardSignInLinkHandler(DbSession session, AfterCommit afterCommit, IEmailSender email, IOptions<BoardOptions> options,
    IOptions<BriefsOptions> briefs, IPublicAddress publicAddress, TimeProvider clock) : ICommandHandler<SendBoardSignInLink, SignInLinkRequested>
{
    private const string MembersSql = """
        SELECT m.Id, m.Name, m.Email, s.CodeName, s.Title, s.ClientDisclosed, c.Name AS ClientName,
               (SELECT COUNT(*) FROM BoardSignInLinks l WHERE l.MemberId = m.Id AND l.CreatedAt > @Since) AS RecentLinks
        FROM CommitteeMembers m JOIN Searches s ON s.Id = m.SearchId JOIN Clients c ON c.Id = s.ClientId
        WHERE m.Email = @Email AND s.Status <> 'Cancelled'
        """;

    public async ValueTask<SignInLinkRequested> Handle(SendBoardSignInLink command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var members = await connection.QueryAsync<MemberRow>(new CommandDefinition(MembersSql,
            new { Email = command.Email!.Trim(), Since = now - OneTimeLinks.LimitWindow }, session.Transaction, cancellationToken: cancellationToken));
        foreach (var member in members.Where(m => m.RecentLinks < OneTimeLinks.LimitPerWindow))
        {
            var expires = now + options.Value.LinkLifetime;
            var token = await BoardLinks.IssueAsync(connection, session.Transaction, member.Id, now, expires, cancellationToken);
            var message = Message(member, BoardLinks.Url(publicAddress, options.Value, token));
            afterCommit.Add(ct => email.SendAsync(message, ct));
        }
        return SignInLinkRequested.Sent;
    }

    /// <summary>Names the search as the committee knows it (code name until disclosure), never a candidate.</summary>
    private EmailMessage Message(MemberRow member, string link)
    {
        var firm = briefs.Value.FirmName;
        var label = member.ClientDisclosed ? $"{member.Title}, {member.ClientName}" : $"{member.Title} ({member.CodeName})";
        var text = $"""
            Dear {member.Name},

            Here is a new sign-in link to the committee's shortlist for {label}. It works once:
            {link}

            If you did not ask for it, you can ignore this e-mail. Please do not forward it: the link is yours alone.

            {firm}
            """;
        var html = $"""
            <p>Dear {WebUtility.HtmlEncode(member.Name)},</p>
            <p>Here is a new sign-in link to the committee's shortlist for <strong>{WebUtility.HtmlEncode(label)}</strong>: <a href="{WebUtility.HtmlEncode(link)}">sign in to the shortlist</a>. It works once.</p>
            <p>If you did not ask for it, you can ignore this e-mail. Please do not forward it: the link is yours alone.</p>
            <p>{WebUtility.HtmlEncode(firm)}</p>
            """;
        return new EmailMessage(member.Email, member.Name, $"Confidential: your new sign-in link for {member.CodeName}", text, html);
    }

    private sealed class MemberRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string CodeName { get; init; } = "";
        public string Title { get; init; } = "";
        public bool ClientDisclosed { get; init; }
        public string ClientName { get; init; } = "";
        public long RecentLinks { get; init; }
    }
}
