using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Scorecards;
using SearchFirm.Domain.Searches;
using static SearchFirm.Domain.Tests.Scorecards.SeedCandidates;

namespace SearchFirm.Domain.Tests.Scorecards;

/// <summary>The scorecard's worked cases, against the default specifications.</summary>
public sealed class ScorecardTests
{
    private static ScorecardResult Score(CandidateProfile p, ClientKind kind) =>
        Scorecard.Score(p, DefaultSpecification.For(kind), kind, Today);

    private static CriterionScore Line(ScorecardResult result, string key) => result.Criteria.Single(c => c.Key == key);

    [Test]
    public void An_md_with_an_mba_twelve_years_of_practice_and_cqo_experience_scores_high_for_a_hospital()
    {
        var result = Score(ChiefQualityOfficer, ClientKind.HospitalOrHealthSystem);

        Assert.Multiple(() =>
        {
            Assert.That(result.MeetsAllRequired, Is.True);
            // Everything but the CPE (weight 5 of 100).
            Assert.That(result.WeightedTotal, Is.EqualTo(95.0m));
            Assert.That(result.Gaps, Is.EqualTo(new[] { "no Certified Physician Executive (CPE) credential" }));
            Assert.That(Line(result, DefaultSpecification.ClinicalTenure).Evidence, Does.StartWith("12 years of clinical practice"));
            Assert.That(Line(result, DefaultSpecification.LeadershipLadder).Evidence, Does.Contain("Chief Quality Officer at St Luke's Health (2020–present)"));
            Assert.That(Line(result, DefaultSpecification.ManagementEducation).Evidence, Does.StartWith("MBA"));
        });
    }

    [Test]
    public void Every_line_of_the_specification_is_scored_in_its_order_with_its_weight()
    {
        var spec = DefaultSpecification.For(ClientKind.HospitalOrHealthSystem);

        var result = Scorecard.Score(ChiefQualityOfficer, spec, ClientKind.HospitalOrHealthSystem, Today);

        Assert.Multiple(() =>
        {
            Assert.That(result.Criteria.Select(c => (c.Key, c.Label, c.Weight, c.Required)),
                Is.EqualTo(spec.Select(c => (c.Key, c.Label, c.Weight, c.Required))));
            Assert.That(result.Criteria.All(c => c.Evidence.Length > 0), Is.True);
            Assert.That(result.Criteria.All(c => (c.Gap is null) == (c.Outcome == CriterionOutcome.Met)), Is.True);
        });
    }

    [Test]
    public void A_candidate_without_a_management_degree_has_the_gap_named()
    {
        var candidate = ChiefQualityOfficer with { Education = [new("MD", "Ohio State University College of Medicine", 2005)] };

        var result = Score(candidate, ClientKind.HospitalOrHealthSystem);

        Assert.Multiple(() =>
        {
            Assert.That(Line(result, DefaultSpecification.ManagementEducation).Outcome, Is.EqualTo(CriterionOutcome.Missing));
            Assert.That(result.Gaps, Does.Contain("no management degree (MBA, MHA or MMM)"));
            Assert.That(result.WeightedTotal, Is.EqualTo(85.0m));
            Assert.That(result.MeetsAllRequired, Is.True, "management education is preferred, not required");
        });
    }

    [Test]
    public void Eight_years_in_practice_is_partly_met_with_the_gap_in_words()
    {
        var candidate = ChiefQualityOfficer with
        {
            Positions = [new("Mercy Hospital", "Intensivist", RoleLevel.Clinician, new DateOnly(2017, 6, 1), null, IsClinical: true),
                         .. ChiefQualityOfficer.Positions.Where(p => !p.IsClinical)],
        };

        var result = Score(candidate, ClientKind.HospitalOrHealthSystem);
        var tenure = Line(result, DefaultSpecification.ClinicalTenure);

        Assert.Multiple(() =>
        {
            Assert.That(tenure.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(tenure.Gap, Is.EqualTo("clinical tenure 8 years, specification asks 10"));
            Assert.That(tenure.Points, Is.EqualTo(5m));
            Assert.That(result.Gaps, Does.Contain("clinical tenure 8 years, specification asks 10"));
            Assert.That(result.MeetsAllRequired, Is.False, "clinical tenure is required");
        });
    }

    [Test]
    public void Utilisation_management_competencies_decide_setting_fit_for_a_payer()
    {
        var payer = Line(Score(PayerMedicalDirector, ClientKind.Payer), DefaultSpecification.SettingFit);
        var hospital = Line(Score(PayerMedicalDirector, ClientKind.HospitalOrHealthSystem), DefaultSpecification.SettingFit);

        Assert.Multiple(() =>
        {
            Assert.That(payer.Outcome, Is.EqualTo(CriterionOutcome.Met));
            Assert.That(payer.Evidence, Does.Contain("utilisation management 5/5 (Prior-authorisation redesign)"));
            Assert.That(hospital.Outcome, Is.EqualTo(CriterionOutcome.Missing));
            Assert.That(hospital.Gap, Is.EqualTo("hospital setting fit not yet strong: quality and patient safety (not assessed) and medical-staff alignment (not assessed)"));
        });
    }

    [Test]
    public void A_payer_vpma_with_utilisation_review_chair_meets_the_ladder_and_the_exposure()
    {
        var result = Score(PayerMedicalDirector, ClientKind.Payer);

        Assert.Multiple(() =>
        {
            Assert.That(Line(result, DefaultSpecification.LeadershipLadder).Outcome, Is.EqualTo(CriterionOutcome.Met));
            Assert.That(Line(result, DefaultSpecification.AdministrativeExposure).Outcome, Is.EqualTo(CriterionOutcome.Met));
            Assert.That(result.MeetsAllRequired, Is.True);
        });
    }

    [Test]
    public void A_pharma_search_reads_the_ladder_as_clinical_development_leadership()
    {
        var pharma = Score(ClinicalDevelopmentLead, ClientKind.PharmaOrBiotech);
        var hospital = Score(ClinicalDevelopmentLead, ClientKind.HospitalOrHealthSystem);

        Assert.Multiple(() =>
        {
            Assert.That(Line(pharma, DefaultSpecification.LeadershipLadder).Outcome, Is.EqualTo(CriterionOutcome.Met));
            Assert.That(Line(pharma, DefaultSpecification.LeadershipLadder).Evidence, Does.Contain("VP Clinical Development at Northshore Therapeutics (2020–present)"));
            Assert.That(Line(pharma, DefaultSpecification.SettingFit).Outcome, Is.EqualTo(CriterionOutcome.Met));
            Assert.That(Line(hospital, DefaultSpecification.LeadershipLadder).Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(Line(hospital, DefaultSpecification.LeadershipLadder).Gap, Is.EqualTo(
                "leadership so far Medical Director and VP Clinical Development; specification asks VP Medical Affairs, Chief Quality Officer or Chief Medical Officer experience"));
        });
    }

    [Test]
    public void A_lapsed_licence_does_not_stop_a_pharma_candidate_because_pharma_does_not_require_it()
    {
        var pharma = Score(ClinicalDevelopmentLead, ClientKind.PharmaOrBiotech);
        var hospital = Score(ClinicalDevelopmentLead, ClientKind.HospitalOrHealthSystem);

        Assert.Multiple(() =>
        {
            Assert.That(Line(pharma, DefaultSpecification.LicenceAndBoard).Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(pharma.MeetsAllRequired, Is.True);
            Assert.That(hospital.MeetsAllRequired, Is.False);
        });
    }

    [Test]
    public void An_expired_licence_is_not_active_and_fails_the_hospitals_required_line()
    {
        var candidate = ChiefQualityOfficer with
        {
            Credentials =
            [
                new(CredentialKind.MedicalLicence, "Medical licence", "Ohio", new DateOnly(2024, 12, 31)),
                new(CredentialKind.BoardCertification, "Internal Medicine", "ABIM", new DateOnly(2029, 12, 31)),
            ],
        };

        var result = Score(candidate, ClientKind.HospitalOrHealthSystem);
        var line = Line(result, DefaultSpecification.LicenceAndBoard);

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Evidence, Does.Contain("medical licence (Ohio) expired on 2024-12-31"));
            Assert.That(line.Gap, Is.EqualTo("medical licence expired on 2024-12-31"));
            Assert.That(result.MeetsAllRequired, Is.False);
        });
    }

    [Test]
    public void A_licence_expiring_today_is_still_active()
    {
        var candidate = ChiefQualityOfficer with
        {
            Credentials = [.. ChiefQualityOfficer.Credentials.Select(c => c.Kind == CredentialKind.MedicalLicence ? c with { ExpiresOn = Today } : c)],
        };

        Assert.That(Line(Score(candidate, ClientKind.HospitalOrHealthSystem), DefaultSpecification.LicenceAndBoard).Outcome, Is.EqualTo(CriterionOutcome.Met));
    }
}
