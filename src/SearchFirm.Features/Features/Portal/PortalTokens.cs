using SearchFirm.Features.Common;

namespace SearchFirm.Features.Portal;

/// <summary>A candidate's sign-in links and sessions (<see cref="SecretTokens"/>); prefixes no staff or board token has.</summary>
internal static class PortalTokens
{
    public const string SessionPrefix = "cnd_";
    public const string LinkPrefix = "cpl_";

    public static string NewSession() => SecretTokens.New(SessionPrefix);

    public static string NewLink() => SecretTokens.New(LinkPrefix);

    public static string Hash(string token) => SecretTokens.Hash(token);
}
