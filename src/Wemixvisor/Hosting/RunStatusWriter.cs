using System.Text.Json;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Platform.Files;
using Wemixvisor.Status;
using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Hosting;

/// <summary>
/// Keeps <see cref="RunStatus"/> for <c>wemixvisor status</c>: writes the <see cref="RunCounters"/> of the
/// supervisor's transitions and the last of them atomically at the start and whenever the node starts or exits
/// or an upgrade is switched — not on every transition. The file is removed when the run ends. A file that cannot
/// be written is logged once and never disturbs the supervisor.
/// </summary>
internal sealed class RunStatusWriter : IObserver<Transition>, IDisposable
{
    private readonly string _path;
    private readonly int _pid;
    private readonly ILogger _logger;
    private RunCounters _counters = RunCounters.Zero;
    private RunStatus? _status;
    private bool _failureLogged;

    public RunStatusWriter(HomeLayout layout, ILogger<RunStatusWriter> logger, int? pid = null)
    {
        _path = RunStatus.PathIn(layout);
        _pid = pid ?? Environment.ProcessId;
        _logger = logger;
    }

    /// <summary>How many times the file was written (the cost the writer adds to a run).</summary>
    public int Writes { get; private set; }

    public void OnNext(Transition value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Decision.Ignored)
        {
            return;
        }
        _counters = RunCounters.Next(_counters, value);
        if (_status is not null && value.Event is not (NodeStarted or NodeStartFailed or NodeExited or Switched))
        {
            return;
        }
        _status = (_status ?? new RunStatus { Pid = _pid, StartedAt = value.At, UpdatedAt = value.At }) with
        {
            UpdatedAt = value.At,
            NodeStarts = _counters.NodeStarts,
            Restarts = _counters.Restarts,
            Upgrades = _counters.Upgrades,
            LastTransition = new RunTransition(value.At, value.From.Phase.GetType().Name, value.To.Phase.GetType().Name, value.Event.ToString()),
        };
        Write(_status);
    }

    public void OnError(Exception error) => Remove();

    public void OnCompleted() => Remove();

    public void Dispose() => Remove();

    private void Write(RunStatus status)
    {
        try
        {
            AtomicFile.Write(_path, JsonSerializer.SerializeToUtf8Bytes(status, RunStatusJson.Default.RunStatus));
            Writes++;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogOnce(e);
        }
    }

    private void Remove()
    {
        try
        {
            AtomicFile.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogOnce(e);
        }
    }

    private void LogOnce(Exception e)
    {
        if (!_failureLogged)
        {
            _failureLogged = true;
            _logger.RunStatusNotWritten(_path, e.Message);
        }
    }
}

internal static partial class RunStatusLog
{
    [LoggerMessage(EventId = 1050, Level = LogLevel.Warning, Message = "Cannot keep the run status file {Path} ({Reason}); `wemixvisor status` will not show restarts")]
    public static partial void RunStatusNotWritten(this ILogger logger, string path, string reason);
}
