using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Wemixvisor.Benchmarks;

/// <summary>
/// Benchmarks run in this process (no generated project to build: the machines are small and shared).
/// The full job lets BenchmarkDotNet choose its iterations; the smoke job runs a few short ones.
/// </summary>
public static class BenchmarkSettings
{
    public const string SmokeFlag = "--smoke";

    public static IConfig Config(bool smoke)
    {
        var job = smoke
            ? Job.Default
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithIterationTime(TimeInterval.FromMilliseconds(100))
                .WithId("Smoke")
            : Job.Default.WithId("Full");
        return DefaultConfig.Instance
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumn(StatisticColumn.P95, StatisticColumn.OperationsPerSecond)
            .WithOptions(ConfigOptions.DisableLogFile);
    }
}
