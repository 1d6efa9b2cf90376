namespace SearchFirm.Domain.Candidates;

public enum CredentialKind
{
    MedicalLicence,
    BoardCertification,
    CertifiedPhysicianExecutive,
    Other,
}
