using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SearchFirm.Features.Common;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Unconfigured, links point where this server listens (--urls), so that a product run on another
/// port e-mails links that work. Taken from the bound addresses, never from a request's Host
/// header, which a caller controls. A wildcard host (0.0.0.0, [::], +, *) becomes localhost.
/// Without a server (the feature tests build the services alone) the documented default.
/// </summary>
internal sealed class ServerPublicAddress(IServer? server) : IPublicAddress
{
    private static readonly string[] Wildcards = ["://+", "://*", "://0.0.0.0", "://[::]"];

    public string BaseUrl(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.OrderByDescending(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
        if (address is null) return DefaultPublicAddress.Fallback;
        foreach (var wildcard in Wildcards) address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : DefaultPublicAddress.Fallback;
    }
}
