using System.Globalization;
using System.Reactive.Concurrency;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.Benchmarks;

/// <summary>
/// Thirty days of supervision in virtual time (the simulation harness: the real pipeline on fake ports): 300 ms polls
/// all along and one upgrade a day, the node asking for it an hour into each day and running on until it is stopped
/// (gstable). After every day the managed heap is measured after a full, compacting collection; it must be flat from
/// the end of the first day on: what each day's upgrade or 288,000 polls leave behind would show here.
/// </summary>
/// <remarks>
/// The harness's own records of the run (every transition, every launched node, the fake host's log and results) are cleared each
/// day, so the figure is the pipeline's. Allocation is a figure too: the bytes allocated per day, flat as well.
/// </remarks>
public static class ThirtyDayRun
{
    public const string Flag = "--thirty-days";
    public const int Days = 30;

    /// <summary>What the heap may differ by between the end of day 1 and the end of any later day (GC accounting noise).</summary>
    public const long FlatWithinBytes = 64 * 1024;

    private static readonly TimeSpan s_day = TimeSpan.FromDays(1);

    /// <summary>Runs the thirty days, prints one line a day; 0 when the heap stayed flat, 1 otherwise.</summary>
    public static int Run(TextWriter output)
    {
        using var harness = new SupervisorHarness();
        harness.Launcher.OnLaunch = node =>
        {
            var version = node.Binary == FakeUpgradeHost.Genesis ? 0 : int.Parse(node.Binary[1..], CultureInfo.InvariantCulture);
            // An hour into the next day that has not reached that hour yet.
            var ask = TimeSpan.FromDays(Math.Floor(harness.Now / s_day)) + TimeSpan.FromHours(1);
            ask += ask <= harness.Now ? s_day : TimeSpan.Zero;
            harness.Scheduler.Schedule(ask - harness.Now, () => harness.WriteTrigger(Version(version + 1), version + 1));
        };
        for (var version = 1; version <= Days; version++)
        {
            harness.Upgrades.Binaries.Add(Version(version));
        }
        harness.Start();

        output.WriteLine("day  upgraded to  managed heap (bytes)  vs day 1     allocated that day");
        long? first = null;
        var worst = 0L;
        for (var day = 1; day <= Days; day++)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            harness.Advance(s_day);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            harness.Transitions.Clear();
            harness.Launcher.Launched.RemoveRange(0, Math.Max(0, harness.Launcher.Launched.Count - 1));
            harness.Upgrades.Log.Clear();
            harness.Upgrades.Results.Clear();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            first ??= heap;
            if (day > 1)
            {
                worst = Math.Max(worst, Math.Abs(heap - first.Value));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{day,3}  {harness.Upgrades.Current,-11}  {heap,20:N0}  {heap - first.Value,9:+#,0;-#,0;0}  {allocated / 1e6,15:N1} MB"));
        }
        var flat = worst <= FlatWithinBytes && harness.Upgrades.Current == Version(Days);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after day 1 the heap moved by at most {worst:N0} bytes (flat: within {FlatWithinBytes:N0}); upgraded to {harness.Upgrades.Current}: {(flat ? "flat" : "NOT FLAT")}"));
        return flat ? 0 : 1;
    }

    private static string Version(int version) => string.Create(CultureInfo.InvariantCulture, $"v{version}");
}
