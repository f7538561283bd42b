using System.Diagnostics;
using System.Text;

namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>
/// A program started by a test in its own session and process group (through setsid(1), which keeps the pid),
/// with stdout and stderr captured. Output is read on own threads and never awaited to its end: a node that
/// inherited the pipes may keep them open after the program exited.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _pumps;

    private RunningProcess(Process process, string description)
    {
        _process = process;
        Description = description;
        _pumps = Task.WhenAll(
            PumpOnOwnThread(process.StandardOutput.BaseStream, _stdout),
            PumpOnOwnThread(process.StandardError.BaseStream, _stderr));
    }

    public string Description { get; }

    public int Pid => _process.Id;

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public bool HasExited => _process.HasExited;

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static RunningProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(program);
        var argumentList = arguments.ToList();
        foreach (var argument in argumentList)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        return new RunningProcess(process, $"{program} {string.Join(' ', argumentList)}");
    }

    /// <summary>Sends <paramref name="signal"/> to the program itself (not its group).</summary>
    public void Signal(int signal) => Signals.SendOrFail(Pid, signal);

    /// <summary>Sends <paramref name="signal"/> to the program's process group, as a terminal's Ctrl-C would.</summary>
    public void SignalGroup(int signal) => Signals.SendOrFail(-Pid, signal);

    /// <summary>
    /// Waits for the exit and returns the exit code; fails the test with the output after <paramref name="timeout"/>.
    /// Then waits a little for the rest of the output, unless a surviving child holds the pipes open.
    /// </summary>
    public async Task<int> WaitForExit(TimeSpan? timeout = null)
    {
        await Eventually.Holds(() => _process.HasExited, $"exit of {Description}", timeout, Output);
        await Task.WhenAny(_pumps, Task.Delay(OutputDrainTimeout));
        return _process.ExitCode;
    }

    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Waits until the captured stdout or stderr contains <paramref name="text"/>.</summary>
    public Task WaitForOutput(string text, TimeSpan? timeout = null) =>
        Eventually.Holds(() => Stdout.Contains(text, StringComparison.Ordinal) || Stderr.Contains(text, StringComparison.Ordinal),
            $"output \"{text}\" from {Description}", timeout, Output);

    /// <summary>Everything captured so far, for assertion messages.</summary>
    public string Output() => $"--- {Description} (pid {Pid}) stdout:\n{Stdout}\n--- stderr:\n{Stderr}";

    /// <summary>Kills what is left of the program's process group and waits (bounded) until the program is reaped.</summary>
    public async ValueTask DisposeAsync()
    {
        Signals.Send(-Pid, Signals.Kill);
        await Eventually.TryHolds(() => _process.HasExited, TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    /// <summary>
    /// Reads on a dedicated thread: an anonymous pipe's ReadAsync is a blocking read on a thread-pool thread, and two of
    /// those per program starve a small pool (seen here: every wait of a test stalled for about a second).
    /// </summary>
    private static Task PumpOnOwnThread(Stream stream, StringBuilder sink) =>
        Task.Factory.StartNew(() => Pump(stream, sink), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Pump(Stream stream, StringBuilder sink)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[4096];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        try
        {
            int read;
            while ((read = stream.Read(bytes)) > 0)
            {
                var count = decoder.GetChars(bytes, 0, read, chars, 0);
                lock (sink)
                {
                    sink.Append(chars, 0, count);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed with the process.
        }
    }
}
