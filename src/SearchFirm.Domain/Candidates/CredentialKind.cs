namespace SearchFirm.Domain.Candidates;

public enum CredentialKind
{
    MedicalLicence,
    BoardCertification,
    /// <summary>CPE, awarded by the American Association for Physician Leadership (seed 000).</summary>
    CertifiedPhysicianExecutive,
    Other,
}
