using System.Security.Cryptography;

namespace Wemixvisor.IntegrationTests.Backup;

/// <summary>
/// A sorted description of every entry below a root — path, kind, mode, modification time, size and
/// content hash or link target — written independently of the code under test, for equality checks.
/// </summary>
internal static class TreeSnapshot
{
    public static IReadOnlyList<string> Of(string root)
    {
        var lines = new List<string> { Describe(root, ".") };
        Walk(root, root, lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void Walk(string root, string directory, List<string> lines)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            lines.Add(Describe(entry.FullName, relative));
            if (entry.LinkTarget is null && entry is DirectoryInfo)
            {
                Walk(root, entry.FullName, lines);
            }
        }
    }

    private static string Describe(string path, string relative)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            return $"{relative} link -> {target} mtime={info.LastWriteTimeUtc.Ticks}";
        }
        var mode = File.GetUnixFileMode(path);
        if (Directory.Exists(path))
        {
            return $"{relative} dir mode={mode} mtime={Directory.GetLastWriteTimeUtc(path).Ticks}";
        }
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        return $"{relative} file mode={mode} mtime={info.LastWriteTimeUtc.Ticks} size={info.Length} sha256={hash}";
    }
}
