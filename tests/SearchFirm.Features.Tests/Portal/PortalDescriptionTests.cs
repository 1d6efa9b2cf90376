using SearchFirm.Domain.Clients;
using SearchFirm.Features.Portal;

namespace SearchFirm.Features.Tests.Portal;

/// <summary>The description a candidate reads before the client is disclosed to them names no one.</summary>
public sealed class PortalDescriptionTests
{
    [TestCase("Chief Medical Officer", "Mercy Health", "Chief Medical Officer for a hospital or health system")]
    [TestCase("Chief Medical Officer, Mercy Health", "Mercy Health", "An executive role for a hospital or health system")]
    [TestCase("Chief Medical Officer, Lakeside", "Lakeside Health System", "An executive role for a hospital or health system")]
    [TestCase("CMO (Lakeside Regional)", "Lakeside Health System", "An executive role for a hospital or health system")]
    [TestCase("Chief Medical Officer - HCA", "HCA Healthcare", "An executive role for a hospital or health system")]
    [TestCase("Chief Medical Officer", "The Mount Sinai Hospital", "Chief Medical Officer for a hospital or health system")]
    public void A_title_that_names_any_word_of_the_client_is_left_out(string title, string client, string expected) =>
        Assert.That(PortalCandidacies.Description(title, ClientKind.HospitalOrHealthSystem, client), Is.EqualTo(expected));
}
