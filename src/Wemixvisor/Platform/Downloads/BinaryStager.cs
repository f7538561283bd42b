using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Interop;
using Wemixvisor.Platform.Upgrades;

namespace Wemixvisor.Platform.Downloads;

/// <summary>
/// Stages one upgrade's binary from its URL: downloads it into <c>upgrades/.&lt;name&gt;.partial</c>, verifies the
/// checksum, unpacks it into <c>upgrades/.&lt;name&gt;.unpack-&lt;pid&gt;</c>, finds the executable, and renames the
/// result into <c>upgrades/&lt;name&gt;</c>. Until that last rename nothing is at <c>upgrades/&lt;name&gt;/bin</c>, so a
/// failure or a kill at any point leaves nothing that could be run; the leftovers are removed by the next attempt.
/// </summary>
internal sealed class BinaryStager(HomeLayout layout, DownloadLimits limits, HttpFetcher fetcher, TimeProvider time, ILogger logger)
{
    private const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>The URL of the binary, reading the document an <c>info</c> URL names.</summary>
    /// <exception cref="DownloadException">No URL can be had; the message says why.</exception>
    public async Task<BinarySource> ResolveAsync(UpgradeName name, BinaryLocation location, CancellationToken cancellation)
    {
        switch (location)
        {
            case BinaryLocation.Found found:
                return found.Source;
            case BinaryLocation.None none:
                throw new DownloadException(none.Reason, retryable: false);
            case BinaryLocation.Document document:
                logger.ReadingDocument(name.Value, BinarySource.Redact(document.Url));
                using (var buffer = new MemoryStream())
                {
                    await fetcher.FetchAsync(document.Url, buffer, UpgradeBinaries.MaxDocumentBytes, limits, null, cancellation).ConfigureAwait(false);
                    var text = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                    return UpgradeBinaries.FromDocument(text, PlatformKey.Current, $"the binaries document {BinarySource.Redact(document.Url)}") switch
                    {
                        BinaryLocation.Found found => found.Source,
                        BinaryLocation.None none => throw new DownloadException(none.Reason, retryable: false),
                        _ => throw new DownloadException($"the binaries document {BinarySource.Redact(document.Url)} names another document, not a binary", retryable: false),
                    };
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(location), location, null);
        }
    }

    /// <summary>Downloads, verifies and installs the binary; returns its path. Nothing is done when it is in place already.</summary>
    /// <exception cref="DownloadException">The binary could not be staged; the message says why.</exception>
    public async Task<string> StageAsync(UpgradeName name, BinarySource source, DownloadProgress? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        Directory.CreateDirectory(layout.UpgradesDir);
        using var guard = TakeLock(name);
        if (ExecutableCheck.UpgradeBinary(layout, name) is null)
        {
            return layout.UpgradeBinary(name);
        }
        if (source.Checksum is null && limits.MustHaveChecksum)
        {
            throw new DownloadException(
                $"{source.Shown} has no checksum and DAEMON_DOWNLOAD_MUST_HAVE_CHECKSUM is true; give one as ?checksum=sha256:<hex> in the URL", retryable: false);
        }
        if (HttpFetcher.Refusal(source.Url, limits.AllowInsecure) is { } refusal)
        {
            throw new DownloadException(refusal, retryable: false);
        }

        RemoveLeftovers(name);
        var partial = Path.Combine(layout.UpgradesDir, $".{name}.partial");
        var unpack = Path.Combine(layout.UpgradesDir, $".{name}.unpack-{Environment.ProcessId}");
        try
        {
            logger.Started(name.Value, source.Shown);
            var bytes = await Download(name, source, partial, progress, cancellation).ConfigureAwait(false);
            var checksum = Verify(name, source, partial);
            var binary = Install(name, partial, unpack);
            logger.Staged(name.Value, binary, bytes, source.Shown, checksum);
            return binary;
        }
        finally
        {
            File.Delete(partial);
            if (Directory.Exists(unpack))
            {
                Directory.Delete(unpack, recursive: true);
            }
        }
    }

    private FileStream TakeLock(UpgradeName name)
    {
        var path = Path.Combine(layout.UpgradesDir, $".{name}.download-lock");
        try
        {
            // FileShare.None takes flock(2) LOCK_EX|LOCK_NB: a second wemixvisor (run and prepare-upgrade) waits its turn.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DownloadException($"another wemixvisor is downloading the binary of {name} (it holds {path})", retryable: true);
        }
    }

    private void RemoveLeftovers(UpgradeName name)
    {
        foreach (var leftover in Directory.EnumerateFileSystemEntries(layout.UpgradesDir, $".{name}.*")
                     .Where(path => Path.GetFileName(path) == $".{name}.partial" || Path.GetFileName(path).StartsWith($".{name}.unpack-", StringComparison.Ordinal)))
        {
            if (Directory.Exists(leftover) && Libc.KindOf(leftover, followLinks: false) == FileKind.Directory)
            {
                Directory.Delete(leftover, recursive: true);
            }
            else
            {
                File.Delete(leftover);
            }
            logger.LeftoverRemoved(name.Value, leftover);
        }
    }

    private async Task<long> Download(UpgradeName name, BinarySource source, string partial, DownloadProgress? progress, CancellationToken cancellation)
    {
        var started = time.GetTimestamp();
        var lastLog = started;
        await using var output = new FileStream(partial, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        var bytes = await fetcher.FetchAsync(source.Url, output, limits.MaxBytes, limits, (received, total) =>
        {
            progress?.Report(received, total);
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(lastLog, now) < limits.ProgressInterval)
            {
                return;
            }
            lastLog = now;
            var seconds = Math.Max(time.GetElapsedTime(started, now).TotalSeconds, 0.001);
            var rate = received / seconds;
            var eta = total is { } length && rate > 0 ? TimeSpan.FromSeconds(Math.Ceiling((length - received) / rate)).ToString() : "unknown";
            logger.Progress(name.Value, ByteSize.Human(received), total is { } t ? ByteSize.Human(t) : "unknown", source.Shown, ByteSize.Human((long)rate), eta);
        }, cancellation).ConfigureAwait(false);
        output.Flush(flushToDisk: true);
        return bytes;
    }

    /// <returns>The checksum of the download, as <c>sha256:HEX</c>.</returns>
    private string Verify(UpgradeName name, BinarySource source, string partial)
    {
        var expected = source.Checksum;
        using var hash = expected?.NewHash() ?? System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using (var input = File.OpenRead(partial))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        var digest = hash.GetHashAndReset();
        var actual = $"{expected?.Algorithm ?? "sha256"}:{Checksum.HexOf(digest)}";
        if (expected is null)
        {
            logger.NoChecksum(name.Value, source.Shown, actual);
            return actual;
        }
        return expected.Matches(digest)
            ? actual
            : throw new DownloadException($"checksum mismatch: expected {expected}, the download has {actual}", retryable: false);
    }

    private string Install(UpgradeName name, string partial, string unpack)
    {
        Directory.CreateDirectory(unpack);
        var kind = ArchiveUnpacker.Detect(partial);
        string root;
        if (kind == ArchiveUnpacker.Kind.Plain)
        {
            root = Path.Combine(unpack, "tree");
            Directory.CreateDirectory(Path.Combine(root, "bin"));
            Libc.RenameOrThrow(partial, Path.Combine(root, "bin", layout.DaemonName));
        }
        else
        {
            var tree = Path.Combine(unpack, "tree");
            Directory.CreateDirectory(tree);
            ArchiveUnpacker.Unpack(partial, kind, tree, limits.MaxBytes);
            root = FindRoot(tree);
        }
        var staged = Path.Combine(root, "bin", layout.DaemonName);
        File.SetUnixFileMode(staged, Executable);
        Libc.SyncFileSystemOf(unpack);
        return MoveIntoPlace(name, root);
    }

    /// <summary>The directory that holds <c>bin/$DAEMON_NAME</c> (made so when the binary lies at its top): the tree, or its single directory.</summary>
    private string FindRoot(string tree)
    {
        var daemon = layout.DaemonName;
        var entries = Directory.GetFileSystemEntries(tree);
        var candidates = entries.Length == 1 && Libc.KindOf(entries[0], followLinks: false) == FileKind.Directory ? new[] { tree, entries[0] } : [tree];
        foreach (var root in candidates)
        {
            var inBin = Path.Combine(root, "bin", daemon);
            if (Libc.KindOf(Path.Combine(root, "bin"), followLinks: false) == FileKind.Directory && Libc.KindOf(inBin, followLinks: false) == FileKind.Regular)
            {
                return root;
            }
            var atTop = Path.Combine(root, daemon);
            if (Libc.KindOf(atTop, followLinks: false) == FileKind.Regular)
            {
                var bin = Path.Combine(root, "bin");
                switch (Libc.KindOf(bin, followLinks: false))
                {
                    case FileKind.Missing:
                        Directory.CreateDirectory(bin);
                        break;
                    case FileKind.Directory when Libc.KindOf(inBin, followLinks: false) == FileKind.Missing:
                        break;
                    default:
                        throw new DownloadException($"the archive holds {daemon} at its top and a bin that cannot take it", retryable: false);
                }
                Libc.RenameOrThrow(atTop, inBin);
                return root;
            }
        }
        throw new DownloadException(
            $"the archive holds neither bin/{daemon} nor {daemon} as a regular file, at its top or in a single top directory", retryable: false);
    }

    private string MoveIntoPlace(UpgradeName name, string root)
    {
        var target = layout.UpgradeDir(name);
        var bin = Path.Combine(target, "bin");
        var binary = Path.Combine(bin, layout.DaemonName);
        if (Libc.KindOf(target, followLinks: false) == FileKind.Missing)
        {
            Libc.RenameOrThrow(root, target);
        }
        else if (Libc.KindOf(bin, followLinks: false) == FileKind.Missing)
        {
            Libc.RenameOrThrow(Path.Combine(root, "bin"), bin);
        }
        else if (Libc.KindOf(binary, followLinks: false) == FileKind.Missing && Libc.KindOf(bin, followLinks: false) == FileKind.Directory)
        {
            Libc.RenameOrThrow(Path.Combine(root, "bin", layout.DaemonName), binary);
        }
        else
        {
            throw new DownloadException($"{binary} exists but is not a usable binary; remove it so that the download can take its place", retryable: false);
        }
        Libc.FsyncDirectory(Path.GetDirectoryName(Path.GetDirectoryName(binary)!)!);
        Libc.FsyncDirectory(layout.UpgradesDir);
        return binary;
    }
}
