using Wemixvisor.Core.Ports;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.IntegrationTests.Platform;

[Collection("Processes")]
public sealed class ProcessGroupStarterTests
{
    [Fact]
    public async Task Start_SignalTheGroupTheMomentStartReturns_TheProgramGetsIt()
    {
        // Twenty tries: before the fix, a signal sent right after Start was lost whenever setsid(2) had not run yet.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            // Arrange
            using var process = ProcessGroupStarter.Start(new ProcessLaunch("/usr/bin/sleep", ["30"]));

            // Act
            var delivered = ProcessGroupStarter.Signal(process.Id, NodeSignal.Terminate);

            // Assert
            Assert.True(delivered, $"attempt {attempt}: the group of pid {process.Id} exists when Start returns");
            await Eventually.Holds(() => process.HasExited, $"attempt {attempt}: sleep ended by the SIGTERM sent to its group", TimeSpan.FromSeconds(5));
            Assert.Equal(128 + Signals.Terminate, process.ExitCode);
        }
    }
}
