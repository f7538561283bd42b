using System.Reactive;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Platform.Files;
using Wemixvisor.Status;
using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Hosting;

/// <summary>
/// Keeps <see cref="RunStatus"/> for <c>wemixvisor status</c>: counts node starts, restarts and upgrades from
/// the supervisor's steps and writes the file atomically at the start and whenever the node starts or exits
/// or an upgrade is switched — not on every step. The file is removed when the run ends. A file that cannot
/// be written is logged once and never disturbs the supervisor.
/// </summary>
internal sealed class RunStatusWriter : IObserver<SupervisorStep>, IDisposable
{
    private readonly string _path;
    private readonly int _pid;
    private readonly ILogger _logger;
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

    /// <summary>An observer that hands every step to <paramref name="writer"/>, then to <paramref name="next"/> when there is one.</summary>
    public static IObserver<SupervisorStep> Combine(RunStatusWriter writer, IObserver<SupervisorStep>? next)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return next is null
            ? writer
            : Observer.Create<SupervisorStep>(
                step => { writer.OnNext(step); next.OnNext(step); },
                error => { writer.OnError(error); next.OnError(error); },
                () => { writer.OnCompleted(); next.OnCompleted(); });
    }

    public void OnNext(SupervisorStep value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Decision.Ignored)
        {
            return;
        }
        var first = _status is null;
        var status = _status ?? new RunStatus { Pid = _pid, StartedAt = value.At, UpdatedAt = value.At };
        var startsNode = value.Decision.Commands.Any(command => command is SupervisorCommand.StartNode);
        status = status with
        {
            NodeStarts = status.NodeStarts + (startsNode ? 1 : 0),
            Restarts = status.Restarts + (startsNode && value.From.Phase is SupervisorPhase.BackingOff ? 1 : 0),
            Upgrades = status.Upgrades + (value.Event is Switched ? 1 : 0),
        };
        _status = status;
        if (first || value.Event is NodeStarted or NodeStartFailed or NodeExited or Switched)
        {
            _status = status with
            {
                UpdatedAt = value.At,
                LastTransition = new RunTransition(value.At, value.From.Phase.GetType().Name, value.To.Phase.GetType().Name, value.Event.ToString()),
            };
            Write(_status);
        }
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
