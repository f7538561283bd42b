using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Tests.Fakes;

/// <summary>How a fake node reacts to signals, in virtual time.</summary>
public sealed record NodeBehaviour
{
    /// <summary>Time a node needs to stop after SIGTERM/SIGINT; null ignores them.</summary>
    public TimeSpan? StopsAfterTerm { get; init; } = TimeSpan.FromMilliseconds(500);
    public int ExitCodeOnTerm { get; init; }
    /// <summary>A Go node dumps its goroutines on SIGQUIT and exits 2; false ignores SIGQUIT.</summary>
    public bool DiesOnQuit { get; init; } = true;

    public static readonly NodeBehaviour Graceful = new();
    public static readonly NodeBehaviour IgnoresTerm = new() { StopsAfterTerm = null };
    public static readonly NodeBehaviour IgnoresTermAndQuit = new() { StopsAfterTerm = null, DiesOnQuit = false };
}

/// <summary>A node process that lives in virtual time and records every signal it received.</summary>
public sealed class FakeNode(int pid, string binary, TestScheduler scheduler, NodeBehaviour behaviour) : INodeProcess
{
    private readonly AsyncSubject<NodeExit> _exited = new();

    public int Pid => pid;
    public string Binary => binary;
    public DateTimeOffset StartedAt { get; } = scheduler.Now;
    public NodeExit? ExitedWith { get; private set; }
    public DateTimeOffset? ExitedAt { get; private set; }
    public List<(DateTimeOffset At, NodeSignal Signal)> Received { get; } = [];

    public IObservable<NodeExit> Exited => _exited;

    public bool IsRunning => ExitedWith is null;

    public void Signal(NodeSignal signal)
    {
        if (!IsRunning)
        {
            return;
        }
        Received.Add((scheduler.Now, signal));
        switch (signal)
        {
            case NodeSignal.Kill:
                Exit(NodeExit.Signal(9));
                break;
            case NodeSignal.Quit when behaviour.DiesOnQuit:
                Exit(NodeExit.Code(2));
                break;
            case NodeSignal.Terminate or NodeSignal.Interrupt when behaviour.StopsAfterTerm is { } delay:
                scheduler.Schedule(delay, () => Exit(NodeExit.Code(behaviour.ExitCodeOnTerm)));
                break;
        }
    }

    /// <summary>Ends the node on its own (a crash, a halt) or as the answer to a signal.</summary>
    public void Exit(NodeExit exit)
    {
        if (!IsRunning)
        {
            return;
        }
        ExitedWith = exit;
        ExitedAt = scheduler.Now;
        _exited.OnNext(exit);
        _exited.OnCompleted();
    }
}

/// <summary>Launches fake nodes of whatever binary <c>current</c> points to.</summary>
public sealed class FakeLauncher(TestScheduler scheduler, Func<string> currentTarget) : INodeLauncher
{
    private int _nextPid = 1000;

    public List<FakeNode> Launched { get; } = [];
    public NodeBehaviour Behaviour { get; set; } = NodeBehaviour.Graceful;
    /// <summary>When set, the next launches fail with this reason.</summary>
    public string? FailWith { get; set; }
    /// <summary>Called with each node right after it started, to script its life.</summary>
    public Action<FakeNode>? OnLaunch { get; set; }

    public FakeNode? Current => Launched.Count > 0 && Launched[^1].IsRunning ? Launched[^1] : null;

    public INodeProcess Launch()
    {
        if (FailWith is { } reason)
        {
            throw new NodeLaunchException(reason);
        }
        var node = new FakeNode(++_nextPid, currentTarget(), scheduler, Behaviour);
        Launched.Add(node);
        OnLaunch?.Invoke(node);
        return node;
    }
}
