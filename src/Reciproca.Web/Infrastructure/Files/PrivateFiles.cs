namespace Reciproca.Web.Infrastructure.Files;

/// <summary>
/// Files that hold people's data on this instance's disk (pickup e-mails, HR uploads): on Unix, folders 0700 and
/// files 0600, readable by the service account only whatever the umask. Windows keeps the folder's inherited ACL.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> (0700) or tightens an existing one to 0700. On a folder that belongs to another
    /// account (planted in a shared temp folder, say) the change fails: better than writing HR data into it.
    /// </summary>
    public static string EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }

        Directory.CreateDirectory(path, FolderMode);
        if (File.GetUnixFileMode(path) != FolderMode)
        {
            File.SetUnixFileMode(path, FolderMode);
        }

        return path;
    }

    /// <summary>Creates or truncates <paramref name="path"/> for writing, 0600 even when it existed with other rights.</summary>
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies to a new file only; a file left over from a crash keeps its old rights otherwise.
            File.SetUnixFileMode(stream.SafeFileHandle, FileMode);
        }

        return stream;
    }
}
