using System.Diagnostics;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.Processes;

/// <summary>
/// A started node: the leader of process group <see cref="Pid"/>. When the leader ends, what is left of
/// its group is killed (so nothing of an old node holds the data dir), the record is removed, then
/// <see cref="Exited"/> emits.
/// </summary>
internal sealed class LinuxNodeProcess : INodeProcess
{
    private static readonly TimeSpan LeftoverTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly NodeRecordStore _records;
    private readonly ILogger _logger;
    private readonly AsyncSubject<NodeExit> _exited = new();
    private volatile bool _hasExited;

    public LinuxNodeProcess(Process process, NodeRecordStore records, ILogger logger)
    {
        _process = process;
        _records = records;
        _logger = logger;
        Pid = process.Id;
        Record();
        _ = WatchAsync();
    }

    public int Pid { get; }

    public IObservable<NodeExit> Exited => _exited;

    public void Signal(NodeSignal signal)
    {
        if (_hasExited)
        {
            _logger.SignalAfterExit(signal.ToString(), Pid);
            return;
        }
        if (ProcessGroupStarter.Signal(Pid, signal))
        {
            _logger.SignalSent(signal.ToString(), Pid);
        }
        else
        {
            _logger.SignalAfterExit(signal.ToString(), Pid);
        }
    }

    /// <summary>
    /// .NET reports a death by signal N as exit code 128+N, so the two cannot be told apart; codes
    /// 129–192 (signals 1–64) are reported as the signal. The code wemixvisor exits with is the same either way.
    /// </summary>
    public static NodeExit Interpret(int exitCode) =>
        exitCode is > 128 and <= 128 + 64 ? NodeExit.Signal(exitCode - 128) : NodeExit.Code(exitCode);

    private void Record()
    {
        if (ProcStat.Read(Pid) is not { } stat)
        {
            return;
        }
        try
        {
            _records.Save(new NodeRecord(Pid, stat.StartTime));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.RecordNotWritten(_records.Path, e.Message);
        }
    }

    private async Task WatchAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _hasExited = true;
        var exit = Interpret(_process.ExitCode);
        _process.Dispose();
        try
        {
            await KillLeftoversAsync().ConfigureAwait(false);
            _records.Remove(Pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.RecordNotRemoved(_records.Path, e.Message);
        }
        finally
        {
            _logger.NodeEnded(Pid, exit.ToString());
            _exited.OnNext(exit);
            _exited.OnCompleted();
        }
    }

    private async Task KillLeftoversAsync()
    {
        if (!ProcessGroup.HasLiveMembers(Pid))
        {
            return;
        }
        ProcessGroupStarter.Signal(Pid, NodeSignal.Kill);
        _logger.LeftoversKilled(Pid);
        if (!await ProcessGroup.WaitUntilAsync(() => !ProcessGroup.HasLiveMembers(Pid), LeftoverTimeout).ConfigureAwait(false))
        {
            _logger.LeftoversSurvived(Pid, LeftoverTimeout.TotalSeconds);
        }
    }
}
