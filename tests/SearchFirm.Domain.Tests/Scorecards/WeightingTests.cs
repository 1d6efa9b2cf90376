using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Scorecards;
using SearchFirm.Domain.Searches;
using static SearchFirm.Domain.Tests.Scorecards.SeedCandidates;

namespace SearchFirm.Domain.Tests.Scorecards;

public sealed class WeightingTests
{
    private static readonly CandidateProfile MdWithMph = CandidateProfile.Empty with
    {
        Education = [new("MD", null, null), new("MPH", null, null)],
    };

    [Test]
    public void The_total_is_met_plus_half_partial_over_all_weight_to_one_decimal()
    {
        Criterion[] spec =
        [
            new(DefaultSpecification.MedicalDegree, "Medical degree", 1, true),         // met: 1
            new(DefaultSpecification.ManagementEducation, "Management", 2, false),      // partial: 1
            new(DefaultSpecification.PhysicianExecutive, "CPE", 3, false),              // missing: 0
        ];

        var result = Scorecard.Score(MdWithMph, spec, ClientKind.HospitalOrHealthSystem, Today);

        Assert.Multiple(() =>
        {
            Assert.That(result.Criteria.Select(c => c.Points), Is.EqualTo(new[] { 1m, 1m, 0m }));
            Assert.That(result.WeightedTotal, Is.EqualTo(33.3m));
        });
    }

    [Test]
    public void A_custom_criterion_is_scored_missing_and_left_to_the_team()
    {
        Criterion[] spec = [new("spanish", "Fluent in Spanish", 5, Required: false)];

        var result = Scorecard.Score(ChiefQualityOfficer, spec, ClientKind.HospitalOrHealthSystem, Today);
        var line = result.Criteria.Single();

        Assert.Multiple(() =>
        {
            Assert.That(Scorecard.CanScore("spanish"), Is.False);
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Missing));
            Assert.That(line.Evidence, Is.EqualTo("no rule scores this criterion; assess by hand"));
            Assert.That(result.Gaps, Is.EqualTo(new[] { "Fluent in Spanish: no rule scores this criterion; assess by hand" }));
        });
    }

    [Test]
    public void A_partly_met_required_criterion_does_not_meet_all_required()
    {
        Criterion[] spec = [new(DefaultSpecification.ManagementEducation, "Management", 10, Required: true)];

        Assert.That(Scorecard.Score(MdWithMph, spec, ClientKind.HospitalOrHealthSystem, Today).MeetsAllRequired, Is.False);
    }

    [Test]
    public void A_specification_without_weight_totals_zero()
    {
        var result = Scorecard.Score(ChiefQualityOfficer, [], ClientKind.Payer, Today);

        Assert.Multiple(() =>
        {
            Assert.That(result.WeightedTotal, Is.Zero);
            Assert.That(result.Criteria, Is.Empty);
            Assert.That(result.MeetsAllRequired, Is.True);
        });
    }

    [Test]
    public void A_negative_weight_is_refused()
    {
        Criterion[] spec = [new(DefaultSpecification.Network, "Network", -5, false)];

        Assert.Throws<ArgumentOutOfRangeException>(() => Scorecard.Score(ChiefQualityOfficer, spec, ClientKind.Payer, Today));
    }

    [Test]
    public void An_empty_profile_scores_zero_and_names_a_gap_for_every_line()
    {
        var spec = DefaultSpecification.For(ClientKind.Payer);

        var result = Scorecard.Score(CandidateProfile.Empty, spec, ClientKind.Payer, Today);

        Assert.Multiple(() =>
        {
            Assert.That(result.WeightedTotal, Is.Zero);
            Assert.That(result.Gaps, Has.Count.EqualTo(spec.Count));
            Assert.That(result.MeetsAllRequired, Is.False);
        });
    }
}
