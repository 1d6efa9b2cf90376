using System.Security.Cryptography;
using System.Text;

namespace SearchFirm.Features.Committees;

/// <summary>
/// Sign-in links and board sessions carry 256 random bits; only their SHA-256 is stored, so a copy
/// of the database opens no session. Board tokens start with a prefix that staff tokens never have.
/// </summary>
internal static class BoardTokens
{
    public const string SessionPrefix = "brd_";
    public const string LinkPrefix = "lnk_";

    public static string NewSession() => SessionPrefix + Random();

    public static string NewLink() => LinkPrefix + Random();

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Random() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
