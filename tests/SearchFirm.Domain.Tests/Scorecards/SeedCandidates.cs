using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Tests.Scorecards;

/// <summary>Candidates drawn from the career path of seeds 000 and 001, scored on <see cref="Today"/>.</summary>
internal static class SeedCandidates
{
    public static readonly DateOnly Today = new(2025, 6, 1);

    /// <summary>
    /// The seed's model path: MD, then an MBA from a physician executive programme, twelve years
    /// of practice, Medical Director, now Chief Quality Officer ("often a direct path to CMO"),
    /// chairing the quality committee and sitting on root-cause analyses. No CPE yet.
    /// </summary>
    public static CandidateProfile ChiefQualityOfficer { get; } = new(
        Education:
        [
            new("MD", "Ohio State University College of Medicine", 2005),
            new("MBA", "Physician executive MBA, University of Tennessee", 2016),
        ],
        Credentials:
        [
            new(CredentialKind.MedicalLicence, "Medical licence", "Ohio", new DateOnly(2026, 12, 31)),
            new(CredentialKind.BoardCertification, "Internal Medicine", "ABIM", new DateOnly(2029, 12, 31)),
        ],
        Positions:
        [
            new("Riverside Methodist Hospital", "Hospitalist", RoleLevel.Clinician, new DateOnly(2008, 7, 1), new DateOnly(2014, 6, 30), IsClinical: true),
            new("Riverside Methodist Hospital", "Medical Director, Hospital Medicine", RoleLevel.MedicalDirector, new DateOnly(2014, 7, 1), new DateOnly(2020, 6, 30), IsClinical: true),
            new("St Luke's Health", "Chief Quality Officer", RoleLevel.ChiefQualityOfficer, new DateOnly(2020, 7, 1), null, IsClinical: false),
        ],
        Committees:
        [
            new("Quality Improvement Committee", "chair", "quality improvement"),
            new("Root Cause Analysis Team", "member", "patient safety"),
        ],
        Competencies:
        [
            new(CompetencyKeys.PlLiteracy, "P&L literacy", 4, "Owned the quality department's budget"),
            new(CompetencyKeys.PaymentModels, "Payment models", 4, "Led the value-based purchasing programme"),
            new(CompetencyKeys.StrategicPlanning, "Strategic planning", 5, null),
            new(CompetencyKeys.ChangeManagement, "Change management", 4, null),
            new(CompetencyKeys.RegulatoryCompliance, "Regulatory compliance", 5, "CMS core measures, HIPAA"),
            new(CompetencyKeys.QualitySafety, "Quality and safety", 5, "HCAHPS up 12 points"),
            new(CompetencyKeys.MedicalStaffAlignment, "Medical-staff alignment", 4, null),
        ],
        ClinicalPracticeStartYear: null,
        RelationshipCount: 14);

    /// <summary>A payer-side physician: utilisation management, networks and clinical policy, no hospital quality work.</summary>
    public static CandidateProfile PayerMedicalDirector { get; } = ChiefQualityOfficer with
    {
        Positions =
        [
            new("Mercy Clinic", "Family physician", RoleLevel.Clinician, new DateOnly(2004, 1, 1), new DateOnly(2015, 12, 31), IsClinical: true),
            new("Blue Valley Health Plan", "VP Medical Affairs", RoleLevel.VicePresidentMedicalAffairs, new DateOnly(2016, 1, 1), null, IsClinical: false),
        ],
        Committees = [new("Utilization Review Committee", "chair", "utilization review")],
        Competencies =
        [
            .. ChiefQualityOfficer.Competencies.Where(c => CompetencyKeys.Executive.Contains(c.Key)),
            new(CompetencyKeys.UtilisationManagement, "Utilisation management", 5, "Prior-authorisation redesign"),
            new(CompetencyKeys.ProviderNetworks, "Provider networks", 4, null),
            new(CompetencyKeys.ClinicalPolicy, "Clinical policy", 4, "Chaired the coverage policy committee"),
            new(CompetencyKeys.PopulationHealth, "Population health", 3, null),
        ],
    };

    /// <summary>An industry physician: oncologist turned VP Clinical Development; lets the US licence lapse.</summary>
    public static CandidateProfile ClinicalDevelopmentLead { get; } = new(
        Education: [new("M.D.", "University of Michigan", 2001), new("MPH", "Harvard T.H. Chan School of Public Health", 2004)],
        Credentials:
        [
            new(CredentialKind.MedicalLicence, "Medical licence", "Michigan", new DateOnly(2022, 3, 31)),
            new(CredentialKind.BoardCertification, "Medical Oncology", "ABIM", null),
        ],
        Positions:
        [
            new("University of Michigan Health", "Oncologist", RoleLevel.Clinician, new DateOnly(2005, 7, 1), new DateOnly(2015, 6, 30), IsClinical: true),
            new("Northshore Therapeutics", "Medical Director, Oncology", RoleLevel.MedicalDirector, new DateOnly(2015, 7, 1), new DateOnly(2019, 12, 31), IsClinical: false),
            new("Northshore Therapeutics", "VP Clinical Development", RoleLevel.VicePresidentClinicalDevelopment, new DateOnly(2020, 1, 1), null, IsClinical: false),
        ],
        Committees: [],
        Competencies:
        [
            new(CompetencyKeys.ClinicalDevelopment, "Clinical development", 5, "Three phase III programmes"),
            new(CompetencyKeys.TrialCompliance, "Trial compliance", 4, "GCP inspections without findings"),
            new(CompetencyKeys.ProductDevelopment, "Product development", 3, null),
            new(CompetencyKeys.StrategicPlanning, "Strategic planning", 4, null),
        ],
        ClinicalPracticeStartYear: null,
        RelationshipCount: 6);
}
