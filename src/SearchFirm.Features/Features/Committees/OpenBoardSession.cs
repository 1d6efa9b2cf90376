using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Committees;

/// <summary>
/// POST /api/board/sessions {token}: exchanges a one-time sign-in link for a board session scoped to
/// that link's search only. The link is spent in the same UPDATE that checks it, so two
/// exchanges of one link open one session. Expired, used or voided links: 401 saying which.
/// </summary>
[AllowAnonymous]
public sealed record OpenBoardSession(string? Token) : ICommand<BoardSession>;

public sealed record BoardSession(string AccessToken, DateTimeOffset ExpiresAt, Guid SearchId, Guid MemberId, string Name);

public sealed class OpenBoardSessionValidator : AbstractValidator<OpenBoardSession>
{
    public OpenBoardSessionValidator() => RuleFor(x => x.Token).NotEmpty().MaximumLength(200);
}

internal sealed class OpenBoardSessionHandler(DbSession session, AuditTrail audit, IOptions<BoardOptions> options, TimeProvider clock)
    : ICommandHandler<OpenBoardSession, BoardSession>
{
    private const string SpendSql = """
        UPDATE BoardSignInLinks SET UsedAt = @Now
        WHERE TokenHash = @TokenHash AND UsedAt IS NULL AND RevokedAt IS NULL AND ExpiresAt > @Now
        """;
    private const string LinkSql = """
        SELECT l.MemberId, l.ExpiresAt, l.UsedAt, l.RevokedAt, m.SearchId, m.Name
        FROM BoardSignInLinks l JOIN CommitteeMembers m ON m.Id = l.MemberId
        WHERE l.TokenHash = @TokenHash
        """;
    private const string InsertSessionSql = """
        INSERT INTO BoardSessions (Id, MemberId, SearchId, TokenHash, CreatedAt, ExpiresAt) VALUES (@Id, @MemberId, @SearchId, @TokenHash, @Now, @ExpiresAt)
        """;
    private const string SignedInSql = "UPDATE CommitteeMembers SET LastSignInAt = @Now WHERE Id = @MemberId";

    public async ValueTask<BoardSession> Handle(OpenBoardSession command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var now = clock.GetUtcNow();
        var link = await OneTimeLinks.SpendAsync<LinkRow>(connection, tx, SpendSql, LinkSql, BoardTokens.Hash(command.Token!.Trim()), now, cancellationToken);

        var token = BoardTokens.NewSession();
        var expires = now + options.Value.SessionLifetime;
        await connection.ExecuteAsync(new CommandDefinition(InsertSessionSql, new
        {
            Id = Ids.New(), link.MemberId, link.SearchId, TokenHash = BoardTokens.Hash(token), Now = now, ExpiresAt = expires,
        }, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(SignedInSql, new { link.MemberId, Now = now }, tx, cancellationToken: cancellationToken));
        await audit.RecordAsync("BoardSignIn", "CommitteeMember", link.MemberId, link.SearchId, cancellationToken);
        return new BoardSession(token, expires, link.SearchId, link.MemberId, link.Name);
    }

    private sealed class LinkRow : IOneTimeLink
    {
        public Guid MemberId { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? UsedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public Guid SearchId { get; init; }
        public string Name { get; init; } = "";
    }
}
