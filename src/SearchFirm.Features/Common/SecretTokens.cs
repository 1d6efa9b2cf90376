using System.Security.Cryptography;
using System.Text;

namespace SearchFirm.Features.Common;

/// <summary>
/// The secrets of sign-in links and portal sessions: 256 random bits behind a prefix that says what
/// they open; only their SHA-256 is stored, so a copy of the database opens nothing.
/// </summary>
internal static class SecretTokens
{
    public static string New(string prefix) => prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
