namespace SearchFirm.Domain.Users;

/// <summary>Firm staff roles. Committee members and candidates are not staff and have no role.</summary>
public enum Role
{
    Admin,
    Partner,
    Recruiter,
}
