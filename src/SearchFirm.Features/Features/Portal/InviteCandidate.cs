using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Dapper;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;
using SearchFirm.Features.Common.Email;

namespace SearchFirm.Features.Portal;

/// <summary>
/// POST /api/candidates/{id}/invitations: invites a candidate to the portal with a one-time,
/// expiring sign-in link by e-mail, sent only after the commit. Re-inviting voids the unused links.
/// Who: staff on the team of a search the candidate is in, or an admin (403 for other staff, who
/// may see the candidate but are not working with them; 404 for a candidate missing or erased).
/// The e-mail names the searches the candidate knows of by code name, the client only once disclosed.
/// </summary>
public sealed record InviteCandidate : ICommand<CandidateInvitation>, IAudited
{
    [JsonIgnore]
    public Guid CandidateId { get; init; }

    [JsonIgnore]
    public string EntityType => "Candidate";

    [JsonIgnore]
    Guid? IAudited.EntityId => CandidateId;
}

public sealed record CandidateInvitation(Guid Id, Guid CandidateId, DateTimeOffset LinkExpiresAt);

internal sealed class InviteCandidateHandler(DbSession session, ICurrentUser user, AfterCommit afterCommit, IEmailSender email,
    IOptions<PortalOptions> options, IOptions<BriefsOptions> briefs, IPublicAddress publicAddress, TimeProvider clock) : ICommandHandler<InviteCandidate, CandidateInvitation>
{
    private const string CandidateSql = "SELECT FirstName, LastName, Email FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";
    private const string OnTeamSql = """
        SELECT COUNT(*) FROM Candidacies cy JOIN SearchTeamMembers t ON t.SearchId = cy.SearchId
        WHERE cy.CandidateId = @CandidateId AND t.UserId = @UserId
        """;
    private const string SearchesSql = """
        SELECT s.CodeName, s.Title, c.Kind AS ClientKind, c.Name AS ClientName, CASE WHEN cy.ClientDisclosedAt IS NULL THEN 0 ELSE 1 END AS Disclosed
        FROM Candidacies cy JOIN Searches s ON s.Id = cy.SearchId JOIN Clients c ON c.Id = s.ClientId
        WHERE cy.CandidateId = @CandidateId AND
        """ + " " + PortalCandidacies.KnownToCandidate + " ORDER BY cy.CreatedAt";

    public async ValueTask<CandidateInvitation> Handle(InviteCandidate command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var candidate = await connection.QuerySingleOrDefaultAsync<CandidateRow>(new CommandDefinition(CandidateSql, command, tx, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("candidate");
        if (!user.IsAdmin && await connection.ExecuteScalarAsync<long>(new CommandDefinition(OnTeamSql,
                new { command.CandidateId, UserId = user.Id }, tx, cancellationToken: cancellationToken)) == 0)
            throw new ForbiddenException("Only the team of a search the candidate is in, or an admin, may invite them to the portal.");
        if (string.IsNullOrWhiteSpace(candidate.Email))
            throw new RuleViolationException("email-required", "The candidate has no e-mail address to send the sign-in link to; add one to their profile first.");

        var now = clock.GetUtcNow();
        var expires = now + options.Value.LinkLifetime;
        var (id, token) = await PortalLinks.IssueAsync(connection, tx, command.CandidateId, user.Id, now, expires, cancellationToken);

        var searches = (await connection.QueryAsync<SearchRow>(new CommandDefinition(SearchesSql, command, tx, cancellationToken: cancellationToken))).AsList();
        var message = Invitation(candidate, searches, token, expires);
        // The link exists only once the transaction commits; a rolled-back invitation sends nothing.
        afterCommit.Add(ct => email.SendAsync(message, ct));
        return new CandidateInvitation(id, command.CandidateId, expires);
    }

    private EmailMessage Invitation(CandidateRow candidate, IReadOnlyList<SearchRow> searches, string token, DateTimeOffset expires)
    {
        var firm = briefs.Value.FirmName;
        var name = $"{candidate.FirstName} {candidate.LastName}".Trim();
        var link = PortalLinks.Url(publicAddress, options.Value, token);
        var until = expires.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var labels = searches.Select(Label).ToList();
        var about = labels.Count == 0 ? "" : "You will find there: " + string.Join("; ", labels) + ".";
        var text = $"""
            Dear {name},

            {firm} invites you to your confidential candidate portal. There you can keep your profile current, share your CV and other documents, give or withdraw consent, see where you stand and withdraw at any time. {about}

            Sign in with this link. It works once and expires on {until}:
            {link}

            If it has expired or been used, ask the search team for a new one. Please do not forward this e-mail: the link is yours alone.

            {firm}
            """;
        var html = $"""
            <p>Dear {WebUtility.HtmlEncode(name)},</p>
            <p>{WebUtility.HtmlEncode(firm)} invites you to your confidential candidate portal. There you can keep your profile current, share your CV and other documents, give or withdraw consent, see where you stand and withdraw at any time. {WebUtility.HtmlEncode(about)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">Sign in to your candidate portal</a>. The link works once and expires on {until}.</p>
            <p>If it has expired or been used, ask the search team for a new one. Please do not forward this e-mail: the link is yours alone.</p>
            <p>{WebUtility.HtmlEncode(firm)}</p>
            """;
        return new EmailMessage(candidate.Email!, name, $"Confidential: your candidate portal at {firm}", text, html);
    }

    /// <summary>The code name always; the client's name only once the team disclosed it to this candidate.</summary>
    private static string Label(SearchRow s) => s.Disclosed
        ? $"{s.CodeName}, {s.Title} at {s.ClientName}"
        : $"{s.CodeName}, {PortalCandidacies.Description(s.Title, Enum.Parse<ClientKind>(s.ClientKind), s.ClientName)}";

    private sealed class CandidateRow
    {
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string? Email { get; init; }
    }

    private sealed class SearchRow
    {
        public string CodeName { get; init; } = "";
        public string Title { get; init; } = "";
        public string ClientKind { get; init; } = "";
        public string ClientName { get; init; } = "";
        public bool Disclosed { get; init; }
    }
}
