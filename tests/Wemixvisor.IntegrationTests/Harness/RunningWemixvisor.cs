namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>
/// The published <c>wemixvisor</c> running for a <see cref="TempHome"/>: started with the home's variables
/// (plus test-specific ones), the home as working directory, in its own process group, output captured.
/// What its node did is in <see cref="TempHome.Timeline"/>; what is still alive in <see cref="TempHome.LiveProcesses"/>.
/// </summary>
public sealed class RunningWemixvisor : IAsyncDisposable
{
    private RunningWemixvisor(TempHome home, RunningProcess process)
    {
        Home = home;
        Process = process;
    }

    public TempHome Home { get; }

    public RunningProcess Process { get; }

    public int Pid => Process.Pid;

    /// <param name="environment">Variables on top of the home's; a null value removes one.</param>
    public static async Task<RunningWemixvisor> StartAsync(TempHome home, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = home.Environment.ToDictionary(pair => pair.Key, string? (pair) => pair.Value);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }
        var executable = await PublishedWemixvisor.PathAsync();
        return new RunningWemixvisor(home, RunningProcess.Start(executable, arguments, variables, home.Home));
    }

    /// <summary>Runs <c>wemixvisor</c> to its end and returns its exit code.</summary>
    public static async Task<(int ExitCode, RunningWemixvisor Run)> RunToEndAsync(TempHome home, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var run = await StartAsync(home, arguments, environment);
        return (await run.Process.WaitForExit(timeout), run);
    }

    /// <summary>Sends <paramref name="signal"/> to wemixvisor only (as systemd's KillMode=mixed does first).</summary>
    public void Signal(int signal) => Process.Signal(signal);

    /// <summary>Sends <paramref name="signal"/> to wemixvisor's process group, as Ctrl-C in a terminal does (the node has its own group).</summary>
    public void SignalGroup(int signal) => Process.SignalGroup(signal);

    public Task<int> WaitForExit(TimeSpan? timeout = null) => Process.WaitForExit(timeout);

    public Task WaitForOutput(string text, TimeSpan? timeout = null) => Process.WaitForOutput(text, timeout);

    /// <summary>wemixvisor's output and the node's timeline, for assertion messages.</summary>
    public string Describe() => Process.Output() + "\n" + Home.Timeline.Describe();

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
