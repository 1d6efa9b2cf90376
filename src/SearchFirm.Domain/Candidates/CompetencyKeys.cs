using SearchFirm.Domain.Clients;

namespace SearchFirm.Domain.Candidates;

/// <summary>
/// The competencies of the CMO career model (seed 000). The executive five are asked of every
/// CMO; the setting ones depend on the kind of organisation.
/// </summary>
public static class CompetencyKeys
{
    public const string PlLiteracy = "pl-literacy";
    public const string PaymentModels = "payment-models";
    public const string StrategicPlanning = "strategic-planning";
    public const string ChangeManagement = "change-management";
    public const string RegulatoryCompliance = "regulatory-compliance";

    public const string QualitySafety = "quality-safety";
    public const string MedicalStaffAlignment = "medical-staff-alignment";

    public const string UtilisationManagement = "utilisation-management";
    public const string ProviderNetworks = "provider-networks";
    public const string ClinicalPolicy = "clinical-policy";
    public const string PopulationHealth = "population-health";

    public const string ClinicalDevelopment = "clinical-development";
    public const string TrialCompliance = "trial-compliance";
    public const string ProductDevelopment = "product-development";

    public static IReadOnlyList<string> Executive { get; } =
        [PlLiteracy, PaymentModels, StrategicPlanning, ChangeManagement, RegulatoryCompliance];

    /// <summary>What a CMO does in this kind of organisation; none for Other, which the seeds do not describe.</summary>
    public static IReadOnlyList<string> ForSetting(ClientKind kind) => kind switch
    {
        ClientKind.HospitalOrHealthSystem => [QualitySafety, MedicalStaffAlignment],
        ClientKind.Payer => [UtilisationManagement, ProviderNetworks, ClinicalPolicy, PopulationHealth],
        ClientKind.PharmaOrBiotech => [ClinicalDevelopment, TrialCompliance, ProductDevelopment],
        _ => [],
    };

    /// <summary>
    /// Whether a recorded competency is this one: by its key, or by its key or name spelled another
    /// way ("pl_literacy", "P&amp;L Literacy"), since recruiters type them and the list is the model's, not theirs.
    /// </summary>
    public static bool Matches(Competency recorded, string key) =>
        string.Equals(recorded.Key, key, StringComparison.OrdinalIgnoreCase)
        || Spelling(recorded.Key) == Spelling(key)
        || Spelling(recorded.Name) == Spelling(Name(key));

    private static string Spelling(string text) =>
        new(text.Replace("&", "and", StringComparison.Ordinal).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The competency in words, for gaps about competencies the candidate has no assessment of.</summary>
    public static string Name(string key) => key switch
    {
        PlLiteracy => "P&L literacy",
        PaymentModels => "payment models",
        StrategicPlanning => "strategic planning",
        ChangeManagement => "change management",
        RegulatoryCompliance => "regulatory compliance",
        QualitySafety => "quality and patient safety",
        MedicalStaffAlignment => "medical-staff alignment",
        UtilisationManagement => "utilisation management",
        ProviderNetworks => "provider networks",
        ClinicalPolicy => "clinical policy",
        PopulationHealth => "population health",
        ClinicalDevelopment => "clinical development",
        TrialCompliance => "trial compliance",
        ProductDevelopment => "product development",
        _ => key.Replace('-', ' '),
    };
}
