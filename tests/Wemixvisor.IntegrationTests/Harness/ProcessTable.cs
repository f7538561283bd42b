using System.Text;

namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>A live (non-zombie) process as seen in /proc.</summary>
public sealed record ProcessEntry(int Pid, int ProcessGroup, string CommandLine);

/// <summary>Reads /proc to find the processes a test started, also those it did not start directly.</summary>
public static class ProcessTable
{
    /// <summary>Live processes whose command line or environment contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<ProcessEntry> Mentioning(string text) =>
        Live().Where(entry => entry.CommandLine.Contains(text, StringComparison.Ordinal) || Environment(entry.Pid).Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>Live processes of process group <paramref name="pgid"/>.</summary>
    public static IReadOnlyList<ProcessEntry> InGroup(int pgid) => Live().Where(entry => entry.ProcessGroup == pgid).ToList();

    public static bool IsAlive(int pid) => Stat(pid) is { } stat && stat.State is not ('Z' or 'X');

    public static IEnumerable<ProcessEntry> Live()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || Stat(pid) is not { } stat || stat.State is 'Z' or 'X')
            {
                continue;
            }
            yield return new ProcessEntry(pid, stat.Group, Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim());
        }
    }

    public static string Describe(IEnumerable<ProcessEntry> entries) =>
        string.Join("\n", entries.Select(entry => $"  pid {entry.Pid} pgid {entry.ProcessGroup}: {entry.CommandLine}"));

    private static (char State, int Group)? Stat(int pid)
    {
        var text = Read($"/proc/{pid}/stat");
        var end = text.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }
        var fields = text[(end + 2)..].Split(' ');
        return fields.Length > 3 && int.TryParse(fields[2], out var group) ? (fields[0][0], group) : null;
    }

    private static string Environment(int pid) => Read($"/proc/{pid}/environ");

    private static string Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
