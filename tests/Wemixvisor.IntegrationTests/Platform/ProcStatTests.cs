using Wemixvisor.Platform.Processes;

namespace Wemixvisor.IntegrationTests.Platform;

public sealed class ProcStatTests
{
    [Fact]
    public void Parse_CommandNameWithSpacesAndParentheses_CountsFieldsAfterTheLastParenthesis()
    {
        var fields = string.Join(' ', Enumerable.Range(4, 49));
        var line = $"42 (evil) name (x) S {fields}";

        var stat = ProcStat.Parse(42, line);

        Assert.NotNull(stat);
        Assert.Equal('S', stat.State);
        Assert.Equal(4, stat.ParentPid);
        Assert.Equal(5, stat.ProcessGroup);
        Assert.Equal(22UL, stat.StartTime);
    }

    [Fact]
    public void Read_OwnProcess_GivesStableStartTime()
    {
        var first = ProcStat.Read(Environment.ProcessId);
        var second = ProcStat.Read(Environment.ProcessId);

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.True(first.StartTime > 0);
    }

    [Fact]
    public void Read_NoSuchProcess_IsNull()
    {
        var pidMax = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim());

        Assert.Null(ProcStat.Read(pidMax + 1));
    }
}
