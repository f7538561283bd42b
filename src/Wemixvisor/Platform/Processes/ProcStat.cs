using System.Globalization;

namespace Wemixvisor.Platform.Processes;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> that tell one process apart from a later one with the same pid.</summary>
/// <param name="State">One letter: R, S, D, Z (zombie), T…</param>
/// <param name="ParentPid">Field 4: the parent, which becomes the nearest subreaper or init when the parent ends first.</param>
/// <param name="StartTime">Field 22: clock ticks after boot at which the process started; exec does not change it.</param>
internal sealed record ProcStat(int Pid, char State, int ParentPid, int ProcessGroup, ulong StartTime)
{
    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>The status of <paramref name="pid"/>, or null when no such process exists.</summary>
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
        return Parse(pid, text);
    }

    /// <summary>Parses the stat line; the command name (field 2) may contain spaces and parentheses, so fields are counted after the last ')'.</summary>
    public static ProcStat? Parse(int pid, string text)
    {
        var end = text.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }
        var fields = text[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field N is fields[N - 3].
        if (fields.Length < 20
            || !int.TryParse(fields[4 - 3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent)
            || !int.TryParse(fields[5 - 3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            || !ulong.TryParse(fields[22 - 3], NumberStyles.None, CultureInfo.InvariantCulture, out var startTime))
        {
            return null;
        }
        return new ProcStat(pid, fields[0][0], parent, group, startTime);
    }
}
