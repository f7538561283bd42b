using System.Text.Json;
using Wemixvisor.Platform.Files;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Backup;

/// <summary>
/// <c>$DAEMON_DATA_BACKUP_DIR/restore-journal.json</c>: written (durably) before a restore renames the data
/// directory aside and removed once the rebuilt copy is in its place, so that a restore killed between its two
/// renames — the moment the data directory is missing — is completed by <see cref="Recover"/> at the next
/// start or restore. The journal lives in the backup directory because that is known without resolving the
/// data directory, which may be a symlink whose target is the very directory that is missing.
/// </summary>
internal sealed class RestoreJournal(string backupDir)
{
    public const string FileName = "restore-journal.json";

    /// <summary>One restore's swap: <see cref="Target"/> (the data) is moved to <see cref="Aside"/>, then <see cref="Incoming"/> (the rebuilt copy) to <see cref="Target"/>.</summary>
    public sealed record Swap(string Target, string Aside, string Incoming);

    /// <summary>What recovery found and did.</summary>
    public enum Recovery
    {
        NothingToDo,
        /// <summary>The rebuilt copy was put in place (it was complete: the journal is written after it is flushed).</summary>
        Completed,
        /// <summary>The swap had finished; only the replaced data or the journal was left.</summary>
        Finished,
        /// <summary>The rebuilt copy was gone, so the replaced data was put back.</summary>
        Undone,
    }

    public string Path { get; } = System.IO.Path.Combine(backupDir, FileName);

    public void Begin(Swap swap)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WriteString("target", swap.Target);
            writer.WriteString("aside", swap.Aside);
            writer.WriteString("incoming", swap.Incoming);
            writer.WriteEndObject();
        }
        AtomicFile.Write(Path, buffer.ToArray());
    }

    public void Clear() => AtomicFile.Delete(Path);

    /// <summary>The unfinished swap, or null when there is none; throws <see cref="BackupException"/> naming the file when it cannot be read.</summary>
    public Swap? Read()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return new Swap(Text(root, "target"), Text(root, "aside"), Text(root, "incoming"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new BackupException($"the restore journal {Path} cannot be read ({e.Message}); a restore was interrupted: check the data directory and the hidden .restore-/.replaced- directories next to it, then remove the journal");
        }
    }

    /// <summary>
    /// Completes an interrupted swap: the rebuilt copy goes into place (moving the data aside first if it is
    /// still there), the replaced data is removed, then the journal. Never leaves the target missing.
    /// </summary>
    public Recovery Recover()
    {
        if (Read() is not { } swap)
        {
            return Recovery.NothingToDo;
        }
        var parent = System.IO.Path.GetDirectoryName(swap.Target)!;
        var outcome = Recovery.Finished;
        if (Directory.Exists(swap.Incoming))
        {
            if (Exists(swap.Target))
            {
                Directory.Move(swap.Target, swap.Aside);
            }
            Directory.Move(swap.Incoming, swap.Target);
            Libc.FsyncDirectory(parent);
            outcome = Recovery.Completed;
        }
        else if (!Exists(swap.Target) && Directory.Exists(swap.Aside))
        {
            // The rebuilt copy is gone (removed by hand): put the old data back rather than leave none.
            Directory.Move(swap.Aside, swap.Target);
            Libc.FsyncDirectory(parent);
            outcome = Recovery.Undone;
        }
        if (Directory.Exists(swap.Aside))
        {
            TreeRemover.Remove(swap.Aside);
        }
        Clear();
        return outcome;
    }

    private static bool Exists(string path) => Libc.KindOf(path, followLinks: false) != FileKind.Missing;

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() is { Length: > 0 } value ? value : throw new InvalidOperationException($"field \"{name}\" is empty");
}
