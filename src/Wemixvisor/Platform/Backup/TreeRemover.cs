namespace Wemixvisor.Platform.Backup;

/// <summary>Deletes a directory tree, also one holding read-only directories (a backup keeps the data's modes).</summary>
internal static class TreeRemover
{
    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Remove(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            MakeOwnerWritable(directory);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void MakeOwnerWritable(string directory)
    {
        var mode = File.GetUnixFileMode(directory);
        if ((mode & OwnerAll) != OwnerAll)
        {
            File.SetUnixFileMode(directory, mode | OwnerAll);
        }
        foreach (var child in new DirectoryInfo(directory).EnumerateDirectories("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            if (child.LinkTarget is null)
            {
                MakeOwnerWritable(child.FullName);
            }
        }
    }
}
