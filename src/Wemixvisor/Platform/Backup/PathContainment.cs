using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Backup;

/// <summary>Questions about where a path really is, after every symlink is resolved.</summary>
internal static class PathContainment
{
    /// <summary>
    /// The real path of <paramref name="path"/>: realpath(3) of its nearest existing ancestor, with the
    /// components that do not exist yet appended unchanged.
    /// </summary>
    public static string RealPathOf(string path)
    {
        var full = Path.GetFullPath(path);
        var missing = new Stack<string>();
        var existing = full;
        string? real;
        while ((real = Libc.ResolveRealPath(existing)) is null)
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                return full;
            }
            missing.Push(Path.GetFileName(existing));
            existing = parent;
        }
        while (missing.Count > 0)
        {
            real = Path.Join(real, missing.Pop());
        }
        return real;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> itself or lies below it (both real paths).</summary>
    public static bool IsSameOrInside(string path, string directory)
    {
        var dir = Path.TrimEndingDirectorySeparator(directory);
        return dir == "/" || path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal);
    }
}
