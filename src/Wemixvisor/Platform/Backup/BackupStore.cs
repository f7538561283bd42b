using System.Text.Json;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Backup;

/// <summary>
/// The backup directory: one subdirectory per complete backup (<c>&lt;id&gt;/data/</c> and
/// <c>&lt;id&gt;/manifest.json</c>), and hidden <c>.partial-*</c> work directories that are
/// either being written or left over from a crash; those are never listed and removed on the next create or prune.
/// </summary>
internal sealed class BackupStore(string backupDir)
{
    public const string DataDirectoryName = "data";
    public const string ManifestFileName = "manifest.json";

    public string Root { get; } = backupDir;

    /// <summary>Every complete backup, newest first. Directories without a readable manifest are not backups and are left alone.</summary>
    public IReadOnlyList<BackupRecord> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }
        var records = new List<BackupRecord>();
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            var id = Path.GetFileName(directory);
            if (BackupNaming.IsPlausibleId(id) && TryRead(directory) is { } manifest)
            {
                records.Add(new BackupRecord(id, directory, manifest));
            }
        }
        return records
            .OrderByDescending(record => record.CreatedUtc)
            .ThenByDescending(record => record.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The backup called <paramref name="id"/>; throws <see cref="BackupException"/> naming it when there is none.</summary>
    public BackupRecord Find(string id)
    {
        var directory = Path.Combine(Root, id);
        if (BackupNaming.IsPlausibleId(id) && TryRead(directory) is { } manifest)
        {
            return new BackupRecord(id, directory, manifest);
        }
        throw new BackupException($"there is no backup \"{id}\" in {Root}; `wemixvisor backup list` shows the ids");
    }

    /// <summary>Creates a new, empty work directory for a backup being written.</summary>
    public string CreatePartial()
    {
        Directory.CreateDirectory(Root);
        var partial = Path.Combine(Root, BackupNaming.PartialPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(partial);
        return partial;
    }

    public static void WriteManifest(string backupDirectory, BackupManifest manifest)
    {
        var path = Path.Combine(backupDirectory, ManifestFileName);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        JsonSerializer.Serialize(stream, manifest, BackupManifestJson.Default.BackupManifest);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Renames a finished work directory to the first free id of <paramref name="baseId"/>,
    /// <c>-2</c>, <c>-3</c>… and makes the rename durable. Never merges into an existing backup:
    /// Directory.Move refuses an existing destination.
    /// </summary>
    public string Commit(string partial, string baseId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var id = BackupNaming.Candidate(baseId, attempt);
            var destination = Path.Combine(Root, id);
            if (Path.Exists(destination))
            {
                continue;
            }
            try
            {
                Directory.Move(partial, destination);
            }
            catch (IOException) when (Path.Exists(destination))
            {
                continue;
            }
            Libc.FsyncDirectory(Root);
            return id;
        }
    }

    /// <summary>Removes a backup: first renamed to a work name (so a crash midway never leaves a half backup listed), then deleted.</summary>
    public void Remove(BackupRecord record)
    {
        var doomed = Path.Combine(Root, BackupNaming.PartialPrefix + "removing-" + record.Id);
        TreeRemover.Remove(doomed);
        Directory.Move(record.Directory, doomed);
        Libc.FsyncDirectory(Root);
        TreeRemover.Remove(doomed);
    }

    /// <summary>Deletes work directories left by an interrupted create or prune; returns their names.</summary>
    public IReadOnlyList<string> RemovePartials()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }
        var removed = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(directory);
            if (BackupNaming.IsPartial(name))
            {
                TreeRemover.Remove(directory);
                removed.Add(name);
            }
        }
        return removed;
    }

    private static BackupManifest? TryRead(string directory)
    {
        var path = Path.Combine(directory, ManifestFileName);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, BackupManifestJson.Default.BackupManifest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
