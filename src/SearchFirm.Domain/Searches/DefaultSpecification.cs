using SearchFirm.Domain.Clients;

namespace SearchFirm.Domain.Searches;

/// <summary>
/// The CMO career model of the seed documents as a starting specification. The setting-fit line
/// differs by client kind: a hospital CMO owns quality and medical-staff alignment, a payer CMO
/// utilisation management and networks, a pharma CMO clinical development (seed 000).
/// </summary>
public static class DefaultSpecification
{
    public const string MedicalDegree = "medical-degree";
    public const string LicenceAndBoard = "licence-board-certification";
    public const string ManagementEducation = "management-education";
    public const string PhysicianExecutive = "physician-executive-credential";
    public const string ClinicalTenure = "clinical-tenure";
    public const string AdministrativeExposure = "early-administrative-exposure";
    public const string LeadershipLadder = "leadership-ladder";
    public const string ExecutiveCompetencies = "executive-competencies";
    public const string SettingFit = "setting-fit";
    public const string Network = "network";

    public static IReadOnlyList<Criterion> For(ClientKind kind)
    {
        var pharma = kind == ClientKind.PharmaOrBiotech;
        return
        [
            new(MedicalDegree, "Medical degree (MD or DO)", 15, Required: true),
            new(LicenceAndBoard, "Active licence and board certification", pharma ? 5 : 10, Required: !pharma),
            new(ManagementEducation, "Management education (MBA, MHA or MMM)", 10, Required: false),
            new(PhysicianExecutive, "Certified Physician Executive (CPE)", 5, Required: false),
            new(ClinicalTenure, "A decade or more of clinical practice", 10, Required: true),
            new(AdministrativeExposure, "Quality, patient-safety or utilisation-review committee work", 10, Required: false),
            new(LeadershipLadder, LadderLabel(kind), 15, Required: true),
            new(ExecutiveCompetencies, "P&L, payment models, strategic planning, change management, compliance", 10, Required: false),
            new(SettingFit, SettingFitLabel(kind), 10, Required: false),
            new(Network, "Relationships with executives, board members and industry leaders", 5, Required: false),
        ];
    }

    private static string LadderLabel(ClientKind kind) => kind switch
    {
        ClientKind.PharmaOrBiotech => "Medical leadership: medical director to VP clinical development or medical affairs",
        _ => "Leadership ladder: Medical Director, VP Medical Affairs, Chief Quality Officer",
    };

    private static string SettingFitLabel(ClientKind kind) => kind switch
    {
        ClientKind.HospitalOrHealthSystem => "Hospital: quality, patient safety, medical-staff alignment",
        ClientKind.Payer => "Payer: utilisation management, provider networks, clinical policy, population health",
        ClientKind.PharmaOrBiotech => "Pharma: clinical development, trial compliance, product development",
        _ => "Setting fit for the client's organisation",
    };
}
