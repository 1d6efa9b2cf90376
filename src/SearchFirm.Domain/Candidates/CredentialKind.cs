namespace SearchFirm.Domain.Candidates;

[System.ComponentModel.Description("MedicalLicence: a licence to practise, its state or country as the name. BoardCertification: " +
    "a specialty board's certification, the specialty as the name. CertifiedPhysicianExecutive: the CPE, from the American " +
    "Association for Physician Leadership. Other: anything else, described by the name.")]
public enum CredentialKind
{
    MedicalLicence,
    BoardCertification,
    /// <summary>CPE, awarded by the American Association for Physician Leadership (seed 000).</summary>
    CertifiedPhysicianExecutive,
    Other,
}
