using Wemixvisor.Platform.Backup;

namespace Wemixvisor.Tests.Backup;

/// <summary>A fresh directory under /tmp, removed (read-only parts included) when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wemixvisor-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The names of the entries directly in <paramref name="directory"/>, sorted.</summary>
    public static string[] EntryNames(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Select(entry => System.IO.Path.GetFileName(entry)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => TreeRemover.Remove(Path);
}
