using SearchFirm.Features.Common;

namespace SearchFirm.Features.Committees;

/// <summary>
/// Sign-in links and board sessions (<see cref="SecretTokens"/>). Board tokens start with a prefix
/// that staff tokens never have.
/// </summary>
internal static class BoardTokens
{
    public const string SessionPrefix = "brd_";
    public const string LinkPrefix = "lnk_";

    public static string NewSession() => SecretTokens.New(SessionPrefix);

    public static string NewLink() => SecretTokens.New(LinkPrefix);

    public static string Hash(string token) => SecretTokens.Hash(token);
}
