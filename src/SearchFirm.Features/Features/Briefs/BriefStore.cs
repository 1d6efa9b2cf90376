using System.Security.Cryptography;
using SearchFirm.Data;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// Where rendered PDFs live. One file per brief, so a render repeated after a crash replaces its
/// own half-finished work instead of leaving a second copy; the row keeps the content hash, and
/// every read is checked against it. A blob store implements the same two calls when the firm
/// scales out to several instances (deploy/README.md).
/// </summary>
public interface IBriefStore
{
    /// <summary>Stores one render of the brief atomically under a key named by the brief and the content hash; returns the key.</summary>
    Task<string> SaveAsync(Guid briefId, string sha256, byte[] pdf, CancellationToken cancellationToken);

    /// <summary>The stored bytes, verified against <paramref name="sha256"/>; throws when they differ.</summary>
    Task<byte[]> ReadAsync(string key, string sha256, CancellationToken cancellationToken);

    /// <summary>Every stored render of the brief: one once it is Ready, more only for a moment after a crash.</summary>
    IReadOnlyList<string> Keys(Guid briefId);

    void Delete(string key);

    /// <summary>Every file of the brief, finished renders and ones a crash left half-written alike.</summary>
    void DeleteAll(Guid briefId);
}

/// <summary>
/// Files under <c>{DataDirectory}/briefs/</c>, named <c>{briefId}-{sha256 prefix}.pdf</c>. A render
/// repeated after a crash writes its own file; the job deletes every other render of the brief
/// once its own is recorded, so a Ready brief has exactly one file.
/// </summary>
internal sealed class FileBriefStore(DatabaseOptions options) : IBriefStore
{
    private string Root => DirectoryOf(options);

    public async Task<string> SaveAsync(Guid briefId, string sha256, byte[] pdf, CancellationToken cancellationToken)
    {
        OwnerOnly.CreateDirectory(Root);
        var key = $"{briefId:N}-{sha256[..16]}.pdf";
        var temporary = Path.Combine(Root, $".{key}.{Guid.NewGuid():N}.tmp");
        await OwnerOnly.WriteAllBytesAsync(temporary, pdf, cancellationToken);
        // Readers see the whole file or none of it.
        File.Move(temporary, Path.Combine(Root, key), overwrite: true);
        return key;
    }

    public async Task<byte[]> ReadAsync(string key, string sha256, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(PathOf(key), cancellationToken);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("A stored brief does not match its content hash.");
        return bytes;
    }

    public IReadOnlyList<string> Keys(Guid briefId) => Directory.Exists(Root)
        ? [.. Directory.EnumerateFiles(Root, $"{briefId:N}-*.pdf").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
        : [];

    public void Delete(string key) => File.Delete(PathOf(key));

    public void DeleteAll(Guid briefId)
    {
        if (!Directory.Exists(Root)) return;
        // Renders, and the hidden .{key}.{guid}.tmp a render killed in its write window leaves.
        foreach (var path in Directory.EnumerateFiles(Root, $"{briefId:N}-*.pdf").Concat(Directory.EnumerateFiles(Root, $".{briefId:N}-*.tmp")))
            File.Delete(path);
    }

    /// <summary>The folder of <see cref="FileBriefStore"/>, for the sweep of files no row points at.</summary>
    public static string DirectoryOf(DatabaseOptions options) => Path.Combine(Path.GetFullPath(options.DataDirectory), "briefs");

    private string PathOf(string key)
    {
        if (key.Contains('/', StringComparison.Ordinal) || key.Contains('\\', StringComparison.Ordinal) || key.StartsWith('.'))
            throw new InvalidOperationException("A brief's storage key is malformed.");
        return Path.Combine(Root, key);
    }
}
