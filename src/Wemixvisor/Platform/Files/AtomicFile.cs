using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Files;

/// <summary>
/// Writes a file so that a reader or a crash sees either the old or the new content, never a mix:
/// a temp file next to it, fsync, rename(2) over the target, fsync of the directory.
/// </summary>
internal static class AtomicFile
{
    /// <param name="durable">
    /// False skips both fsyncs: for content that only matters while this machine stays up (a record of a
    /// running process), where a reader must still never see a mix but waiting for the disk costs time.
    /// </param>
    public static void Write(string path, ReadOnlySpan<byte> content, bool durable = true)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))
            ?? throw new IOException($"{path} has no parent directory");
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.tmp-{Environment.ProcessId}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: durable);
            }
            Libc.RenameOrThrow(temp, path);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        if (durable)
        {
            Libc.FsyncDirectory(directory);
        }
    }

    /// <summary>Removes <paramref name="path"/> durably; nothing happens when it does not exist.</summary>
    public static void Delete(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        File.Delete(path);
        Libc.FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
