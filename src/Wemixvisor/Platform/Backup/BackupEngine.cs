using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Backup;

/// <summary>
/// Backs up <c>$DAEMON_DATA_DIR</c> into <c>$DAEMON_DATA_BACKUP_DIR/&lt;id&gt;/</c>, restores it, prunes
/// old backups and checks there is room. All methods block; callers run them off their own thread.
/// Failures a user can fix surface as <see cref="BackupException"/> with the path in the message.
/// </summary>
internal sealed class BackupEngine
{
    private readonly HomeLayout _layout;
    private readonly IFreeSpaceSource _freeSpace;
    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly TreeCopier _copier;

    public BackupEngine(HomeLayout layout, IFreeSpaceSource freeSpace, IScheduler scheduler, ILogger<BackupEngine> logger, int parallelism = TreeCopier.DefaultParallelism)
    {
        _layout = layout;
        _freeSpace = freeSpace;
        _scheduler = scheduler;
        _logger = logger;
        _copier = new TreeCopier(parallelism);
        Store = new BackupStore(layout.BackupDir);
        Journal = new RestoreJournal(layout.BackupDir);
    }

    public RestoreJournal Journal { get; }

    /// <summary>Completes a restore that was killed between its renames (see <see cref="RestoreJournal"/>); logs what it did.</summary>
    public void RecoverInterruptedRestore()
    {
        var swap = Journal.Read();
        var outcome = Journal.Recover();
        if (swap is not null)
        {
            _logger.InterruptedRestoreRecovered(swap.Target, outcome.ToString().ToLowerInvariant(), Journal.Path);
        }
    }

    public BackupStore Store { get; }

    /// <summary>Every complete backup, newest first.</summary>
    public IReadOnlyList<BackupRecord> List() => Store.List();

    /// <summary>Copies the data directory into a new backup named <c>&lt;UTC time&gt;-&lt;label&gt;</c> (with <c>-2</c>… when taken).</summary>
    public BackupRecord Create(BackupLabel label, CancellationToken cancellation)
    {
        RecoverInterruptedRestore();
        var source = ExistingDataDirectory();
        RefuseBackupDirInsideData(source);
        var startedAt = _scheduler.Now;
        RemovePartials();
        var partial = Store.CreatePartial();
        TreeListing? listing = null;
        try
        {
            listing = TreeScanner.Scan(source, cancellation);
            foreach (var special in listing.Skipped)
            {
                _logger.SpecialFileSkipped(Path.Join(_layout.DataDir, special));
            }
            _logger.BackupStarting(_layout.DataDir, Store.Root, listing.Files.Count, listing.TotalBytes);
            TimeSpan elapsed;
            using (var progress = new CopyProgress(_logger, _scheduler, "backup", listing.TotalBytes, listing.Files.Count))
            {
                ReportOwners(_copier.Copy(source, listing, Path.Combine(partial, BackupStore.DataDirectoryName), progress, cancellation), _layout.DataDir);
                elapsed = progress.Elapsed;
            }
            var manifest = new BackupManifest
            {
                Upgrade = label.Upgrade,
                Height = label.Height,
                CreatedUtc = startedAt.ToUniversalTime(),
                SourceDataDir = _layout.DataDir,
                Files = listing.Files.Count,
                Directories = listing.Directories.Count,
                Symlinks = listing.Links.Count,
                TotalBytes = listing.TotalBytes,
                ElapsedMilliseconds = (long)elapsed.TotalMilliseconds,
                SkippedSpecialFiles = listing.Skipped,
            };
            BackupStore.WriteManifest(partial, manifest);
            Libc.SyncFileSystemOf(partial);
            var id = Store.Commit(partial, BackupNaming.BaseId(startedAt, label));
            ShortOfSpaceFor = null;
            _logger.BackupCreated(id, manifest.Files, manifest.TotalBytes, elapsed.TotalSeconds, Rate(manifest.TotalBytes, elapsed));
            return Store.Find(id);
        }
        catch (Exception e)
        {
            RemoveQuietly(partial);
            if (NoSpace(e) is { } full && listing is not null)
            {
                ShortOfSpaceFor = listing.TotalBytes;
                var needed = SpaceCheck.RequiredFor(listing.TotalBytes);
                var available = _freeSpace.AvailableBytes(_layout.BackupDir);
                _logger.BackupOutOfSpace(_layout.BackupDir, listing.TotalBytes, needed, available);
                throw new BackupNoSpaceException(
                    $"the backup of {_layout.DataDir} ({listing.TotalBytes} bytes) ran out of space in {Store.Root} ({full.Message}); " +
                    $"it needs {needed} bytes free there (the data + 10 % + 64 MiB), {available} are available now; the partial copy was removed and the data is untouched. " +
                    "Free space there or point DAEMON_DATA_BACKUP_DIR to a larger disk; the upgrade waits until the backup fits", e);
            }
            throw Explain(e, $"backup of {_layout.DataDir} into {Store.Root} failed");
        }
    }

    /// <summary>The size of the data whose backup last ran out of space, until a backup succeeds; the preflight wants room for at least that.</summary>
    public long? ShortOfSpaceFor { get; private set; }

    private static IOException? NoSpace(Exception error) => error switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Select(NoSpace).FirstOrDefault(found => found is not null),
        IOException io when io.HResult is ENOSPC or EDQUOT => io,
        IOException io when io.Message.Contains("No space left on device", StringComparison.Ordinal) => io,
        { InnerException: { } inner } => NoSpace(inner),
        _ => null,
    };

    private const int ENOSPC = 28;
    private const int EDQUOT = 122;

    /// <summary>
    /// Rebuilds the data directory from backup <paramref name="id"/> in a temporary directory next to
    /// it, then swaps it in by rename; the replaced data is kept aside until the swap succeeded.
    /// </summary>
    public BackupRecord Restore(string id, CancellationToken cancellation)
    {
        var record = Store.Find(id);
        RecoverInterruptedRestore();
        var target = RestoreTarget();
        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        RemoveStaleRestores(parent, name);
        var temporary = Path.Combine(parent, RestorePrefix(name) + Guid.NewGuid().ToString("N")[..12]);
        _logger.RestoreStarting(record.Id, _layout.DataDir);
        try
        {
            if (!Directory.Exists(record.DataDirectory))
            {
                throw new BackupException($"backup \"{record.Id}\" is damaged: {record.DataDirectory} is missing");
            }
            var listing = TreeScanner.Scan(record.DataDirectory, cancellation);
            VerifyAgainstManifest(record, listing);
            TimeSpan elapsed;
            using (var progress = new CopyProgress(_logger, _scheduler, "restore", listing.TotalBytes, listing.Files.Count))
            {
                ReportOwners(_copier.Copy(record.DataDirectory, listing, temporary, progress, cancellation), record.DataDirectory);
                elapsed = progress.Elapsed;
            }
            Libc.SyncFileSystemOf(temporary);
            SwapIn(temporary, target, parent, name);
            _logger.Restored(record.Id, _layout.DataDir, listing.Files.Count, listing.TotalBytes, elapsed.TotalSeconds);
            return record;
        }
        catch (Exception e)
        {
            RemoveQuietly(temporary);
            throw Explain(e, $"restore of backup \"{record.Id}\" into {_layout.DataDir} failed");
        }
    }

    /// <summary>Keeps the newest <paramref name="keep"/> backups and removes the others (and leftover work directories); returns the removed ones.</summary>
    public IReadOnlyList<BackupRecord> Prune(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        RemovePartials();
        var doomed = Store.List().Skip(keep).ToList();
        foreach (var record in doomed)
        {
            Store.Remove(record);
            _logger.BackupPruned(record.Id, keep);
        }
        return doomed;
    }

    /// <summary>The bytes a backup of the data directory would copy now (a full walk of the tree).</summary>
    public long MeasureData(CancellationToken cancellation = default) =>
        TreeScanner.Scan(ExistingDataDirectory(), cancellation).TotalBytes;

    /// <summary>Compares <paramref name="dataBytes"/> (from <see cref="MeasureData"/>) with the free space of the backup directory's file system.</summary>
    public SpaceCheck CheckSpace(long dataBytes) =>
        new(_layout.DataDir, _layout.BackupDir, dataBytes, _freeSpace.AvailableBytes(_layout.BackupDir));

    /// <summary>Null when backups can be written to the configured directory; else the reason (it lies inside the data).</summary>
    public string? LocationProblem()
    {
        try
        {
            RefuseBackupDirInsideData(PathContainment.RealPathOf(_layout.DataDir));
            return null;
        }
        catch (BackupException e)
        {
            return e.Message;
        }
    }

    private string ExistingDataDirectory()
    {
        var kind = Libc.KindOf(_layout.DataDir, followLinks: true);
        return kind switch
        {
            FileKind.Directory => Libc.ResolveRealPath(_layout.DataDir) ?? Path.GetFullPath(_layout.DataDir),
            FileKind.Missing => throw new BackupException($"the data directory {_layout.DataDir} (DAEMON_DATA_DIR) does not exist; there is nothing to back up"),
            _ => throw new BackupException($"the data directory {_layout.DataDir} (DAEMON_DATA_DIR) is not a directory"),
        };
    }

    /// <summary>The real directory to replace (a symlinked data directory is restored where it points), or the configured path when it is gone.</summary>
    private string RestoreTarget()
    {
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(_layout.DataDir));
        return Libc.KindOf(path, followLinks: false) switch
        {
            FileKind.Missing => path,
            FileKind.SymbolicLink when Libc.KindOf(path, followLinks: true) == FileKind.Missing =>
                throw new BackupException($"the data directory {_layout.DataDir} (DAEMON_DATA_DIR) is a symlink to {new FileInfo(path).LinkTarget}, which does not exist; create that directory first"),
            _ => ExistingDataDirectory(),
        };
    }

    private void RefuseBackupDirInsideData(string realDataDir)
    {
        if (PathContainment.IsSameOrInside(PathContainment.RealPathOf(_layout.BackupDir), realDataDir))
        {
            throw new BackupException(
                $"the backup directory {_layout.BackupDir} (DAEMON_DATA_BACKUP_DIR) lies inside the data directory {_layout.DataDir}; " +
                "a backup cannot contain itself and a restore would delete it, so choose a directory outside the data");
        }
    }

    private void SwapIn(string temporary, string target, string parent, string name)
    {
        if (!Path.Exists(target))
        {
            Directory.Move(temporary, target);
            Libc.FsyncDirectory(parent);
            return;
        }
        var aside = Path.Combine(parent, "." + name + ".replaced-" + Guid.NewGuid().ToString("N")[..12]);
        // From the first rename to the second the data directory is missing: the journal lets the next start finish.
        Journal.Begin(new RestoreJournal.Swap(target, aside, temporary));
        Directory.Move(target, aside);
        try
        {
            Directory.Move(temporary, target);
        }
        catch
        {
            Directory.Move(aside, target);
            Journal.Clear();
            throw;
        }
        Libc.FsyncDirectory(parent);
        try
        {
            TreeRemover.Remove(aside);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.ReplacedDataNotRemoved(aside, e.Message);
        }
        Journal.Clear();
    }

    private void ReportOwners(int notKept, string source)
    {
        if (notKept > 0)
        {
            _logger.OwnersNotKept(notKept, source);
        }
    }

    private static void VerifyAgainstManifest(BackupRecord record, TreeListing listing)
    {
        var manifest = record.Manifest;
        if (listing.Files.Count != manifest.Files || listing.TotalBytes != manifest.TotalBytes
            || listing.Directories.Count != manifest.Directories || listing.Links.Count != manifest.Symlinks)
        {
            throw new BackupException(
                $"backup \"{record.Id}\" is damaged: its manifest lists {manifest.Files} files, {manifest.Directories} directories, " +
                $"{manifest.Symlinks} symlinks and {manifest.TotalBytes} bytes, but {record.DataDirectory} holds {listing.Files.Count} files, " +
                $"{listing.Directories.Count} directories, {listing.Links.Count} symlinks and {listing.TotalBytes} bytes");
        }
    }

    private void RemovePartials()
    {
        foreach (var name in Store.RemovePartials())
        {
            _logger.PartialRemoved(Path.Combine(Store.Root, name));
        }
    }

    private static string RestorePrefix(string dataDirName) => "." + dataDirName + ".restore-";

    private void RemoveStaleRestores(string parent, string name)
    {
        foreach (var stale in Directory.EnumerateDirectories(parent, RestorePrefix(name) + "*"))
        {
            TreeRemover.Remove(stale);
            _logger.PartialRemoved(stale);
        }
    }

    private void RemoveQuietly(string directory)
    {
        try
        {
            TreeRemover.Remove(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.PartialNotRemoved(directory, e.Message);
        }
    }

    private static Exception Explain(Exception error, string context) => error switch
    {
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 => Explain(aggregate.InnerExceptions[0], context),
        OperationCanceledException or BackupException => error,
        IOException or UnauthorizedAccessException => new BackupException($"{context}: {error.Message}", error),
        _ => error,
    };

    private static double Rate(long bytes, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero ? Math.Round(bytes / elapsed.TotalSeconds / CopyProgress.MiB, 1) : 0;
}
