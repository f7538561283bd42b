using BenchmarkDotNet.Running;
using Wemixvisor.Benchmarks;

// `--smoke` runs every benchmark briefly (CI); any other arguments go to BenchmarkDotNet (`--filter`, `--list flat`…).
var smoke = args.Contains(BenchmarkSettings.SmokeFlag);
var rest = args.Where(a => a != BenchmarkSettings.SmokeFlag).ToArray();
if (!rest.Any(a => a.StartsWith("--filter", StringComparison.Ordinal) || a == "-f" || a.StartsWith("--list", StringComparison.Ordinal)))
{
    rest = [.. rest, "--filter", "*"];
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkSettings).Assembly).Run(rest, BenchmarkSettings.Config(smoke));
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
