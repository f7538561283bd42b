using System.Runtime.Versioning;
using Wemixvisor.Platform.Files;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Installation;

public enum InstallOutcome
{
    /// <summary>The destination did not exist; the binary was copied.</summary>
    Installed,

    /// <summary>The destination held the same bytes; nothing was copied.</summary>
    AlreadyInstalled,

    /// <summary>The destination held a different binary and was replaced (forced).</summary>
    Replaced,
}

/// <summary>
/// Installs a node binary atomically through <see cref="AtomicFile"/>: streamed into a temp file next to the
/// destination, fsynced, made executable, renamed into place, and the directory fsynced. A reader sees the old
/// file or the new one, never half.
/// </summary>
[SupportedOSPlatform("linux")]
public static class BinaryInstaller
{
    private const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const int BufferSize = 1 << 20;

    /// <summary>Null when <paramref name="source"/> can be installed, else why not (naming the path and the fix).</summary>
    public static string? CheckSource(string source) => Libc.KindOf(source, followLinks: true) switch
    {
        FileKind.Missing => $"{source} does not exist",
        FileKind.Directory => $"{source} is a directory, not a binary",
        FileKind.Other => $"{source} is not a regular file (a device, pipe or socket cannot be installed)",
        _ when !Libc.IsExecutable(source) => $"{source} is not executable; make it so with: chmod +x {source}",
        _ => null,
    };

    /// <exception cref="InstallRefusedException">The source is unusable, or the destination differs and <paramref name="force"/> is false.</exception>
    public static InstallOutcome Install(string source, string destination, bool force)
    {
        if (CheckSource(source) is { } problem)
        {
            throw new InstallRefusedException(problem);
        }
        var directory = Path.GetDirectoryName(destination) ?? throw new ArgumentException("the destination needs a directory", nameof(destination));
        Directory.CreateDirectory(directory);

        var existing = Libc.KindOf(destination, followLinks: true);
        if (existing == FileKind.Regular && SameContent(source, destination))
        {
            if (!Libc.IsExecutable(destination))
            {
                File.SetUnixFileMode(destination, Executable);
            }
            return InstallOutcome.AlreadyInstalled;
        }
        if (existing != FileKind.Missing && existing != FileKind.Regular)
        {
            throw new InstallRefusedException($"{destination} exists and is not a regular file; remove it first");
        }
        if (existing == FileKind.Regular && !force)
        {
            throw new InstallRefusedException($"{destination} already holds a different binary; pass --force to replace it");
        }

        using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        using (var output = AtomicFile.Create(destination, Executable))
        {
            input.CopyTo(output.Stream, BufferSize);
            output.Commit();
        }
        return existing == FileKind.Missing ? InstallOutcome.Installed : InstallOutcome.Replaced;
    }

    /// <summary>Compares two files byte by byte, streaming; stops at the first difference.</summary>
    public static bool SameContent(string first, string second)
    {
        using var a = new FileStream(first, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var b = new FileStream(second, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (a.Length != b.Length)
        {
            return false;
        }
        var left = new byte[BufferSize];
        var right = new byte[BufferSize];
        while (true)
        {
            var read = a.ReadAtLeast(left, left.Length, throwOnEndOfStream: false);
            if (read == 0)
            {
                return true;
            }
            b.ReadExactly(right, 0, read);
            if (!left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read)))
            {
                return false;
            }
        }
    }
}
