using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using SearchFirm.Api.Hosting;

namespace SearchFirm.Api.Tests.Hosting;

/// <summary>E-mailed sign-in links point where the product listens unless an address is configured.</summary>
public sealed class ServerPublicAddressTests
{
    private sealed class Listening(params string[] addresses) : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Listening Start()
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses) feature.Addresses.Add(address);
            Features.Set<IServerAddressesFeature>(feature);
            return this;
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }

    private sealed class ServerAddressesFeature : IServerAddressesFeature
    {
        public ICollection<string> Addresses { get; } = [];
        public bool PreferHostingUrls { get; set; }
    }

    [TestCase("http://127.0.0.1:5093", ExpectedResult = "http://127.0.0.1:5093")]
    [TestCase("http://0.0.0.0:8080", ExpectedResult = "http://localhost:8080")]
    [TestCase("http://[::]:8080", ExpectedResult = "http://localhost:8080")]
    [TestCase("http://+:80", ExpectedResult = "http://localhost")]
    public string An_unconfigured_link_points_where_the_server_listens(string listening) =>
        new ServerPublicAddress(new Listening(listening).Start()).BaseUrl(null);

    [Test]
    public void Https_is_preferred_and_a_configured_address_wins()
    {
        var server = new Listening("http://127.0.0.1:5080", "https://127.0.0.1:5443").Start();

        Assert.That(new ServerPublicAddress(server).BaseUrl(null), Is.EqualTo("https://127.0.0.1:5443"));
        Assert.That(new ServerPublicAddress(server).BaseUrl("https://search.firm.example/"), Is.EqualTo("https://search.firm.example"));
        Assert.That(new ServerPublicAddress(new Listening()).BaseUrl(""), Is.EqualTo("http://127.0.0.1:5080"), "not started yet: the documented default");
    }
}
