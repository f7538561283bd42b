using System.Diagnostics;
using System.Globalization;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>Waits on anvil's chain next to a running wemixvisor: they fail at once, with its output, when wemixvisor has exited.</summary>
internal static class ChainWaits
{
    private static readonly TimeSpan HeightStep = TimeSpan.FromMilliseconds(100);

    // Short, so that the first head a freshly started node serves is read before it mines on.
    private static readonly TimeSpan AnswerStep = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls until the height is at least <paramref name="minimum"/> and returns it.</summary>
    public static async Task<long> WaitForHeightWhileRunning(this AnvilRpc rpc, RunningWemixvisor run, long minimum, TimeSpan timeout, Func<string> diagnostics)
    {
        var elapsed = Stopwatch.StartNew();
        long? last = null;
        while (elapsed.Elapsed < timeout)
        {
            await FailIfExited(run, $"height >= {minimum}", diagnostics);
            last = await rpc.BlockNumber();
            if (last >= minimum)
            {
                return last.Value;
            }
            await Task.Delay(HeightStep);
        }
        Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for height >= {minimum} on port {rpc.Port} (last answer: {last?.ToString(CultureInfo.InvariantCulture) ?? "none"})\n{diagnostics()}");
        return 0;
    }

    /// <summary>The first height the node answers with, read as soon as it answers.</summary>
    public static async Task<long> FirstAnswer(this AnvilRpc rpc, RunningWemixvisor run, TimeSpan timeout, Func<string> diagnostics)
    {
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < timeout)
        {
            if (await rpc.BlockNumber() is { } height)
            {
                return height;
            }
            await FailIfExited(run, $"an answer on port {rpc.Port}", diagnostics);
            await Task.Delay(AnswerStep);
        }
        Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for an answer on port {rpc.Port}\n{diagnostics()}");
        return 0;
    }

    /// <summary>Waits until <paramref name="condition"/> holds while wemixvisor runs.</summary>
    public static async Task WhileRunning(RunningWemixvisor run, Func<bool> condition, string what, TimeSpan timeout, Func<string> diagnostics)
    {
        await Eventually.Holds(() => condition() || run.Process.HasExited, what, timeout, diagnostics);
        if (!condition())
        {
            await FailIfExited(run, what, diagnostics);
        }
    }

    private static async Task FailIfExited(RunningWemixvisor run, string what, Func<string> diagnostics)
    {
        if (run.Process.HasExited)
        {
            var code = await run.WaitForExit(TimeSpan.FromSeconds(5));
            Assert.Fail($"wemixvisor exited with code {code} while waiting for {what}\n{diagnostics()}");
        }
    }
}
