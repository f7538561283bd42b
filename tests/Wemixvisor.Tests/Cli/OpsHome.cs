using System.Diagnostics;
using System.Runtime.Versioning;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.Tests.Cli;

/// <summary>A temporary node home for the upgrade and backup commands, with the CLI pointed at it; removed afterwards (a started node is killed).</summary>
[SupportedOSPlatform("linux")]
internal sealed class OpsHome : IDisposable
{
    private readonly List<Process> _processes = [];

    public OpsHome()
    {
        Cli.Environment["DAEMON_HOME"] = Temp.Home;
        Cli.Environment["DAEMON_NAME"] = "gstable";
        Cli.WorkingDirectory = Temp.Root;
    }

    public TempHome Temp { get; } = new();
    public CliHarness Cli { get; } = new();
    public HomeLayout Layout => new(Temp.Home, "gstable", DataDir, BackupDir);
    public string DataDir => Path.Combine(Temp.Home, "data");
    public string BackupDir => Path.Combine(Temp.Home, "backups");
    public string TriggerFile => Path.Combine(DataDir, "upgrade-info.json");
    public string UpgradeBinary(string name) => Path.Combine(Temp.WemixvisorDir, "upgrades", name, "bin", "gstable");

    public async Task InitAsync()
    {
        var init = await Cli.RunAsync("init", Temp.Binary("node-genesis", "echo genesis"));
        Assert.True(init.ExitCode == 0, init.ToString());
        Directory.CreateDirectory(DataDir);
    }

    public void WriteTrigger(string json)
    {
        Directory.CreateDirectory(DataDir);
        File.WriteAllText(TriggerFile, json);
    }

    /// <summary>Makes <paramref name="name"/> the applied upgrade, as a switch leaves it: its binary, its marker, and <c>current</c> pointing to it.</summary>
    public void Apply(string name, long height)
    {
        var directory = Path.Combine(Temp.WemixvisorDir, "upgrades", name);
        Directory.CreateDirectory(Path.Combine(directory, "bin"));
        File.Copy(Temp.GenesisBinary(), UpgradeBinary(name), overwrite: true);
        File.WriteAllText(Path.Combine(directory, "upgrade-info.json"), $$"""{"name":"{{name}}","height":{{height}}}""");
        File.Delete(Temp.Current);
        File.CreateSymbolicLink(Temp.Current, Path.Combine("upgrades", name));
    }

    /// <summary>Starts <c>sleep 30</c> and records it as the node, as <c>run</c> does in <c>node.json</c>.</summary>
    public Process StartRecordedNode()
    {
        var node = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        _processes.Add(node);
        var stat = ProcStat.Read(node.Id) ?? throw new InvalidOperationException($"no /proc entry for pid {node.Id}");
        new NodeRecordStore(Layout).Save(new NodeRecord(node.Id, stat.StartTime));
        return node;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
            process.Dispose();
        }
        Temp.Dispose();
    }
}
