using System.Text;
using BenchmarkDotNet.Attributes;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Benchmarks;

/// <summary>Parsing and validating <c>upgrade-info.json</c> in both shapes seen in the field.</summary>
[MemoryDiagnoser]
public class UpgradeInfoParsingBenchmarks
{
    /// <summary>What Cosmos SDK's x/upgrade writes: height as a JSON string, info as a string.</summary>
    private static readonly byte[] s_cosmosShape = Encoding.UTF8.GetBytes(
        """{"name":"v2.1.0-rc1","time":"0001-01-01T00:00:00Z","height":"12345678","info":"{\"binaries\":{\"linux/amd64\":\"https://example.org/node-v2.1.0-linux-amd64.tar.gz?checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}"}""");

    /// <summary>wemixvisor's own shape: height a number, info an object.</summary>
    private static readonly byte[] s_wemixvisorShape = Encoding.UTF8.GetBytes(
        """{"name":"v2.1.0-rc1","height":12345678,"info":{"binary":"gstable","sha256":"0000000000000000000000000000000000000000000000000000000000000000","note":"hard fork at block 12345678"}}""");

    [Benchmark(Baseline = true)]
    public TriggerFile CosmosShape() => Valid(UpgradeInfoParser.Parse(s_cosmosShape));

    [Benchmark]
    public TriggerFile WemixvisorShape() => Valid(UpgradeInfoParser.Parse(s_wemixvisorShape));

    /// <summary>A benchmark of a parse that quietly went wrong would measure the wrong path.</summary>
    private static TriggerFile Valid(TriggerFile file) =>
        file as TriggerFile.Valid ?? throw new InvalidOperationException($"the sample did not parse as a valid plan: {file}");
}
