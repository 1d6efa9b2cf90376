namespace SearchFirm.Domain.Candidates;

/// <summary>
/// Reads a degree as recruiters type it, abbreviated or spelled out, with or without dots. A
/// combined entry ("MD/MBA") counts for each of its parts.
/// </summary>
public static class Degrees
{
    /// <summary>MD or DO (seed 000), or a primary medical degree from abroad (MBBS, MBChB), which licensure treats alike.</summary>
    public static bool IsMedical(string? degree) => Keywords.HasAny(Keywords.Normalise(degree),
        "md", "do", "mbbs", "mbchb", "mbbch", "bmbs", "doctor of medicine", "doctor of osteopathic medicine");

    /// <summary>MBA, MHA or MMM (seed 000), with the executive MBA and the MS in health administration as equivalents.</summary>
    public static bool IsManagement(string? degree) => Keywords.HasAny(Keywords.Normalise(degree),
        "mba", "emba", "mha", "mhsa", "msha", "mmm",
        "business administration", "health administration", "healthcare administration", "health care administration",
        "medical management");

    /// <summary>A master's that is not a management degree (MPH, MS…): management training, but not the credential asked for.</summary>
    public static bool IsOtherMasters(string? degree) => !IsManagement(degree) && Keywords.HasAny(Keywords.Normalise(degree),
        "mph", "ms", "msc", "ma", "mpp", "mpa", "mhs", "mhcm", "master", "masters");

    /// <summary>A physician-leadership or executive-education certificate (seed 001: "executive education programs").</summary>
    public static bool IsExecutiveCertificate(string? degree)
    {
        var text = Keywords.Normalise(degree);
        return Keywords.HasAny(text, "certificate") && Keywords.HasAny(text, "executive", "leadership", "management", "business");
    }
}
