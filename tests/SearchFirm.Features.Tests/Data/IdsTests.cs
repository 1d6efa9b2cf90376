using SearchFirm.Features.Common;

namespace SearchFirm.Features.Tests.Data;

public sealed class IdsTests
{
    [Test]
    public void Ids_made_in_bulk_are_distinct_version_7_guids_stamped_with_the_time_given()
    {
        var now = new DateTimeOffset(2026, 11, 23, 18, 30, 0, 123, TimeSpan.Zero);
        var ids = new Guid[10_000];

        Ids.Fill(ids, now);

        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Length));
        Assert.That(ids.Select(id => id.Version).Distinct(), Is.EqualTo(new[] { 7 }));
        // RFC 9562 variant: the two top bits of the ninth byte are 10 (Guid.Variant reads them as 8-11).
        Assert.That(ids.All(id => id.Variant is >= 8 and <= 11), Is.True);
        // The first 48 bits are the Unix time in milliseconds, so they sort with Guid.CreateVersion7's ids of the same moment.
        Assert.That(ids.Select(id => Convert.ToInt64(id.ToString("N")[..12], 16)).Distinct(), Is.EqualTo(new[] { now.ToUnixTimeMilliseconds() }));
        Assert.That(ids.Select(id => id.ToString("N")[..12]).Distinct(), Is.EqualTo(new[] { Guid.CreateVersion7(now).ToString("N")[..12] }));
    }
}
