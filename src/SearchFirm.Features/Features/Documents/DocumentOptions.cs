namespace SearchFirm.Features.Documents;

/// <summary>
/// Limits and places for candidates' documents, bound from <c>Documents</c> (<c>Documents__MaxBytes</c>
/// and so on). The host fills the directories from <c>SearchFirm:DataDirectory</c> when they are not set.
/// </summary>
public sealed class DocumentOptions
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>The largest file accepted (413 above it).</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Where the file-system storage keeps documents; default <c>{DataDirectory}/documents</c>.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Where uploads are streamed while they are checked; default <c>{DataDirectory}/tmp</c>.</summary>
    public string StagingDirectory { get; set; } = "";

    /// <summary>A DOCX that inflates to more than this, in total, is refused (zip bomb).</summary>
    public long MaxDocxUncompressedBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>A DOCX with more entries than this is refused.</summary>
    public int MaxDocxEntries { get; set; } = 1_000;

    /// <summary>
    /// An entry larger than 1 MiB that inflates more than this many times is refused. Word's own
    /// XML compresses 5 to 20 times; a bomb compresses a thousand times.
    /// </summary>
    public int MaxDocxCompressionRatio { get; set; } = 100;

    /// <summary>What the request may carry besides the file: boundaries, part headers, the kind.</summary>
    public long MaxRequestBytes => MaxBytes + 64 * 1024;

    public IEnumerable<string> Problems()
    {
        if (MaxBytes is < 1 or > 1024L * 1024 * 1024) yield return "Documents:MaxBytes must be between 1 byte and 1 GiB.";
        if (string.IsNullOrWhiteSpace(Directory)) yield return "Documents:Directory is empty.";
        if (string.IsNullOrWhiteSpace(StagingDirectory)) yield return "Documents:StagingDirectory is empty.";
        if (MaxDocxUncompressedBytes < 1) yield return "Documents:MaxDocxUncompressedBytes must be positive.";
        if (MaxDocxEntries < 2) yield return "Documents:MaxDocxEntries must be at least 2.";
        if (MaxDocxCompressionRatio < 2) yield return "Documents:MaxDocxCompressionRatio must be at least 2.";
    }
}
