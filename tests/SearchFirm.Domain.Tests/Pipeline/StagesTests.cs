using SearchFirm.Domain.Pipeline;

namespace SearchFirm.Domain.Tests.Pipeline;

public sealed class StagesTests
{
    [Test]
    public void Active_stages_run_from_identified_to_placed_in_pipeline_order()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Stages.Active, Has.Count.EqualTo(11));
            Assert.That(Stages.Active[0], Is.EqualTo(Stage.Identified));
            Assert.That(Stages.Active[^1], Is.EqualTo(Stage.Placed));
            Assert.That(Stages.Active.Select(Stages.Order), Is.EqualTo(Enumerable.Range(0, 11)));
        });
    }

    [Test]
    public void Every_stage_is_either_active_or_closed()
    {
        foreach (var stage in Enum.GetValues<Stage>())
        {
            Assert.That(Stages.IsActive(stage), Is.Not.EqualTo(Stages.IsClosed(stage)), stage.ToString());
        }

        Assert.That(Stages.All, Is.EquivalentTo(Enum.GetValues<Stage>()));
    }

    [TestCase(Stage.Declined)]
    [TestCase(Stage.Withdrawn)]
    [TestCase(Stage.NotSelected)]
    public void Closed_outcomes_are_closed_and_final(Stage stage)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Stages.IsClosed(stage), Is.True);
            Assert.That(Stages.IsFinal(stage), Is.True);
        });
    }

    [Test]
    public void Placed_is_active_but_final()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Stages.IsActive(Stage.Placed), Is.True);
            Assert.That(Stages.IsFinal(Stage.Placed), Is.True);
            Assert.That(Stages.IsFinal(Stage.Offer), Is.False);
        });
    }

    [Test]
    public void A_closed_outcome_has_no_order()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Stages.Order(Stage.Withdrawn));
    }
}
