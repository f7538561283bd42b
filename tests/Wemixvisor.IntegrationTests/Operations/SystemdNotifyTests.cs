using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.IntegrationTests.Run;

namespace Wemixvisor.IntegrationTests.Operations;

/// <summary><c>Type=notify</c>: the published executable talking to a unix datagram socket set as NOTIFY_SOCKET.</summary>
[Collection("Processes")]
public sealed class SystemdNotifyTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly string _path;

    public SystemdNotifyTests()
    {
        _path = _home.Combine("notify.sock");
        _socket.Bind(new UnixDomainSocketEndPoint(_path));
        _ = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var length = await _socket.ReceiveAsync(buffer, SocketFlags.None);
                    _messages.Enqueue(Encoding.UTF8.GetString(buffer, 0, length));
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Closed at the end of the test.
            }
        });
    }

    public void Dispose()
    {
        _socket.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task Run_UnderNotifySocket_ReadyWithStatusOnceTheNodeRuns_WatchdogFed_StoppingOnSigterm()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis"));

        // Act
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(
            ("NOTIFY_SOCKET", _path), ("WATCHDOG_USEC", "400000"), ("WATCHDOG_PID", null)));
        var ready = await Eventually.Yields(() => _messages.FirstOrDefault(m => m.Contains("READY=1", StringComparison.Ordinal)), "READY=1", diagnostics: run.Describe);
        await Eventually.Holds(() => _messages.Count(m => m == "WATCHDOG=1") >= 3, "WATCHDOG=1 three times", diagnostics: run.Describe);
        Assert.DoesNotContain("STOPPING=1", _messages);
        run.Signal(Signals.Terminate);
        var code = await run.WaitForExit();

        // Assert
        Assert.Equal(0, code);
        var pid = _home.Timeline.StartedPid("genesis");
        Assert.Equal($"READY=1\nSTATUS=running genesis (pid {pid})", ready);
        var messages = _messages.ToList();
        Assert.True(messages.IndexOf(ready) < messages.IndexOf("WATCHDOG=1"), string.Join(" | ", messages));
        Assert.Contains("STOPPING=1", messages);
        Assert.Contains(messages, m => m.StartsWith("STATUS=stopping the node", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Contains("READY=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_UnderNotifySocket_UpgradeStatusLinesSayWhatHappens()
    {
        // Arrange
        _home.WriteGenesis(new FakeNode("genesis"));
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(("NOTIFY_SOCKET", _path), ("WATCHDOG_USEC", null)));
        await Eventually.Holds(() => _messages.Any(m => m.Contains("READY=1", StringComparison.Ordinal)), "READY=1", diagnostics: run.Describe);

        // Act
        _home.WriteTrigger(Trigger.Json("v2", 5));
        await Eventually.Holds(() => _messages.Any(m => m.StartsWith("STATUS=running v2@5 (pid ", StringComparison.Ordinal)), "running v2", diagnostics: run.Describe);

        // Assert
        var statuses = _messages.Where(m => m.StartsWith("STATUS=", StringComparison.Ordinal)).ToList();
        Assert.Contains("STATUS=upgrading to v2: backup", statuses);
        Assert.Contains(statuses, s => s.StartsWith("STATUS=upgrading to v2: stopping the node (pid ", StringComparison.Ordinal));
        Assert.Contains("STATUS=upgrading to v2: switching", statuses);
        Assert.DoesNotContain("WATCHDOG=1", _messages);
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }
}
