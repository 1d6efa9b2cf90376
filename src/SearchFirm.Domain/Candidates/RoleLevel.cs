namespace SearchFirm.Domain.Candidates;

/// <summary>
/// The rung of a position on the CMO ladder (seed 000): clinician, Medical Director (or a
/// department chair), VP Medical Affairs, Chief Quality Officer, CMO. Appended for what the seeds
/// also name: the pharma ladder through clinical development, and the roles a CMO moves on to
/// (CEO, COO, seed 001). New members go at the end: stored values must not shift.
/// </summary>
public enum RoleLevel
{
    Clinician,
    MedicalDirector,
    DepartmentChair,
    VicePresidentMedicalAffairs,
    ChiefQualityOfficer,
    ChiefMedicalOfficer,
    OtherExecutive,
    VicePresidentClinicalDevelopment,
    ChiefExecutiveOfficer,
    ChiefOperatingOfficer,
}

public static class RoleLevels
{
    /// <summary>The level in words, for evidence and gaps.</summary>
    public static string Name(RoleLevel level) => level switch
    {
        RoleLevel.Clinician => "clinician",
        RoleLevel.MedicalDirector => "Medical Director",
        RoleLevel.DepartmentChair => "department chair",
        RoleLevel.VicePresidentMedicalAffairs => "VP Medical Affairs",
        RoleLevel.ChiefQualityOfficer => "Chief Quality Officer",
        RoleLevel.ChiefMedicalOfficer => "Chief Medical Officer",
        RoleLevel.OtherExecutive => "other executive",
        RoleLevel.VicePresidentClinicalDevelopment => "VP Clinical Development",
        RoleLevel.ChiefExecutiveOfficer => "Chief Executive Officer",
        RoleLevel.ChiefOperatingOfficer => "Chief Operating Officer",
        _ => level.ToString(),
    };
}
