using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Portal;

/// <summary>
/// POST /api/portal/sessions {token}: exchanges a candidate's one-time sign-in link for a portal
/// session. The link is spent in the same UPDATE that checks it, so two exchanges open one session.
/// Expired, used or replaced links, and links of an erased candidate: 401 saying which.
/// </summary>
[AllowAnonymous]
public sealed record OpenCandidateSession(string? Token) : ICommand<CandidatePortalSession>;

public sealed record CandidatePortalSession(string AccessToken, DateTimeOffset ExpiresAt, Guid CandidateId);

public sealed class OpenCandidateSessionValidator : AbstractValidator<OpenCandidateSession>
{
    public OpenCandidateSessionValidator() => RuleFor(x => x.Token).NotEmpty().MaximumLength(200);
}

internal sealed class OpenCandidateSessionHandler(DbSession session, AuditTrail audit, IOptions<PortalOptions> options, TimeProvider clock)
    : ICommandHandler<OpenCandidateSession, CandidatePortalSession>
{
    private const string SpendSql = """
        UPDATE CandidatePortalLinks SET UsedAt = @Now
        WHERE TokenHash = @TokenHash AND UsedAt IS NULL AND RevokedAt IS NULL AND ExpiresAt > @Now
          AND EXISTS (SELECT 1 FROM Candidates c WHERE c.Id = CandidatePortalLinks.CandidateId AND c.ErasedAt IS NULL)
        """;
    private const string LinkSql = "SELECT CandidateId, ExpiresAt, UsedAt, RevokedAt FROM CandidatePortalLinks WHERE TokenHash = @TokenHash";
    private const string InsertSessionSql = """
        INSERT INTO CandidateSessions (Id, CandidateId, TokenHash, CreatedAt, ExpiresAt) VALUES (@Id, @CandidateId, @TokenHash, @Now, @ExpiresAt)
        """;

    public async ValueTask<CandidatePortalSession> Handle(OpenCandidateSession command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var now = clock.GetUtcNow();
        var link = await OneTimeLinks.SpendAsync<LinkRow>(connection, tx, SpendSql, LinkSql, PortalTokens.Hash(command.Token!.Trim()), now, cancellationToken);

        var token = PortalTokens.NewSession();
        var expires = now + options.Value.SessionLifetime;
        await connection.ExecuteAsync(new CommandDefinition(InsertSessionSql, new
        {
            Id = Ids.New(), link.CandidateId, TokenHash = PortalTokens.Hash(token), Now = now, ExpiresAt = expires,
        }, tx, cancellationToken: cancellationToken));
        audit.CandidateSigningIn(link.CandidateId);
        await audit.RecordAsync("CandidateSignIn", "Candidate", link.CandidateId, null, cancellationToken);
        return new CandidatePortalSession(token, expires, link.CandidateId);
    }

    private sealed class LinkRow : IOneTimeLink
    {
        public Guid CandidateId { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? UsedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }
}
