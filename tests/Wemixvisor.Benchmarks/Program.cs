using BenchmarkDotNet.Running;
using Wemixvisor.Benchmarks;

// `--thirty-days` runs only the thirty-day memory check (ThirtyDayRun); `--smoke` runs every benchmark briefly (CI)
// and then the thirty-day check; any other arguments go to BenchmarkDotNet (`--filter`, `--list flat`…).
if (args.Contains(ThirtyDayRun.Flag))
{
    return ThirtyDayRun.Run(Console.Out);
}
var smoke = args.Contains(BenchmarkSettings.SmokeFlag);
var rest = args.Where(a => a != BenchmarkSettings.SmokeFlag).ToArray();
if (!rest.Any(a => a.StartsWith("--filter", StringComparison.Ordinal) || a == "-f" || a.StartsWith("--list", StringComparison.Ordinal)))
{
    rest = [.. rest, "--filter", "*"];
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkSettings).Assembly).Run(rest, BenchmarkSettings.Config(smoke));
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return (smoke ? ThirtyDayRun.Run(Console.Out) : 0) != 0 || failed ? 1 : 0;
