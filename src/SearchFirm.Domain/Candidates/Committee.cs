namespace SearchFirm.Domain.Candidates;

/// <param name="Role">"chair", "member"…</param>
/// <param name="Focus">"quality improvement", "patient safety", "utilisation review"… (seed 000's early administrative exposure).</param>
public sealed record Committee(string Name, string? Role, string? Focus);
