using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Tests.Candidates;

public sealed class ClinicalPracticeTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static Position Clinical(int fromYear, int fromMonth, DateOnly? to) =>
        new("Mercy Hospital", "Attending physician", RoleLevel.Clinician, new DateOnly(fromYear, fromMonth, 1), to, IsClinical: true);

    private static int Years(params Position[] positions) =>
        CandidateProfile.YearsOfClinicalPractice(CandidateProfile.Empty with { Positions = positions }, Today);

    [Test]
    public void A_decade_written_as_first_and_last_day_in_post_is_ten_years_despite_leap_days()
    {
        Assert.That(Years(Clinical(2014, 1, new DateOnly(2023, 12, 31))), Is.EqualTo(10));
    }

    [Test]
    public void An_open_position_runs_to_today()
    {
        Assert.That(Years(Clinical(2013, 6, to: null)), Is.EqualTo(12));
    }

    [Test]
    public void Overlapping_clinical_positions_are_counted_once()
    {
        // 2010–2018 at one hospital and 2016–2020 at a clinic at the same time: ten years, not twelve.
        Assert.That(Years(
            Clinical(2010, 1, new DateOnly(2017, 12, 31)),
            Clinical(2016, 1, new DateOnly(2019, 12, 31))), Is.EqualTo(10));
    }

    [Test]
    public void Separate_clinical_spans_are_added_up()
    {
        Assert.That(Years(
            Clinical(2005, 1, new DateOnly(2009, 12, 31)),
            Clinical(2015, 1, new DateOnly(2019, 12, 31))), Is.EqualTo(10));
    }

    [Test]
    public void Administrative_positions_without_practice_do_not_count()
    {
        var cmo = new Position("Mercy Health", "Chief Medical Officer", RoleLevel.ChiefMedicalOfficer, new DateOnly(2010, 1, 1), null, IsClinical: false);

        Assert.That(Years(cmo, Clinical(2004, 1, new DateOnly(2009, 12, 31))), Is.EqualTo(6));
    }

    [Test]
    public void Practice_after_today_is_not_counted()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Years(Clinical(2026, 1, to: null)), Is.Zero);
            Assert.That(Years(Clinical(2020, 6, new DateOnly(2030, 5, 31))), Is.EqualTo(5));
        });
    }

    [Test]
    public void A_position_ending_before_it_starts_counts_for_nothing()
    {
        Assert.That(Years(Clinical(2020, 1, new DateOnly(2019, 1, 1))), Is.Zero);
    }

    [Test]
    public void Without_clinical_positions_the_start_year_gives_the_tenure()
    {
        var profile = CandidateProfile.Empty with { ClinicalPracticeStartYear = 2011 };

        Assert.That(CandidateProfile.YearsOfClinicalPractice(profile, Today), Is.EqualTo(14));
    }

    [Test]
    public void Recorded_clinical_positions_win_over_the_start_year()
    {
        var profile = CandidateProfile.Empty with
        {
            ClinicalPracticeStartYear = 2000,
            Positions = [Clinical(2017, 6, to: null)],
        };

        Assert.That(CandidateProfile.YearsOfClinicalPractice(profile, Today), Is.EqualTo(8));
    }
}
