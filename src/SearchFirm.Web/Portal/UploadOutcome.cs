namespace SearchFirm.Web.Portal;

/// <summary>What became of one file of a batch: stored, or refused and why, in words.</summary>
public sealed record UploadOutcome(string FileName, bool Stored, string? Refusal);
