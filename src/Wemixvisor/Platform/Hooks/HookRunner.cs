using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Ports;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.Platform.Hooks;

/// <summary>
/// Runs a hook in its own process group with its output logged line by line, bounded by its
/// timeout: at the deadline the group gets SIGTERM, and SIGKILL after <see cref="KillGrace"/>.
/// Processes a hook leaves behind in its group are stopped the same way once it has exited, so that
/// nothing of it still runs (or holds its output open) while the upgrade goes on. The running hook is
/// recorded like the node (<see cref="NodeRecordStore.ForHooks"/>), so that a wemixvisor killed while it runs
/// stops it at its next start.
/// </summary>
internal sealed class HookRunner
{
    public static readonly TimeSpan DefaultKillGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly NodeRecordStore? _records;

    /// <param name="records">Where the running hook is recorded; null records nothing.</param>
    public HookRunner(TimeProvider time, ILogger<HookRunner> logger, TimeSpan? killGrace = null, NodeRecordStore? records = null)
    {
        _time = time;
        _logger = logger;
        _records = records;
        KillGrace = killGrace ?? DefaultKillGrace;
    }

    /// <summary>How long a hook's group has between SIGTERM and SIGKILL.</summary>
    public TimeSpan KillGrace { get; }

    /// <summary>Runs <paramref name="hook"/> to its end or its deadline. Cancelling stops the hook's group, then throws.</summary>
    public async Task<HookResult> RunAsync(HookInvocation hook, CancellationToken cancellation)
    {
        var startedAt = _time.GetTimestamp();
        using var process = ProcessGroupStarter.Start(new ProcessLaunch(hook.Program, hook.Arguments)
        {
            WorkingDirectory = hook.WorkingDirectory,
            ExtraEnvironment = hook.Environment,
            CaptureOutput = true,
        });
        var pgid = process.Id;
        Record(pgid);
        _logger.HookStarted(hook.Tag, hook.Program, string.Join(' ', hook.Arguments), pgid, hook.Timeout.TotalSeconds);
        var output = Task.WhenAll(
            PumpAsync(process.StandardOutput, line => _logger.HookOutput(hook.Tag, line)),
            PumpAsync(process.StandardError, line => _logger.HookError(hook.Tag, line)));

        HookResult result;
        using (var deadline = new CancellationTokenSource(hook.Timeout, _time))
        using (var deadlineOrCancel = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellation))
        {
            try
            {
                await process.WaitForExitAsync(deadlineOrCancel.Token).ConfigureAwait(false);
                result = new HookResult.Exited(process.ExitCode);
                _logger.HookExited(hook.Tag, process.ExitCode, _time.GetElapsedTime(startedAt).TotalSeconds);
                if (ProcessGroup.HasLiveMembers(pgid))
                {
                    _logger.HookLeftProcesses(hook.Tag, pgid);
                    await StopGroupAsync(process, pgid, hook.Tag).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (deadlineOrCancel.IsCancellationRequested)
            {
                if (!cancellation.IsCancellationRequested)
                {
                    _logger.HookTimedOut(hook.Tag, hook.Timeout.TotalSeconds);
                }
                await StopGroupAsync(process, pgid, hook.Tag).ConfigureAwait(false);
                result = new HookResult.TimedOut(hook.Timeout);
            }
        }
        Unrecord(pgid);
        await DrainAsync(output, hook.Tag).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
        return result;
    }

    private void Record(int pgid)
    {
        if (_records is null || ProcStat.Read(pgid) is not { } stat)
        {
            return;
        }
        try
        {
            _records.Save(new NodeRecord(pgid, stat.StartTime));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.HookRecordNotWritten(_records.Path, e.Message);
        }
    }

    private void Unrecord(int pgid)
    {
        try
        {
            _records?.Remove(pgid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.HookRecordNotWritten(_records!.Path, e.Message);
        }
    }

    private async Task StopGroupAsync(Process leader, int pgid, string tag)
    {
        ProcessGroupStarter.Signal(pgid, NodeSignal.Terminate);
        if (!await GroupEndsWithinAsync(pgid, KillGrace).ConfigureAwait(false))
        {
            _logger.HookKilled(tag, pgid, KillGrace.TotalSeconds);
            ProcessGroupStarter.Signal(pgid, NodeSignal.Kill);
            await GroupEndsWithinAsync(pgid, KillGrace).ConfigureAwait(false);
        }
        try
        {
            await leader.WaitForExitAsync().WaitAsync(KillGrace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A process stuck in uninterruptible sleep cannot be reaped yet; the upgrade must not wait for it.
        }
    }

    private Task<bool> GroupEndsWithinAsync(int pgid, TimeSpan limit) =>
        ProcessGroup.WaitUntilAsync(() => !ProcessGroup.HasLiveMembers(pgid), limit, time: _time);

    private async Task DrainAsync(Task output, string tag)
    {
        try
        {
            await output.WaitAsync(OutputDrainLimit, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.HookOutputAbandoned(tag);
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> log)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                log(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process was disposed while a detached descendant still held the pipe.
        }
    }
}
