using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Scorecards;
using SearchFirm.Domain.Searches;
using static SearchFirm.Domain.Tests.Scorecards.SeedCandidates;

namespace SearchFirm.Domain.Tests.Scorecards;

/// <summary>Each rule on its own, through a one-line specification.</summary>
public sealed class CriterionRulesTests
{
    private static CriterionScore Line(string key, CandidateProfile p, ClientKind kind = ClientKind.HospitalOrHealthSystem) =>
        Scorecard.Score(p, [new Criterion(key, key, 10, Required: true)], kind, Today).Criteria.Single();

    private static CandidateProfile With(params Education[] education) => CandidateProfile.Empty with { Education = education };

    private static CandidateProfile With(params Credential[] credentials) => CandidateProfile.Empty with { Credentials = credentials };

    private static CandidateProfile With(params Committee[] committees) => CandidateProfile.Empty with { Committees = committees };

    private static CandidateProfile With(params Competency[] competencies) => CandidateProfile.Empty with { Competencies = competencies };

    private static CandidateProfile With(params Position[] positions) => CandidateProfile.Empty with { Positions = positions };

    [Test]
    public void A_do_is_a_medical_degree()
    {
        var line = Line(DefaultSpecification.MedicalDegree, With(new Education("DO", "Kirksville College of Osteopathic Medicine", 2002)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Met));
            Assert.That(line.Evidence, Is.EqualTo("DO, Kirksville College of Osteopathic Medicine (2002)"));
        });
    }

    [Test]
    public void Without_a_medical_degree_the_degrees_held_are_named()
    {
        var line = Line(DefaultSpecification.MedicalDegree, With(new Education("PhD", null, null), new Education("MBA", null, null)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Missing));
            Assert.That(line.Evidence, Is.EqualTo("no MD or DO recorded; degrees: PhD, MBA"));
            Assert.That(line.Gap, Is.EqualTo("no medical degree (MD or DO)"));
        });
    }

    [Test]
    public void A_board_certification_without_a_licence_is_half()
    {
        var line = Line(DefaultSpecification.LicenceAndBoard, With(new Credential(CredentialKind.BoardCertification, "Pediatrics", "ABP", null)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Gap, Is.EqualTo("no medical licence recorded"));
        });
    }

    [Test]
    public void A_licence_with_no_expiry_recorded_is_not_taken_as_active()
    {
        var line = Line(DefaultSpecification.LicenceAndBoard, With(
            new Credential(CredentialKind.MedicalLicence, "Medical licence", "Texas", null),
            new Credential(CredentialKind.BoardCertification, "Family Medicine", "ABFM", null)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Gap, Is.EqualTo("medical licence has no expiry date recorded"));
        });
    }

    [Test]
    public void An_active_licence_in_another_state_counts_even_if_an_old_one_expired()
    {
        var line = Line(DefaultSpecification.LicenceAndBoard, With(
            new Credential(CredentialKind.MedicalLicence, "Medical licence", "Ohio", new DateOnly(2020, 1, 31)),
            new Credential(CredentialKind.MedicalLicence, "Medical licence", "Indiana", new DateOnly(2026, 10, 31)),
            new Credential(CredentialKind.BoardCertification, "Internal Medicine", "ABIM", new DateOnly(2030, 1, 1))));

        Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Met));
    }

    [Test]
    public void An_expired_licence_and_an_expired_board_certification_are_missing_with_both_dates()
    {
        var line = Line(DefaultSpecification.LicenceAndBoard, With(
            new Credential(CredentialKind.MedicalLicence, "Medical licence", "Ohio", new DateOnly(2023, 1, 31)),
            new Credential(CredentialKind.BoardCertification, "Surgery", "ABS", new DateOnly(2024, 12, 31))));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Missing));
            Assert.That(line.Gap, Is.EqualTo("medical licence expired on 2023-01-31; board certification expired on 2024-12-31"));
        });
    }

    [Test]
    public void An_mph_is_half_of_management_education()
    {
        var line = Line(DefaultSpecification.ManagementEducation, With(new Education("MD", null, null), new Education("MPH", "Emory", 2009)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Evidence, Is.EqualTo("MPH, Emory (2009)"));
            Assert.That(line.Gap, Is.EqualTo("no MBA, MHA or MMM; has MPH"));
        });
    }

    [Test]
    public void An_executive_certificate_is_half_of_management_education()
    {
        var line = Line(DefaultSpecification.ManagementEducation, With(new Education("Executive Certificate in Healthcare Leadership", "Cornell", 2019)));

        Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
    }

    [Test]
    public void A_master_of_medical_management_meets_management_education()
    {
        Assert.That(Line(DefaultSpecification.ManagementEducation, With(new Education("Master of Medical Management", "Carnegie Mellon", 2018))).Outcome,
            Is.EqualTo(CriterionOutcome.Met));
    }

    [Test]
    public void A_cpe_meets_the_physician_executive_line_even_when_filed_under_other()
    {
        var line = Line(DefaultSpecification.PhysicianExecutive, With(new Credential(CredentialKind.Other, "CPE", "American Association for Physician Leadership", null)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Met));
            Assert.That(line.Evidence, Is.EqualTo("CPE (American Association for Physician Leadership)"));
        });
    }

    [Test]
    public void A_lapsed_cpe_is_half()
    {
        var line = Line(DefaultSpecification.PhysicianExecutive, With(new Credential(CredentialKind.CertifiedPhysicianExecutive, "Certified Physician Executive", null, new DateOnly(2023, 12, 31))));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Gap, Is.EqualTo("CPE lapsed on 2023-12-31"));
        });
    }

    [Test]
    public void Under_five_years_of_practice_is_missing()
    {
        var line = Line(DefaultSpecification.ClinicalTenure, With(new Position("Mercy", "Hospitalist", RoleLevel.Clinician, new DateOnly(2021, 1, 1), null, true)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Missing));
            Assert.That(line.Gap, Is.EqualTo("clinical tenure 4 years, specification asks 10"));
        });
    }

    [Test]
    public void Tenure_from_the_practice_start_year_says_where_it_came_from()
    {
        var line = Line(DefaultSpecification.ClinicalTenure, CandidateProfile.Empty with { ClinicalPracticeStartYear = 2010 });

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Met));
            Assert.That(line.Evidence, Is.EqualTo("15 years of clinical practice since 2010 (start year; no clinical positions recorded)"));
        });
    }

    [Test]
    public void Quality_and_patient_safety_committee_work_meets_early_administrative_exposure()
    {
        var line = Line(DefaultSpecification.AdministrativeExposure, With(
            new Committee("QI Committee", "member", null),
            new Committee("Patient Safety Council", "member", "root cause analysis")));

        Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Met));
    }

    [Test]
    public void Chairing_one_of_the_three_areas_meets_early_administrative_exposure()
    {
        Assert.That(Line(DefaultSpecification.AdministrativeExposure, With(new Committee("Utilization Review Committee", "Chair", null))).Outcome,
            Is.EqualTo(CriterionOutcome.Met));
    }

    [Test]
    public void Membership_in_one_area_is_half_and_names_the_other_two()
    {
        var line = Line(DefaultSpecification.AdministrativeExposure, With(new Committee("Quality Council", "member", "quality improvement")));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Evidence, Is.EqualTo("member, Quality Council"));
            Assert.That(line.Gap, Is.EqualTo("no patient-safety or utilisation-review committee work"));
        });
    }

    [Test]
    public void Other_committee_work_is_half_and_chairing_it_does_not_count_as_the_three_areas()
    {
        var line = Line(DefaultSpecification.AdministrativeExposure, With(new Committee("Credentials Committee", "chair", null)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Gap, Is.EqualTo("no quality-improvement, patient-safety or utilisation-review committee work"));
        });
    }

    [Test]
    public void No_committee_work_is_missing()
    {
        Assert.That(Line(DefaultSpecification.AdministrativeExposure, CandidateProfile.Empty).Outcome, Is.EqualTo(CriterionOutcome.Missing));
    }

    [Test]
    public void A_medical_director_is_on_the_first_rung_of_the_ladder()
    {
        var line = Line(DefaultSpecification.LeadershipLadder, With(new Position("Mercy", "Medical Director, Emergency", RoleLevel.MedicalDirector, new DateOnly(2018, 1, 1), null, true)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Gap, Is.EqualTo("leadership so far Medical Director; specification asks VP Medical Affairs, Chief Quality Officer or Chief Medical Officer experience"));
        });
    }

    [TestCase(RoleLevel.VicePresidentMedicalAffairs)]
    [TestCase(RoleLevel.ChiefQualityOfficer)]
    [TestCase(RoleLevel.ChiefMedicalOfficer)]
    [TestCase(RoleLevel.ChiefExecutiveOfficer)]
    public void System_wide_medical_leadership_meets_the_ladder(RoleLevel level)
    {
        Assert.That(Line(DefaultSpecification.LeadershipLadder, With(new Position("Mercy", "Executive", level, new DateOnly(2019, 1, 1), null, false))).Outcome,
            Is.EqualTo(CriterionOutcome.Met));
    }

    [Test]
    public void A_hospital_cqo_is_only_the_adjacent_rung_for_pharma()
    {
        var line = Line(DefaultSpecification.LeadershipLadder, With(new Position("Mercy", "Chief Quality Officer", RoleLevel.ChiefQualityOfficer, new DateOnly(2019, 1, 1), null, false)),
            ClientKind.PharmaOrBiotech);

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Gap, Does.EndWith("specification asks VP Clinical Development, VP Medical Affairs or Chief Medical Officer experience"));
        });
    }

    [Test]
    public void A_clinician_only_career_misses_the_ladder()
    {
        var line = Line(DefaultSpecification.LeadershipLadder, With(new Position("Mercy", "Cardiologist", RoleLevel.Clinician, new DateOnly(2005, 1, 1), null, true)));

        Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Missing));
    }

    [Test]
    public void Three_strong_executive_competencies_of_five_meet_the_line()
    {
        var line = Line(DefaultSpecification.ExecutiveCompetencies, With(
            new Competency(CompetencyKeys.PlLiteracy, "P&L", 4, null),
            new Competency(CompetencyKeys.StrategicPlanning, "Strategy", 5, null),
            new Competency(CompetencyKeys.ChangeManagement, "Change", 4, null),
            new Competency(CompetencyKeys.PaymentModels, "Payment models", 2, null)));

        Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Met));
    }

    [Test]
    public void Some_strong_executive_competencies_are_half_and_the_rest_are_named()
    {
        var line = Line(DefaultSpecification.ExecutiveCompetencies, With(
            new Competency(CompetencyKeys.PlLiteracy, "P&L", 5, "Ran a $40M service line"),
            new Competency(CompetencyKeys.PaymentModels, "Payment models", 3, null)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Partial));
            Assert.That(line.Evidence, Does.StartWith("P&L literacy 5/5 (Ran a $40M service line); payment models 3/5; strategic planning not assessed"));
            Assert.That(line.Gap, Is.EqualTo(
                "executive competencies not yet strong: payment models (3/5), strategic planning (not assessed), change management (not assessed) and regulatory compliance (not assessed)"));
        });
    }

    [Test]
    public void A_competency_recorded_under_its_name_or_another_spelling_of_its_key_counts()
    {
        var line = Line(DefaultSpecification.ExecutiveCompetencies, With(
            new Competency("pnl", "P&L Literacy", 5, "Ran a $40M budget"),
            new Competency("strategic_planning", "Strategy", 4, null),
            new Competency("change", "Change management", 4, null),
            new Competency("payments", "Paying for value", 5, null)));

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Met));
            Assert.That(line.Evidence, Does.StartWith("P&L literacy 5/5 (Ran a $40M budget); payment models not assessed; strategic planning 4/5; change management 4/5"),
                "by name, by the key spelled with an underscore, by name again; an unrelated key and name stay unmatched");
        });
    }

    [Test]
    public void No_strong_executive_competency_is_missing()
    {
        Assert.That(Line(DefaultSpecification.ExecutiveCompetencies, With(new Competency(CompetencyKeys.PlLiteracy, "P&L", 3, null))).Outcome,
            Is.EqualTo(CriterionOutcome.Missing));
    }

    [Test]
    public void The_best_of_repeated_assessments_counts_and_keys_ignore_case()
    {
        var line = Line(DefaultSpecification.SettingFit, With(
            new Competency("Quality-Safety", "Quality", 2, null),
            new Competency(CompetencyKeys.QualitySafety, "Quality", 5, null),
            new Competency(CompetencyKeys.MedicalStaffAlignment, "Alignment", 4, null)));

        Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Met));
    }

    [Test]
    public void Setting_fit_for_an_other_client_is_left_to_the_team()
    {
        var line = Line(DefaultSpecification.SettingFit, ChiefQualityOfficer, ClientKind.Other);

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(CriterionOutcome.Missing));
            Assert.That(line.Gap, Is.EqualTo("setting fit: assess by hand"));
        });
    }

    [TestCase(10, CriterionOutcome.Met, null)]
    [TestCase(4, CriterionOutcome.Partial, "4 relationships in the firm's network, 10 expected")]
    [TestCase(1, CriterionOutcome.Partial, "1 relationship in the firm's network, 10 expected")]
    [TestCase(0, CriterionOutcome.Missing, "0 relationships in the firm's network, 10 expected")]
    public void The_network_is_read_from_the_relationship_count(int count, CriterionOutcome outcome, string? gap)
    {
        var line = Line(DefaultSpecification.Network, CandidateProfile.Empty with { RelationshipCount = count });

        Assert.Multiple(() =>
        {
            Assert.That(line.Outcome, Is.EqualTo(outcome));
            Assert.That(line.Gap, Is.EqualTo(gap));
        });
    }
}
