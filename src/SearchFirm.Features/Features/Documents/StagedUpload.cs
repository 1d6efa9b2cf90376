using System.Security.Cryptography;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Documents;

/// <summary>
/// An upload streamed to a temporary file while it is counted and hashed, never held in memory.
/// It is refused (413) the moment it passes the limit. The file is deleted when this is disposed,
/// whatever happened, and, should the process die first, by the sweep (<c>SweepFilesJob</c>): on Linux the operating system does not.
/// </summary>
public sealed class StagedUpload : IAsyncDisposable
{
    private readonly FileStream file;

    private StagedUpload(FileStream file, string? clientFileName, long length, string sha256)
    {
        this.file = file;
        ClientFileName = clientFileName;
        Length = length;
        Sha256 = sha256;
    }

    /// <summary>The name the client sent, unsanitised: never used as a path.</summary>
    public string? ClientFileName { get; }

    public long Length { get; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; }

    public static async Task<StagedUpload> CreateAsync(Stream source, string? clientFileName, long maxBytes, string directory, CancellationToken cancellationToken)
    {
        SearchFirm.Data.OwnerOnly.CreateDirectory(directory);
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(Path.Combine(directory, "upload-" + Guid.NewGuid().ToString("N") + ".tmp"), fileOptions);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long length = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                    throw new PayloadTooLargeException(maxBytes);
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            return new StagedUpload(file, clientFileName, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The content from its first byte. One reader at a time; do not dispose it.</summary>
    internal Stream Rewind()
    {
        file.Position = 0;
        return file;
    }

    public ValueTask DisposeAsync() => file.DisposeAsync();
}
