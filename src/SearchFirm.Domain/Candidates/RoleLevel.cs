namespace SearchFirm.Domain.Candidates;

/// <summary>The rungs of the CMO ladder (seeds 000 and 001), as a position records them.</summary>
public enum RoleLevel
{
    Clinician,
    MedicalDirector,
    DepartmentChair,
    VicePresidentMedicalAffairs,
    ChiefQualityOfficer,
    ChiefMedicalOfficer,
    OtherExecutive,
}
