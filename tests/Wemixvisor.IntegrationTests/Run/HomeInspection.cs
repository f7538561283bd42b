using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>What a user can see in a home after a run: the link, the markers, the journal, the backups.</summary>
internal static class HomeInspection
{
    public const string PartialBackupPrefix = ".partial-";

    /// <summary>Relative target of <c>current</c> for an upgrade, as wemixvisor writes it.</summary>
    public static string UpgradeTarget(string name) => Path.Combine("upgrades", name);

    public static string MarkerPath(this TempHome home, string name) => Path.Combine(home.Layout.UpgradesDir, name, "upgrade-info.json");

    /// <summary>The applied marker of <paramref name="name"/> as (name, height), or null when it is absent.</summary>
    public static (string Name, long Height)? Marker(this TempHome home, string name)
    {
        var path = home.MarkerPath(name);
        if (!File.Exists(path))
        {
            return null;
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        return (root.GetProperty("name").GetString()!, root.GetProperty("height").GetInt64());
    }

    public static bool HasJournal(this TempHome home) => File.Exists(home.Layout.JournalFile);

    /// <summary>Complete backups: directories of the backup dir that hold a manifest, oldest first.</summary>
    public static IReadOnlyList<string> Backups(this TempHome home) =>
        Directory.Exists(home.Layout.BackupDir)
            ? Directory.EnumerateDirectories(home.Layout.BackupDir)
                .Where(directory => !Path.GetFileName(directory).StartsWith('.') && File.Exists(Path.Combine(directory, "manifest.json")))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>Unfinished backups (<c>.partial-…</c> work directories).</summary>
    public static IReadOnlyList<string> PartialBackups(this TempHome home) =>
        Directory.Exists(home.Layout.BackupDir)
            ? Directory.EnumerateDirectories(home.Layout.BackupDir, PartialBackupPrefix + "*").ToList()
            : [];

    /// <summary>Live processes of the home other than wemixvisor runs, for "nothing left" assertions.</summary>
    public static IReadOnlyList<ProcessEntry> LiveNodeProcesses(this TempHome home, params int[] except) =>
        home.LiveProcesses().Where(entry => !except.Contains(entry.Pid) && entry.Pid != Environment.ProcessId).ToList();

    /// <summary>The pids of every <c>&lt;label&gt; start pid=N args=…</c> line, in order.</summary>
    public static IReadOnlyList<int> StartedPids(this Timeline timeline, string label)
    {
        var prefix = $"{label} start pid=";
        return timeline.Lines
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => int.Parse(line[prefix.Length..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>The arguments the <paramref name="index"/>-th start of <paramref name="label"/> received, from its <c>arg &lt;…&gt;</c> lines.</summary>
    public static IReadOnlyList<string> ArgumentsOfStart(this Timeline timeline, string label, int index = 0)
    {
        var starts = 0;
        var collecting = false;
        var arguments = new List<string>();
        foreach (var line in timeline.Lines)
        {
            if (line.StartsWith($"{label} start pid=", StringComparison.Ordinal))
            {
                collecting = starts++ == index;
                continue;
            }
            if (collecting && line.StartsWith($"{label} arg <", StringComparison.Ordinal) && line.EndsWith('>'))
            {
                arguments.Add(line[$"{label} arg <".Length..^1]);
            }
            else if (collecting && line.StartsWith($"{label} cwd=", StringComparison.Ordinal))
            {
                break;
            }
        }
        return arguments;
    }
}
