namespace SearchFirm.Data;

/// <summary>
/// The data directory holds candidates' documents, briefs showing compensation, e-mails carrying
/// live sign-in links and the database: everything in it is created for the service's own user only
/// (0700 directories, 0600 files). The modes are asked for explicitly, so the umask can only take
/// more away, never give others access.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersBits = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the directory and any missing parent owner-only; existing ones are left as they are.
    /// (<see cref="Directory.CreateDirectory(string, UnixFileMode)"/> gives the mode to the last one only.)
    /// </summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(full);
        var missing = new Stack<string>();
        for (var at = full; !string.IsNullOrEmpty(at) && !Directory.Exists(at); at = Path.GetDirectoryName(at))
            missing.Push(at);
        while (missing.TryPop(out var next))
            Directory.CreateDirectory(next, DirectoryMode);
        return new DirectoryInfo(full);
    }

    /// <summary>A new file (it must not exist) that only the owner may read or write.</summary>
    public static FileStream CreateFile(string path, FileAccess access = FileAccess.Write, FileOptions options = FileOptions.None, int bufferSize = 4096)
    {
        var fileOptions = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = access,
            Share = FileShare.None,
            Options = options,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows())
            fileOptions.UnixCreateMode = FileMode;
        return new FileStream(path, fileOptions);
    }

    /// <summary>Writes a new owner-only file whole.</summary>
    public static async Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var file = CreateFile(path, options: FileOptions.Asynchronous);
        await file.WriteAsync(bytes, cancellationToken);
        await file.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Why the directory must not be used as it is, with the command that fixes it; null when it is
    /// missing (it will be made owner-only) or already closed to group and others.
    /// </summary>
    public static string? WhyNotPrivate(string path)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(path)) return null;
        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersBits) == 0) return null;
        var full = Path.GetFullPath(path);
        return $"The data directory {full} can be read by other users of this server (mode {Convert.ToString((int)mode, 8)}): "
            + "it holds candidates' documents, briefs and sign-in links. Make it and everything in it owner-only, "
            + $"then start again: chmod -R go-rwx '{full.Replace("'", "'\\''", StringComparison.Ordinal)}'";
    }
}
