using Mediator;

namespace SearchFirm.Features.Auth;

/// <summary>DELETE /api/auth/token: signs out by revoking the token the request carried.</summary>
public sealed record RevokeToken(string Token) : ICommand;

internal sealed class RevokeTokenHandler(AccessTokens tokens) : ICommandHandler<RevokeToken>
{
    public async ValueTask<Unit> Handle(RevokeToken command, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(command.Token, cancellationToken);
        return Unit.Value;
    }
}
