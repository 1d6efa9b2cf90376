using System.Reflection;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Features.Candidates;

namespace SearchFirm.Features.Tests.Candidates;

/// <summary>The OpenAPI description of a competency's key names every key the scorecard reads (it is written out by hand).</summary>
public sealed class CompetencyKeysDocumentedTests
{
    [Test]
    public void Every_scored_competency_key_is_in_the_documented_list()
    {
        var description = typeof(CompetencyInput).GetProperty(nameof(CompetencyInput.Key))!.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()!.Description;
        var scored = CompetencyKeys.Executive.Concat(Enum.GetValues<ClientKind>().SelectMany(CompetencyKeys.ForSetting)).Distinct().ToList();

        Assert.That(scored, Has.Count.GreaterThanOrEqualTo(14));
        Assert.That(scored.Where(k => !description.Contains(k, StringComparison.Ordinal)), Is.Empty);
    }
}
