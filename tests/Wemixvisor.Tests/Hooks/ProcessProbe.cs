namespace Wemixvisor.Tests.Hooks;

internal static class ProcessProbe
{
    /// <summary>True once <paramref name="pid"/> no longer runs: gone, or a zombie waiting to be reaped by whoever adopted it.</summary>
    public static bool HasEnded(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return true;
        }
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is 'Z' or 'X';
    }

    /// <summary>Bounded polling: true as soon as <paramref name="condition"/> holds, false when <paramref name="limit"/> passed first.</summary>
    public static bool Within(TimeSpan limit, Func<bool> condition) => SpinWait.SpinUntil(condition, limit);
}
