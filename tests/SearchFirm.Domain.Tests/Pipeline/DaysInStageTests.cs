using SearchFirm.Domain.Pipeline;

namespace SearchFirm.Domain.Tests.Pipeline;

public sealed class DaysInStageTests
{
    private static readonly DateTimeOffset Entered = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public void Counts_whole_days_only()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DaysInStage.Between(Entered, Entered.AddHours(23)), Is.Zero);
            Assert.That(DaysInStage.Between(Entered, Entered.AddHours(24)), Is.EqualTo(1));
            Assert.That(DaysInStage.Between(Entered, Entered.AddDays(14).AddHours(20)), Is.EqualTo(14));
        });
    }

    [Test]
    public void The_same_instant_in_another_offset_gives_the_same_age()
    {
        var nowInChicago = new DateTimeOffset(2025, 3, 11, 4, 30, 0, TimeSpan.FromHours(-6));

        Assert.That(DaysInStage.Between(Entered, nowInChicago), Is.EqualTo(DaysInStage.Between(Entered, nowInChicago.ToUniversalTime())));
    }

    [Test]
    public void An_entry_time_after_now_is_never_a_negative_age()
    {
        Assert.That(DaysInStage.Between(Entered, Entered.AddDays(-3)), Is.Zero);
    }
}
