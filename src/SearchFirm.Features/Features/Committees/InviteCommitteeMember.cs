using System.Net;
using System.Text.Json.Serialization;
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
/// POST /api/searches/{id}/committee: invites a client's board member to review this search's
/// shortlist. The member gets a one-time, expiring sign-in link by e-mail (sent only after the
/// commit). Inviting the same e-mail again sends a fresh link and voids the unused ones.
/// </summary>
public sealed record InviteCommitteeMember : ICommand<CommitteeInvitation>, ISearchScoped
{
    [JsonIgnore]
    public Guid SearchId { get; init; }

    public string? Email { get; init; }
    public string? Name { get; init; }

    /// <summary>Voting when left out for a new member; inviting again without it keeps the member's role.</summary>
    public CommitteeRole? Role { get; init; }
}

public sealed record CommitteeInvitation(Guid Id, string Email, string Name, DateTimeOffset LinkExpiresAt, CommitteeRole Role);

public sealed class InviteCommitteeMemberValidator : AbstractValidator<InviteCommitteeMember>
{
    public InviteCommitteeMemberValidator()
    {
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.Name).Text(200);
        RuleFor(x => x.Role).IsInEnum();
    }
}

internal sealed class InviteCommitteeMemberHandler(DbSession session, ICurrentUser user, AfterCommit afterCommit, IEmailSender email,
    IOptions<BoardOptions> options, IOptions<BriefsOptions> briefs, IPublicAddress publicAddress, TimeProvider clock) : ICommandHandler<InviteCommitteeMember, CommitteeInvitation>
{
    private const string MemberSql = "SELECT Id, Role FROM CommitteeMembers WHERE SearchId = @SearchId AND Email = @Email";
    private const string InsertMemberSql = """
        INSERT INTO CommitteeMembers (Id, SearchId, Email, Name, InvitedBy, InvitedAt, Role)
        VALUES (@Id, @SearchId, @Email, @Name, @UserId, @Now, @Role)
        """;
    private const string RenameSql = "UPDATE CommitteeMembers SET Name = @Name, Role = @Role WHERE Id = @Id";
    private const string SearchSql = """
        SELECT s.Title, s.CodeName, s.ClientDisclosed, c.Name AS ClientName
        FROM Searches s JOIN Clients c ON c.Id = s.ClientId WHERE s.Id = @SearchId
        """;

    public async ValueTask<CommitteeInvitation> Handle(InviteCommitteeMember command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var address = command.Email!.Trim();
        var name = command.Name!.Trim();
        var now = clock.GetUtcNow();
        var existing = await connection.QuerySingleOrDefaultAsync<ExistingMember>(new CommandDefinition(MemberSql, new { command.SearchId, Email = address }, tx, cancellationToken: cancellationToken));
        var role = command.Role ?? (existing is null ? CommitteeRole.Voting : Enum.Parse<CommitteeRole>(existing.Role));
        Guid? id = existing?.Id;
        if (id is null)
        {
            id = Ids.New();
            await connection.ExecuteAsync(new CommandDefinition(InsertMemberSql, new { Id = id, command.SearchId, Email = address, Name = name, UserId = user.Id, Now = now, Role = role.ToString() }, tx, cancellationToken: cancellationToken));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(RenameSql, new { Id = id, Name = name, Role = role.ToString() }, tx, cancellationToken: cancellationToken));
        }

        var expires = now + options.Value.LinkLifetime;
        var token = await BoardLinks.IssueAsync(connection, tx, id.Value, now, expires, cancellationToken);

        var search = await connection.QuerySingleAsync<SearchRow>(new CommandDefinition(SearchSql, command, tx, cancellationToken: cancellationToken));
        var message = Invitation(address, name, search, token, expires);
        // The link exists only once the transaction commits; a rolled-back invitation sends nothing.
        afterCommit.Add(ct => email.SendAsync(message, ct));
        return new CommitteeInvitation(id.Value, address, name, expires, role);
    }

    /// <summary>Names the search as the committee knows it (code name until disclosure) and never a candidate.</summary>
    private EmailMessage Invitation(string address, string name, SearchRow search, string token, DateTimeOffset expires)
    {
        var firm = briefs.Value.FirmName;
        var label = search.ClientDisclosed ? $"{search.Title}, {search.ClientName}" : $"{search.Title} ({search.CodeName})";
        var link = BoardLinks.Url(publicAddress, options.Value, token);
        var until = expires.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var text = $"""
            Dear {name},

            {firm} invites you to review the shortlist for {label} as a member of the search committee.

            Sign in with this link. It works once and expires on {until}:
            {link}

            If it has expired or been used, ask the search team for a new one. Please do not forward this e-mail: the link is yours alone, and every brief you download carries your name.

            {firm}
            """;
        var html = $"""
            <p>Dear {WebUtility.HtmlEncode(name)},</p>
            <p>{WebUtility.HtmlEncode(firm)} invites you to review the shortlist for <strong>{WebUtility.HtmlEncode(label)}</strong> as a member of the search committee.</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">Sign in to the committee's shortlist</a>. The link works once and expires on {until}.</p>
            <p>If it has expired or been used, ask the search team for a new one. Please do not forward this e-mail: the link is yours alone, and every brief you download carries your name.</p>
            <p>{WebUtility.HtmlEncode(firm)}</p>
            """;
        return new EmailMessage(address, name, $"Confidential: your access to the {search.CodeName} shortlist", text, html);
    }

    private sealed class ExistingMember
    {
        public Guid Id { get; init; }
        public string Role { get; init; } = "";
    }

    private sealed class SearchRow
    {
        public string Title { get; init; } = "";
        public string CodeName { get; init; } = "";
        public bool ClientDisclosed { get; init; }
        public string ClientName { get; init; } = "";
    }
}
