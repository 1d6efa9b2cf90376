namespace SearchFirm.Features.Common;

/// <summary>
/// Where people outside the firm reach the product: the base of the sign-in links that board
/// members and candidates are e-mailed. A configured address (Board:PublicBaseUrl,
/// Portal:PublicBaseUrl) wins; otherwise the host says where it listens.
/// </summary>
public interface IPublicAddress
{
    /// <summary>The base URL without a trailing slash.</summary>
    string BaseUrl(string? configured);
}

/// <summary>Outside a web host (tests, tools): the configured address, else the documented default port.</summary>
internal sealed class DefaultPublicAddress : IPublicAddress
{
    public const string Fallback = "http://127.0.0.1:5080";

    public string BaseUrl(string? configured) => (string.IsNullOrWhiteSpace(configured) ? Fallback : configured).TrimEnd('/');
}
