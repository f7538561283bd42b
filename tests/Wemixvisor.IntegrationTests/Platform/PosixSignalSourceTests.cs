using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.Core.Ports;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Signals;

namespace Wemixvisor.IntegrationTests.Platform;

/// <summary>Signals sent to the test process itself: the source must cancel their default action, or the run dies.</summary>
[Collection("Processes")]
public sealed class PosixSignalSourceTests
{
    [Theory]
    [InlineData(Signals.Hangup, NodeSignal.Hangup)]
    [InlineData(Signals.Interrupt, NodeSignal.Interrupt)]
    [InlineData(Signals.Quit, NodeSignal.Quit)]
    [InlineData(Signals.Terminate, NodeSignal.Terminate)]
    public async Task Signals_SignalToOwnProcess_IsEmittedAndDoesNotEndTheProcess(int signal, NodeSignal expected)
    {
        // Arrange
        using var source = new PosixSignalSource(NullLogger<PosixSignalSource>.Instance);
        var received = new List<NodeSignal>();
        using var subscription = source.Signals.Subscribe(s => { lock (received) { received.Add(s); } });

        // Act
        Signals.SendOrFail(Environment.ProcessId, signal);

        // Assert
        await Eventually.Holds(() => { lock (received) { return received.Contains(expected); } }, $"{expected} emitted");
        lock (received)
        {
            Assert.All(received, s => Assert.Equal(expected, s));
        }
    }

    [Fact]
    public void Dispose_CompletesTheStream()
    {
        var source = new PosixSignalSource(NullLogger<PosixSignalSource>.Instance);
        var completed = false;
        using var subscription = source.Signals.Subscribe(_ => { }, () => completed = true);

        source.Dispose();

        Assert.True(completed);
    }
}
