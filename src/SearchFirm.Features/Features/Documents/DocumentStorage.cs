using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SearchFirm.Features.Documents;

/// <summary>
/// Where the bytes of candidates' documents live; the database keeps what they are (name, type,
/// size, SHA-256) and the key. Keys are generated, never derived from a client's file name.
/// The file system serves one server; several API instances (deploy/README.md) need a shared
/// implementation over blob storage (Azure Blob, S3) with the same three operations.
/// </summary>
public interface IDocumentStorage
{
    /// <summary>Stores the content under a new key and returns the key; the content is durable when this completes.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>The stored content, or null when the key holds nothing.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the content; a key that holds nothing is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// Documents as files under <see cref="DocumentOptions.Directory"/> (outside any web root), in two
/// levels of directories by the key's first hex digits so that no directory grows to a million
/// entries. Files are written under a temporary name and renamed once flushed to disk, so a
/// reader never sees half a document, and are readable by the service's own user only.
/// </summary>
internal sealed partial class FileSystemDocumentStorage(IOptions<DocumentOptions> options) : IDocumentStorage
{
    private readonly string root = Path.GetFullPath(options.Value.Directory);

    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var name = Guid.NewGuid().ToString("N");
        var key = $"{name[..2]}/{name[2..4]}/{name}";
        var path = PathOf(key);
        SearchFirm.Data.OwnerOnly.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        try
        {
            var fileOptions = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 64 * 1024,
            };
            if (!OperatingSystem.IsWindows())
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var file = new FileStream(partial, fileOptions))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, path, overwrite: false);
            return key;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Only keys this class made map to a path: a tampered row cannot point outside the root.</summary>
    private string PathOf(string key)
    {
        if (!KeyPattern().IsMatch(key))
            throw new ArgumentException("Not a document storage key.", nameof(key));
        return Path.Combine(root, key[..2], key[3..5], key[6..]);
    }

    [GeneratedRegex("^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}$")]
    private static partial Regex KeyPattern();
}
